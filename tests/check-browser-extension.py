#!/usr/bin/env python3
"""check-browser-extension.py — Chromium, headless, with the unpacked
extension, clips through the real native host: a page that needs the
reader's login cookie (its picture too), and a page built by JavaScript.

With a display (Xvfb, in CI) Chromium runs with its window, and the
logged-in page, a passage selected, is clipped as a reader does it from the
keyboard: the extension's shortcut, Alt+Shift+G, pressed through XTEST,
which Chromium takes as a click on the toolbar button. The page built by
JavaScript, and both pages without a display (headless Chromium draws no
toolbar), are clipped by calling what the button and the menu call
(glossClipTab in the extension's service worker) over the DevTools
protocol, which also shows the host's reply. Everything past that is real: the
page's DOM after its scripts, the selection, the native-messaging pipe to
`gloss native-host` (its manifest written by `gloss native-host --install`
into the profile, as for a user), the archive in the library.

Usage: check-browser-extension.py SOURCE_DIR GLOSS_BINARY
Skips (exit 77) when there is no chromium.
"""
import base64
import ctypes
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAE"
                         "hQGAhKmMIQAAAABJRU5ErkJggg==")
STORY = "".join(f"<p>Members paragraph {i}: what only a logged-in reader sees, long enough "
                f"to be the article's text and nothing else.</p>" for i in range(8))
APP = """<html><head><title>Built by script</title></head><body><div id=root></div>
<noscript>You need to enable JavaScript to run this app.</noscript>
<script>
const article = document.createElement('article');
article.innerHTML = '<h1>Built by script</h1>' + Array.from({length: 8}, (_, i) =>
  '<p>Scripted paragraph ' + i + ': text that only exists once the script ran in the '
  + 'browser, long enough to be an article.</p>').join('');
document.getElementById('root').appendChild(article);
</script></body></html>"""


class Site(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        logged_in = "session=reader" in self.headers.get("Cookie", "")
        if self.path == "/login":
            self.send(200, b"<p>Welcome</p>", headers=[("Set-Cookie", "session=reader; Path=/")])
        elif self.path == "/story":
            body = STORY if logged_in else "<p>Please log in.</p>"
            self.send(200, (f"<html><head><title>Members story</title></head><body><article>"
                            f"<h1>Members story</h1><img src='/private.png' alt='chart'>{body}"
                            f"</article></body></html>").encode())
        elif self.path == "/private.png":
            self.send(200, PIXEL, "image/png") if logged_in else self.send(403, b"no")
        elif self.path == "/app":
            self.send(200, APP.encode())
        else:
            self.send(404, b"not here")


class DevTools:
    """A WebSocket client, enough for the DevTools protocol: text frames."""

    def __init__(self, port, path):
        self.sock = socket.create_connection(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(1)
        if b" 101 " not in response.split(b"\r\n")[0]:
            raise RuntimeError(f"DevTools refused the WebSocket: {response!r}")
        self.next_id = 0

    def recv_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("DevTools closed the connection")
            data += chunk
        return data

    def send_frame(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 65536:
            header += bytes([0x80 | 126]) + len(payload).to_bytes(2, "big")
        else:
            header += bytes([0x80 | 127]) + len(payload).to_bytes(8, "big")
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def recv_frame(self):
        first, second = self.recv_exact(2)
        length = second & 0x7F
        if length == 126:
            length = int.from_bytes(self.recv_exact(2), "big")
        elif length == 127:
            length = int.from_bytes(self.recv_exact(8), "big")
        return self.recv_exact(length).decode()

    def call(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.send_frame(json.dumps(message))
        while True:
            reply = json.loads(self.recv_frame())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]


def wait_for(what, predicate, seconds=30):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what}")


def evaluate(tools, session, expression):
    result = tools.call("Runtime.evaluate", session, expression=expression, awaitPromise=True,
                        returnByValue=True)
    if "exceptionDetails" in result:
        raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
    return result["result"].get("value")


def press_keys(*names):
    """Presses the X keys named together, then lets them go, with XTEST, as
    a keyboard would; the pointer goes over the browser's page first."""
    x11 = ctypes.CDLL("libX11.so.6")
    xtest = ctypes.CDLL("libXtst.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XStringToKeysym.restype = ctypes.c_ulong
    x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
    x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    x11.XFlush.argtypes = x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xtest.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    xtest.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                           ctypes.c_int, ctypes.c_ulong]
    display = x11.XOpenDisplay(None)
    xtest.XTestFakeMotionEvent(display, -1, 400, 300, 0)
    x11.XFlush(display)
    time.sleep(0.2)
    codes = [x11.XKeysymToKeycode(display, x11.XStringToKeysym(name.encode())) for name in names]
    for down, order in ((1, codes), (0, list(reversed(codes)))):
        for code in order:
            xtest.XTestFakeKeyEvent(display, code, down, 0)
            x11.XFlush(display)
            time.sleep(0.05)
    x11.XCloseDisplay(display)


def archive_with(library, text):
    for name in os.listdir(library):
        if name.endswith(".html") and text in open(os.path.join(library, name)).read():
            return os.path.join(library, name)
    return None


def check_story_files(path):
    """The logged-in page's archive and sidecar: what the reader saw, the
    picture only their cookie gets, the selection as the first highlight."""
    failures = []
    archive = open(path).read()
    notes = json.load(open(path[:-len(".html")] + ".notes.json"))
    if "Members paragraph 7" not in archive or "Please log in" in archive:
        failures.append("the archive does not hold what the logged-in reader saw")
    if "data:image/png;base64," not in archive:
        failures.append("the picture served only with the cookie is missing")
    quotes = [a["target"]["selector"][0]["exact"] for a in notes["annotations"]]
    if quotes != ["Members paragraph 3"]:
        failures.append(f"the selection is not the first highlight: {quotes}")
    return failures


def check_story(answer):
    if answer.get("type") != "clipped":
        return [f"the logged-in page was not clipped: {answer}"]
    failures = check_story_files(answer["path"])
    if answer["missing"] or not answer["annotation"]:
        failures.append(f"the reply lists {answer['missing']} missing, annotation {answer['annotation']}")
    return failures


def clip_story_by_key(tools, worker_session, library):
    """Alt+Shift+G, the toolbar button's shortcut, on the logged-in page."""
    def button_title():
        return str(evaluate(tools, worker_session, "chrome.tabs.query({active: true})"
                            ".then(([tab]) => chrome.action.getTitle({tabId: tab.id}))"))

    press_keys("Alt_L", "Shift_L", "g")
    try:
        wait_for("the toolbar button to say the page was clipped (Alt+Shift+G)",
                 lambda: button_title().startswith("Clipped to Gloss"))
    except RuntimeError as e:
        return [f"{e}; it says {button_title()!r}"]
    path = archive_with(library, "Members paragraph 7")
    return check_story_files(path) if path else ["no archive holds the logged-in page"]


def check_uninstall(gloss, env, installed):
    """--uninstall takes back the manifests and the link, and nothing else."""
    other = os.path.join(os.path.dirname(installed[0]), "org.example.other.json")
    with open(other, "w") as f:
        f.write("{}")
    removed = subprocess.run([gloss, "native-host", "--uninstall"], env=env, capture_output=True,
                             text=True, check=True).stdout.split()
    left = [path for path in installed + removed if os.path.lexists(path)]
    if len(removed) != len(installed) + 1 or left or not os.path.exists(other):
        return [f"gloss native-host --uninstall removed {removed}, left {left}"]
    return []


def main(source, gloss):
    chromium = shutil.which("chromium")
    if chromium is None:
        print("check-browser-extension: no chromium here; skipped")
        return 77
    work = tempfile.mkdtemp(prefix="gloss-browser-")
    library = os.path.join(work, "library")
    config = os.path.join(work, "config")
    # Chromium's own profile folder, where `gloss native-host --install` puts
    # this user's host manifest.
    profile = os.path.join(config, "chromium")
    os.makedirs(library)
    os.makedirs(profile)
    env = dict(os.environ, HOME=os.path.join(work, "home"), XDG_CONFIG_HOME=config,
               XDG_DATA_HOME=os.path.join(work, "data"), GLOSS_LIBRARY=library)
    installed = subprocess.run([gloss, "native-host", "--install"], env=env, capture_output=True,
                               text=True, check=True).stdout.split()
    with open(os.path.join(source, "extension", "manifest.json")) as f:
        manifest = json.load(f)
    digest = __import__("hashlib").sha256(base64.b64decode(manifest["key"])).hexdigest()[:32]
    extension_id = "".join(chr(ord("a") + int(c, 16)) for c in digest)
    host_manifest = os.path.join(profile, "NativeMessagingHosts", "io.github.glossapp.gloss.json")
    if host_manifest not in installed:
        print(f"not ok: gloss native-host --install wrote {installed}, not {host_manifest}")
        return 1
    with open(host_manifest) as f:
        origins = json.load(f)["allowed_origins"]
    if origins != [f"chrome-extension://{extension_id}/"]:
        print(f"not ok: the host manifest allows {origins}, the extension is {extension_id}")
        return 1

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_port}"
    extension = os.path.join(source, "extension")
    headed = bool(os.environ.get("DISPLAY"))
    window = ["--window-position=0,0", "--window-size=1000,800"] if headed else ["--headless=new"]
    browser = subprocess.Popen([chromium, *window, "--no-sandbox", "--no-first-run",
                                f"--user-data-dir={profile}", "--remote-debugging-port=0",
                                f"--load-extension={extension}",
                                f"--disable-extensions-except={extension}", "about:blank"],
                               env=env, stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(work, "browser.log"), "w"))
    failures = []
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        lines = wait_for("DevToolsActivePort", lambda: os.path.exists(port_file) and
                         open(port_file).read().split("\n"))
        tools = DevTools(int(lines[0]), lines[1])
        worker = wait_for("the extension's service worker", lambda: next(
            (t for t in tools.call("Target.getTargets")["targetInfos"]
             if t["type"] == "service_worker" and extension_id in t["url"]), None))
        page = next(t for t in tools.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        page_session = tools.call("Target.attachToTarget", targetId=page["targetId"],
                                  flatten=True)["sessionId"]
        worker_session = tools.call("Target.attachToTarget", targetId=worker["targetId"],
                                    flatten=True)["sessionId"]

        def visit(path):
            tools.call("Page.navigate", page_session, url=site + path)
            wait_for(path, lambda: evaluate(tools, page_session,
                                            f"location.pathname == '{path}' && "
                                            f"document.readyState == 'complete'"))

        def clip():
            return evaluate(tools, worker_session,
                            "chrome.tabs.query({active: true}).then(([tab]) => glossClipTab(tab, 'reader'))")

        visit("/login")
        visit("/story")
        evaluate(tools, page_session, """(() => {
            const p = document.querySelectorAll('p')[3];
            const text = p.firstChild;
            const range = document.createRange();
            range.setStart(text, 0); range.setEnd(text, 'Members paragraph 3'.length);
            getSelection().removeAllRanges(); getSelection().addRange(range); return true; })()""")
        if headed:
            failures += clip_story_by_key(tools, worker_session, library)
        else:
            failures += check_story(clip())
        visit("/app")
        answer = clip()
        if answer.get("type") != "clipped":
            failures.append(f"the page built by JavaScript was not clipped: {answer}")
        elif "Scripted paragraph 7" not in open(answer["path"]).read():
            failures.append("the archive of the JavaScript page lacks the text its script wrote")
    finally:
        browser.terminate()
        browser.wait(10)
        server.shutdown()
        failures += check_uninstall(gloss, env, installed)
        if failures:
            # The host's standard error goes to the browser's.
            print(open(os.path.join(work, "browser.log")).read()[-4000:])
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print(f"check-browser-extension: {failure}")
    if not failures:
        print("check-browser-extension: Chromium clipped both pages through gloss native-host")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
