"""Read whatever a learner passes in as a NumPy array of numbers.

One path for every check in the course. Python numbers, lists and tuples
(also of tensors), NumPy arrays and scalars, TensorFlow tensors and
variables and PyTorch tensors are accepted. TensorFlow and PyTorch are
never imported here: their objects are recognised by their methods
(``.detach()`` for PyTorch, ``.numpy()`` for TensorFlow).

What is not numbers is refused with a sentence saying what arrived: None,
strings (also inside tensors), complex numbers, bools (unless bools are
asked for), ragged lists, objects NumPy cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

# Machine epsilon of the low-precision float types NumPy may not know
# (``ml_dtypes.bfloat16`` from TensorFlow has dtype kind "V").
_LOW_PRECISION = {"bfloat16": 2.0**-7, "float16": 2.0**-10}


class NotNumbers(TypeError):
    """``value`` cannot be read as numbers; the message says what arrived,
    e.g. "True, a bool" or "str '3'"."""


@dataclass(frozen=True)
class Numbers:
    """An answer read as numbers.

    Attributes:
        values: a float64 array (a bool array when bools were asked for).
        eps: machine epsilon of the answer's own float type (1.2e-7 for
            float32, 2.2e-16 for float64), 0.0 for integers.
    """

    values: np.ndarray
    eps: float


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _shape_text(shape: Any) -> str:
    if getattr(shape, "rank", 0) is None:  # tf.TensorShape(None)
        return "unknown rank"
    dims = shape.as_list() if hasattr(shape, "as_list") else list(shape)
    return str(tuple(None if d is None else int(d) for d in dims))


def _kind(value: Any) -> str:
    """The type's name, saying which library a tensor comes from."""
    kind = type(value).__name__
    module = type(value).__module__ or ""
    if kind == "ndarray":
        return "NumPy array"
    if module.startswith("torch") and kind == "Tensor":
        return "PyTorch tensor"
    if module.startswith("tensorflow") and "Variable" in kind:
        return "tf.Variable"
    if module.startswith("tensorflow") and kind.endswith("Tensor"):
        return "TensorFlow tensor"
    return kind


def _holding(value: Any, shape: str) -> str:
    """' holding bools' (or complex numbers, strings) from the dtype."""
    dtype = getattr(value, "dtype", None)
    name = str(dtype)
    if getattr(dtype, "kind", "") in ("U", "S") or "string" in name:
        what = "string"
    elif "bool" in name or "complex" in name:
        what = "bool" if "bool" in name else "complex number"
    else:
        return ""
    return f" holding {_a(what)}" if shape == "()" else f" holding {what}s"


def _describe(value: Any) -> str:
    if value is None:
        return "None"
    if value is Ellipsis:
        return "... (nothing filled in)"
    kind = _kind(value)
    if isinstance(value, (str, bytes, bytearray, memoryview)):
        return f"{kind} {_short(repr(value))}"
    if isinstance(value, (bool, np.bool_)):
        return f"{value}, a bool"
    shape = getattr(value, "shape", None)
    if shape is not None and not callable(shape):
        text = _shape_text(shape)
        if text == "unknown rank":
            return f"{_a(kind)} with a shape of unknown rank"
        return f"{_a(kind)} of shape {text}{_holding(value, text)}"
    if isinstance(value, (list, tuple, dict, set)):
        return f"{_a(kind)} of length {len(value)}"
    if isinstance(value, type):
        return f"the class {value.__name__}"
    if callable(value):
        name = getattr(value, "__name__", "")
        return f"the function {name}" if name else _a("function")
    return f"{kind} {_short(repr(value))}"


def describe(value: Any) -> str:
    """Return a short description of ``value`` for a message; never raises
    (not even for an object whose repr, shape or len raises)."""
    try:
        return _describe(value)
    except Exception:
        try:
            return _a(type(value).__name__)
        except Exception:  # pragma: no cover - type() of anything works
            return "an object"


def _refused(value: Any, what: str) -> NotNumbers:
    """A NotNumbers saying ``value`` is, or holds, ``what``."""
    if isinstance(value, (bool, complex, np.generic)):
        return NotNumbers(f"{_short(repr(value))}, {_a(what)}")
    if " holding " in describe(value):
        return NotNumbers(describe(value))
    shape = getattr(value, "shape", None)
    if isinstance(value, (list, tuple)) or shape not in (None, ()):
        return NotNumbers(f"{describe(value)} holding {what}s")
    if shape == ():
        return NotNumbers(f"{describe(value)} holding {_a(what)}")
    return NotNumbers(f"{describe(value)}, {_a(what)}")


def _from_tensor(value: Any) -> tuple[Any, float]:
    """A framework tensor as a NumPy value, and the eps of its dtype."""
    eps = 0.0
    for name, low in _LOW_PRECISION.items():
        if name in str(getattr(value, "dtype", "")):
            eps = low
    if callable(getattr(value, "detach", None)):  # PyTorch
        tensor = value.detach().cpu()
        if getattr(tensor, "is_complex", lambda: False)():
            raise _refused(value, "complex number")
        if eps:
            tensor = tensor.float()
        return tensor.numpy(), eps
    return value.numpy(), eps  # TensorFlow: tensors and variables


# What the readers below return: the array in its own dtype (float64 when
# items were stacked), the eps of the least precise float seen, and whether
# a bool was seen anywhere.
_Raw = tuple[np.ndarray, float, bool]


def _leaf(value: Any) -> _Raw:
    """One value that is not a list or tuple."""
    if value is None:
        raise NotNumbers("None")
    if isinstance(value, (str, bytes, bytearray, memoryview)):
        raise NotNumbers(describe(value))
    eps, data = 0.0, value
    if not isinstance(value, np.ndarray) and callable(
        getattr(value, "numpy", None)
    ):
        try:
            data, eps = _from_tensor(value)
        except NotNumbers:
            raise
        except Exception as error:
            raise NotNumbers(
                f"{describe(value)} that gives no values "
                f"({type(error).__name__})"
            ) from None
    elif callable(value):
        raise NotNumbers(describe(value))
    array = np.asarray(data)
    kind = array.dtype.kind
    if kind in "US" or any(
        isinstance(item, (str, bytes))
        for item in (array.flat if kind == "O" else ())
    ):
        raise _refused(value, "string")
    if array.dtype.name in _LOW_PRECISION:
        return (
            array.astype(np.float32),
            _LOW_PRECISION[array.dtype.name],
            False,
        )
    if kind == "O":
        return _objects(value, array, eps)
    if kind == "f":
        eps = max(eps, float(np.finfo(array.dtype).eps))
    return array, eps, kind == "b"


def _objects(value: Any, array: np.ndarray, eps: float) -> _Raw:
    """An object array (a Fraction, a dict, a list of tensors in an array):
    read each element."""
    if array.ndim:
        return _sequence(value, array.tolist(), eps)
    item = array.item()
    if item is not value and not isinstance(item, (int, float)):
        return _leaf(item)
    try:
        return np.asarray(float(item)), eps, False
    except (TypeError, ValueError, OverflowError):
        raise NotNumbers(describe(value)) from None


def _sequence(whole: Any, items: list[Any], eps: float = 0.0) -> _Raw:
    """A list or tuple: read each item, then stack them."""
    if not items:
        return np.zeros(0), eps, False
    arrays, bools = [], False
    for item in items:
        array, item_eps, item_bools = _read(item)
        arrays.append(array)
        eps, bools = max(eps, item_eps), bools or item_bools
    if len({a.shape for a in arrays}) > 1:
        raise NotNumbers(
            f"{describe(whole)} whose entries have different shapes"
        )
    return np.stack(arrays), eps, bools


def _read(value: Any) -> _Raw:
    if isinstance(value, (list, tuple)):
        return _sequence(value, list(value))
    return _leaf(value)


def read(value: Any, *, booleans: bool = False) -> Numbers:
    """Read ``value`` as numbers: the one conversion every check uses.

    Args:
        value: a number, a list or tuple (also of tensors), a NumPy array
            or scalar, a TensorFlow or PyTorch tensor.
        booleans: read bools (and the numbers 0 and 1) as a bool array
            instead of refusing them.

    Returns:
        Numbers: float64 values (bools if asked) and the answer's eps.

    Raises:
        NotNumbers: one phrase saying what arrived instead of numbers.
    """
    array, eps, bools = _read(value)
    kind = array.dtype.kind
    if kind == "c":
        raise _refused(value, "complex number")
    if kind not in "biuf":
        raise _refused(value, f"{array.dtype} value")
    if booleans:
        if kind != "b" and not np.isin(array, (0, 1)).all():
            raise NotNumbers(
                f"{describe(value)} with values other than True and False"
            )
        return Numbers(array.astype(bool), 0.0)
    if bools:
        raise _refused(value, "bool")
    return Numbers(array.astype(np.float64), eps)


def to_array(value: Any, name: str = "value") -> np.ndarray:
    """Convert ``value`` to a float64 array, or raise one clear error.

    Raises:
        ValueError: if ``value`` is None.
        TypeError: if it is not numbers (a string, a bool, a complex
            number, a ragged list, ...).
    """
    if value is None:
        raise ValueError(f"{name} is None; expected a number or an array.")
    try:
        return read(value).values
    except NotNumbers as error:
        raise TypeError(
            f"{name} is {error}; expected a number or an array of numbers."
        ) from None


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
