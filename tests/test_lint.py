"""Style and types: ruff over code and notebooks, mypy over helpers."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*args):
    return subprocess.run(
        args, cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_is_clean_on_code_and_notebooks():
    result = run(str(BIN / "ruff"), "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_passes_on_helpers(tmp_path):
    cache = str(tmp_path / "mypy")
    result = run(sys.executable, "-m", "mypy", "--cache-dir", cache, "helpers")
    assert result.returncode == 0, result.stdout + result.stderr
