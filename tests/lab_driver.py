"""Helpers to drive a real JupyterLab 4 in headless Chromium, offline (the recipe of test_live_lab.py).

* :func:`require_chromium` - the browser path; skips the test, or fails it when ``CI`` is set.
* :func:`running_lab` - a throwaway JupyterLab on 127.0.0.1 with a random token and port, fresh workspaces
  and settings (no news prompt, no notebook windowing so every output stays in the DOM).
* :func:`offline_page` - a Chromium page whose requests to anything but the Lab server are aborted (and
  recorded, so the test can assert there were none).
* :func:`open_notebook` / :func:`run_all` - open a notebook, accept the kernel dialog, run every cell.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import BROWSER_FLAGS, chromium_path

KERNEL_READY = """() => { const w = window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(k && k.connectionStatus === 'connected' && k.status === 'idle'); }"""
ALL_RAN = """() => { const p = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) '
  + '.jp-CodeCell .jp-InputPrompt')); return p.length > 0 && p.every(e => /\\[\\d+\\]/.test(e.textContent)); }"""
KERNEL_IDLE = """() => { const w = window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(k && k.status === 'idle'); }"""


def require_chromium() -> str:
    """Chromium's path; without it the test is skipped (failed in CI, where it must be installed)."""
    return chromium_path()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_lab(root: Path, scratch: Path, env: dict[str, str] | None = None) -> Iterator[tuple[str, str]]:
    """JupyterLab serving ``root``; yields ``(base_url, token)`` and stops the server afterwards."""
    settings = scratch / "settings" / "@jupyterlab"
    (settings / "apputils-extension").mkdir(parents=True, exist_ok=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    (settings / "notebook-extension").mkdir(parents=True, exist_ok=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    token, port = secrets.token_hex(16), free_port()
    lab_env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_RENDER")}
    lab_env.update(env or {})
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", f"--LabApp.workspaces_dir={scratch / 'workspaces'}",
        f"--LabApp.user_settings_dir={scratch / 'settings'}", "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]  # fmt: skip
    log_path = scratch / "lab.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, env=lab_env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                    break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        pytest.fail(f"JupyterLab did not start: {log_path.read_text()[-2000:]}")
                    time.sleep(0.2)
            yield base, token
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def offline_page(playwright: Any, chromium: str, base: str, viewport: dict[str, int] | None = None):
    """(browser, page, blocked): every request that is not to the Lab server is aborted and listed."""
    blocked: list[str] = []
    port = base.rsplit(":", 1)[1]

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith((base, f"ws://127.0.0.1:{port}", "data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    browser = playwright.chromium.launch(executable_path=chromium, args=BROWSER_FLAGS)
    page = browser.new_page(viewport=viewport or {"width": 1400, "height": 1000})
    page.route("**/*", route)
    return browser, page, blocked


def open_notebook(page: Any, base: str, token: str, path: str, timeout_s: float = 60) -> None:
    """Open ``path`` (relative to the Lab root) and wait until its kernel is connected and idle.

    Each notebook gets its own Lab workspace, so tabs restored from an earlier test never get in the way.
    """
    workspace = "wb-" + "".join(c if c.isalnum() else "-" for c in path)
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{path}?token={token}")
    page.wait_for_function(
        "!!window.jupyterapp && !!document.querySelector('.jp-NotebookPanel .jp-Cell')", timeout=timeout_s * 1000
    )
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:  # the kernel picker can pop up late: accept it until the kernel is idle
        if page.query_selector(".jp-Dialog"):
            page.click(".jp-Dialog .jp-mod-accept")
        if page.evaluate(KERNEL_READY):
            return
        page.wait_for_timeout(200)
    pytest.fail(f"kernel for {path} never became ready")


def run_all(page: Any, timeout_s: float = 180) -> None:
    """Run every cell and wait until each has an execution count and the kernel is idle again."""
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(ALL_RAN, timeout=timeout_s * 1000)
    page.wait_for_function(KERNEL_IDLE, timeout=timeout_s * 1000)


def error_outputs(page: Any) -> list[str]:
    """Text of any traceback shown in the notebook (error outputs and stderr)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
          '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')).map(e => e.textContent)"""
    )
