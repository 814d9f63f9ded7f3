-- GET /api/appuser/getUser with an access token, as every logged-in client call checks one.
wrk.method = "GET"
wrk.headers["access-token"] = os.getenv("ACCESS_TOKEN")
