#!/usr/bin/env python3
"""How long the page takes to be usable: headless Chromium, over WebDriver,
from the start of navigation to the page's own `fahras:drawn` mark (set by
app.js once a view is drawn), five loads of /?q=QUERY per query.

    fahras serve --index DIR --addr 127.0.0.1:7781 &
    python3 benches/page-time.py http://127.0.0.1:7781 'قطر' 'الأمر التنفيذي'

Needs chromium and chromedriver (Debian: chromium chromium-driver) and
nothing beyond the Python standard library.
"""
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

PROBE = """
const drawn = performance.getEntriesByName('fahras:drawn');
const nav = performance.getEntriesByType('navigation')[0];
const total = document.querySelector('#total');
return drawn.length ? [drawn[0].startTime, nav.domContentLoadedEventEnd,
                       total ? total.dataset.total : null] : null;
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    base, queries = sys.argv[1].rstrip("/"), sys.argv[2:]
    port = free_port()
    profile = tempfile.mkdtemp(prefix="fahras-page-time-")
    driver = subprocess.Popen(["chromedriver", f"--port={port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def call(method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, data=data,
                                         headers={"Content-Type": "application/json"})
        return json.load(urllib.request.urlopen(request))["value"]

    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port)).close()
                break
            except OSError:
                time.sleep(0.05)
        options = {"binary": shutil.which("chromium") or "/usr/bin/chromium",
                   "args": ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                            f"--user-data-dir={profile}"]}
        session = call("POST", "/session",
                       {"capabilities": {"alwaysMatch": {"goog:chromeOptions": options}}})["sessionId"]
        for q in queries:
            runs = []
            for _ in range(5):
                call("POST", f"/session/{session}/url", {"url": f"{base}/?{urllib.parse.urlencode({'q': q})}"})
                for _ in range(500):
                    seen = call("POST", f"/session/{session}/execute/sync", {"script": PROBE, "args": []})
                    if seen:
                        break
                    time.sleep(0.02)
                else:
                    sys.exit(f"{q}: the page never drew")
                runs.append(seen)
            drawn = [round(r[0]) for r in runs]
            print(f"{q}: {runs[0][2]} articles; drawn at {drawn} ms (median {sorted(drawn)[2]}); "
                  f"DOMContentLoaded at {[round(r[1]) for r in runs]} ms")
        call("DELETE", f"/session/{session}")
    finally:
        driver.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
