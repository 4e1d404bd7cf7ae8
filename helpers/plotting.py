"""Plot boilerplate the notebooks share; each function returns its Axes."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ._convert import check_callable, to_array
from .numerical import derivative


def _axes(ax: Axes | None) -> Axes:
    if ax is None:
        _, ax = plt.subplots()
    return ax


def _values(f: Callable[..., Any], xs: np.ndarray) -> np.ndarray:
    """f on a grid; works for elementwise and scalar-only functions."""
    try:
        ys = to_array(f(xs), "f(x)")
        if ys.shape == xs.shape:
            return ys
    except (TypeError, ValueError):
        pass
    return np.array([float(to_array(f(x), "f(x)")) for x in xs])


def _fmt(value: float) -> str:
    return f"{value:.3g}"


def plot_function(
    f: Callable[..., Any],
    *,
    x_range: tuple[float, float] = (-3.0, 3.0),
    ax: Axes | None = None,
    label: str = "$f(x)$",
    title: str | None = None,
    num: int = 400,
) -> Axes:
    """Draw y = f(x) over ``x_range`` with labelled axes."""
    f = check_callable(f)
    ax = _axes(ax)
    xs = np.linspace(*x_range, num)
    ax.plot(xs, _values(f, xs), label=label)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$")
    ax.set_title(title if title is not None else f"The graph of {label}")
    ax.legend()
    return ax


def plot_tangent(
    f: Callable[..., Any],
    x0: float,
    *,
    df: Callable[..., Any] | None = None,
    x_range: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw f and its tangent at x0: y = f(x0) + f'(x0)(x - x0).

    The slope comes from ``df`` if given, else from a central difference.
    """
    f = check_callable(f)
    x0 = float(to_array(x0, "x0"))
    slope = float(df(x0)) if df is not None else derivative(f, x0)
    y0 = float(to_array(f(x0), "f(x0)"))
    x_range = x_range or (x0 - 2.0, x0 + 2.0)
    ax = plot_function(f, x_range=x_range, ax=ax)
    xs = np.linspace(*x_range, 2)
    ax.plot(xs, y0 + slope * (xs - x0), "--", label=f"tangent, slope {_fmt(slope)}")
    ax.plot([x0], [y0], "o", color="black", label=f"$x_0 = {_fmt(x0)}$")
    ax.set_title(f"The tangent at $x_0 = {_fmt(x0)}$ has slope {_fmt(slope)}")
    ax.legend()
    return ax


def plot_secants(
    f: Callable[..., Any],
    x0: float,
    hs: Sequence[float],
    *,
    df: Callable[..., Any] | None = None,
    x_range: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw secants through (x0, f(x0)) and (x0 + h, f(x0 + h)) for each h.

    secant slope = (f(x0 + h) - f(x0)) / h, which tends to f'(x0) as h -> 0;
    the tangent is drawn dashed for comparison.
    """
    f = check_callable(f)
    x0 = float(to_array(x0, "x0"))
    hs = [float(h) for h in to_array(hs, "hs").reshape(-1)]
    if not hs or any(h == 0 for h in hs):
        raise ValueError(f"hs must be non-zero steps; got {hs}.")
    y0 = float(to_array(f(x0), "f(x0)"))
    span = max(abs(h) for h in hs)
    x_range = x_range or (x0 - 0.5 * span, x0 + 1.3 * span)
    ax = plot_function(f, x_range=x_range, ax=ax)
    ax.lines[-1].set(color="tab:red", lw=2.5)
    xs = np.linspace(*x_range, 2)
    colors = plt.cm.viridis(np.linspace(0.0, 0.85, len(hs)))
    for h, color in zip(hs, colors):
        y1 = float(to_array(f(x0 + h), "f(x0 + h)"))
        slope = (y1 - y0) / h
        ax.plot(xs, y0 + slope * (xs - x0), color=color, lw=1,
                label=f"$h = {h:g}$: slope {_fmt(slope)}")
        ax.plot([x0 + h], [y1], "o", color=color, ms=4)
    slope = float(df(x0)) if df is not None else derivative(f, x0)
    ax.plot(xs, y0 + slope * (xs - x0), "k--", lw=1.5,
            label=f"tangent: slope {_fmt(slope)}")
    ax.plot([x0], [y0], "ko")
    ax.set_ylim(*_padded(_values(f, np.linspace(*x_range, 100))))
    ax.set_title(f"Secants through $x_0 = {_fmt(x0)}$ turn into the tangent")
    ax.legend(fontsize=8)
    return ax


def _padded(ys: np.ndarray) -> tuple[float, float]:
    low, high = float(np.min(ys)), float(np.max(ys))
    pad = 0.1 * (high - low or 1.0)
    return low - pad, high + pad
