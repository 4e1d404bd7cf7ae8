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
