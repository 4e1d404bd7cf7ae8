"""Interactive explorers: sliders that redraw one figure.

Each explorer is a public function returning an ipywidgets box; what it
draws for given slider values is a separate pure ``draw_*`` function that
returns the numbers it shows, so tests can check them without a browser.
The figure is a plain ``matplotlib.figure.Figure`` (not managed by pyplot),
created once and redrawn in place: moving a slider never opens a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

from ._convert import check_callable, to_array
from .plotting import difference_errors


def _finite(f: Callable[..., Any], x: float, name: str) -> float:
    value = float(to_array(f(x), f"{name}({x:g})").reshape(-1)[0])
    if not np.isfinite(value):
        raise ValueError(
            f"{name}({x:g}) is {value}; an explorer needs a function that "
            "returns finite numbers on its range."
        )
    return value


def _line(ax: Axes, gid: str, xs: Any, ys: Any, *args: Any, **kw: Any) -> Any:
    """Update the line with this gid in place, or draw it the first time.

    Redrawing in place keeps the axes, ticks and their text cached, which is
    what keeps a slider move fast.
    """
    for line in ax.lines:
        if line.get_gid() == gid:
            line.set_data(xs, ys)
            if "label" in kw:
                line.set_label(kw["label"])
            return line
    (line,) = ax.plot(xs, ys, *args, **kw)
    line.set_gid(gid)
    return line


@dataclass(frozen=True)
class TangentView:
    """What the tangent explorer shows for one (x, h)."""

    x: float
    h: float
    secant_slope: float
    derivative: float

    @property
    def gap(self) -> float:
        """secant slope - f'(x)."""
        return self.secant_slope - self.derivative

    def text(self) -> str:
        return (
            f"x = {self.x:.3g}, h = {self.h:.2g}: secant slope "
            f"{self.secant_slope:.6f}, f'(x) = {self.derivative:.6f}, "
            f"gap {self.gap:.2e}"
        )


def draw_tangent(
    f: Callable[..., Any],
    df: Callable[..., Any],
    x: float,
    h: float,
    *,
    ax: Axes,
    x_range: tuple[float, float] = (-2.0, 3.0),
) -> TangentView:
    """Draw f, the secant through x and x + h, and the tangent at x.

    secant slope = (f(x + h) - f(x)) / h, tangent slope = df(x).
    """
    y0, y1 = _finite(f, x, "f"), _finite(f, x + h, "f")
    view = TangentView(x, h, (y1 - y0) / h, _finite(df, x, "df"))
    xs = np.linspace(*x_range, 200)
    ys = np.array([_finite(f, float(t), "f") for t in xs])
    line = np.array(x_range)
    _line(ax, "f", xs, ys, color="tab:red", lw=2, label="$f(x)$")
    _line(
        ax,
        "secant",
        line,
        y0 + view.secant_slope * (line - x),
        color="tab:blue",
        label=f"secant, slope {view.secant_slope:.4f}",
    )
    _line(
        ax,
        "tangent",
        line,
        y0 + view.derivative * (line - x),
        "k--",
        label=f"tangent, slope {view.derivative:.4f}",
    )
    _line(ax, "points", [x, x + h], [y0, y1], "o", color="tab:blue")
    ax.set_xlim(*x_range)
    ax.set_ylim(ys.min() - 0.1 * np.ptp(ys), ys.max() + 0.1 * np.ptp(ys))
    ax.set(
        xlabel="$x$",
        ylabel="$f(x)$",
        title=f"As h → 0 the secant turns into the tangent (h = {h:.2g})",
    )
    ax.legend(loc="upper left", fontsize=8)
    return view


def _figure() -> tuple[Figure, Axes]:
    fig = Figure(figsize=(6.0, 4.0), dpi=100)
    return fig, fig.subplots()


def _show(fig: Figure, out: Any) -> None:
    from IPython.display import display

    with out:
        out.clear_output(wait=True)
        display(fig)


def _explorer(sliders: list[Any], redraw: Callable[[], str]) -> Any:
    """Wire sliders to a redraw that returns the text to show."""
    import ipywidgets as widgets

    label = widgets.HTML()

    def update(change: Any = None) -> None:
        try:
            label.value = f"<code>{redraw()}</code>"
        except (ValueError, TypeError, ZeroDivisionError) as error:
            label.value = f"<b>Cannot draw this setting:</b> {error}"

    for slider in sliders:
        slider.observe(update, names="value")
    update()
    return label


def tangent_explorer(
    f: Callable[..., Any],
    df: Callable[..., Any],
    *,
    x0: float = 1.0,
    x_range: tuple[float, float] = (-2.0, 3.0),
) -> Any:
    """Sliders for x and h (log scale): the secant through x and x + h
    turning into the tangent, with both slopes printed."""
    import ipywidgets as widgets

    f, df = check_callable(f), check_callable(df, "df")
    _finite(f, x0, "f")
    _finite(df, x0, "df")
    fig, ax = _figure()
    out = widgets.Output()
    x = widgets.FloatSlider(
        value=x0, min=x_range[0], max=x_range[1], step=0.05, description="x"
    )
    h = widgets.FloatLogSlider(
        value=1.0, base=10, min=-6, max=0, step=0.1, description="h"
    )

    def redraw() -> str:
        view = draw_tangent(f, df, x.value, h.value, ax=ax, x_range=x_range)
        _show(fig, out)
        return view.text()

    label = _explorer([x, h], redraw)
    return widgets.VBox([widgets.HBox([x, h]), label, out])


@dataclass(frozen=True)
class StepSizeView:
    """What the step-size explorer shows for one setting."""

    h: float
    error: float
    best_h: float
    best_error: float

    def text(self) -> str:
        return (
            f"h = {self.h:.1e}: error {self.error:.2e}; best h on this "
            f"curve {self.best_h:.1e} (error {self.best_error:.2e})"
        )


def draw_step_size(
    f: Callable[..., Any],
    df: Callable[..., Any],
    x: float,
    log10_h: float,
    *,
    ax: Axes,
    dtype: Any = np.float64,
    method: str = "central",
) -> StepSizeView:
    """The V-shaped error-vs-h curve with a marker at h = 10**log10_h.

    error(h) = |D_h f(x) - f'(x)| in ``dtype`` with D_h the ``method``
    difference.
    """
    exact = _finite(df, x, "df")
    hs = np.logspace(-16, 0, 161)
    errors = difference_errors(f, x, exact, hs, method, dtype)
    h = 10.0**log10_h
    error = float(
        difference_errors(f, x, exact, np.array([h]), method, dtype)[0]
    )
    best = int(np.argmin(errors))
    name = f"{method}, {np.dtype(dtype).name}"
    _line(ax, "curve", hs, errors, label=name)
    _line(
        ax, "yours", [h], [error], "o", color="tab:red", ms=9, label="your h"
    )
    _line(ax, "best", [hs[best]], [errors[best]], "k*", ms=10, label="best h")
    if ax.get_xscale() != "log":  # set up once; plain-text ticks draw fast
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(1e-16, 1.0)
        ax.set_ylim(1e-13, 10.0)
        for axis, powers in [
            (ax.xaxis, range(-16, 1, 4)),
            (ax.yaxis, range(-12, 1, 3)),
        ]:
            axis.set_major_locator(FixedLocator([10.0**p for p in powers]))
            axis.set_major_formatter(
                FixedFormatter([f"1e{p}" for p in powers])
            )
            axis.set_minor_locator(NullLocator())
        ax.set(
            xlabel="step h",
            ylabel="absolute error",
            title="Too small an h drowns in round-off, too large in "
            "truncation",
        )
    ax.legend(fontsize=8, loc="upper right")
    return StepSizeView(h, error, float(hs[best]), float(errors[best]))


def step_size_explorer(
    f: Callable[..., Any], df: Callable[..., Any], x: float
) -> Any:
    """Sliders for log10 h, float32/float64 and forward/central: a marker
    moving along the V-shaped error curve, with the error printed."""
    import ipywidgets as widgets

    f, df = check_callable(f), check_callable(df, "df")
    _finite(f, x, "f")
    _finite(df, x, "df")
    fig, ax = _figure()
    out = widgets.Output()
    log_h = widgets.FloatSlider(
        value=-5.0, min=-16.0, max=0.0, step=0.25, description="log10 h"
    )
    dtype = widgets.ToggleButtons(
        options=["float64", "float32"], description="dtype"
    )
    method = widgets.ToggleButtons(
        options=["central", "forward"], description="method"
    )

    def redraw() -> str:
        view = draw_step_size(
            f,
            df,
            x,
            log_h.value,
            ax=ax,
            dtype=np.dtype(dtype.value).type,
            method=method.value,
        )
        _show(fig, out)
        return view.text()

    label = _explorer([log_h, dtype, method], redraw)
    return widgets.VBox([log_h, widgets.HBox([dtype, method]), label, out])


@dataclass(frozen=True)
class NewtonView:
    """Iterates of gradient descent and Newton's method from one start."""

    descent: np.ndarray
    newton: np.ndarray

    def text(self) -> str:
        return (
            f"after {len(self.descent) - 1} steps: gradient descent at "
            f"x = {self.descent[-1]:.6f}, Newton at x = {self.newton[-1]:.6f}"
        )


def draw_newton(
    f: Callable[..., Any],
    df: Callable[..., Any],
    d2f: Callable[..., Any],
    x0: float,
    steps: int,
    *,
    ax: Axes,
    lr: float = 0.1,
    x_range: tuple[float, float] | None = None,
) -> NewtonView:
    """Gradient descent x <- x - lr f'(x) and Newton x <- x - f'(x)/f''(x),
    both from x0, drawn on the graph of f."""
    descent, newton = [float(x0)], [float(x0)]
    for _ in range(int(steps)):
        x = descent[-1]
        descent.append(x - lr * _finite(df, x, "df"))
        x = newton[-1]
        curvature = _finite(d2f, x, "d2f")
        if curvature == 0:
            raise ValueError(f"f''({x:g}) = 0: Newton's step is undefined.")
        newton.append(x - _finite(df, x, "df") / curvature)
    view = NewtonView(np.array(descent), np.array(newton))
    every = np.concatenate([view.descent, view.newton])
    low, high = x_range or (
        min(every.min(), x0 - 3) - 0.5,
        max(every.max(), x0 + 3) + 0.5,
    )
    xs = np.linspace(low, high, 200)
    _line(
        ax,
        "f",
        xs,
        [_finite(f, float(t), "f") for t in xs],
        color="gray",
        label="$f(x)$",
    )
    for path, style, name, gid in [
        (view.descent, "o-", f"gradient descent, lr = {lr:g}", "descent"),
        (view.newton, "s--", "Newton's method", "newton"),
    ]:
        _line(
            ax,
            gid,
            path,
            [_finite(f, float(t), "f") for t in path],
            style,
            ms=5,
            label=name,
        )
    ax.relim()
    ax.autoscale_view()
    ax.set(
        xlabel="$x$",
        ylabel="$f(x)$",
        title="Newton uses curvature and takes bigger, better steps",
    )
    ax.legend(fontsize=8)
    return view


def newton_explorer(
    f: Callable[..., Any],
    df: Callable[..., Any],
    d2f: Callable[..., Any],
    *,
    x0: float = 2.0,
    lr: float = 0.1,
) -> Any:
    """Sliders for the start point and the number of steps: gradient-descent
    and Newton iterates on one plot."""
    import ipywidgets as widgets

    f = check_callable(f)
    df, d2f = check_callable(df, "df"), check_callable(d2f, "d2f")
    for fn, name in [(f, "f"), (df, "df"), (d2f, "d2f")]:
        _finite(fn, x0, name)
    fig, ax = _figure()
    out = widgets.Output()
    start = widgets.FloatSlider(
        value=x0, min=x0 - 3, max=x0 + 3, step=0.1, description="start"
    )
    steps = widgets.IntSlider(value=5, min=0, max=30, description="steps")

    def redraw() -> str:
        view = draw_newton(f, df, d2f, start.value, steps.value, ax=ax, lr=lr)
        _show(fig, out)
        return view.text()

    label = _explorer([start, steps], redraw)
    return widgets.VBox([widgets.HBox([start, steps]), label, out])
