"""Explorers: the pure drawing functions show the right numbers, sliders
redraw one figure in place, and bad input gets one sentence."""

import tracemalloc

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers import explorers  # noqa: E402


def square(x):
    return x**2


def two_x(x):
    return 2 * x


@pytest.fixture
def ax():
    return Figure().subplots()


def test_draw_tangent_reports_secant_and_tangent_slopes(ax):
    view = explorers.draw_tangent(square, two_x, 1.0, 0.1, ax=ax)
    assert view.secant_slope == pytest.approx(2.1)
    assert view.derivative == 2.0
    assert view.gap == pytest.approx(0.1)
    assert "secant slope 2.100000" in view.text()
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()


@pytest.mark.parametrize("h", [1.0, 0.1, 1e-3])
def test_tangent_gap_of_a_parabola_is_h(ax, h):
    view = explorers.draw_tangent(square, two_x, 0.5, h, ax=ax)
    assert view.gap == pytest.approx(h, rel=1e-6)


def test_draw_step_size_finds_the_float64_and_float32_best_steps(ax):
    v64 = explorers.draw_step_size(np.sin, np.cos, 1.0, -5.0, ax=ax)
    assert 1e-7 < v64.best_h < 1e-3 and v64.best_error < 1e-9
    v32 = explorers.draw_step_size(
        np.sin, np.cos, 1.0, -5.0, ax=ax, dtype=np.float32
    )
    assert v32.best_h > v64.best_h and v32.best_error > v64.best_error
    forward = explorers.draw_step_size(
        np.sin, np.cos, 1.0, -1.0, ax=ax, method="forward"
    )
    central = explorers.draw_step_size(np.sin, np.cos, 1.0, -1.0, ax=ax)
    assert forward.error > 10 * central.error


def test_draw_newton_solves_a_quadratic_in_one_step(ax):
    def f(x):
        return (x - 3) ** 2

    def df(x):
        return 2 * (x - 3)

    view = explorers.draw_newton(f, df, lambda x: 2.0, 0.0, 4, ax=ax, lr=0.1)
    assert view.newton[1] == pytest.approx(3.0)
    assert view.descent[1] == pytest.approx(0.6)  # 0 - 0.1 * (-6)
    assert len(view.descent) == len(view.newton) == 5


def test_newton_with_zero_curvature_says_so(ax):
    with pytest.raises(ValueError, match="f''"):
        explorers.draw_newton(square, two_x, lambda x: 0.0, 1.0, 2, ax=ax)


def all_sliders(box):
    found = []
    for child in box.children:
        if hasattr(child, "children"):
            found += all_sliders(child)
        elif hasattr(child, "value") and hasattr(child, "description"):
            found.append(child)
    return found


@pytest.mark.parametrize(
    "make, moves",
    [
        (lambda: explorers.tangent_explorer(square, two_x), 100),
        (lambda: explorers.step_size_explorer(np.sin, np.cos, 1.0), 20),
        (lambda: explorers.newton_explorer(square, two_x, lambda x: 2.0), 20),
        (lambda: explorers.descent_explorer(*line_data()), 20),
    ],
    ids=["tangent", "step_size", "newton", "descent"],
)
def test_slider_moves_reuse_one_figure_without_leaking(make, moves, capsys):
    box = make()
    slider = next(s for s in all_sliders(box) if hasattr(s, "max"))
    before = plt.get_fignums()
    label = box.children[-2]
    values = np.linspace(slider.min, slider.max, moves)
    texts = set()
    for value in values:  # first pass: fills matplotlib's text caches
        slider.value = float(value)
        texts.add(label.value)
    artists = [len(ax.get_children()) for ax in explorer_axes(box)]
    # Second pass over the same values: the caches are warm, so any growth
    # now is a leak (new figures, artists or outputs piling up).
    tracemalloc.start()
    slider.value = float(values[0])
    start, _ = tracemalloc.get_traced_memory()
    for value in values[1:]:
        slider.value = float(value)
    end, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert plt.get_fignums() == before
    assert [len(ax.get_children()) for ax in explorer_axes(box)] == artists
    assert len(texts) > moves // 2, "the printed numbers follow the slider"
    assert end - start < 500_000, f"grew by {end - start} bytes"
    capsys.readouterr()


def explorer_axes(box):
    """The Axes of the one Figure the explorer redraws."""
    return box.figure.axes


def test_bad_input_gets_one_sentence():
    with pytest.raises(TypeError, match="must be a function"):
        explorers.tangent_explorer(3, two_x)
    with pytest.raises(ValueError, match="finite numbers") as info:
        explorers.tangent_explorer(lambda x: float("nan"), two_x)
    assert "\n" not in str(info.value)


def test_a_nan_inside_the_range_is_reported_on_the_label(capsys):
    box = explorers.tangent_explorer(
        np.log, lambda x: 1 / x, x0=1.0, x_range=(0.5, 3.0)
    )
    slider = all_sliders(box)[1]  # h
    slider.value = 1.0
    assert "Cannot draw" not in box.children[-2].value
    capsys.readouterr()


def line_data():
    rng = np.random.default_rng(0)
    x = rng.uniform(-3, 3, 50)
    return x, 2 * x + 1 + rng.normal(0, 0.5, 50)


def test_descent_converges_to_least_squares_and_diverges_when_too_fast():
    x, y = line_data()
    w_star, b_star = np.polyfit(x, y, 1)
    good = explorers.linear_regression_descent(x, y, 0.1, 300, x.size)
    assert not good.diverged
    assert np.allclose(good.path[-1], [w_star, b_star], atol=1e-4)
    bad = explorers.linear_regression_descent(x, y, 0.4, 40, x.size)
    assert bad.diverged and "diverged" in bad.text()


def test_batch_size_sets_the_number_of_updates():
    x, y = line_data()
    for batch, updates in [(50, 3), (10, 15), (1, 150)]:
        view = explorers.linear_regression_descent(x, y, 0.01, 3, batch)
        assert len(view.losses) == updates + 1


def test_draw_descent_draws_path_and_loss_curve():
    x, y = line_data()
    axes = Figure().subplots(1, 2)
    view = explorers.draw_descent(x, y, -1.0, 5, 10, axes=tuple(axes))
    path = next(line for line in axes[0].lines if line.get_gid() == "path")
    assert np.allclose(path.get_xdata(), view.path[:, 0])
    assert axes[1].get_yscale() == "log" and axes[0].get_title()


def test_descent_explorer_rejects_mismatched_data():
    with pytest.raises(ValueError, match="same length"):
        explorers.descent_explorer([1.0, 2.0], [1.0])


@pytest.mark.parametrize(
    "x_range", [(-1.0, 3.0), (-2.0, 3.0), (0.5, 3.0), (0.0, 1.5), (2.0, 2.3)]
)
def test_tangent_explorer_keeps_x_plus_h_on_the_plotted_range(
    x_range, capsys
):
    x0 = x_range[0]
    box = explorers.tangent_explorer(square, two_x, x0=x0, x_range=x_range)
    x, h = [s for s in all_sliders(box) if hasattr(s, "max")]
    # A log slider's min and max are exponents: h runs 10**min ... 10**max.
    assert x.min == x_range[0] and x.max + 10.0**h.max <= x_range[1]
    assert h.max == round(h.max)  # the largest h is a power of ten
    label = box.children[-2]
    for x_value in np.linspace(x.min, x.max, 7):
        for log_h in (h.min, (h.min + h.max) / 2, h.max):
            x.value, h.value = float(x_value), float(10.0**log_h)
            assert "Cannot draw" not in label.value
            ax = box.figure.axes[0]
            low, high = ax.get_xlim()
            points = next(ln for ln in ax.lines if ln.get_gid() == "points")
            assert low <= min(points.get_xdata())
            assert max(points.get_xdata()) <= high
            assert max(points.get_xdata()) <= x_range[1] + 1e-9
    capsys.readouterr()


def test_draw_tangent_refuses_a_point_off_the_range(ax):
    with pytest.raises(ValueError, match="plotted range"):
        explorers.draw_tangent(square, two_x, 2.5, 1.0, ax=ax, x_range=(0, 3))
    with pytest.raises(ValueError, match="x0 = 2.5"):
        explorers.tangent_explorer(square, two_x, x0=2.5, x_range=(0, 3))
