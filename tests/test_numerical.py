"""Finite differences against derivatives known in closed form."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers

points = st.floats(min_value=-3.0, max_value=3.0, allow_nan=False)
coefficients = st.lists(
    st.floats(min_value=-5.0, max_value=5.0, allow_nan=False),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(coefficients, points)
def test_polynomial_derivative_matches_power_rule(coef, x):
    poly = np.polynomial.Polynomial(coef)
    exact = poly.deriv()(x)
    scale = 1.0 + float(np.sum(np.abs(coef))) * 3.0 ** len(coef)
    for method, tol in [
        ("central", 1e-8),
        ("forward", 1e-5),
        ("backward", 1e-5),
    ]:
        approx = helpers.derivative(poly, x, method=method)
        assert abs(approx - exact) <= tol * scale, method


@settings(max_examples=60, deadline=None)
@given(points)
def test_sin_exp_product_rule(x):
    # d/dx sin(x) e^x = (cos x + sin x) e^x
    exact = (math.cos(x) + math.sin(x)) * math.exp(x)
    approx = helpers.derivative(lambda t: np.sin(t) * np.exp(t), x)
    assert approx == pytest.approx(exact, rel=1e-7, abs=1e-8)


@settings(max_examples=40, deadline=None)
@given(points, points)
def test_gradient_and_hessian_of_x2y_plus_y_plus_2(x, y):
    def f(v):
        return v[0] ** 2 * v[1] + v[1] + 2

    grad = helpers.gradient(f, [x, y])
    assert grad == pytest.approx([2 * x * y, x**2 + 1], rel=1e-7, abs=1e-7)
    hess = helpers.hessian(f, [x, y])
    expected = [[2 * y, 2 * x], [2 * x, 0.0]]
    assert np.allclose(hess, expected, rtol=1e-5, atol=1e-5)


@settings(max_examples=40, deadline=None)
@given(st.lists(points, min_size=1, max_size=5))
def test_gradient_has_the_shape_of_x_and_matches_2x(values):
    x = np.array(values)
    grad = helpers.gradient(lambda v: np.sum(v**2), x)
    assert grad.shape == x.shape
    assert np.allclose(grad, 2 * x, atol=1e-8)


def test_gradient_keeps_a_matrix_shape():
    x = np.arange(6.0).reshape(2, 3)
    grad = helpers.gradient(lambda m: np.sum(m**3), x)
    assert grad.shape == (2, 3)
    assert np.allclose(grad, 3 * x**2, rtol=1e-7, atol=1e-7)


def test_jacobian_shape_is_outputs_by_inputs():
    def f(v):
        return np.array([v[0] * v[1], np.sin(v[0]), v[1] ** 2])

    jac = helpers.jacobian(f, [1.0, 2.0])
    assert jac.shape == (3, 2)
    expected = [[2.0, 1.0], [math.cos(1.0), 0.0], [0.0, 4.0]]
    assert np.allclose(jac, expected, atol=1e-8)


def test_derivative_is_elementwise_on_arrays():
    xs = np.linspace(-2, 2, 5)
    assert np.allclose(helpers.derivative(np.sin, xs), np.cos(xs), atol=1e-9)


def test_central_is_more_accurate_than_forward():
    exact = math.cos(1.0)
    central = abs(helpers.derivative(np.sin, 1.0, h=1e-3) - exact)
    forward = abs(
        helpers.derivative(np.sin, 1.0, h=1e-3, method="forward") - exact
    )
    assert central < forward / 100


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=4),
    st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=4),
)
def test_relative_error_is_symmetric_and_bounded(a, b):
    n = min(len(a), len(b))
    a, b = np.array(a[:n]), np.array(b[:n])
    error = helpers.relative_error(a, b)
    assert 0.0 <= error <= 1.0 + 1e-12
    assert error == pytest.approx(helpers.relative_error(b, a))
    assert helpers.relative_error(a, a) == 0.0


def test_relative_error_formula():
    assert helpers.relative_error([3.0, 4.0], [0.0, 0.0]) == 1.0
    assert helpers.relative_error([1.0], [3.0]) == pytest.approx(0.5)


def test_accepts_tensors_from_both_frameworks_without_importing_them():
    class FakeTF:  # quacks like a TF tensor
        def numpy(self):
            return np.array([1.0, 2.0])

    class FakeTorch:  # quacks like a PyTorch tensor
        def detach(self):
            return self

        def cpu(self):
            return self

        def numpy(self):
            return np.array([1.0, 2.0])

    assert helpers.relative_error(FakeTF(), FakeTorch()) == 0.0


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: helpers.derivative(3, 1.0), TypeError, "must be a function"),
        (lambda: helpers.derivative(np.sin, None), ValueError, "x is None"),
        (lambda: helpers.derivative(np.sin, "one"), TypeError, "str"),
        (lambda: helpers.derivative(np.sin, float("nan")), ValueError, "NaN"),
        (
            lambda: helpers.derivative(np.sin, 1.0, method="side"),
            ValueError,
            "'central', 'forward' or 'backward'",
        ),
        (lambda: helpers.derivative(np.sin, 1.0, h=0), ValueError, "positive"),
        (
            lambda: helpers.derivative(np.log, -1.0),
            ValueError,
            "f returned NaN",
        ),
        (
            lambda: helpers.gradient(lambda v: v, [1.0, 2.0]),
            ValueError,
            "single number",
        ),
        (
            lambda: helpers.gradient(lambda v: None, [1.0]),
            ValueError,
            "f(x) is None",
        ),
        (
            lambda: helpers.relative_error([1, 2], [1, 2, 3]),
            ValueError,
            "same shape",
        ),
        (lambda: helpers.gradient(np.sum, []), ValueError, "empty"),
    ],
)
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_bad_input_gets_one_clear_sentence(call, error, words):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert words in message
    assert message.count("\n") == 0
