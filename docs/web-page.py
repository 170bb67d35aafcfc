"""Drives the service's web page in headless Chromium through ChromeDriver (W3C WebDriver, stdlib only).

Logs in, uploads a list through a campaign's form, follows the run's page to its end, opens its report,
starts a larger run, sees a third upload refused while it sends, and saves a screenshot of the front page.
Run by docs/web-page.sh, which starts the service; exits non-zero at the first step that does not work.
"""
import base64
import json
import sys
import time
import urllib.request

DRIVER, SITE, TOKEN, SMALL, LARGE, OTHER, SHOT = sys.argv[1:8]
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(DRIVER + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)["value"]


def step(text):
    print("web page:", text, flush=True)


session = call("POST", "/session", {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]}}}})["sessionId"]
s = "/session/" + session


def go(url):
    call("POST", s + "/url", {"url": SITE + url})


def find(css):
    return call("POST", s + "/element", {"using": "css selector", "value": css})[ELEMENT]


def source():
    return call("GET", s + "/source")


def here():
    return call("GET", s + "/url")[len(SITE):]


def await_text(text, seconds=120):
    deadline = time.time() + seconds
    while text not in source():
        if time.time() > deadline:
            raise SystemExit(f"'{text}' never appeared on {here()}")
        time.sleep(0.5)


def upload(campaign, path):
    form = f"form[action^='/campaigns/{campaign}/recipients']"
    call("POST", s + "/element/" + find(form + " input[type=file]") + "/value", {"text": path})
    call("POST", s + "/element/" + find(form + " button") + "/click", {})


try:
    go("/")
    assert here() == "/login", "a browser without a session is sent to the login form"
    call("POST", s + "/element/" + find("input[name=token]") + "/value", {"text": TOKEN})
    call("POST", s + "/element/" + find("form[action='/login'] button") + "/click", {})
    assert here() == "/", f"logged in: {here()}"
    step("logged in with the token")

    upload("welcome-email", SMALL)
    first = here()
    assert first.startswith("/runs/"), f"the upload leads to the run's page: {first}"
    step(f"uploaded {SMALL} through the form: {first}")
    await_text("status COMPLETED")
    call("POST", s + "/element/" + find("a[href$='/files/report.html']") + "/click", {})
    assert "welcome-email: run" in source() and "<svg" in source(), "the report opens"
    step("the run completed and its report opens")

    go("/")
    upload("welcome-email", LARGE)
    second = here()
    await_text("reloads itself while the run is sending")
    step(f"a larger list is sending: {second}")
    go("/")
    upload("welcome-email", OTHER)
    third = here()
    await_text("REFUSED")
    step(f"a third list uploaded while it sends is refused, with the reason: {third}")

    go("/")
    deadline = time.time() + 60
    while not any(f"{p}%" in source() for p in range(15, 90)):
        if time.time() > deadline:
            raise SystemExit("the larger run's progress never showed on the front page")
        time.sleep(0.5)
        go("/")
    with open(SHOT, "wb") as out:
        out.write(base64.b64decode(call("GET", s + "/screenshot")))
    step(f"screenshot of the front page saved to {SHOT}")

    go(second)
    await_text("status COMPLETED", 180)
    step("the larger run completed")
finally:
    call("DELETE", s)
