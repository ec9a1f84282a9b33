"""Helpers of the browser checks (scripts/report-check, scripts/serve-check), standard library only:
finding or installing headless Chromium, counting a PNG screenshot's non-white pixels, reading the
requests a page made from Chromium's NetLog, and a small DevTools-protocol client over a WebSocket
(enough to drive a page: navigate, evaluate, type, click, take screenshots)."""
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import time
import urllib.parse
import zlib


def find_chromium(tool):
    """The Chromium binary, installing Debian's package when missing; None (after saying why) when it cannot."""
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return name
    print(f"{tool}: installing chromium")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    ok = subprocess.run(sudo + ["apt-get", "update", "-qq"], env=env).returncode == 0 and subprocess.run(
        sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"], env=env).returncode == 0
    if ok and shutil.which("chromium"):
        return "chromium"
    print(f"{tool}: SKIPPED: Debian's chromium package could not be installed (apt-get install chromium)")
    return None


def headless_flags(profile, loopback=False):
    """Flags for a quiet, offline headless Chromium: no background traffic, every host name resolving to
    nothing (but 127.0.0.1 when `loopback`)."""
    rules = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" if loopback else "MAP * ~NOTFOUND"
    return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions",
            # Chromium's own form-autofill queries to Google carry the page's site; they are the
            # browser's traffic, not the page's, and are turned off.
            "--disable-features=AutofillServerCommunication", f"--user-data-dir={profile}", f"--host-resolver-rules={rules}"]


def non_white(png):
    """(pixels not near-white, all pixels) of a PNG given as bytes (8-bit RGB or RGBA)."""
    data = png
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, bpp = 8, b"", 0, 0, 3
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"PNG depth {depth} colour {colour}"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, prev, count, total, i = zlib.decompress(idat), width * bpp, bytearray(width * bpp), 0, 0, 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            total += 1
            if line[x] < 245 or line[x + 1] < 245 or line[x + 2] < 245:
                count += 1
        prev = line
    return count, total


def page_requests(path, site):
    """The URLs of every request a page of `site` (a string in the request's network isolation key,
    such as "file://" or "http://127.0.0.1:8080") started, from a NetLog file."""
    text = open(path, encoding="utf-8").read()
    try:
        log = json.loads(text)
    except json.JSONDecodeError:
        # A log the browser did not finish: its events array is left open.
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    out = []
    for e in log["events"]:
        p = e.get("params", {})
        if names.get(e["type"]) == "URL_REQUEST_START_JOB" and site in p.get("network_isolation_key", ""):
            out.append(p["url"])
    return out


def free_port():
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DevTools:
    """A DevTools-protocol client over one WebSocket to the browser, with one page attached (flat sessions)."""

    def __init__(self, ws_url, timeout=60):
        u = urllib.parse.urlparse(ws_url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {u.path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            head += chunk
        head, self.buf = head.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError("DevTools refused the WebSocket: " + head.split(b"\r\n")[0].decode())
        self.next_id, self.events, self.session = 0, [], None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")

    def _exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _frame(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n)
                                         if n < 65536 else bytes([0x80 | 127]) + struct.pack(">Q", n))
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _receive(self):
        data = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            mask = self._exact(4) if b1 & 0x80 else None
            payload = self._exact(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 8:
                raise ConnectionError("DevTools closed the connection")
            if opcode == 9:
                self._frame(10, payload)
                continue
            data += payload
            if b0 & 0x80:
                return json.loads(data)

    def call(self, method, params=None):
        """Sends a command to the page (or to the browser before a page is attached) and returns its result."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        self._frame(1, json.dumps(message).encode())
        while True:
            m = self._receive()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error'].get('message')}")
                return m.get("result", {})
            self.events.append(m)

    def close_browser(self):
        """Asks the browser to close, so that it finishes its logs."""
        self.session = None
        try:
            self.call("Browser.close")
        except (ConnectionError, OSError):
            pass

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page (promises awaited)."""
        r = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression[:80]}: {r['exceptionDetails'].get('text')}")
        return r["result"].get("value")

    def wait_for(self, expression, what, timeout=30):
        """Polls until `expression` is truthy in the page; raises naming `what` when it never is."""
        end = time.time() + timeout
        while time.time() < end:
            try:
                if self.evaluate(f"!!({expression})"):
                    return
            except RuntimeError:
                pass  # the page is navigating
            time.sleep(0.1)
        raise TimeoutError(f"waited {timeout} s for {what}")

    def navigate(self, url):
        self.call("Page.navigate", {"url": url})

    def type_text(self, text):
        """Types into the focused element, as a keyboard would."""
        self.call("Input.insertText", {"text": text})

    def press(self, key, code=None, key_code=0, text=None):
        """Presses and releases one key (for example Enter or ArrowRight) on the focused element."""
        down = {"type": "keyDown", "key": key, "code": code or key, "windowsVirtualKeyCode": key_code}
        if text:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", down)
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code or key, "windowsVirtualKeyCode": key_code})

    def click(self, selector):
        """Clicks the middle of the first element matching `selector` with the mouse."""
        box = self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null; "
                            f"e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); "
                            f"return {{x: r.left + r.width / 2, y: r.top + r.height / 2}}; }})()")
        if not box:
            raise LookupError(f"nothing on the page matches {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"], "button": "left", "clickCount": 1})

    def screenshot(self, selector=None):
        """The page, or the first element matching `selector`, as PNG bytes."""
        params = {"format": "png"}
        if selector:
            box = self.evaluate(f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect(); "
                                f"return {{x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: Math.min(r.height, 4000)}}; }})()")
            params.update(clip=dict(box, scale=1), captureBeyondViewport=True)
        return base64.b64decode(self.call("Page.captureScreenshot", params)["data"])

    def unnamed_controls(self):
        """The accessibility tree's images, links, form controls and tables that have no accessible name."""
        nodes = self.call("Accessibility.getFullAXTree")["nodes"]
        out = []
        for n in nodes:
            role = (n.get("role") or {}).get("value")
            name = (n.get("name") or {}).get("value")
            if role in ("image", "link", "textbox", "searchbox", "slider", "combobox", "button") and not name and not n.get("ignored"):
                out.append(role)
        return out
