"""A JupyterLab server and a headless Chromium for the browser tests.

The server runs from the course's environment on 127.0.0.1, a free port and
a random token, over a temporary copy of the notebooks (Run All in the
browser must never rewrite the repository's files), with Jupyter's config,
data and runtime folders in the same temporary folder.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from chromium import HAVE_CHROMIUM, SKIP_REASON, launch

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"

if not HAVE_CHROMIUM:
    pytest.skip(SKIP_REASON, allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    def __init__(self, url: str, token: str, root: Path, port: int):
        self.url, self.token, self.root, self.port = url, token, root, port

    def page_url(self, path: str) -> str:
        return f"{self.url}/lab/tree/{path}?token={self.token}&reset"


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    base = tmp_path_factory.mktemp("lab")
    root = base / "course"
    for folder in ("chapters", "practice", "solutions"):
        shutil.copytree(ROOT / folder, root / folder)
    env = dict(os.environ)
    for key, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env[key] = str(base / sub)
    # The server's kernels keep progress in this test's own folder.
    env["AUTODIFF_COURSE_PROGRESS"] = str(base / "progress.jsonl")
    # Attach every cell to the page (no virtual scrolling), so the tests
    # can count prompts, errors and images of the whole notebook.
    tracker = base / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(
        '{"windowingMode": "none"}'
    )
    port, token = free_port(), secrets.token_hex(16)
    log = (base / "lab.log").open("w")
    as_root = ["--allow-root"] if os.geteuid() == 0 else []
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            *as_root,
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=base,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status = f"{url}/api/status?token={token}"
                with urllib.request.urlopen(status, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise RuntimeError(
                        "JupyterLab did not start: "
                        + (base / "lab.log").read_text()[-2000:]
                    ) from None
                time.sleep(0.25)
        yield Lab(url, token, root, port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def shots():
    SHOTS.mkdir(exist_ok=True)
    return SHOTS
