#!/usr/bin/env python3
"""Full-page screenshots of HTML files in headless Chromium, and what the
page measures at that width -- for tests/screens.sh; no browser driver
needed: Chromium is driven over its DevTools pipe (--remote-debugging-pipe,
JSON messages ended by a NUL byte, commands on fd 3, answers on fd 4).

    shoot.py BROWSER WIDTH IN.html OUT.png [Y+H=PART.png ...]

Each Y+H=PART.png also writes the band of the page from Y to Y+H CSS px
(the full page of a phone is too tall to look at in one image).

Headless Chromium lays a window out at least 500 px wide, so the width is
set by device emulation (Emulation.setDeviceMetricsOverride; "mobile"
below 500 px, as a phone).  Prints lines of measurements:
    width W scroll_width S height H      (S > W: the page scrolls sideways)
    wide TAG.CLASS RIGHT "TEXT"          an element whose right edge passes W
    region LABEL SCROLL_WIDTH/WIDTH      a table region that scrolls inside
    heading TOP "TEXT"                   each h1/h2, its top in CSS px
Exit 0 when shot, 1 when the browser failed."""

import base64
import fcntl
import json
import os
import subprocess
import sys
import tempfile

MEASURE = r"""
(function () {
	var W = document.documentElement.clientWidth, out = [];
	out.push("width " + W + " scroll_width " + document.documentElement.scrollWidth +
		 " height " + document.documentElement.scrollHeight);
	var seen = 0;
	document.querySelectorAll("body *").forEach(function (e) {
		var r = e.getBoundingClientRect();
		if (seen >= 12 || r.width === 0 || r.right <= W + 0.5)
			return;
		/* inside a region that scrolls: not the page's overflow */
		for (var p = e.parentElement; p; p = p.parentElement)
			if (p.classList && p.classList.contains("tbl"))
				return;
		seen++;
		out.push("wide " + e.tagName.toLowerCase() + (e.className ? "." + e.className : "") +
			 " " + Math.round(r.right) + " " +
			 JSON.stringify((e.textContent || "").trim().slice(0, 60)));
	});
	document.querySelectorAll("div.tbl").forEach(function (e) {
		if (e.scrollWidth > e.clientWidth + 1)
			out.push("region " + JSON.stringify(e.getAttribute("aria-label")) + " " +
				 e.scrollWidth + "/" + e.clientWidth);
	});
	document.querySelectorAll("h1, h2").forEach(function (e) {
		out.push("heading " + Math.round(e.getBoundingClientRect().top + window.scrollY) +
			 " " + JSON.stringify(e.textContent.trim().slice(0, 70)));
	});
	return out.join("\n");
})()
"""


class Pipe:
    def __init__(self, browser, profile):
        to_r, to_w = os.pipe()      # we write commands, Chromium reads fd 3
        from_r, from_w = os.pipe()  # Chromium writes fd 4, we read
        args = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--hide-scrollbars", "--remote-debugging-pipe",
                "--user-data-dir=" + profile, "about:blank"]

        def child():
            # by way of fds above 9, so that neither lands on the other
            a = fcntl.fcntl(to_r, fcntl.F_DUPFD, 10)
            c = fcntl.fcntl(from_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(c, 4)
        self.proc = subprocess.Popen(args, preexec_fn=child,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, close_fds=False)
        os.close(to_r)
        os.close(from_w)
        self.w = os.fdopen(to_w, "wb", buffering=0)
        self.r = os.fdopen(from_r, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def read(self):
        while b"\0" not in self.buf:
            chunk = self.r.read(65536)
            if not chunk:
                raise RuntimeError("the browser closed its pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.w.write(json.dumps(msg).encode() + b"\0")
        while True:
            m = self.read()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(method + ": " + json.dumps(m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session):
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == method and m.get("sessionId") == session:
                    del self.events[i]
                    return m
            self.events.append(self.read())


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    browser, width, page, png = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    parts = [(float(a.split("+")[0]), float(a.split("+")[1].split("=")[0]),
              a.split("=", 1)[1]) for a in sys.argv[5:]]
    with tempfile.TemporaryDirectory() as profile:
        b = Pipe(browser, profile)
        try:
            t = b.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            s = b.call("Target.attachToTarget", {"targetId": t, "flatten": True})["sessionId"]
            b.call("Page.enable", session=s)
            metrics = {"width": width, "height": 844 if width < 500 else 900,
                       "deviceScaleFactor": 1, "mobile": width < 500}
            b.call("Emulation.setDeviceMetricsOverride", metrics, session=s)
            b.call("Page.navigate", {"url": "file://" + os.path.abspath(page)}, session=s)
            b.wait_event("Page.loadEventFired", s)
            got = b.call("Runtime.evaluate", {"expression": MEASURE, "returnByValue": True},
                         session=s)
            text = got["result"]["value"]
            print(text)
            height = int(text.split()[5])
            for y, h, out in [(0, height, png)] + parts:
                shot = b.call("Page.captureScreenshot",
                              {"format": "png", "captureBeyondViewport": True,
                               "clip": {"x": 0, "y": y, "width": width,
                                        "height": min(h, height - y), "scale": 1}},
                              session=s)
                with open(out, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
            b.call("Browser.close")
        except (RuntimeError, KeyError, ValueError) as e:
            print("shoot.py: " + str(e), file=sys.stderr)
            b.proc.kill()
            return 1
        finally:
            b.proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
