"""Notebook setup: seeds, quiet TensorFlow start-up, one plot style."""

from __future__ import annotations

import os
import platform
import random
import sys
from typing import Any, cast

import numpy as np

PLOT_STYLE: dict[str, Any] = {
    "figure.figsize": (6.0, 4.0),
    "figure.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.fontsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def quiet_tensorflow() -> None:
    """Set the variables that keep TensorFlow's start-up logs off stderr.

    Both are needed with TF 2.21: TF_CPP_MIN_LOG_LEVEL=3 alone still leaves
    the oneDNN notice with a timestamp. They only act on a later import.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


def _threads() -> int | None:
    value = os.environ.get("OMP_NUM_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def setup(seed: int = 0) -> None:
    """Make a notebook reproducible and its figures consistent.

    Seeds ``random`` and NumPy, and TensorFlow and PyTorch only if the
    notebook already imported them (never imports them). Switches
    matplotlib to inline figures in a Jupyter kernel and sets the course's
    plot style. Prints nothing.

    TensorFlow's start-up logs stay quiet through the environment variables
    of :func:`quiet_tensorflow`. Its Python-level warnings are *not*
    silenced: a persistent tape used inside its block, a non-float watched
    tensor or a retracing ``tf.function`` must reach the reader. Only the
    INFO lines TensorFlow would print in a notebook are held back: its
    logger is set to WARNING (in a Jupyter kernel TF writes it to stdout).
    """
    quiet_tensorflow()
    random.seed(seed)
    np.random.seed(seed)
    threads = _threads()
    tf = sys.modules.get("tensorflow")
    if tf is not None:
        tf.random.set_seed(seed)
        tf.get_logger().setLevel("WARNING")  # warnings show; INFO does not
        if threads is not None:
            try:  # only possible before TF runs its first operation
                tf.config.threading.set_intra_op_parallelism_threads(threads)
                tf.config.threading.set_inter_op_parallelism_threads(threads)
            except RuntimeError:
                pass
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(seed)
    _plot_style()


def _plot_style() -> None:
    import matplotlib

    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - IPython ships with Jupyter
        shell = None
    if shell is not None and hasattr(shell, "kernel"):
        # MPLBACKEND=Agg may leak in from a test run: draw inline anyway.
        shell.run_line_magic("matplotlib", "inline")
    cast(Any, matplotlib.rcParams).update(PLOT_STYLE)


def versions() -> str:
    """One line per library the notebook uses, for bug reports."""
    import matplotlib

    lines = [
        f"Python     {platform.python_version()}",
        f"NumPy      {np.__version__}",
        f"matplotlib {matplotlib.__version__}",
    ]
    for name, label in [("tensorflow", "TensorFlow"), ("torch", "PyTorch")]:
        module = sys.modules.get(name)
        if module is not None:
            lines.append(f"{label:<10} {module.__version__}")
    return "\n".join(lines)
