"""Plot boilerplate the notebooks share; each function returns its Axes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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
    ax.plot(
        xs, y0 + slope * (xs - x0), "--", label=f"tangent, slope {_fmt(slope)}"
    )
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
        ax.plot(
            xs,
            y0 + slope * (xs - x0),
            color=color,
            lw=1,
            label=f"$h = {h:g}$: slope {_fmt(slope)}",
        )
        ax.plot([x0 + h], [y1], "o", color=color, ms=4)
    slope = float(df(x0)) if df is not None else derivative(f, x0)
    ax.plot(
        xs,
        y0 + slope * (xs - x0),
        "k--",
        lw=1.5,
        label=f"tangent: slope {_fmt(slope)}",
    )
    ax.plot([x0], [y0], "ko")
    ax.set_ylim(*_padded(_values(f, np.linspace(*x_range, 100))))
    ax.set_title(f"Secants through $x_0 = {_fmt(x0)}$ turn into the tangent")
    ax.legend(fontsize=8)
    return ax


def _padded(ys: np.ndarray) -> tuple[float, float]:
    low, high = float(np.min(ys)), float(np.max(ys))
    pad = 0.1 * (high - low or 1.0)
    return low - pad, high + pad


def plot_difference_errors(
    f: Callable[..., Any],
    x: float,
    *,
    df: Callable[..., Any],
    methods: Sequence[str] = ("forward", "central"),
    dtypes: Sequence[Any] = (np.float64,),
    hs: Any = None,
    rules: bool = False,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Log-log plot of finite-difference error against the step h.

    error(h) = |D_h f(x) - f'(x)|, with D_h the forward, backward or central
    difference computed in each dtype (f is called with arrays of that
    dtype). Truncation error falls with h, round-off error grows like eps/h,
    so each curve is V-shaped; the best h of each curve is marked.

    Args:
        f: an elementwise function (``np.sin``, ``lambda x: x**3``).
        x: the point.
        df: the exact derivative, used as the reference.
        methods: any of 'forward', 'backward', 'central'.
        dtypes: NumPy float types to compute in, e.g. (np.float32, np.float64).
        hs: the steps; default 10^-16 ... 10^0.
        rules: also draw, in each curve's colour, a dotted vertical line at
            the rule-of-thumb step: eps^(1/2) one-sided, eps^(1/3) central.
        title: the title; by default it states the V shape.
    """
    f = check_callable(f)
    check_callable(df, "df")
    steps = np.logspace(-16, 0, 161) if hs is None else to_array(hs, "hs")
    exact = float(to_array(df(x), "df(x)"))
    ax = _axes(ax)
    several = len(dtypes) > 1
    for dtype in dtypes:
        for method in methods:
            errors = difference_errors(f, x, exact, steps, method, dtype)
            name = np.dtype(dtype).name
            label = f"{method}, {name}" if several else method
            (line,) = ax.loglog(steps, errors, label=label)
            best = int(np.argmin(errors))
            ax.plot(
                steps[best],
                errors[best],
                "o",
                color=line.get_color(),
                ms=7,
                mec="black",
            )
            if rules:
                power, exponent = (
                    ("1/3", 1 / 3) if method == "central" else ("1/2", 1 / 2)
                )
                rule = float(np.finfo(dtype).eps) ** exponent
                ax.axvline(
                    rule,
                    color=line.get_color(),
                    ls=":",
                    lw=1.2,
                    label=f"{label} rule: $\\varepsilon^{{{power}}}$ = "
                    f"{rule:.1e}",
                )
    ax.plot([], [], "o", color="white", mec="black", label="lowest point")
    ax.set_xlabel("step $h$")
    ax.set_ylabel("absolute error $|D_h f(x) - f'(x)|$")
    ax.set_title(
        title
        if title is not None
        else "Error is V-shaped in $h$: truncation right, round-off left"
    )
    if hs is None:
        ax.set_xticks(10.0 ** np.arange(-16, 1, 4))
    ax.legend(
        fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2
    )
    return ax


def difference_errors(
    f: Callable[..., Any],
    x: float,
    exact: float,
    hs: np.ndarray,
    method: str,
    dtype: Any = np.float64,
) -> np.ndarray:
    """|finite difference - exact| for every step in ``hs``, in ``dtype``.

    The point and the steps are rounded to ``dtype`` first, and f is
    evaluated in ``dtype``, so float32 shows float32 round-off. Errors of
    exactly 0 are replaced by the smallest positive float so they can be
    drawn on log axes.
    """
    xs = np.full(len(hs), x, dtype=dtype)
    h = np.asarray(hs, dtype=dtype)
    if method == "central":
        approx = (f(xs + h) - f(xs - h)) / (2 * h)
    elif method == "forward":
        approx = (f(xs + h) - f(xs)) / h
    elif method == "backward":
        approx = (f(xs) - f(xs - h)) / h
    else:
        raise ValueError(
            "method must be 'central', 'forward' or 'backward'; "
            f"got {method!r}."
        )
    errors = np.abs(np.asarray(approx, dtype=np.float64) - exact)
    return np.maximum(errors, np.finfo(np.float64).tiny)


def plot_gradient_field(
    f: Callable[..., Any],
    *,
    grad: Callable[..., Any] | None = None,
    x_range: tuple[float, float] = (-3.0, 3.0),
    y_range: tuple[float, float] = (-3.0, 3.0),
    arrows: int = 11,
    points: Sequence[Sequence[float]] = (),
    level: float | None = None,
    length: str = "unit",
    ax: Axes | None = None,
) -> Axes:
    """Contour lines of f(x, y) with its gradient drawn as arrows.

    f takes an array [x, y] and returns a number. The arrows show
    grad f = (df/dx, df/dy): from ``grad`` if given, else central
    differences. They point uphill, across the level sets.

    Args:
        f: a function of one array [x, y].
        grad: its gradient, if known.
        x_range, y_range: the plotted box.
        arrows: arrows per axis on a regular grid.
        points: extra points, each drawn as a dot with its gradient arrow
            in black (for example the point the text measures).
        level: draw the level set f = level as a thick black line.
        length: 'unit' (every arrow has the same length and shows only
            the direction; the spacing of the contours shows the size),
            'sqrt' (length ~ sqrt|grad f|) or 'linear' (length ~ |grad f|,
            where small gradients shrink to dots).

    The colour bar gives the contour values and the legend sits below the
    axes, so that neither covers the field.
    """
    from .numerical import gradient as numerical_gradient

    f = check_callable(f)
    if length not in ("unit", "sqrt", "linear"):
        raise ValueError(
            f"length must be 'unit', 'sqrt' or 'linear'; got {length!r}."
        )
    grad_fn = (
        grad if grad is not None else (lambda p: numerical_gradient(f, p))
    )
    ax = _axes(ax)
    gx, gy = np.meshgrid(
        np.linspace(*x_range, 200), np.linspace(*y_range, 200)
    )
    values = np.array(
        [
            [
                float(to_array(f(np.array([a, b])), "f(x, y)"))
                for a, b in zip(row_x, row_y)
            ]
            for row_x, row_y in zip(gx, gy)
        ]
    )
    contours = ax.contour(gx, gy, values, levels=15, cmap="viridis")
    ax.figure.colorbar(contours, ax=ax, label="$f(x, y)$", shrink=0.8)
    if level is not None:
        ax.contour(
            gx, gy, values, levels=[level], colors="black", linewidths=2.5
        )
        ax.plot([], [], "k", lw=2.5, label=f"level set $f = {level:g}$")

    def field_at(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        field = np.array(
            [
                to_array(grad_fn(np.array([a, b])), "grad").reshape(-1)[:2]
                for a, b in zip(xs, ys)
            ]
        ).reshape(-1, 2)
        norm = np.linalg.norm(field, axis=1, keepdims=True)
        norm = np.where(norm > 0, norm, 1.0)
        if length == "unit":
            return field / norm
        if length == "sqrt":
            return field / np.sqrt(norm)
        return field

    ax_, ay_ = np.meshgrid(
        np.linspace(*x_range, arrows), np.linspace(*y_range, arrows)
    )
    field = field_at(ax_.ravel(), ay_.ravel())
    scale = np.max(np.linalg.norm(field, axis=1)) or 1.0
    # The longest arrow spans about 0.8 grid cells.
    cell = min(np.ptp(x_range), np.ptp(y_range)) / max(arrows - 1, 1)
    common = dict(angles="xy", scale_units="xy", scale=scale / (0.8 * cell))
    shown = {
        "unit": "direction only",
        "sqrt": r"length $\propto \sqrt{|\nabla f|}$",
        "linear": r"length $\propto |\nabla f|$",
    }[length]
    ax.quiver(
        ax_.ravel(),
        ay_.ravel(),
        field[:, 0],
        field[:, 1],
        color="tab:red",
        label=rf"$\nabla f$ ({shown})",
        **common,
    )
    if len(points):
        spots = to_array(points, "points").reshape(-1, 2)
        marked = field_at(spots[:, 0], spots[:, 1])
        ax.plot(spots[:, 0], spots[:, 1], "ko", zorder=4)
        ax.quiver(
            spots[:, 0],
            spots[:, 1],
            marked[:, 0],
            marked[:, 1],
            color="black",
            zorder=5,
            label=r"$\nabla f$ at "
            + ", ".join(f"$({a:g}, {b:g})$" for a, b in spots),
            **common,
        )
    ax.set_xlim(*x_range)
    ax.set_ylim(*y_range)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_aspect("equal")
    ax.set_title("The gradient points uphill, across the contour lines")
    ax.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8
    )
    return ax


def plot_descent_path(
    f: Callable[..., Any],
    path: Any,
    *,
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    label: str = "descent path",
    ax: Axes | None = None,
) -> Axes:
    """A path of 2-D iterates drawn over the contour lines of f(x, y).

    ``path`` has shape (steps, 2). Call again with the same ``ax`` to draw
    a second path (the contours are drawn only once per Axes).
    """
    f = check_callable(f)
    points = to_array(path, "path")
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(
            f"path must have shape (steps, 2); got shape {points.shape}."
        )
    if ax is None or not ax.collections:
        pad = 0.5 + 0.1 * np.ptp(points, axis=0)
        x_range = x_range or (
            points[:, 0].min() - pad[0],
            points[:, 0].max() + pad[0],
        )
        y_range = y_range or (
            points[:, 1].min() - pad[1],
            points[:, 1].max() + pad[1],
        )
        ax = _axes(ax)
        gx, gy = np.meshgrid(
            np.linspace(*x_range, 150), np.linspace(*y_range, 150)
        )
        values = np.array(
            [
                [
                    float(to_array(f(np.array([a, b])), "f(x, y)"))
                    for a, b in zip(rx, ry)
                ]
                for rx, ry in zip(gx, gy)
            ]
        )
        ax.contour(gx, gy, values, levels=20, cmap="viridis", alpha=0.7)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.set_title("Descent path over the contour lines of $f$")
    ax.plot(points[:, 0], points[:, 1], "o-", ms=3, label=label)
    ax.plot(points[-1, 0], points[-1, 1], "k*", ms=10)
    ax.legend()
    return ax


def draw_graph(
    root: Any,
    *,
    children: Callable[[Any], Any],
    label: Callable[[Any], str],
    ax: Axes | None = None,
    title: str = "Computational graph: inputs left, output right",
) -> Axes:
    """Draw a computational graph (a DAG) with matplotlib, inputs first.

    Works for any node type: ``children(node)`` returns the nodes it was
    computed from (its inputs) and ``label(node)`` the text of its box, for
    example "x = 3" or "* | value 24 | grad 1". A node used twice (x * x)
    is drawn once, with two arrows. Column = longest path from an input.
    """
    check_callable(children, "children")
    check_callable(label, "label")
    order: list[Any] = []
    seen: set[int] = set()

    def visit(node: Any) -> None:  # topological order, inputs first
        if id(node) in seen:
            return
        seen.add(id(node))
        for child in children(node):
            visit(child)
        order.append(node)

    visit(root)
    column: dict[int, int] = {}
    for node in order:
        inputs = list(children(node))
        column[id(node)] = 1 + max((column[id(c)] for c in inputs), default=-1)
    rows: dict[int, int] = {}
    position: dict[int, tuple[float, float]] = {}
    for node in order:
        col = column[id(node)]
        row = rows.get(col, 0)
        rows[col] = row + 1
        position[id(node)] = (float(col), -float(row))
    ax = _axes(ax)
    boxes = {}
    for node in order:
        x, y = position[id(node)]
        is_input = not list(children(node))
        boxes[id(node)] = ax.text(
            x,
            y,
            label(node),
            ha="center",
            va="center",
            fontsize=9,
            zorder=3,
            bbox=dict(
                boxstyle="round,pad=0.4",
                fc="lightyellow" if is_input else "lightblue",
                ec="gray",
            ),
        )
    for node in order:
        x1, y1 = position[id(node)]
        drawn: dict[int, int] = {}
        for child in children(node):
            x0, y0 = position[id(child)]
            # Bend the second arrow of x * x, and arrows that skip a column
            # on the same row, so they do not run through other boxes.
            repeat = drawn.get(id(child), 0)
            drawn[id(child)] = repeat + 1
            skips = x1 - x0 > 1 and y1 == y0
            rad = 0.35 * repeat + (0.3 if skips else 0.0)
            ax.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                zorder=4,  # after the boxes, whose outlines clip it
                arrowprops=dict(
                    arrowstyle="->",
                    color="gray",
                    patchA=boxes[id(child)].get_bbox_patch(),
                    patchB=boxes[id(node)].get_bbox_patch(),
                    shrinkA=2,
                    shrinkB=2,
                    connectionstyle=f"arc3,rad={rad}",
                ),
            )
    width = max(column.values()) + 1
    height = max(rows.values())
    ax.set_xlim(-0.6, width - 0.4)
    ax.set_ylim(-height + 0.4, 0.6)
    ax.set_xticks(range(width))
    ax.set_yticks([])
    ax.grid(False)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("depth from the inputs")
    ax.set_title(title)
    return ax


def plot_training(
    history: Any,
    *,
    ax: Axes | None = None,
    xlabel: str = "step",
    ylabel: str = "loss",
    title: str = "Training curves",
    log: bool = False,
) -> Axes:
    """Curves of values recorded during training, one per key.

    ``history`` maps a name to a sequence of numbers (a loss, a weight, ...),
    or is a single sequence. Use ``log=True`` for a loss that spans orders of
    magnitude.
    """
    series = history if isinstance(history, dict) else {ylabel: history}
    if not series:
        raise ValueError("history is empty; expected at least one series.")
    ax = _axes(ax)
    for name, values in series.items():
        ys = to_array(values, f"history[{name!r}]").reshape(-1)
        if ys.size == 0:
            raise ValueError(f"history[{name!r}] is empty.")
        ax.plot(np.arange(ys.size), ys, label=str(name))
    if log:
        ax.set_yscale("log")
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.legend()
    return ax
