#!/usr/bin/python3
"""A stand-in for Twilio's Messages API on loopback, for the tests (Python's standard library only).

POST /2010-04-01/Accounts/<sid>/Messages.json with basic auth (--sid:--token) and a form (To, From, Body).
Modes: `ok` writes each message to OUTDIR/<n>.json and answers 201 as Twilio does; `reject` answers 400
with Twilio's error for a bad number; `fail` answers 503; `throttle` answers 429; `hang` never answers.
Every request (whatever its outcome) is also logged to OUTDIR/requests.log, one line each, so a test can
tell that none was made. HTTP/1.1 with keep-alive, as AsyncHTTPClient uses it: every answer carries a
Content-Length and the request body is always read first. Writes --ready-file once listening; runs until killed.
"""
import argparse, base64, json, os, threading, time
from orphan_guard import exit_with_parent  # beside this script
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--outdir", required=True)
    p.add_argument("--sid", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--mode", default="ok", choices=["ok", "reject", "fail", "throttle", "hang"])
    p.add_argument("--ready-file", required=True, help="written once listening (a file, since a pipe may be held open by others)")
    return p.parse_args()


ARGS = parse_args()
LOCK = threading.Lock()
COUNT = [0]


def write_json(path, record):
    with open(path + ".tmp", "w") as f:
        json.dump(record, f)
    os.rename(path + ".tmp", path)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, code, message):
        self.answer(status, {"code": code, "message": message, "more_info": "https://www.twilio.com/docs/errors/%d" % code,
                             "status": status})

    def log_request_line(self):
        with LOCK:
            with open(os.path.join(ARGS.outdir, "requests.log"), "a") as f:
                f.write("%s %s\n" % (self.command, self.path))

    def do_GET(self):
        self.log_request_line()
        self.error(405, 20004, "Method not allowed")

    def do_POST(self):
        # Read the whole body first, whatever the answer, so a kept-alive connection stays in step.
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        self.log_request_line()
        if self.path != "/2010-04-01/Accounts/%s/Messages.json" % ARGS.sid:
            return self.error(404, 20404, "The requested resource %s was not found" % self.path)
        expected = "Basic " + base64.b64encode(("%s:%s" % (ARGS.sid, ARGS.token)).encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self.error(401, 20003, "Authenticate")
        if ARGS.mode == "hang":
            time.sleep(3600)
            return
        if ARGS.mode == "fail":
            return self.error(503, 20503, "Service unavailable")
        if ARGS.mode == "throttle":
            return self.error(429, 20429, "Too Many Requests")
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
            return self.error(400, 20001, "Expected a form")
        # A form is ASCII on the wire: anything else must have been percent-encoded.
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError:
            return self.error(400, 20001, "The form is not percent-encoded")
        form = {k: v[0] for k, v in parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="strict").items()}
        if ARGS.mode == "reject":
            return self.error(400, 21211, "The 'To' number %s is not a valid phone number." % form.get("To"))
        with LOCK:
            COUNT[0] += 1
            n = COUNT[0]
        sid = "SM%032x" % n
        record = {"to": form.get("To"), "from": form.get("From"), "body": form.get("Body"), "sid": sid, "raw": text}
        write_json(os.path.join(ARGS.outdir, "%03d.json" % n), record)
        self.answer(201, {"sid": sid, "account_sid": ARGS.sid, "status": "queued", "to": record["to"],
                          "from": record["from"], "body": record["body"], "num_segments": "1", "direction": "outbound-api",
                          "error_code": None, "error_message": None, "api_version": "2010-04-01",
                          "uri": "/2010-04-01/Accounts/%s/Messages/%s.json" % (ARGS.sid, sid)})


def main():
    exit_with_parent()
    os.makedirs(ARGS.outdir, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    print("READY", flush=True)
    with open(ARGS.ready_file + ".tmp", "w") as f:
        f.write("READY\n")
    os.rename(ARGS.ready_file + ".tmp", ARGS.ready_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
