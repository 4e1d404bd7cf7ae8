"""Plot helpers return labelled Axes and draw what they promise."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def labelled(ax):
    return ax.get_xlabel() and ax.get_ylabel() and ax.get_title()


def test_plot_function_returns_labelled_axes():
    ax = helpers.plot_function(np.sin, x_range=(0, 1))
    assert labelled(ax)
    xs, ys = ax.lines[0].get_data()
    assert np.allclose(ys, np.sin(xs))


def test_plot_function_accepts_scalar_only_functions():
    import math

    ax = helpers.plot_function(math.exp, x_range=(0, 1))
    xs, ys = ax.lines[0].get_data()
    assert np.allclose(ys, np.exp(xs))


def test_plot_tangent_draws_the_tangent_line_with_its_slope():
    ax = helpers.plot_tangent(lambda x: x**2, 1.0)
    assert labelled(ax)
    assert "slope 2" in ax.get_title()
    xs, ys = ax.lines[1].get_data()
    assert np.allclose(np.diff(ys) / np.diff(xs), 2.0)
    assert ax.get_legend() is not None


def test_plot_secants_slopes_approach_the_tangent():
    hs = [1.0, 0.5, 0.1]
    ax = helpers.plot_secants(lambda x: x**2, 1.0, hs)
    slopes = []
    for line in ax.lines[1:-2:2]:
        xs, ys = line.get_data()
        slopes.append((ys[1] - ys[0]) / (xs[1] - xs[0]))
    assert np.allclose(slopes, [2 + h for h in hs])
    assert labelled(ax) and ax.get_legend() is not None


def test_plots_reuse_a_given_axes():
    fig, ax = plt.subplots()
    assert helpers.plot_tangent(np.sin, 0.0, ax=ax) is ax


def test_plot_secants_rejects_a_zero_step():
    with pytest.raises(ValueError, match="non-zero"):
        helpers.plot_secants(np.sin, 0.0, [0.1, 0.0])


def test_non_callable_gets_a_clear_sentence():
    with pytest.raises(TypeError, match="must be a function"):
        helpers.plot_function([1, 2, 3])


def test_plot_difference_errors_marks_a_best_step_per_curve():
    ax = helpers.plot_difference_errors(
        np.sin, 1.0, df=np.cos, dtypes=(np.float32, np.float64)
    )
    assert labelled(ax) and ax.get_legend() is not None
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == [
        "forward, float32",
        "central, float32",
        "forward, float64",
        "central, float64",
        "lowest point",
    ]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_plot_difference_errors_rules_get_one_legend_entry_each():
    ax = helpers.plot_difference_errors(
        np.sin, 1.0, df=np.cos, dtypes=(np.float32,), rules=True, title="t"
    )
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    rules = [t for t in texts if "rule" in t]
    assert len(rules) == 2 and "forward rule" in rules[0]
    eps = float(np.finfo(np.float32).eps)
    lines = [ln for ln in ax.lines if "rule" in str(ln.get_label())]
    assert np.isclose(lines[0].get_xdata()[0], eps ** (1 / 2))
    assert np.isclose(lines[1].get_xdata()[0], eps ** (1 / 3))
    # each rule line has the colour of its curve
    curves = {ln.get_label(): ln.get_color() for ln in ax.lines}
    assert lines[0].get_color() == curves["forward"]
    assert lines[1].get_color() == curves["central"]
    assert ax.get_title() == "t"
    ax.figure.canvas.draw()  # the legend sits below the axes, off the data
    legend = ax.get_legend().get_window_extent()
    assert legend.y1 < ax.get_window_extent().y0


def test_difference_errors_have_the_textbook_best_steps():
    from helpers.plotting import difference_errors

    hs = np.logspace(-16, 0, 161)
    for method, best in [("forward", 1e-8), ("central", 1e-5)]:
        errors = difference_errors(np.sin, 1.0, np.cos(1.0), hs, method)
        found = hs[np.argmin(errors)]
        assert best / 100 < found < best * 100, (method, found)
    with pytest.raises(ValueError, match="method"):
        difference_errors(np.sin, 1.0, 0.5, hs, "sideways")


def test_plot_gradient_field_arrows_are_the_gradient():
    ax = helpers.plot_gradient_field(
        lambda v: v[0] ** 2 + 3 * v[1],
        x_range=(-1, 1),
        y_range=(-1, 1),
        arrows=3,
        length="linear",
    )
    quiver = ax.collections[-1]
    assert np.allclose(quiver.U, 2 * quiver.X, atol=1e-6)
    assert np.allclose(quiver.V, 3.0, atol=1e-6)
    assert labelled(ax)


def gradient_of_bowl(v):
    return np.array([2 * v[0], 6 * v[1]])


@pytest.mark.parametrize("length, power", [("unit", 0.0), ("sqrt", 0.5)])
def test_plot_gradient_field_keeps_small_arrows_visible(length, power):
    ax = helpers.plot_gradient_field(
        lambda v: v[0] ** 2 + 3 * v[1] ** 2,
        grad=gradient_of_bowl,
        x_range=(-2, 2),
        y_range=(-2, 2),
        arrows=5,
        length=length,
    )
    quiver = ax.collections[-1]
    drawn = np.hypot(quiver.U, quiver.V)
    true = np.array(
        [
            np.linalg.norm(gradient_of_bowl([a, b]))
            for a, b in zip(quiver.X, quiver.Y)
        ]
    )
    moving = true > 0
    # same direction as the gradient, length |grad|**power
    assert np.allclose(drawn[moving], true[moving] ** power)
    shortest = drawn[moving].min() / drawn.max()
    expected = (true[moving].min() / true.max()) ** power
    assert shortest == pytest.approx(expected)


def test_plot_gradient_field_marks_points_and_keeps_text_off_the_data():
    ax = helpers.plot_gradient_field(
        lambda v: v[0] ** 2 * v[1] + v[1] + 2,
        grad=lambda v: np.array([2 * v[0] * v[1], v[0] ** 2 + 1]),
        x_range=(-4.0, 4.0),
        y_range=(-1.0, 6.0),
        arrows=9,
        points=[(3.0, 4.0)],
        level=42.0,
    )
    marked = ax.collections[-1]  # the black arrow at (3, 4)
    assert marked.X.tolist() == [3.0] and marked.Y.tolist() == [4.0]
    direction = np.array([marked.U[0], marked.V[0]])
    assert np.allclose(direction, np.array([24.0, 10.0]) / 26.0)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "level set $f = 42$" in texts
    assert any("(3, 4)" in t for t in texts)
    assert not ax.texts  # no contour labels on the data
    assert len(ax.figure.axes) == 2  # the colour bar gives the values
    ax.figure.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    assert legend.y1 < ax.get_window_extent().y0
    with pytest.raises(ValueError, match="length"):
        helpers.plot_gradient_field(lambda v: v[0], length="log")


def test_plot_descent_path_checks_its_shape_and_draws_two_paths():
    def f(v):
        return v[0] ** 2 + v[1] ** 2

    ax = helpers.plot_descent_path(f, [[1.0, 1.0], [0.5, 0.5], [0.0, 0.0]])
    helpers.plot_descent_path(
        f, [[1.0, -1.0], [0.0, 0.0]], ax=ax, label="second"
    )
    assert len(ax.get_legend().get_texts()) == 2
    with pytest.raises(ValueError, match="shape"):
        helpers.plot_descent_path(f, [1.0, 2.0])


class Node:
    def __init__(self, name, *inputs):
        self.name, self.inputs = name, inputs


def test_draw_graph_places_inputs_left_and_shares_reused_nodes():
    x, y = Node("x"), Node("y")
    square = Node("*", x, x)
    out = Node("+", square, y)
    ax = helpers.draw_graph(
        out, children=lambda n: n.inputs, label=lambda n: n.name
    )
    boxes = {t.get_text(): t.get_position() for t in ax.texts if t.get_text()}
    assert set(boxes) == {"x", "y", "*", "+"}
    assert boxes["x"][0] == boxes["y"][0] == 0
    assert boxes["*"][0] == 1 and boxes["+"][0] == 2
    arrows = [
        c
        for c in ax.get_children()
        if type(c).__name__ == "Annotation" and not c.get_text()
    ]
    assert len(arrows) == 4  # x twice, square, y


def test_plot_training_draws_one_curve_per_series():
    ax = helpers.plot_training(
        {"loss": [4.0, 2.0, 1.0], "w": [0.0, 1.0, 1.5]}, log=True
    )
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["loss", "w"]
    assert np.allclose(ax.lines[0].get_ydata(), [4.0, 2.0, 1.0])
    assert ax.get_yscale() == "log" and labelled(ax)


def test_plot_training_accepts_one_sequence_and_rejects_empty():
    ax = helpers.plot_training([3.0, 2.0])
    assert ax.get_ylabel() == "loss"
    with pytest.raises(ValueError, match="empty"):
        helpers.plot_training({})
    with pytest.raises(ValueError, match="empty"):
        helpers.plot_training({"loss": []})
