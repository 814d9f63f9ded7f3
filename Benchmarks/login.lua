-- wrk script: POST /api/appuser/login as the Swift client does (form body, MD5 password).
wrk.method = "POST"
wrk.headers["app-token"] = os.getenv("APP_TOKEN")
wrk.body = "handle=" .. os.getenv("HANDLE") .. "&password=" .. os.getenv("PASSWORD_MD5")
