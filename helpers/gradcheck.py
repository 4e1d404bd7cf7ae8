"""Compare a gradient with central differences, with a report that explains.

The check follows DeZero's ``gradient_check`` and ``torch.autograd.gradcheck``:
the gradient under test must match the numerical one entry by entry within
``atol + rtol * |numerical|``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._convert import check_callable, check_finite, describe, to_array
from .numerical import _point, gradient, relative_error


@dataclass(frozen=True)
class GradientCheck:
    """The outcome of :func:`check_gradient`; truthy when the check passed."""

    passed: bool
    grad: np.ndarray
    numerical: np.ndarray
    relative_error: float
    worst_index: tuple[int, ...]
    rtol: float
    atol: float

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        i = self.worst_index
        a, n = self.grad[i], self.numerical[i]
        where = f"index {i}" if i else "the only entry"
        with np.printoptions(precision=6, suppress=True):
            lines = [
                f"Gradient check {verdict}: relative error "
                f"{self.relative_error:.1e} (rtol={self.rtol:g}, "
                f"atol={self.atol:g})",
                f"  shape      : {self.grad.shape}",
                f"  your grad  : {_fmt(self.grad)}",
                f"  numerical  : {_fmt(self.numerical)}",
                f"  worst entry: {where}, yours {a:.6g}, numerical {n:.6g}, "
                f"difference {abs(a - n):.1e}",
            ]
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


def _fmt(array: np.ndarray) -> str:
    text = np.array2string(array, separator=", ")
    return text.replace("\n", "\n" + " " * 15)


def check_gradient(
    f: Callable[..., Any],
    x: Any,
    grad: Any,
    *,
    rtol: float = 1e-5,
    atol: float = 1e-8,
) -> GradientCheck:
    """Check a gradient of ``f`` at ``x`` against central differences.

    Passes when |grad - numerical| <= atol + rtol * |numerical| for every
    entry. Also reports relative_error = ||grad - num|| / (||grad|| + ||num||).

    Args:
        f: a scalar function of an array shaped like ``x``.
        x: the point.
        grad: the gradient to test: an array shaped like ``x`` (NumPy, list,
            TF or PyTorch tensor), or a function that returns one when
            called with ``x``.
        rtol, atol: tolerances, as in ``np.allclose``.

    Returns:
        A GradientCheck: truthy when the gradient is right; its repr shows
        both gradients, the shape and the entry with the largest error.
    """
    f = check_callable(f)
    point = _point(x)
    if callable(grad):
        grad = grad(point[()] if point.ndim == 0 else point)
    if grad is None:
        raise ValueError(
            f"grad is None; expected an array of shape {point.shape}. "
            "A None gradient usually means the output does not depend on "
            "x through tracked operations."
        )
    grad_array = to_array(grad, "grad")
    if grad_array.shape != point.shape:
        raise ValueError(
            f"grad has shape {grad_array.shape} but x has shape "
            f"{point.shape}; a gradient has one entry per input "
            f"(got {describe(grad)})."
        )
    check_finite(grad_array, "grad")
    numerical = gradient(f, point)
    error = np.abs(grad_array - numerical)
    allowed = atol + rtol * np.abs(numerical)
    excess = error / allowed
    worst = np.unravel_index(int(np.argmax(excess)), point.shape)
    return GradientCheck(
        passed=bool(np.all(error <= allowed)),
        grad=grad_array,
        numerical=numerical,
        relative_error=relative_error(grad_array, numerical),
        worst_index=tuple(int(i) for i in worst),
        rtol=rtol,
        atol=atol,
    )
