"""One way to start the real Chromium for every browser test (flags verified on these machines)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

# Without the background-networking flags Chromium keeps calling home, which this closed network refuses.
BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """The system Chromium; under CI a missing browser fails the test instead of skipping it."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright import sync_api  # noqa: F401
    except ImportError:
        missing = "python package playwright not installed"
    else:
        missing = "chromium not found (apt-get install chromium)" if chromium is None else None
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run under CI: {missing}")
        pytest.skip(missing)
    return chromium


def launched_chromium() -> Iterator[Any]:
    """Yield a launched Playwright browser (each launch gets a fresh temporary profile)."""
    executable = chromium_path()
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=BROWSER_FLAGS)
        yield launched
        launched.close()


LOCAL_SCHEMES = ("file://", "data:", "blob:", "about:")


class WatchedPage:
    """A page whose external requests (aborted), console errors, page errors and dialogs are recorded."""

    def __init__(self, browser: Any, width: int = 1280, height: int = 900) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()
