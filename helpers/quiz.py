"""The quiz engine: a Question checks an answer and says why it is wrong.

    q.q3.check(answer)   # prints ✓ or ✗ with a specific reason
    q.q3.hint()          # prints a hint
    q.q3.solution()      # prints the worked solution

A checker is a function ``answer -> (ok, message)``; the factories below
(``number``, ``array``, ``shape``, ``choice``, ``function``) build the usual
ones. ``check`` never raises: an unanswered exercise (``...`` or a function
that raises NotImplementedError) prints "not answered yet", and anything a
confused learner types (None, a word, NaN, an empty list, a function that
raises) gets a ✗ and a reason.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._convert import describe, to_array

Checker = Callable[[Any], "tuple[bool, str]"]


class NotAnswered(Exception):
    """Raised by a checker when the answer is still the practice stub."""


@dataclass(frozen=True)
class Verdict:
    """What ``Question.check`` returns: truthy when the answer is right.

    Its message was already printed, so Jupyter shows nothing more for it.
    """

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (bool, Verdict)):
            return bool(self) == bool(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.ok)

    def __repr__(self) -> str:
        return self.message

    def _ipython_display_(self) -> None:
        """Show nothing: the message was printed by ``check``."""


class Question:
    """One exercise: a checker plus a hint and a solution."""

    def __init__(
        self,
        name: str,
        checker: Checker,
        *,
        hint: str,
        solution: str,
        success: str = "",
    ) -> None:
        self.name = name
        self._checker = checker
        self._hint = hint
        self._solution = solution
        self._success = success

    def __repr__(self) -> str:
        return (
            f"<Question {self.name}: call .check(answer), .hint(), "
            ".solution()>"
        )

    def verdict(self, answer: Any) -> Verdict:
        """Judge ``answer`` without printing; never raises."""
        if _unanswered(answer):
            return Verdict(False, f"… {self.name}: not answered yet.")
        try:
            ok, reason = self._checker(answer)
        except NotAnswered:
            return Verdict(False, f"… {self.name}: not answered yet.")
        except Exception as error:  # a checker must never raise at a learner
            return Verdict(
                False,
                f"✗ {self.name}: your answer could not be checked "
                f"({type(error).__name__}: {error}).",
            )
        if ok:
            extra = f" {self._success}" if self._success else ""
            return Verdict(True, f"✓ {self.name}: correct.{extra}")
        return Verdict(False, f"✗ {self.name}: {reason}")

    def check(self, answer: Any) -> Verdict:
        """Print ✓ or ✗ with the reason, and return the verdict."""
        result = self.verdict(answer)
        print(result.message)
        return result

    def hint(self) -> None:
        """Print a hint."""
        print(f"Hint ({self.name}): {self._hint}")

    def solution(self) -> None:
        """Print the worked solution."""
        print(f"Solution ({self.name}):\n{self._solution}")


def _unanswered(answer: Any) -> bool:
    if answer is Ellipsis:
        return True
    if isinstance(answer, (tuple, list)):
        return any(item is Ellipsis for item in answer)
    return False


def _show(value: Any) -> str:
    """Format a number or array for a message: 4.5, not np.float64(4.5)."""
    array = np.asarray(value)
    if array.ndim == 0:
        number = float(array)
        return f"{number:g}" if np.isfinite(number) else str(number)
    return np.array2string(array, separator=", ", precision=6)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _as_numbers(
    answer: Any, expected_what: str
) -> tuple[np.ndarray | None, str]:
    """Convert an answer to floats or return (None, the reason it failed)."""
    if isinstance(answer, (bool, np.bool_)):
        return None, f"expected {expected_what}; got {answer} (a bool)."
    if callable(answer) and not hasattr(answer, "shape"):
        return (
            None,
            f"expected {expected_what}; got a function. Call it first.",
        )
    try:
        array = to_array(answer, "your answer")
    except (TypeError, ValueError):
        return None, f"expected {expected_what}; got {describe(answer)}."
    if array.dtype == object:  # pragma: no cover - to_array gives float64
        return None, f"expected {expected_what}; got {describe(answer)}."
    return array, ""


def number(
    expected: float,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    mistakes: Mapping[float, str] | None = None,
) -> Checker:
    """Check one number within ``atol + rtol * |expected|``.

    ``mistakes`` maps a known wrong value to the reason a learner gets it
    (for example a missing chain-rule factor).
    """
    mistakes = dict(mistakes or {})

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= atol + rtol * abs(b)

    def checker(answer: Any) -> tuple[bool, str]:
        array, reason = _as_numbers(answer, "a number")
        if array is None:
            return False, reason
        if array.size != 1:
            return False, f"expected one number; got {describe(answer)}."
        value = float(array.reshape(()))
        if not math.isfinite(value):
            return False, f"your answer is {value}; expected a finite number."
        if close(value, expected):
            return True, ""
        for wrong, why in mistakes.items():
            if close(value, wrong):
                return False, f"{_show(value)} is not right: {why}"
        if expected != 0 and close(value, -expected):
            return False, f"{_show(value)} has the wrong sign."
        if expected != 0 and value != 0:
            ratio = value / expected
            for factor in (2.0, 0.5, 10.0, 0.1):
                if close(ratio, factor):
                    return False, (
                        f"{_show(value)} is off by a factor of {factor:g}."
                    )
        side = "too large" if value > expected else "too small"
        return False, f"{_show(value)} is {side}."

    return checker


def array(
    expected: Any,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    mistakes: Sequence[tuple[Any, str]] = (),
) -> Checker:
    """Check an array: its shape first, then every entry within tolerance.

    ``mistakes`` lists known wrong arrays with the reason a learner gets
    them: ``[([6, 1], "you forgot the chain-rule factor 5.")]``.
    """
    target = to_array(expected, "expected")
    known = [(to_array(wrong, "mistake"), why) for wrong, why in mistakes]

    def checker(answer: Any) -> tuple[bool, str]:
        ok, reason = compare(answer)
        if ok or not known:
            return ok, reason
        values, _ = _as_numbers(answer, "")
        for wrong, why in known:
            if (
                values is not None
                and values.shape == wrong.shape
                and np.allclose(values, wrong, rtol=rtol, atol=atol)
            ):
                return False, f"{why} ({reason})"
        return False, reason

    def compare(answer: Any) -> tuple[bool, str]:
        values, reason = _as_numbers(
            answer, f"an array of shape {target.shape}"
        )
        if values is None:
            return False, reason
        if values.size == 0:
            return (
                False,
                f"your answer is empty; expected shape {target.shape}.",
            )
        if values.shape != target.shape:
            note = ""
            if values.ndim == 2 and values.shape == target.shape[::-1]:
                note = " It looks transposed."
            return False, (
                f"expected shape {target.shape}; your answer has shape "
                f"{values.shape}.{note}"
            )
        if not np.all(np.isfinite(values)):
            return False, "your answer contains NaN or infinity."
        wrong = ~np.isclose(values, target, rtol=rtol, atol=atol)
        if not wrong.any():
            return True, ""
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        where = f"entry {list(index)}" if index else "the value"
        right = int(values.size - wrong.sum())
        return False, (
            f"{where} is {_show(values[index])}, expected "
            f"{_show(target[index])} ({right} of {values.size} entries right)."
        )

    return checker


def shape(
    expected: Sequence[int],
    *,
    mistakes: Mapping[tuple[int, ...], str] | None = None,
) -> Checker:
    """Check a shape given as a tuple of ints, e.g. (2, 3).

    ``mistakes`` maps a known wrong shape to the reason a learner gets it.
    """
    target = tuple(int(n) for n in expected)
    known = dict(mistakes or {})

    def checker(answer: Any) -> tuple[bool, str]:
        ok, reason = compare(answer)
        if not ok and isinstance(answer, (tuple, list)):
            try:
                given = tuple(int(n) for n in answer)
            except (TypeError, ValueError):
                return False, reason
            if given in known:
                return False, f"{given}: {known[given]} ({reason})"
        return ok, reason

    def compare(answer: Any) -> tuple[bool, str]:
        if isinstance(answer, int) and not isinstance(answer, bool):
            answer = (answer,)
        if hasattr(answer, "as_list"):  # tf.TensorShape
            answer = answer.as_list()
        if not isinstance(answer, (tuple, list)) or not all(
            isinstance(n, (int, np.integer)) and not isinstance(n, bool)
            for n in answer
        ):
            return False, (
                f"expected a shape as a tuple of ints like {target}; "
                f"got {describe(answer)}."
            )
        given = tuple(int(n) for n in answer)
        if given == target:
            return True, ""
        if len(given) != len(target):
            return False, (
                f"{given} has {_count(len(given), 'dimension')}; the result "
                f"has {len(target)}."
            )
        if sorted(given) == sorted(target):
            return False, f"{given} has the right sizes in the wrong order."
        axis = next(i for i, (a, b) in enumerate(zip(given, target)) if a != b)
        return False, f"{given}: the size of axis {axis} is not {given[axis]}."

    return checker


def choice(
    correct: str,
    options: Sequence[str],
    *,
    feedback: Mapping[str, str] | None = None,
) -> Checker:
    """Check a multiple-choice answer: one of ``options`` such as 'a'-'d'."""
    keys = [option.lower() for option in options]
    feedback = {k.lower(): v for k, v in (feedback or {}).items()}
    listed = ", ".join(repr(k) for k in keys)

    def checker(answer: Any) -> tuple[bool, str]:
        if not isinstance(answer, str):
            return (
                False,
                f"expected one of {listed} as a string; "
                f"got {describe(answer)}.",
            )
        key = answer.strip().strip("()").lower()
        if key not in keys:
            return False, f"expected one of {listed}; got {answer!r}."
        if key == correct.lower():
            return True, ""
        return False, feedback.get(key, f"{key!r} is not the right option.")

    return checker


def function(
    reference: Callable[..., Any],
    points: Sequence[Any],
    *,
    names: Sequence[str] = ("x",),
    rtol: float = 1e-6,
    atol: float = 1e-8,
    what: str = "your function",
) -> Checker:
    """Check a learner's function against ``reference`` at several points.

    Each point is one argument, or a tuple of arguments when ``names`` has
    several. Reports the first point where the two differ.
    """

    def label(args: tuple[Any, ...]) -> str:
        shown = ", ".join(_show(a) for a in args)
        if len(names) == 1:
            return f"{names[0]} = {shown}"
        return f"({', '.join(names)}) = ({shown})"

    def checker(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, (
                "expected a function (a def or a lambda); "
                f"got {describe(answer)}."
            )
        for point in points:
            args = point if isinstance(point, tuple) else (point,)
            try:
                result = answer(*args)
            except NotImplementedError:
                raise NotAnswered from None
            except Exception as error:
                return False, (
                    f"at {label(args)} {what} raised "
                    f"{type(error).__name__}: {error}"
                )
            want = to_array(reference(*args), "reference")
            if result is None:
                return False, (
                    f"at {label(args)} {what} returned None; "
                    "did you forget `return`?"
                )
            got, reason = _as_numbers(result, f"a value of shape {want.shape}")
            if got is None:
                return False, f"at {label(args)} {what} returned: {reason}"
            if got.shape != want.shape:
                return False, (
                    f"at {label(args)} {what} returned shape {got.shape}; "
                    f"expected shape {want.shape}."
                )
            if not np.allclose(got, want, rtol=rtol, atol=atol) or not np.all(
                np.isfinite(got)
            ):
                return False, (
                    f"at {label(args)} {what} returned {_show(got)}; "
                    f"expected {_show(want)}."
                )
        return True, ""

    return checker
