#!/usr/bin/python3
"""A stand-in for Twilio's Messages API on loopback, for the tests (Python's standard library only).

POST /2010-04-01/Accounts/<sid>/Messages.json with basic auth and a form (To, From, Body). In mode `ok`
each message is written to OUTDIR/<n>.json and answered 201 as Twilio does; `reject` answers 400 with
Twilio's error for a bad number; `fail` answers 503. Writes --ready-file once listening; runs until killed.
"""
import argparse, base64, json, os, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--outdir", required=True)
    p.add_argument("--sid", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--mode", default="ok", choices=["ok", "reject", "fail"])
    p.add_argument("--ready-file", required=True)
    return p.parse_args()


ARGS = parse_args()
LOCK = threading.Lock()
COUNT = [0]


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

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length).decode()
        expected = "Basic " + base64.b64encode(f"{ARGS.sid}:{ARGS.token}".encode()).decode()
        if self.path != f"/2010-04-01/Accounts/{ARGS.sid}/Messages.json":
            return self.answer(404, {"code": 20404, "message": "The requested resource was not found", "status": 404})
        if self.headers.get("Authorization") != expected:
            return self.answer(401, {"code": 20003, "message": "Authenticate", "status": 401})
        if ARGS.mode == "fail":
            return self.answer(503, {"code": 20500, "message": "Service unavailable", "status": 503})
        form = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
        if ARGS.mode == "reject":
            return self.answer(400, {"code": 21211, "message": f"The 'To' number {form.get('To')} is not a valid phone number.", "status": 400})
        with LOCK:
            COUNT[0] += 1
            n = COUNT[0]
        record = {"to": form.get("To"), "from": form.get("From"), "body": form.get("Body"), "sid": f"SM{n:032d}"}
        path = os.path.join(ARGS.outdir, "%03d.json" % n)
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(path + ".tmp", path)
        self.answer(201, dict(record, status="queued"))


def main():
    os.makedirs(ARGS.outdir, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    with open(ARGS.ready_file + ".tmp", "w") as f:
        f.write("READY\n")
    os.rename(ARGS.ready_file + ".tmp", ARGS.ready_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
