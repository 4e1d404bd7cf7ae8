"""check_gradient: right gradients pass, wrong ones fail and say where."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers


def f(v):
    return v[0] ** 2 * v[1] + v[1] + 2


def grad_f(v):
    return np.array([2 * v[0] * v[1], v[0] ** 2 + 1])


def test_the_right_gradient_passes_and_is_truthy():
    result = helpers.check_gradient(f, [3.0, 4.0], [24.0, 10.0])
    assert result
    assert result.relative_error < 1e-9
    assert "passed" in repr(result)


def test_a_callable_gradient_is_called_at_x():
    assert helpers.check_gradient(f, [3.0, 4.0], grad_f)


def test_a_wrong_entry_fails_and_the_report_names_it():
    result = helpers.check_gradient(f, [3.0, 4.0], [24.0, 9.0])
    assert not result
    assert result.worst_index == (1,)
    text = repr(result)
    assert "FAILED" in text and "index (1,)" in text
    assert "yours 9" in text and "numerical 10" in text


@settings(max_examples=30, deadline=None)
@given(
    st.floats(-3, 3, allow_nan=False),
    st.floats(-3, 3, allow_nan=False),
    st.sampled_from([-1.0, 0.5, 2.0]),
)
def test_scaled_or_flipped_gradients_fail(x, y, factor):
    grad = grad_f(np.array([x, y]))
    if np.linalg.norm(grad) < 1e-3:
        return
    assert helpers.check_gradient(f, [x, y], grad)
    assert not helpers.check_gradient(f, [x, y], factor * grad)


def test_scalar_point():
    assert helpers.check_gradient(np.sin, 1.0, np.cos(1.0))
    assert not helpers.check_gradient(np.sin, 1.0, -np.cos(1.0))


@pytest.mark.parametrize(
    "grad, error, words",
    [
        (None, ValueError, "grad is None"),
        ([1.0, 2.0, 3.0], ValueError, "shape (3,)"),
        ([np.nan, 1.0], ValueError, "NaN"),
        ("24, 10", TypeError, "expected a number or an array"),
    ],
)
def test_bad_gradients_get_one_clear_sentence(grad, error, words):
    with pytest.raises(error) as info:
        helpers.check_gradient(f, [3.0, 4.0], grad)
    assert words in str(info.value)


def test_f_must_be_callable():
    with pytest.raises(TypeError, match="must be a function"):
        helpers.check_gradient([1, 2], [3.0, 4.0], [1.0, 1.0])
