"""Derivatives by finite differences, in float64.

Every function here takes the function first, then the point, then
keyword-only options. ``f`` receives a float64 NumPy array (or a NumPy
float for a scalar point) and may return a Python number, a NumPy value,
or a TensorFlow / PyTorch tensor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import numpy as np

from ._convert import check_callable, check_finite, describe, to_array

Method = Literal["central", "forward", "backward"]

EPS = float(np.finfo(np.float64).eps)
# Step sizes that balance truncation and round-off error (chapter 02):
# one-sided differences err like h + eps/h, best at h ~ eps^(1/2);
# central differences err like h^2 + eps/h, best at h ~ eps^(1/3).
DEFAULT_STEP: dict[str, float] = {
    "forward": EPS ** (1 / 2),
    "backward": EPS ** (1 / 2),
    "central": EPS ** (1 / 3),
}


def _point(x: Any) -> np.ndarray:
    x = to_array(x, "x")
    if x.size == 0:
        raise ValueError("x is empty; expected at least one number.")
    return check_finite(x, "x")


def _steps(x: np.ndarray, h: float | None, method: str) -> np.ndarray:
    """Step per entry: ``h`` if given, else the default scaled by |x|."""
    if method not in DEFAULT_STEP:
        raise ValueError(
            f"method must be 'central', 'forward' or 'backward'; "
            f"got {method!r}."
        )
    if h is not None:
        if not np.isfinite(h) or h <= 0:
            raise ValueError(f"h must be a positive number; got {h!r}.")
        return np.full(x.shape, float(h))
    return DEFAULT_STEP[method] * np.maximum(1.0, np.abs(x))


def _evaluate(f: Callable[..., Any], x: np.ndarray) -> np.ndarray:
    """Call ``f`` and return its value as a float64 array."""
    arg = x[()] if x.ndim == 0 else x
    value = to_array(f(arg), "f(x)")
    if not np.all(np.isfinite(value)):
        raise ValueError(
            f"f returned NaN or infinity at x = {np.array2string(x)}; "
            "expected finite values."
        )
    return value


def _scalar(f: Callable[..., Any], x: np.ndarray) -> float:
    value = _evaluate(f, x)
    if value.size != 1:
        raise ValueError(
            "f must return a single number here; it returned "
            f"{describe(value)}."
        )
    return float(value.reshape(()))


def derivative(
    f: Callable[..., Any],
    x: Any,
    *,
    h: float | None = None,
    method: Method = "central",
) -> Any:
    """Derivative of a scalar function by a finite difference.

    central:  f'(x) ~ (f(x + h) - f(x - h)) / (2h),  error O(h^2)
    forward:  f'(x) ~ (f(x + h) - f(x)) / h,         error O(h)
    backward: f'(x) ~ (f(x) - f(x - h)) / h,         error O(h)

    Args:
        f: a function of one number. If ``x`` is an array, ``f`` must work
            elementwise (like ``np.sin``) and the derivative is taken at
            every entry.
        x: the point (a number or an array of points).
        h: the step. Default: eps^(1/3) * max(1, |x|) for central and
            eps^(1/2) * max(1, |x|) for one-sided differences.
        method: 'central', 'forward' or 'backward'.

    Returns:
        A float for a scalar ``x``, else an array of the shape of ``x``.
    """
    f = check_callable(f)
    x = _point(x)
    step = _steps(x, h, method)
    if method == "central":
        upper, lower, width = x + step, x - step, 2 * step
    elif method == "forward":
        upper, lower, width = x + step, x, step
    else:
        upper, lower, width = x, x - step, step
    f_upper, f_lower = _evaluate(f, upper), _evaluate(f, lower)
    if f_upper.shape != x.shape:
        raise ValueError(
            "derivative needs f to return one value per point; for x of "
            f"shape {x.shape} f returned {describe(f_upper)}. Use "
            "helpers.gradient for a function of several inputs."
        )
    result = (f_upper - f_lower) / width
    return float(result) if result.ndim == 0 else result


def gradient(f: Callable[..., Any], x: Any) -> np.ndarray:
    """Gradient of a scalar function of an array, by central differences.

    grad[i] ~ (f(x + h e_i) - f(x - h e_i)) / (2h),
    h = eps^(1/3) max(1, |x_i|)

    Args:
        f: takes an array shaped like ``x`` and returns one number.
        x: the point, any shape.

    Returns:
        An array of the same shape as ``x``: one partial derivative per entry.
    """
    f = check_callable(f)
    x = _point(x)
    _scalar(f, x)  # fail early, with a clear message, on a non-scalar f
    step = _steps(x, None, "central")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = step[i]
        grad[i] = (_scalar(f, x + e) - _scalar(f, x - e)) / (2 * step[i])
    return grad


def jacobian(f: Callable[..., Any], x: Any) -> np.ndarray:
    """Jacobian of a vector function, by central differences.

    J[i, j] = d f_i / d x_j ~ (f_i(x + h e_j) - f_i(x - h e_j)) / (2h)

    Args:
        f: takes an array shaped like ``x`` and returns an array (any shape).
        x: the point, any shape.

    Returns:
        An array of shape (m, n): m = number of outputs, n = number of inputs
        (both flattened).
    """
    f = check_callable(f)
    x = _point(x)
    m = _evaluate(f, x).size
    flat = x.reshape(-1)
    step = _steps(flat, None, "central")
    jac = np.zeros((m, flat.size))
    for j in range(flat.size):
        e = np.zeros_like(flat)
        e[j] = step[j]
        upper = _evaluate(f, (flat + e).reshape(x.shape)).reshape(-1)
        lower = _evaluate(f, (flat - e).reshape(x.shape)).reshape(-1)
        jac[:, j] = (upper - lower) / (2 * step[j])
    return jac


def hessian(f: Callable[..., Any], x: Any) -> np.ndarray:
    """Hessian of a scalar function, by central second differences.

    H[i, j] ~ (f(x + h_i e_i + h_j e_j) - f(x + h_i e_i - h_j e_j)
               - f(x - h_i e_i + h_j e_j) + f(x - h_i e_i - h_j e_j))
              / (4 h_i h_j),   h = eps^(1/4) max(1, |x|)

    Args:
        f: takes an array of shape (n,) (or a scalar) and returns one number.
        x: the point; flattened to n entries.

    Returns:
        A symmetric (n, n) array.
    """
    f = check_callable(f)
    x = _point(x)
    flat = x.reshape(-1)
    n = flat.size
    step = EPS ** (1 / 4) * np.maximum(1.0, np.abs(flat))

    def at(shift: np.ndarray) -> float:
        return _scalar(f, (flat + shift).reshape(x.shape))

    _ = at(np.zeros(n))
    hess = np.zeros((n, n))
    for i in range(n):
        for j in range(i, n):
            ei = np.zeros(n)
            ej = np.zeros(n)
            ei[i], ej[j] = step[i], step[j]
            value = (
                at(ei + ej) - at(ei - ej) - at(-ei + ej) + at(-ei - ej)
            ) / (4 * step[i] * step[j])
            hess[i, j] = hess[j, i] = value
    return hess


def relative_error(a: Any, b: Any) -> float:
    """Relative error between two gradients.

    relative_error(a, b) = ||a - b|| / (||a|| + ||b||), and 0 when both are 0.

    It lies in [0, 1]: about 1e-10 for a correct float64 gradient against a
    central difference, near 1 for unrelated values.
    """
    a = to_array(a, "a")
    b = to_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(
            f"a has shape {a.shape} but b has shape {b.shape}; the relative "
            "error needs two arrays of the same shape."
        )
    check_finite(a, "a")
    check_finite(b, "b")
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denominator)
