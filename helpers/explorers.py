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


def _legend(ax: Axes, **kw: Any) -> None:
    """Draw the legend once, then only update its texts.

    A fresh ``ax.legend()`` per slider move leaks: the old Legend objects
    stay referenced (about 20 KB per move, measured with tracemalloc).
    """
    lines = [ln for ln in ax.lines if not str(ln.get_label()).startswith("_")]
    legend = ax.get_legend()
    if legend is not None and len(legend.get_texts()) == len(lines):
        for text, line in zip(legend.get_texts(), lines):
            text.set_text(line.get_label())
        return
    ax.legend(**kw)


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

    secant slope = (f(x + h) - f(x)) / h, tangent slope = df(x). Both
    points x and x + h must lie on the plotted range.
    """
    slack = 1e-9 * max(1.0, abs(x_range[1]))  # slider rounding
    if not (x_range[0] <= x and 0 < h and x + h <= x_range[1] + slack):
        raise ValueError(
            f"x = {x:g} and x + h = {x + h:g} must both lie in the plotted "
            f"range [{x_range[0]:g}, {x_range[1]:g}] with h > 0."
        )
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
    _legend(ax, loc="upper left", fontsize=8)
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


def tangent_slider_limits(
    x_range: tuple[float, float],
) -> tuple[float, float]:
    """(largest h, largest x) of the tangent explorer's sliders.

    h goes up to 1, or to a power of ten no larger than half the range, and
    x stops h_max before the right end: then x + h <= x_range[1] always.
    """
    low, high = float(x_range[0]), float(x_range[1])
    if not high > low:
        raise ValueError(
            f"x_range must be (low, high) with low < high; got {x_range}."
        )
    h_max = min(1.0, 10.0 ** np.floor(np.log10((high - low) / 2)))
    return h_max, high - h_max


def tangent_explorer(
    f: Callable[..., Any],
    df: Callable[..., Any],
    *,
    x0: float = 1.0,
    x_range: tuple[float, float] = (-2.0, 3.0),
) -> Any:
    """Sliders for x and h (log scale): the secant through x and x + h
    turning into the tangent, with both slopes printed.

    The largest h is 1 (less on a range narrower than 2) and the x slider
    stops that far before the right end, so x + h stays on the plotted
    range for every slider position.
    """
    import ipywidgets as widgets

    f, df = check_callable(f), check_callable(df, "df")
    h_max, x_max = tangent_slider_limits(x_range)
    if not x_range[0] <= x0 <= x_max:
        raise ValueError(
            f"x0 = {x0:g} must lie in [{x_range[0]:g}, {x_max:g}], so that "
            f"x0 + h stays on the plotted range for every h up to {h_max:g}."
        )
    _finite(f, x0, "f")
    _finite(df, x0, "df")
    fig, ax = _figure()
    out = widgets.Output()
    x = widgets.FloatSlider(
        value=x0, min=x_range[0], max=x_max, step=0.05, description="x"
    )
    h = widgets.FloatLogSlider(
        value=h_max,
        base=10,
        min=-6,
        max=np.log10(h_max),
        step=0.1,
        description="h",
    )

    def redraw() -> str:
        view = draw_tangent(f, df, x.value, h.value, ax=ax, x_range=x_range)
        _show(fig, out)
        return view.text()

    label = _explorer([x, h], redraw)
    box = widgets.VBox([widgets.HBox([x, h]), label, out])
    box.figure = fig  # the one Figure every slider move redraws
    return box


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
    _legend(ax, fontsize=8, loc="upper right")
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
    box = widgets.VBox([log_h, widgets.HBox([dtype, method]), label, out])
    box.figure = fig  # the one Figure every slider move redraws
    return box


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
    _legend(ax, fontsize=8)
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
    box = widgets.VBox([widgets.HBox([start, steps]), label, out])
    box.figure = fig  # the one Figure every slider move redraws
    return box


@dataclass(frozen=True)
class DescentView:
    """Mini-batch gradient descent on the MSE of a line y ~ w x + b."""

    path: np.ndarray  # (updates + 1, 2): (w, b) after every update
    losses: np.ndarray  # full-data MSE after every update
    lr: float
    batch_size: int

    @property
    def diverged(self) -> bool:
        """True when the loss blew up instead of settling."""
        return bool(
            not np.all(np.isfinite(self.losses))
            or self.losses[-1] > self.losses[0]
        )

    def text(self) -> str:
        if self.diverged:
            return (
                f"lr = {self.lr:.3g}, batch {self.batch_size}: diverged, the "
                f"loss grew to {self.losses[-1]:.3g}"
            )
        w, b = self.path[-1]
        return (
            f"lr = {self.lr:.3g}, batch {self.batch_size}: w = {w:.4f}, "
            f"b = {b:.4f} after {len(self.losses) - 1} updates, "
            f"loss {self.losses[-1]:.4f}"
        )


def linear_regression_descent(
    x: Any,
    y: Any,
    lr: float,
    epochs: int,
    batch_size: int,
    *,
    w0: float = -1.0,
    b0: float = -2.0,
    seed: int = 0,
) -> DescentView:
    """Shuffled mini-batch descent on L(w, b) = mean((w x + b - y)^2).

    dL/dw = 2 mean(r x), dL/db = 2 mean(r) with r = w x + b - y over the
    batch; the full-data loss is recorded after every update. Stops early
    once the loss passes 1e12 (divergence).
    """
    xs, ys = to_array(x, "x").reshape(-1), to_array(y, "y").reshape(-1)
    if xs.shape != ys.shape or xs.size == 0:
        raise ValueError(
            f"x and y must be non-empty and the same length; got {xs.size} "
            f"and {ys.size} values."
        )
    rng = np.random.default_rng(seed)
    w, b = float(w0), float(b0)
    path, losses = [(w, b)], [float(np.mean((w * xs + b - ys) ** 2))]
    for _ in range(int(epochs)):
        order = rng.permutation(xs.size)
        for start in range(0, xs.size, int(batch_size)):
            batch = order[start : start + int(batch_size)]
            r = w * xs[batch] + b - ys[batch]
            w, b = w - lr * 2 * np.mean(r * xs[batch]), b - lr * 2 * np.mean(r)
            path.append((w, b))
            losses.append(float(np.mean((w * xs + b - ys) ** 2)))
            if not losses[-1] < 1e12:
                return DescentView(
                    np.array(path), np.array(losses), lr, int(batch_size)
                )
    return DescentView(np.array(path), np.array(losses), lr, int(batch_size))


def draw_descent(
    x: Any,
    y: Any,
    log10_lr: float,
    epochs: int,
    batch_size: int,
    *,
    axes: tuple[Axes, Axes],
    w0: float = -1.0,
    b0: float = -2.0,
) -> DescentView:
    """The descent path over the loss contours, and the loss curve."""
    view = linear_regression_descent(
        x, y, 10.0**log10_lr, epochs, batch_size, w0=w0, b0=b0
    )
    ax_path, ax_loss = axes
    if not ax_path.collections:  # contours once: they never change
        xs, ys = to_array(x, "x").reshape(-1), to_array(y, "y").reshape(-1)
        w_star, b_star = np.polyfit(xs, ys, 1)
        ws = np.linspace(min(w0, w_star) - 2, max(w0, w_star) + 2, 80)
        bs = np.linspace(min(b0, b_star) - 2, max(b0, b_star) + 2, 80)
        gw, gb = np.meshgrid(ws, bs)
        loss = np.mean((gw[..., None] * xs + gb[..., None] - ys) ** 2, axis=-1)
        ax_path.contour(
            gw,
            gb,
            loss,
            levels=np.geomspace(loss.min() * 1.05, loss.max(), 12),
            cmap="viridis",
            alpha=0.7,
        )
        ax_path.plot([w_star], [b_star], "k*", ms=10)
        ax_path.set(
            xlim=(ws[0], ws[-1]),
            ylim=(bs[0], bs[-1]),
            xlabel="w",
            ylabel="b",
            title="Path of (w, b) over the loss contours",
        )
        ax_loss.set(
            yscale="log",
            xlabel="update",
            ylabel="loss (MSE)",
            title="Loss after every update",
        )
    _line(
        ax_path,
        "path",
        view.path[:, 0],
        view.path[:, 1],
        "o-",
        color="tab:red",
        ms=2,
        lw=1,
    )
    finite = np.where(np.isfinite(view.losses), view.losses, np.nan)
    _line(ax_loss, "loss", np.arange(finite.size), finite, color="tab:red")
    ax_loss.relim()
    ax_loss.autoscale_view()
    return view


def descent_explorer(
    x: Any, y: Any, *, w0: float = -1.0, b0: float = -2.0
) -> Any:
    """Sliders for the learning rate (log), epochs and batch size: the path
    on the loss contours and the loss curve; divergence is reported."""
    import ipywidgets as widgets

    xs = to_array(x, "x").reshape(-1)
    ys = to_array(y, "y").reshape(-1)
    linear_regression_descent(xs, ys, 0.01, 1, xs.size, w0=w0, b0=b0)
    fig = Figure(figsize=(9.0, 3.8), dpi=100)
    axes = fig.subplots(1, 2)
    fig.subplots_adjust(wspace=0.3, bottom=0.15)
    out = widgets.Output()
    log_lr = widgets.FloatSlider(
        value=-1.0, min=-3.0, max=-0.3, step=0.05, description="log10 lr"
    )
    epochs = widgets.IntSlider(value=5, min=1, max=40, description="epochs")
    batch = widgets.IntSlider(
        value=xs.size, min=1, max=xs.size, description="batch size"
    )

    def redraw() -> str:
        view = draw_descent(
            xs,
            ys,
            log_lr.value,
            epochs.value,
            batch.value,
            axes=(axes[0], axes[1]),
            w0=w0,
            b0=b0,
        )
        _show(fig, out)
        return view.text()

    label = _explorer([log_lr, epochs, batch], redraw)
    box = widgets.VBox([widgets.HBox([log_lr, epochs, batch]), label, out])
    box.figure = fig  # the one Figure every slider move redraws
    return box
