"""The portal in a real browser: headless Chromium driven by Selenium through Debian's chromedriver.

Run by EndToEndTests/PortalBrowserTests against a host started with `serve --portal`. Arguments come as
environment variables (PORTAL_URL, OPERATOR_EMAIL, OPERATOR_PASSWORD, HOST_URL, SERVER_SECRET,
SCREENSHOTS). Every step is checked in the page the browser shows; screenshots of the main pages go to
SCREENSHOTS. Exits non-zero, naming the step, when a check fails.
"""
import hashlib
import json
import os
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

PORTAL = os.environ["PORTAL_URL"].rstrip("/")
HOST_URL = os.environ["HOST_URL"].rstrip("/")
EMAIL = os.environ["OPERATOR_EMAIL"]
PASSWORD = os.environ["OPERATOR_PASSWORD"]
SECRET = os.environ["SERVER_SECRET"]
SHOTS = os.environ["SCREENSHOTS"]
os.makedirs(SHOTS, exist_ok=True)


DOWNLOADS = os.path.join(SHOTS, "downloads")


def browser():
    options = webdriver.ChromeOptions()
    options.add_experimental_option("prefs", {"download.default_directory": DOWNLOADS, "download.prompt_for_download": False})
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    # Debian's driver, never one downloaded at run time.
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": DOWNLOADS})
    return driver


def step(name):
    print(f"step: {name}", flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def user_api(path, body=None, app_token=None, access_token=None):
    """A call of the end-user API as a client makes it (a POST with a JSON body, or a GET); answers
    (status, JSON)."""
    if body is None:
        request = urllib.request.Request(HOST_URL + path, method="GET")
    else:
        request = urllib.request.Request(HOST_URL + path, data=json.dumps(body).encode(), method="POST")
        request.add_header("Content-Type", "application/json")
    if app_token:
        request.add_header("app-token", app_token)
    if access_token:
        request.add_header("access-token", access_token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def main():
    driver = browser()
    # Generous: on a 2-core machine the whole suite runs beside the browser.
    # An element found just before a form's answer replaces the page goes stale: look again.
    wait = WebDriverWait(driver, 30, ignored_exceptions=(StaleElementReferenceException,))
    try:
        def shot(name):
            driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))

        def click(element_id):
            driver.find_element(By.ID, element_id).click()

        def shown(element_id):
            """The element once the page that has it is loaded."""
            return wait.until(EC.presence_of_element_located((By.ID, element_id)))

        def fill(name, value, form=None):
            scope = form or driver
            field = scope.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)

        step("a page without a session leads to the login")
        driver.get(PORTAL + "/")
        wait.until(EC.url_contains("/login"))
        shot("01-login")

        step("a wrong password is refused")
        fill("email", EMAIL)
        fill("password", "not the password")
        click("login")
        check("wrong email, password or code" in shown("login-error").text, "no error for a wrong password")

        step("the operator logs in")
        fill("email", EMAIL)
        fill("password", PASSWORD)
        click("login")
        wait.until(EC.presence_of_element_located((By.ID, "hosts")))
        check("This host" in driver.page_source and "up" in driver.find_element(By.ID, "hosts").text, "the host serving the portal is listed, up")
        shot("02-hosts")

        step("adding a host with a wrong secret is refused at the field")
        click("add-host")
        fill("name", "Second view")
        fill("url", HOST_URL)
        fill("secret", "ss_wrong")
        click("save-host")
        check("refused the server secret" in shown("error-secret").text, "no field error for a wrong secret")
        shot("03-host-wrong-secret")
        fill("secret", SECRET)
        click("save-host")
        wait.until(EC.presence_of_element_located((By.ID, "create-app")))

        step("an app is created and its credentials shown once")
        fill("name", "Browser App")
        click("create-app")
        wait.until(EC.presence_of_element_located((By.ID, "app-token")))
        token = driver.find_element(By.ID, "app-token").text
        check(token.startswith("app_") and driver.find_element(By.ID, "app-secret").text.startswith("as_"), "credentials shown")
        shot("04-app-created")
        click("open-app")
        wait.until(EC.presence_of_element_located((By.ID, "tab-settings")))
        check(driver.find_element(By.ID, "app-token").text == token, "the overview shows the token")
        shot("05-app-overview")

        step("a bad setting is shown at its field; a good one is saved")
        click("tab-settings")
        wait.until(EC.presence_of_element_located((By.ID, "save-settings")))
        Select(driver.find_element(By.ID, "setting-signupFlow")).select_by_value("none")
        Select(driver.find_element(By.ID, "setting-invitationEnabled")).select_by_value("true")
        fill("maxLoginAttempts", "many")
        click("save-settings")
        check("maxLoginAttempts" in shown("error-maxLoginAttempts").text, "no field error for a bad number")
        shot("06-settings-error")
        fill("maxLoginAttempts", "5")
        click("save-settings")
        wait.until(EC.presence_of_element_located((By.CLASS_NAME, "notice")))
        check("Saved" in driver.find_element(By.CLASS_NAME, "notice").text, "settings not saved")

        step("a user signs up through the user API, is found and suspended in the portal")
        status, answer = user_api(
            "/api/appuser/signup", {"handle": "browser.user@example.com", "password": hashlib.md5(b"browser password").hexdigest()}, app_token=token
        )
        check(status == 200 and "access-token" in answer, f"signup: {status} {answer}")
        session = answer["access-token"]
        status, answer = user_api(
            "/api/appuser/login", {"handle": "browser.user@example.com", "password": hashlib.md5(b"browser password").hexdigest()}, app_token=token
        )
        check(status == 200, f"login: {status} {answer}")
        status, _ = user_api("/api/appuser/getUser", access_token=session)
        check(status == 200, f"getUser before: {status}")
        click("tab-users")
        fill("q", "browser.user")
        click("search-users")
        # The users tab has a list too: wait for the search's own page before reading it.
        wait.until(EC.url_contains("q=browser.user"))
        check(
            wait.until(EC.text_to_be_present_in_element((By.ID, "users"), "browser.user@example.com")),
            "the user is found",
        )
        shot("07-users")
        wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "button.suspend[data-user='browser.user@example.com']"))).click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "button.activate[data-user='browser.user@example.com']")))
        status, answer = user_api("/api/appuser/getUser", access_token=session)
        check(answer.get("code") == 405, f"a suspended user's next call must be refused: {status} {answer}")

        step("the overview charts today's sign-up and login")
        click("tab-overview")
        chart = shown("activity-chart")
        bars = chart.find_elements(By.TAG_NAME, "rect")
        check(len(bars) == 60, f"two bars a day for 30 days, not {len(bars)}")
        titles = [bar.find_element(By.TAG_NAME, "title").get_attribute("textContent") for bar in bars[-2:]]
        check(titles[0].endswith(": 1 sign-ups") and titles[1].endswith(": 1 logins"), f"today's bars: {titles}")
        check(driver.find_element(By.ID, "signups-30").text == "1", "the 30-day sign-ups")
        shot("08-overview")

        step("a template is edited and its preview shows the sample code")
        click("tab-templates")
        shown("template-signUp").click()
        html = shown("template-html")
        html.clear()
        html.send_keys("<p>Your code is <b>%CODE%</b>, %HANDLE%.</p>")
        click("save-template")
        wait.until(EC.presence_of_element_located((By.CLASS_NAME, "notice")))
        check("saved" in driver.find_element(By.CLASS_NAME, "notice").text, "template not saved")
        driver.switch_to.frame(shown("template-preview"))
        preview = wait.until(EC.presence_of_element_located((By.TAG_NAME, "p"))).text
        driver.switch_to.default_content()
        check("123456" in preview and "someone@example.com" in preview, f"preview: {preview}")
        shot("09-templates")

        step("two people are invited")
        click("tab-pending")
        fill("handles", "friend.one@example.com\nfriend.two@example.com")
        click("send-invites")
        invites = shown("invites").text
        check("friend.one@example.com" in invites and "friend.two@example.com" in invites, f"invitations: {invites}")
        shot("10-invitations")

        step("the app is exported and imported back as a copy")
        click("tab-move")
        click("export-app")
        deadline = time.time() + 30
        exports = []
        while time.time() < deadline:
            exports = [name for name in os.listdir(DOWNLOADS) if name.endswith(".zip")] if os.path.isdir(DOWNLOADS) else []
            if exports:
                break
            time.sleep(0.2)
        check(exports, "no export downloaded")
        shot("11-move")
        driver.find_element(By.LINK_TEXT, "Second view").click()
        shown("import-app")
        driver.find_element(By.NAME, "file").send_keys(os.path.join(DOWNLOADS, exports[0]))
        fill("appName", "Browser App copy")
        click("import-app")
        check("Browser App copy was imported" in shown("open-imported-app").find_element(By.XPATH, "/html").text, "no import report")
        shot("12-import-report")
        click("open-imported-app")
        check(shown("user-count").text == "1", "the copy has the user")

        step("the operator logs out")
        click("logout")
        wait.until(EC.url_contains("/login"))
        driver.get(PORTAL + "/")
        wait.until(EC.url_contains("/login"))
        print(f"screenshots: {SHOTS}", flush=True)
    except (AssertionError, WebDriverException) as failure:
        try:
            driver.save_screenshot(os.path.join(SHOTS, "failure.png"))
        except WebDriverException:
            pass
        print(f"FAILED at {driver.current_url}: {failure}", file=sys.stderr, flush=True)
        return 1
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
