"""Turn whatever a learner passes in into float64 NumPy arrays.

Python numbers, lists, NumPy arrays, TensorFlow tensors and variables and
PyTorch tensors are all accepted. TensorFlow and PyTorch are never imported
here: their objects are recognised by the ``.numpy()`` / ``.detach()``
methods they carry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def describe(value: Any) -> str:
    """Return a short description of ``value`` for an error message."""
    if value is None:
        return "None"
    if value is Ellipsis:
        return "... (nothing filled in)"
    kind = type(value).__name__
    shape = getattr(value, "shape", None)
    if shape is not None:
        return f"a {kind} of shape {tuple(shape)}"
    if isinstance(value, (list, tuple)):
        return f"a {kind} of length {len(value)}"
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} {text}"


def to_array(value: Any, name: str = "value") -> np.ndarray:
    """Convert ``value`` to a float64 array, or raise one clear error.

    Raises:
        ValueError: if ``value`` is None, not numeric, ragged or empty-ish in
            a way NumPy cannot read as numbers.
    """
    if value is None:
        raise ValueError(f"{name} is None; expected a number or an array.")
    if isinstance(value, (str, bytes)):
        raise TypeError(
            f"{name} is {describe(value)}; expected a number or an array."
        )
    if hasattr(value, "detach") and callable(value.detach):  # PyTorch
        value = value.detach().cpu().numpy()
    elif hasattr(value, "numpy") and callable(value.numpy):  # TensorFlow
        value = value.numpy()
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} is {describe(value)}; expected a number or an array "
            "of numbers."
        ) from None
    return array


def check_callable(f: Any, name: str = "f") -> Callable[..., Any]:
    """Return ``f`` if it can be called, else raise one clear TypeError."""
    if not callable(f):
        raise TypeError(
            f"{name} must be a function (for example `lambda x: x**2`); "
            f"got {describe(f)}."
        )
    return f


def check_finite(array: np.ndarray, name: str) -> np.ndarray:
    """Raise a ValueError naming ``name`` if ``array`` holds NaN or inf."""
    if not np.all(np.isfinite(array)):
        raise ValueError(
            f"{name} contains NaN or infinity: {np.array2string(array)}; "
            "expected finite numbers."
        )
    return array
