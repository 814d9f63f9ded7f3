#!/usr/bin/python3
"""A real SMTP server on loopback for the tests (Debian's python3-aiosmtpd), plus misbehaving modes.

Each received message is parsed with Python's email package and written to MAILDIR/<n>.json, so tests
check what a real mail client would read. Prints READY (and writes --ready-file) once listening; runs until killed.
"""
import argparse, asyncio, json, os, ssl, sys, threading, time
from orphan_guard import exit_with_parent  # beside this script
from email import message_from_bytes, policy


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--maildir", required=True)
    p.add_argument("--mode", default="plain",
                   choices=["plain", "starttls", "implicit", "reject-rcpt-451", "reject-rcpt-550",
                            "drop-after-mail", "silent", "no-starttls", "starttls-inject"])
    p.add_argument("--cert"); p.add_argument("--key")
    p.add_argument("--auth", help="user:password required")
    p.add_argument("--only-login", action="store_true", help="offer AUTH LOGIN only")
    p.add_argument("--ready-file", help="written once listening (a file, since a pipe may be held open by others)")
    return p.parse_args()


class Saver:
    def __init__(self, maildir):
        self.maildir = maildir
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.content, policy=policy.default)
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
            "subject": str(msg["subject"]), "from": str(msg["from"]), "to": str(msg["to"]),
            "reply_to": str(msg["reply-to"]) if msg["reply-to"] else None,
            "message_id": str(msg["message-id"]), "date": str(msg["date"]),
            "content_type": msg.get_content_type(),
            "text": text.get_content() if text else None,
            "html": html.get_content() if html is not None and html.get_content_type() == "text/html" else None,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "raw": envelope.content.decode("utf-8", "replace"),
        }
        with self.lock:
            self.count += 1
            path = os.path.join(self.maildir, "%03d.json" % self.count)
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(path + ".tmp", path)
        return "250 OK queued"


def ready(args):
    print("READY", flush=True)
    if args.ready_file:
        with open(args.ready_file + ".tmp", "w") as f:
            f.write("READY\n")
        os.rename(args.ready_file + ".tmp", args.ready_file)


def tls_context(args):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(args.cert, args.key)
    return ctx


def run_aiosmtpd(args):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server, session, envelope, mechanism, auth_data):
        user, password = args.auth.split(":", 1)
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password
        # handled=False: the server itself answers 535 on failure.
        return AuthResult(success=ok, handled=False)

    kwargs = {}
    if args.mode == "starttls":
        kwargs.update(tls_context=tls_context(args), require_starttls=True)
    if args.mode == "implicit":
        kwargs.update(ssl_context=tls_context(args))
    if args.auth:
        # aiosmtpd 1.4 only counts STARTTLS as TLS for auth_require_tls, not an implicit-TLS socket.
        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=args.mode == "starttls")
        if args.only_login:
            kwargs.update(auth_exclude_mechanism=["PLAIN"])
    controller = Controller(Saver(args.maildir), hostname="127.0.0.1", port=args.port, **kwargs)
    controller.start()
    ready(args)
    while True:
        time.sleep(3600)


async def misbehave(args):
    async def session(reader, writer):
        if args.mode == "silent":
            await asyncio.sleep(3600)
            return
        writer.write(b"220 sink ESMTP\r\n")
        while True:
            line = await reader.readline()
            if not line:
                return
            verb = line.decode().strip().upper()
            if verb.startswith("EHLO"):
                if args.mode == "starttls-inject":
                    writer.write(b"250-sink\r\n250-STARTTLS\r\n250 SIZE 1000000\r\n")
                else:
                    writer.write(b"250-sink\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n")
            elif verb == "STARTTLS" and args.mode == "starttls-inject":
                # A man in the middle's trick: plaintext that the client would read as if it came
                # through TLS, sent with the go-ahead.
                writer.write(b"220 go ahead\r\n250-injected\r\n250 AUTH PLAIN\r\n")
            elif verb.startswith("MAIL FROM"):
                if args.mode == "drop-after-mail":
                    writer.close()
                    return
                writer.write(b"250 OK\r\n")
            elif verb.startswith("RCPT TO"):
                if args.mode == "reject-rcpt-451":
                    writer.write(b"451 4.3.0 try again later\r\n")
                elif args.mode == "reject-rcpt-550":
                    writer.write(b"550 5.1.1 no such user\r\n")
                else:
                    writer.write(b"250 OK\r\n")
            elif verb == "QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                writer.close()
                return
            else:
                writer.write(b"502 not here\r\n")
            await writer.drain()

    server = await asyncio.start_server(session, "127.0.0.1", args.port)
    ready(args)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    exit_with_parent()
    args = parse_args()
    os.makedirs(args.maildir, exist_ok=True)
    if args.mode in ("plain", "starttls", "implicit"):
        run_aiosmtpd(args)
    else:
        asyncio.run(misbehave(args))
