"""A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe`` for browser tests.

Chromium reads commands on file descriptor 3 and writes replies and events on 4, each a JSON
message ended by a NUL byte. Over a pipe there is no port to open, no websocket library to
add and nothing that another process could connect to; the page itself runs with JavaScript
disabled, and everything is read through the protocol (DOM, computed styles, box models,
screenshots), never by a script in the page.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class CDPError(RuntimeError):
    pass


class Browser:
    """A headless Chromium with one page attached; use as a context manager."""

    def __init__(self, executable: str, profile: Path, timeout: float = 60.0) -> None:
        self.timeout = timeout
        cmd_read, self._cmd = os.pipe()
        self._resp, resp_write = os.pipe()

        def wire_fds() -> None:  # in the child: its fd 3 reads commands, fd 4 writes replies
            a = fcntl.fcntl(cmd_read, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(resp_write, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire_fds,
        )
        os.close(cmd_read)
        os.close(resp_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self.session: str | None = None
        self._root = 0

    def __enter__(self) -> Browser:
        target = self.send("Target.createTarget", url="about:blank", session=False)["targetId"]
        self.session = self.send(
            "Target.attachToTarget", targetId=target, flatten=True, session=False
        )["sessionId"]
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(CDPError, OSError):
            self.send("Browser.close", session=False)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._cmd)
        os.close(self._resp)

    # --- protocol ---------------------------------------------------------------------------

    def send(self, method: str, session: bool = True, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._cmd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self._events.append(reply)

    def wait_event(self, method: str) -> dict[str, Any]:
        for i, event in enumerate(self._events):
            if event.get("method") == method:
                return dict(self._events.pop(i))
        while True:
            event = self._read()
            if event.get("method") == method:
                return event
            self._events.append(event)

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._resp], [], [], left)[0]:
                raise CDPError(f"no reply from Chromium within {self.timeout:.0f} s")
            chunk = os.read(self._resp, 1 << 16)
            if not chunk:
                raise CDPError("Chromium closed the pipe (it exited)")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(raw))

    # --- page helpers -----------------------------------------------------------------------

    def open(self, url: str, width: int = 1280, height: int = 900, mobile: bool = False) -> None:
        """Load a page with JavaScript disabled, at a viewport size."""
        self.send("Emulation.setScriptExecutionDisabled", value=True)
        self.viewport(width, height, mobile)
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")
        self.send("DOM.enable")
        self.send("CSS.enable")
        # Node ids stay valid until the next DOM.getDocument: ask for the document once.
        self._root = int(self.send("DOM.getDocument", depth=-1)["root"]["nodeId"])

    def viewport(self, width: int, height: int, mobile: bool = False) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )

    def select_all(self, selector: str) -> list[int]:
        found = self.send("DOM.querySelectorAll", nodeId=self._root, selector=selector)
        return list(found["nodeIds"])

    def computed_style(self, node: int) -> dict[str, str]:
        styles = self.send("CSS.getComputedStyleForNode", nodeId=node)["computedStyle"]
        return {s["name"]: s["value"] for s in styles}

    def rect(self, node: int) -> tuple[float, float, float, float]:
        """x, y, width and height of a node's border box (an error if it is not laid out)."""
        model = self.send("DOM.getBoxModel", nodeId=node)["model"]
        xs, ys = model["border"][0::2], model["border"][1::2]
        return min(xs), min(ys), float(model["width"]), float(model["height"])

    def events(self, method: str) -> list[dict[str, Any]]:
        """The events of a kind received so far (and not yet waited for)."""
        return [e for e in self._events if e.get("method") == method]

    def outer_html(self, node: int) -> str:
        return str(self.send("DOM.getOuterHTML", nodeId=node)["outerHTML"])

    def screenshot(
        self,
        path: Path,
        width: int,
        mobile: bool = False,
        max_height: int = 6000,
        clip: tuple[float, float] | None = None,
    ) -> Path:
        """A PNG of the whole page (up to ``max_height`` pixels) at a viewport width, or of
        the band ``clip`` = (top, height) of it, as a person would see one screen."""
        self.viewport(width, 900, mobile)
        metrics = self.send("Page.getLayoutMetrics")
        height = min(int(metrics["cssContentSize"]["height"]) + 1, max_height)
        params: dict[str, Any] = {"format": "png"}
        if clip is not None:
            top, band = clip
            params["clip"] = {"x": 0, "y": top, "width": width, "height": band, "scale": 1}
            params["captureBeyondViewport"] = True
        else:
            self.viewport(width, height, mobile)
        data = self.send("Page.captureScreenshot", **params)["data"]
        path.write_bytes(base64.b64decode(data))
        return path
