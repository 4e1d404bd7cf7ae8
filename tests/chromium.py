"""Debian's Chromium for the browser and site tests: where it is and the
flags that keep it off the network (this machine's network is closed)."""

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()
SKIP_REASON = (
    "browser tests skipped: Chromium not found; install it with "
    "`apt-get install chromium` (Debian) and rerun"
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    """A headless Chromium started with the flags above."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=ARGS
    )
