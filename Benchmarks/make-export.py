#!/usr/bin/env python3
"""Writes an export zip in the original CoSync layout with N users, for the export/import benchmark.

User i is user<i>@example.com with the user name member<i>. Every user shares one well-formed argon2id hash string (an import checks the form, not the password),
so the file is made in seconds and the importer does per row what it does with real exports.
    python3 Benchmarks/make-export.py 100000 /tmp/bench-100k.zip
"""
import csv, io, sys, zipfile

HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Xzq0b2m3QyYcJ3Zp1H1m1u0a0m2l6m7s3s2Y9b0a4Q"

def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    app_cols = ["name", "status", "signupEnabled", "signupFlow", "locales", "createdAt", "updatedAt"]
    user_cols = ["handle", "password", "status", "appId", "metaData", "lastLogin", "locale", "createdAt", "updatedAt",
                 "userName"]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(app_cols)
        w.writerow(["Benchmark App", "active", "true", "code", "EN", "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z"])
        z.writestr("app-collection.csv", buf.getvalue())
        with z.open("user-collection.csv", "w") as f:
            text = io.TextIOWrapper(f, encoding="utf-8", newline="")
            w = csv.writer(text, lineterminator="\n")
            w.writerow(user_cols)
            for i in range(count):
                w.writerow([f"user{i}@example.com", HASH, "active", "bench",
                            '{"user_data":{"name":"User %d","plan":"free"}}' % i,
                            "2024-03-01T10:00:00.000Z", "EN", "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z",
                            f"member{i}"])
            text.flush()

if __name__ == "__main__":
    main()
