#!/usr/bin/env python3
"""Regenerate the CosyncJWT-Server export fixture ("Legacy App").

Mimics what the original Node server (Cosync/CosyncJWT-Server,
libs/cosync/appService.js `exportAppDatabase`) writes:

* csv-writer 1.6.0 `createObjectCsvWriter` with default options:
  ',' delimiter, '\n' record delimiter (also after the last record),
  a header line of the column titles, a field quoted only when it contains
  ',', '\n' or '"' (inner '"' doubled), null/undefined/'' written as nothing,
  every other value written as JavaScript `String(value)`.
* values come from mongoose 5 documents, so Dates are written as
  `Date.prototype.toString()` in the server's time zone (UTC here),
  Booleans as true/false, Numbers as decimal, arrays as `Array#join(',')`
  and plain objects as "[object Object]".
* zip-local 0.3.4 `zipper.sync.zip(dir).compress().save(...)` (JSZip 2.6.1,
  DEFLATE): the five files at the root of the archive, no folder entry,
  in `fs.readdirSync` (strcmp) order.

Only the Python standard library and the openssl CLI are used.  The output
is deterministic: the RSA keys are generated once (PEM files next to this
script) and reused; bcrypt salts are derived from fixed seeds; RS256
(PKCS#1 v1.5) signatures are deterministic; zip timestamps are fixed.
Run with --new-keys to generate fresh RSA keys.
"""

import base64
import ctypes
import ctypes.util
import datetime
import hashlib
import json
import os
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

APP_NAME = "Legacy App"
APP_ID = "5f0c8a2e6b3d4c1e9a7f2b8d4e6c1a30"  # util.getRandomID(): uuid v4 without dashes
REALM_APP_ID = "legacy-app-qwert"
ANON_HANDLE = "ANON_9B2E6F1C-3D4A-4E5B-8C7D-0A1B2C3D4E5F"  # Swift client: "ANON_" + UUID().uuidString
BCRYPT_COST = 10  # hashService.js: saltRounds = 10, node `bcrypt` 5.0.1 -> "$2b$"

USERS = [
    # handle, plain password
    ("legacy1@example.com", "legacy-pass-1"),
    ("legacy2@example.com", "legacy-pass-2"),
]
PENDING_SIGNUP = ("pending@example.com", "legacy-pass-3")

APP_KEY = os.path.join(HERE, "app-private-key.pem")
APP_PUB = os.path.join(HERE, "app-public-key.pem")
SERVER_KEY = os.path.join(HERE, "server-private-key.pem")
SERVER_PUB = os.path.join(HERE, "server-public-key.pem")

CSV_FILES = [
    "app-collection.csv",
    "user-collection.csv",
    "signup-collection.csv",
    "invite-collection.csv",
    "email-template-collection.csv",
]
ZIP_PATH = os.path.join(HERE, "cosync-export.zip")
ZIP_DATE = (2024, 3, 20, 16, 45, 10)


# --------------------------------------------------------------------------
# JavaScript-compatible value formatting


def js_date(y, mo, d, h, mi, s):
    """String(new Date(...)) on a Node server running in UTC."""
    dt = datetime.datetime(y, mo, d, h, mi, s, tzinfo=datetime.timezone.utc)
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "%s %s %02d %04d %02d:%02d:%02d GMT+0000 (Coordinated Universal Time)" % (
        days[dt.weekday()], months[dt.month - 1], dt.day, dt.year,
        dt.hour, dt.minute, dt.second)


def epoch(y, mo, d, h, mi, s):
    return int(datetime.datetime(y, mo, d, h, mi, s,
                                 tzinfo=datetime.timezone.utc).timestamp())


JS_OBJECT = "[object Object]"  # String({...}) of a non-empty mongoose Mixed object


def js_array(items):
    """String(mongooseArray) == Array.prototype.join(',')."""
    return ",".join(items)


# --------------------------------------------------------------------------
# csv-writer 1.6.0 (DefaultFieldStringifier + CsvStringifier)


def csv_field(value):
    if value is None or value == "":
        return ""
    s = str(value)
    if "," in s or "\n" in s or '"' in s:
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_text(header, records):
    lines = [",".join(csv_field(title) for title in header)]
    for rec in records:
        lines.append(",".join(csv_field(rec.get(col)) for col in header))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# crypto helpers


def md5_hex(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()  # lowercase, as the clients send it


_BCRYPT_B64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def bcrypt_salt(seed):
    raw = hashlib.sha256(seed.encode("utf-8")).digest()[:16]
    bits = int.from_bytes(raw, "big") << 4  # 128 bits -> 132 bits = 22 sextets
    return "".join(_BCRYPT_B64[(bits >> (6 * i)) & 63] for i in range(21, -1, -1))


def _crypt(word, setting):
    try:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import crypt  # removed in Python 3.13
        return crypt.crypt(word, setting)
    except ImportError:
        lib = ctypes.CDLL(ctypes.util.find_library("crypt") or "libcrypt.so.1")
        lib.crypt.restype = ctypes.c_char_p
        lib.crypt.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        out = lib.crypt(word.encode(), setting.encode())
        return out.decode() if out else None


def bcrypt_hash(word, seed):
    setting = "$2b$%02d$%s" % (BCRYPT_COST, bcrypt_salt(seed))
    digest = _crypt(word, setting)
    if not digest or not digest.startswith(setting) or len(digest) != 60:
        sys.exit("libcrypt on this machine does not support bcrypt ($2b$)")
    if _crypt(word, digest) != digest:
        sys.exit("bcrypt self-check failed")
    return digest


def openssl(*args, data=None):
    return subprocess.run(["openssl", *args], input=data, check=True,
                          stdout=subprocess.PIPE).stdout


def generate_rsa(priv_path, pub_path):
    """2048-bit key; private key as PKCS#1 ("BEGIN RSA PRIVATE KEY", what
    node-rsa exportKey() gives), public key as SPKI ("BEGIN PUBLIC KEY", what
    node-rsa exportKey('public') gives)."""
    pem = openssl("genrsa", "2048")
    for extra in (["-traditional"], []):  # OpenSSL 3 needs -traditional for PKCS#1
        try:
            pkcs1 = openssl("rsa", *extra, data=pem)
        except subprocess.CalledProcessError:
            continue
        if b"BEGIN RSA PRIVATE KEY" in pkcs1:
            break
    else:
        sys.exit("could not produce a PKCS#1 private key with this openssl")
    spki = openssl("rsa", "-pubout", data=pkcs1)
    with open(priv_path, "wb") as f:
        f.write(pkcs1)
    with open(pub_path, "wb") as f:
        f.write(spki)


def node_rsa_pem(path):
    """node-rsa PEM text: 64-column body, no trailing newline."""
    with open(path, "r", encoding="ascii") as f:
        return f.read().strip()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt_rs256(payload, key_path):
    """jsonwebtoken 8.5.1 jwt.sign(payload, key, {algorithm: 'RS256'})."""
    header = {"alg": "RS256", "typ": "JWT"}
    signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode())
                     + "." + b64url(json.dumps(payload, separators=(",", ":")).encode()))
    sig = openssl("dgst", "-sha256", "-sign", key_path, data=signing_input.encode())
    return signing_input + "." + b64url(sig)


# --------------------------------------------------------------------------
# the exported documents


SIGNUP_TEMPLATE = ("<p>Hello %HANDLE%,</p>\n<p>Please verify your email address: </p>\n"
                   "<p><b>%CODE%</b></p>\n<p>If you didn\u2019t ask to verify this address, "
                   "you can ignore this email.</p>\n<p>Thanks,</p>\n<p>Your %APP_NAME% team</p>")
RESET_TEMPLATE = ("<p>Hello %HANDLE%,</p>\n<p>Here is your code to reset your %APP_NAME% "
                  "password for your %HANDLE% account.</p>\n<p><b>%CODE%</b></p>\n"
                  "<p>If you didn\u2019t ask to reset your password, you can ignore this email.</p>\n"
                  "<p>Thanks,</p>\n<p>Your %APP_NAME% team</p>")

APP_HEADER = [
    "name", "status", "jwtEnabled", "appPrivateKey", "appPublicKey", "appToken",
    "appSecret", "handle", "invitationEnabled", "signupEnabled", "signupFlow",
    "twoFactorVerification", "emailExtension", "emailExtensionAPIKey",
    "emailExtensionSenderEmail", "TWILIOAccountSid", "TWILIOToken",
    "TWILIOPhoneNumber", "googleAppName", "maxLoginAttempts", "passwordFilter",
    "passwordMinLength", "passwordMinUpper", "passwordMinLower",
    "passwordMinDigit", "passwordMinSpecial", "userJWTExpiration", "realmAppId",
    "appData", "metaDataInvite", "metaData", "metaDataEmail", "locales",
    "createdAt", "updatedAt",
]
USER_HEADER = [
    "handle", "password", "status", "appId", "twoFactorPhoneVerification",
    "twoFactorGoogleVerification", "googleSecretKey", "twoFactorCode", "phone",
    "phoneVerified", "phoneCode", "metaData", "lastLogin", "locale", "createdAt",
    "updatedAt",
]
SIGNUP_HEADER = ["handle", "password", "status", "appId", "code", "locale",
                 "metaData", "createdAt", "updatedAt"]
INVITE_HEADER = ["handle", "senderHandle", "senderUserId", "code", "status",
                 "appId", "metaData", "createdAt", "updatedAt"]
# sic: the original lists htmlTemplate twice
EMAIL_HEADER = ["appId", "subject", "replyTo", "templateName", "htmlTemplate",
                "locale", "htmlTemplate", "createdAt", "updatedAt"]


def build(app_token, app_secret, private_b64, public_b64):
    created = (2024, 3, 5, 9, 12, 44)
    app = {
        "name": APP_NAME,
        "status": "active",
        "jwtEnabled": "true",
        "appPrivateKey": private_b64,
        "appPublicKey": public_b64,
        "appToken": app_token,
        "appSecret": app_secret,
        "handle": "email",
        "invitationEnabled": "true",
        "signupEnabled": "true",
        "signupFlow": "code",
        "twoFactorVerification": "none",
        "emailExtension": "false",
        "emailExtensionAPIKey": None,
        "emailExtensionSenderEmail": None,
        "TWILIOAccountSid": None,
        "TWILIOToken": None,
        "TWILIOPhoneNumber": None,
        "googleAppName": None,
        "maxLoginAttempts": None,
        "passwordFilter": "false",
        "passwordMinLength": "5",
        "passwordMinUpper": "0",
        "passwordMinLower": "0",
        "passwordMinDigit": "0",
        "passwordMinSpecial": "0",
        "userJWTExpiration": "24",
        "realmAppId": REALM_APP_ID,
        "appData": None,
        "metaDataInvite": js_array([]),
        # two metadata field definitions ({id, path, required, fieldName, canEdit})
        "metaData": js_array([JS_OBJECT, JS_OBJECT]),
        "metaDataEmail": "true",
        "locales": js_array(["EN"]),
        "createdAt": js_date(*created),
        "updatedAt": js_date(2024, 3, 6, 14, 2, 9),
    }

    (h1, p1), (h2, p2) = USERS
    users = [
        {
            "handle": h1,
            "password": bcrypt_hash(md5_hex(p1), "user:" + h1),
            "status": "active",
            "appId": APP_ID,
            "metaData": JS_OBJECT,
            "lastLogin": js_date(2024, 3, 19, 8, 30, 5),
            "locale": "EN",
            "createdAt": js_date(2024, 3, 5, 10, 1, 17),
            "updatedAt": js_date(2024, 3, 5, 10, 1, 17),
        },
        {
            # went through resetPassword once, which writes these three fields
            "handle": h2,
            "password": bcrypt_hash(md5_hex(p2), "user:" + h2),
            "status": "active",
            "appId": APP_ID,
            "twoFactorPhoneVerification": "false",
            "twoFactorGoogleVerification": "false",
            "googleSecretKey": "",
            "metaData": JS_OBJECT,
            "lastLogin": js_date(2024, 3, 18, 21, 47, 52),
            "locale": "EN",
            "createdAt": js_date(2024, 3, 7, 16, 20, 3),
            "updatedAt": js_date(2024, 3, 12, 11, 5, 40),
        },
        {
            # anonymous login: no password, no locale, no metadata
            "handle": ANON_HANDLE,
            "status": "active",
            "appId": APP_ID,
            "lastLogin": js_date(2024, 3, 20, 7, 59, 1),
            "createdAt": js_date(2024, 3, 11, 13, 44, 26),
            "updatedAt": js_date(2024, 3, 11, 13, 44, 26),
        },
    ]

    sh, sp = PENDING_SIGNUP
    signups = [{
        "handle": sh,
        "password": bcrypt_hash(md5_hex(sp), "signup:" + sh),
        "status": "pending",
        "appId": APP_ID,
        "code": "482913",
        "locale": "EN",
        "metaData": JS_OBJECT,
        "createdAt": js_date(2024, 3, 19, 17, 22, 48),
        "updatedAt": js_date(2024, 3, 19, 17, 22, 48),
    }]

    invites = [{
        "handle": "invitee@example.com",
        "senderHandle": h1,
        "senderUserId": "65e6e1a3c2b4f5a6d7e8f901",
        "code": "731406",
        "status": "pending",
        "appId": APP_ID,
        "metaData": None,  # {} is dropped by mongoose (minimize) -> empty
        "createdAt": js_date(2024, 3, 15, 12, 0, 33),
        "updatedAt": js_date(2024, 3, 15, 12, 0, 33),
    }]

    # createAppEmailTemplate() sets no dates, so both come from the schema
    # default `new Date().toUTCString()`, evaluated once at server start.
    boot = js_date(2024, 3, 4, 18, 0, 2)
    emails = [
        {"appId": APP_ID, "subject": "Verify your email for %APP_NAME%", "replyTo": "",
         "templateName": "signUp", "htmlTemplate": SIGNUP_TEMPLATE, "locale": "EN",
         "createdAt": boot, "updatedAt": boot},
        {"appId": APP_ID, "subject": "Reset your password for %APP_NAME%", "replyTo": "",
         "templateName": "resetPassword", "htmlTemplate": RESET_TEMPLATE, "locale": "EN",
         "createdAt": boot, "updatedAt": boot},
    ]

    return {
        "app-collection.csv": csv_text(APP_HEADER, [app]),
        "user-collection.csv": csv_text(USER_HEADER, users),
        "signup-collection.csv": csv_text(SIGNUP_HEADER, signups),
        "invite-collection.csv": csv_text(INVITE_HEADER, invites),
        "email-template-collection.csv": csv_text(EMAIL_HEADER, emails),
    }


def main():
    new_keys = "--new-keys" in sys.argv[1:]
    for priv, pub in ((APP_KEY, APP_PUB), (SERVER_KEY, SERVER_PUB)):
        if new_keys or not (os.path.exists(priv) and os.path.exists(pub)):
            generate_rsa(priv, pub)

    private_b64 = base64.b64encode(node_rsa_pem(APP_KEY).encode("ascii")).decode("ascii")
    public_b64 = base64.b64encode(node_rsa_pem(APP_PUB).encode("ascii")).decode("ascii")
    iat = epoch(2024, 3, 5, 9, 12, 44)
    app_token = jwt_rs256({"appId": APP_ID, "scope": "app", "iat": iat}, SERVER_KEY)
    app_secret = jwt_rs256({"appId": APP_ID, "scope": "appSecret", "iat": iat}, SERVER_KEY)

    files = build(app_token, app_secret, private_b64, public_b64)
    for name in CSV_FILES:
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
            f.write(files[name])

    with zipfile.ZipFile(ZIP_PATH, "w") as zf:
        for name in sorted(CSV_FILES):  # fs.readdirSync order
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # JSZip 2 writes "made by MS-DOS"
            info.external_attr = 0
            zf.writestr(info, files[name].encode("utf-8"))

    print("appId    ", APP_ID)
    print("appToken ", app_token)
    print("wrote", ", ".join(CSV_FILES + [os.path.basename(ZIP_PATH)]))


if __name__ == "__main__":
    main()
