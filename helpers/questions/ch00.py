"""Practice questions for chapter 00, the tensors primer.

Besides the chapter's questions this module holds ``probe_checker``, the
checker the practice notebooks 00-03 use for implementation exercises: it
runs the learner's code on cases the learner has not seen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers._convert import NotNumbers, describe, read
from helpers.quiz import (
    Checker,
    NotAnswered,
    Question,
    array,
    choice,
    number,
    shape,
)

# (where, run, want): ``want()`` computes the reference, ``run(answer)``
# calls the learner's code on inputs of its own; ``where`` starts every
# message about this case, e.g. "for a of shape (3, 3),".
Probe = tuple[str, Callable[[Any], Any], Callable[[], Any]]


def _digits(got: np.ndarray, want: np.ndarray) -> tuple[str, str]:
    """Both values, with enough digits that they do not look equal."""
    for digits in (6, 9, 12, 17):
        a = np.array2string(got, precision=digits, separator=", ")
        b = np.array2string(want, precision=digits, separator=", ")
        if got.ndim == 0:
            a, b = f"{float(got):.{digits}g}", f"{float(want):.{digits}g}"
        if a != b:
            break
    return a, b


def compare(result: Any, want: Any, rtol: float, atol: float) -> str:
    """"" when ``result`` equals ``want`` within tolerance, else what the
    learner's code "returned ..." instead."""
    target = read(want).values
    if result is None:
        return "returned None; did you forget `return`?"
    try:
        got = read(result).values
    except NotNumbers as arrived:
        return f"returned {arrived}; expected numbers."
    if got.shape != target.shape:
        if got.size == 1 and target.size == 1:
            got = got.reshape(target.shape)
        else:
            return (
                f"returned shape {got.shape}; expected shape "
                f"{target.shape}."
            )
    if not np.all(np.isfinite(got)):
        return "returned NaN or infinity."
    if np.allclose(got, target, rtol=rtol, atol=atol):
        return ""
    shown, expected = _digits(got, target)
    return f"returned {shown}; expected {expected}."


def probe_checker(
    probes: Sequence[Probe],
    *,
    what: str,
    rtol: float = 1e-9,
    atol: float = 1e-12,
) -> Checker:
    """Check a learner's function on cases they have not seen.

    Each probe computes its reference first and hands the learner's code
    fresh inputs of its own, so code that changes its inputs can neither
    change the reference nor a later case. Never raises; a stub that
    raises NotImplementedError is "not answered yet".
    """

    def checker(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, f"expected {what}; got {describe(answer)}."
        for where, run, want in probes:
            target = want()
            try:
                result = run(answer)
            except NotImplementedError:
                raise NotAnswered from None
            except Exception as error:
                return False, (
                    f"{where} your {what} raised {type(error).__name__}: "
                    f"{error}"
                )
            reason = compare(result, target, rtol, atol)
            if reason:
                return False, f"{where} your {what} {reason}"
        return True, ""

    return checker


q1 = Question(
    "q1",
    shape(
        (4, 3),
        mistakes={
            (3, 4): "the result keeps the matrix's shape; only the row "
            "stretches.",
            (3,): "the row is added to every row of the matrix, so the "
            "result has the matrix's 4 rows.",
        },
    ),
    hint="Compare shapes from the right: 3 meets 3, and the missing axis of "
    "(3,) counts as 1.",
    solution="(4, 3): the row of shape (3,) is added to each of the 4 rows.",
)

q2 = Question(
    "q2",
    shape(
        (4, 2, 3),
        mistakes={
            (4, 1, 3): "a size 1 stretches to match the other shape: the "
            "middle axis meets 2 and becomes 2.",
            (4, 2, 1): "compare from the right: the last sizes are 3 and 1, "
            "and 1 stretches to 3.",
            (2, 3): "broadcasting never drops an axis; the longer shape "
            "keeps its 3 axes.",
            (8, 3): "broadcasting does not multiply sizes; it lines them up "
            "from the right.",
        },
    ),
    hint="Write (2, 1) as (1, 2, 1), then compare the three axes one by one.",
    solution="(4, 2, 3): (4, 1, 3) against (1, 2, 1) gives 4, 2 and 3.",
)

q3 = Question(
    "q3",
    choice(
        "c",
        ["a", "b", "c"],
        feedback={
            "a": "compare from the right: the last sizes are 2 and 3; neither "
            "is 1.",
            "b": "broadcasting never adds an axis in the middle; compare the "
            "last sizes, 2 and 3.",
        },
    ),
    hint="Line the shapes up on the right: (3, 2) over (3,).",
    solution="(c): the last sizes 2 and 3 differ and neither is 1, so NumPy "
    "raises ValueError. Use a column, shape (3, 1), instead.",
)

q4 = Question(
    "q4",
    array(
        np.arange(6).reshape(3, 2).T,
        mistakes=[
            (
                np.arange(6).reshape(2, 3),
                "that is m.reshape(2, 3), which keeps reading order; the "
                "transpose turns rows into columns.",
            )
        ],
    ),
    hint="The transpose turns row i into column i.",
    solution="[[0, 2, 4], [1, 3, 5]]",
)

q5 = Question(
    "q5",
    array(
        np.arange(6).reshape(3, 2).T.reshape(3, 2),
        mistakes=[
            (
                np.arange(6).reshape(3, 2),
                "reshape does not undo a transpose: it reads m.T row by row, "
                "0, 2, 4, 1, 3, 5.",
            ),
        ],
    ),
    hint="Write m.T out first, then read its entries row by row and refill "
    "a (3, 2) array in that order.",
    solution="m.T = [[0, 2, 4], [1, 3, 5]] reads 0, 2, 4, 1, 3, 5, so\n"
    "m.T.reshape(3, 2) = [[0, 2], [4, 1], [3, 5]]",
)

q6 = Question(
    "q6",
    shape(
        (5, 3),
        mistakes={
            (5, 2): "the inner sizes (2 and 2) disappear; the outer ones "
            "remain.",
            (2, 2): "the inner sizes (2 and 2) disappear; the outer ones, 5 "
            "and 3, remain.",
        },
    ),
    hint="(n, k) @ (k, m) gives (n, m).",
    solution="(5, 3): the inner sizes 2 and 2 match and disappear.",
)

q7 = Question(
    "q7",
    choice(
        "b",
        ["a", "b", "c"],
        feedback={
            "a": "an integer tensor cannot hold 1.5; PyTorch promotes the "
            "result to a float type.",
            "c": "PyTorch's default float type is float32; float64 appears "
            "only when you ask for it (or bring it from NumPy).",
        },
    ),
    hint="Which float type does torch.tensor(0.5) have?",
    solution="(b) float32: the int64 tensor is promoted to PyTorch's "
    "default float type to add 0.5.",
)

q8 = Question(
    "q8",
    choice(
        "a",
        ["a", "b"],
        feedback={
            "b": "a tf.constant cannot be changed, and the tape only "
            "follows it after tape.watch(c).",
        },
    ),
    hint="Which one has an `assign` method?",
    solution="(a) tf.Variable: it changes in place with assign, and "
    "GradientTape watches it automatically.",
)


# q9: the learner hands over the leaf tensor x after y.backward(); the
# check reads x.grad, so only PyTorch's autograd can fill it in. At
# x = 1.5 every slip gives a different number from 3 x**2 = 6.75.
Q9_X = 1.5
Q9_MISTAKES = {
    Q9_X**3: "that is y = x**3 itself, not its derivative.",
    3 * Q9_X: "that is 3x; the derivative of x**3 is 3x**2.",
    2 * Q9_X: "that is the derivative of x**2; here y = x**3.",
    Q9_X**2: "that is x**2; the derivative of x**3 is 3x**2.",
}
_q9_grad = number(3 * Q9_X**2, mistakes=Q9_MISTAKES)


def _value(tensor: Any) -> float | None:
    """One number read from a tensor, or None when it is not one number."""
    try:
        values = read(tensor).values
    except NotNumbers:
        return None
    return float(values.reshape(())) if values.size == 1 else None


def _q9_checker(answer: Any) -> tuple[bool, str]:
    if not hasattr(answer, "requires_grad") or not hasattr(answer, "grad"):
        return False, (
            f"expected the PyTorch tensor x itself (answer = x, after "
            f"y.backward()); got {describe(answer)}. The check reads x.grad."
        )
    if not answer.requires_grad:
        return False, (
            "x does not require gradients: create it with "
            "torch.tensor(1.5, requires_grad=True)."
        )
    value = _value(answer)
    if value is None or value != Q9_X:
        return False, (
            f"x should hold the single number {Q9_X:g}; it holds "
            f"{describe(answer)}."
        )
    if answer.grad is None:
        return False, "x.grad is None: call y.backward() before the check."
    return _q9_grad(answer.grad)


q9 = Question(
    "q9",
    _q9_checker,
    hint="Make x a float tensor that requires gradients, compute y from it, "
    "call backward on y, then hand over x.",
    solution="x = torch.tensor(1.5, requires_grad=True)\ny = x**3\n"
    "y.backward()\nanswer = x  # x.grad is tensor(6.7500) = 3 * 1.5**2",
)


# q10: the broadcasting rule as code, on shape pairs the chapter did not
# show. Each pair catches a slip: comparing from the left, forgetting that
# a missing axis counts as 1, always taking the larger size.
Q10_PAIRS: list[tuple[tuple[int, ...], tuple[int, ...]]] = [
    ((2, 3), (3,)),
    ((4, 1, 3), (2, 1)),
    ((5, 1), (1, 6)),
    ((1,), (7, 2)),
    ((), (2, 2)),
    ((8, 1, 6, 1), (7, 1, 5)),
    ((3,), (4,)),
    ((2, 3), (2,)),
    ((2, 1), (8, 4, 3)),
]


def _broadcast_or_none(a: tuple[int, ...], b: tuple[int, ...]) -> Any:
    try:
        return tuple(np.broadcast_shapes(a, b))
    except ValueError:
        return None


def _q10_checker(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            f"expected a function broadcast_shape(a, b); got "
            f"{describe(answer)}."
        )
    for a, b in Q10_PAIRS:
        want = _broadcast_or_none(a, b)
        where = f"for shapes {a} and {b}"
        try:
            result = answer(tuple(a), tuple(b))
        except NotImplementedError:
            raise NotAnswered from None
        except ValueError as error:
            if want is None:
                continue
            return False, (
                f"{where} your broadcast_shape raised ValueError ({error}); "
                f"they broadcast to {want}."
            )
        except Exception as error:
            return False, (
                f"{where} your broadcast_shape raised "
                f"{type(error).__name__}: {error}"
            )
        try:
            got = tuple(int(n) for n in result)
        except (TypeError, ValueError):
            return False, (
                f"{where} your broadcast_shape returned {describe(result)}; "
                "expected a tuple of ints."
            )
        if want is None:
            return False, (
                f"{where} your broadcast_shape returned {got}; these shapes "
                "do not broadcast, so it should raise ValueError."
            )
        if got != want:
            return False, (
                f"{where} your broadcast_shape returned {got}; expected "
                f"{want}."
            )
    return True, ""


q10 = Question(
    "q10",
    _q10_checker,
    hint="Pad the shorter shape on the left with 1s until both have the "
    "same length. Then walk the axes: equal sizes stay, a 1 gives way to "
    "the other size, anything else is an error.",
    solution="def broadcast_shape(a, b):\n"
    "    n = max(len(a), len(b))\n"
    "    a = (1,) * (n - len(a)) + tuple(a)  # a missing axis counts as 1\n"
    "    b = (1,) * (n - len(b)) + tuple(b)\n"
    "    result = []\n"
    "    for x, y in zip(a, b):\n"
    "        if x != y and 1 not in (x, y):\n"
    "            raise ValueError(f'sizes {x} and {y} do not fit')\n"
    "        result.append(max(x, y))\n"
    "    return tuple(result)",
)


# q11: add v[i] to every entry of row i. The square cases are where the
# tempting `a + v` runs without an error and adds along the wrong axis.
Q11_SHAPES = [(3, 3), (2, 5), (4, 1), (5, 2), (4, 4)]


def _q11_probe(rows: int, cols: int) -> Probe:
    def make() -> tuple[np.ndarray, np.ndarray]:
        a = np.arange(rows * cols, dtype=float).reshape(rows, cols) / 2
        v = 10.0 * (np.arange(rows) + 1) ** 2
        return a, v

    def want() -> np.ndarray:
        a, v = make()
        return a + v.reshape(rows, 1)

    return (
        f"for a of shape ({rows}, {cols}) and v of shape ({rows},),",
        lambda answer: answer(*make()),
        want,
    )


_q11_values = probe_checker(
    [_q11_probe(*s) for s in Q11_SHAPES], what="add_per_row(a, v)"
)


def _q11_checker(answer: Any) -> tuple[bool, str]:
    ok, reason = _q11_values(answer)
    if ok or not callable(answer):
        return ok, reason
    a, v = np.eye(3), np.array([1.0, 2.0, 3.0])
    try:
        along_columns = np.allclose(answer(a.copy(), v.copy()), a + v)
    except Exception:
        along_columns = False
    if along_columns:
        reason += " It added v[j] to column j: compared from the right, "
        reason += "v's axis meets the columns."
    return False, reason


q11 = Question(
    "q11",
    _q11_checker,
    hint="Compared from the right, v's one axis meets a's columns. Give v "
    "the shape of a column first, so that it meets the rows.",
    solution="def add_per_row(a, v):\n"
    "    return a + v.reshape(-1, 1)  # (n, 1) stretches along the columns",
)


# q12: a float64 NumPy array with memory of its own, from NumPy, a list,
# TensorFlow or PyTorch (a tensor that requires grad too). The PyTorch and
# TensorFlow probes run only when the learner's kernel has imported them.
class _Source:
    """One input for to_numpy: how to make it and how to read it back."""

    def __init__(
        self,
        where: str,
        make: Callable[[], Any],
        read_back: Callable[[Any], np.ndarray],
    ) -> None:
        self.where, self.make, self.read_back = where, make, read_back


def _q12_sources() -> list[_Source]:
    def same(x: Any) -> np.ndarray:
        return np.array(x, dtype=np.float64)

    sources = [
        _Source(
            "for the float64 array [1.5, -2.0, 4.0],",
            lambda: np.array([1.5, -2.0, 4.0]),
            same,
        ),
        _Source(
            "for the int array [[1, 2], [3, 4]],",
            lambda: np.array([[1, 2], [3, 4]]),
            same,
        ),
        _Source(
            "for the list [[0.5, 1], [2, 3]],",
            lambda: [[0.5, 1], [2, 3]],
            same,
        ),
    ]
    torch = sys.modules.get("torch")
    if torch is not None:

        def torch_back(t: Any) -> np.ndarray:
            return np.array(t.detach().tolist(), dtype=np.float64)

        sources += [
            _Source(
                "for torch.tensor([2.5, 3.0], dtype=torch.float64),",
                lambda: torch.tensor([2.5, 3.0], dtype=torch.float64),
                torch_back,
            ),
            _Source(
                "for torch.tensor([1.0, 2.0], requires_grad=True),",
                lambda: torch.tensor([1.0, 2.0], requires_grad=True),
                torch_back,
            ),
        ]
    tf = sys.modules.get("tensorflow")
    if tf is not None and hasattr(tf, "constant"):
        sources.append(
            _Source(
                "for tf.constant([[7, 8]]),",
                lambda: tf.constant([[7, 8]]),
                lambda t: np.array(t.numpy(), dtype=np.float64),
            )
        )
    return sources


def to_numpy_checker(
    sources: Callable[[], list[_Source]] = _q12_sources,
) -> Checker:
    """Check to_numpy(t): float64 values equal to t's, in an array whose
    memory is its own (writing into it leaves t unchanged)."""

    def checker(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, (
                f"expected a function to_numpy(t); got {describe(answer)}."
            )
        for source in sources():
            original = source.make()
            want = source.read_back(source.make())
            try:
                result = answer(original)
            except NotImplementedError:
                raise NotAnswered from None
            except Exception as error:
                return False, (
                    f"{source.where} your to_numpy raised "
                    f"{type(error).__name__}: {error}"
                )
            if not isinstance(result, np.ndarray):
                return False, (
                    f"{source.where} your to_numpy returned "
                    f"{describe(result)}; expected a NumPy array."
                )
            if result.dtype != np.float64:
                return False, (
                    f"{source.where} your to_numpy returned an array of "
                    f"dtype {result.dtype}; expected float64."
                )
            reason = compare(result, want, 0.0, 0.0)
            if reason:
                return False, f"{source.where} your to_numpy {reason}"
            if not np.array_equal(source.read_back(original), want):
                return False, (
                    f"{source.where} your to_numpy changed its input; it "
                    "should only read it."
                )
            if result.size and result.flags.writeable:
                result.reshape(-1)[0] = -999.0
            if not np.array_equal(source.read_back(original), want):
                return False, (
                    f"{source.where} writing into the array your to_numpy "
                    "returned changed the input: the two share memory. "
                    "Return a copy."
                )
            if not result.flags.writeable:
                return False, (
                    f"{source.where} your to_numpy returned a read-only "
                    "array; return a copy of your own."
                )
        return True, ""

    return checker


q12 = Question(
    "q12",
    to_numpy_checker(),
    hint="A PyTorch tensor that requires grad must leave the graph (and "
    "the GPU) before it can become an array, and PyTorch's .numpy() shares "
    "memory. Which NumPy function always makes a new array, in the dtype "
    "you ask for?",
    solution="def to_numpy(t):\n"
    "    if hasattr(t, 'detach'):  # PyTorch: leave the graph, go to the CPU\n"
    "        t = t.detach().cpu().numpy()\n"
    "    return np.array(t, dtype=np.float64)  # np.array copies",
)
