"""The quiz engine: a Question checks an answer and says why it is wrong.

    q.q3.check(answer)   # prints ✓ or ✗ with a specific reason
    q.q3.hint()          # prints a hint
    q.q3.solution()      # prints the worked solution

A checker is a function ``answer -> (ok, message)``. The factories below
(``number``, ``array``, ``booleans``, ``shape``, ``choice``, ``function``)
build the usual ones as ``Check`` objects, which also tell what they expect
(``kind``, ``expected``, ``mistakes``; the test battery reads them).

Every factory reads answers through one conversion (``_convert.read``) and
compares them by one rule (``_wrong``):

- refused, with one sentence saying what was expected and what arrived:
  None, strings (also inside tensors), bools (unless bools are asked for),
  complex numbers;
- accepted alike: int or float, NumPy, PyTorch, TensorFlow, lists and
  tuples, and any one-element array where one number is expected;
- an entry is right within ``atol + rtol * |expected|``. A float32 answer
  is judged at float32 precision (rtol at least 80 eps = 1e-5, atol at
  least 8 eps = 1e-6), unless the question demands float64
  (``float64="why"``): then it hears that it is right only to float32
  precision.

``check`` never raises: an unanswered exercise (``...`` or a function that
raises NotImplementedError) prints "not answered yet", anything a confused
learner types gets a ✗ and a reason, and where stdout cannot encode ✓ or ε
the message falls back to plain ASCII ("[ok]", "eps").
"""

from __future__ import annotations

import contextlib
import copy
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import numpy as np

from ._convert import NotNumbers, Numbers, describe, read

Checker = Callable[[Any], "tuple[bool, str]"]

_EPS32 = float(np.finfo(np.float32).eps)


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


@dataclass(frozen=True, eq=False)
class Check:
    """A checker built by a factory; calling it judges an answer.

    Attributes:
        kind: "number", "array", "booleans", "shape", "choice" or
            "function".
        expected: the right value (the reference function for "function").
        mistakes: known wrong answers (values or functions) and reasons.
        options: the factory's other settings (rtol, atol, float64, points,
            names, the choice's options).
    """

    kind: str
    expected: Any
    judge: Checker = field(repr=False)
    mistakes: tuple[tuple[Any, str], ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    def __call__(self, answer: Any) -> tuple[bool, str]:
        return self.judge(answer)


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
        # the chapter is the number in the defining module's name (chNN),
        # found above any subclass's __init__ (questions/_tools.Predict)
        frame: FrameType | None = sys._getframe(1)
        module = ""
        while frame is not None and ".ch" not in module:
            module = frame.f_globals.get("__name__", "")
            inside = frame.f_code.co_name == "__init__"
            frame = frame.f_back if inside else None
        self.chapter = module.rsplit(".ch", 1)[-1] if ".ch" in module else ""
        self._checker = checker
        self._hint = hint
        self._solution = solution
        self._success = success

    @property
    def checker(self) -> Checker:
        """The checker (a ``Check`` when a factory built it)."""
        return self._checker

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
            ok = bool(ok)
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
        emit(result.message)
        if self.chapter:  # progress never changes the verdict, never raises
            from .tracking import record

            if result.ok:
                status = "right"
            elif result.message.startswith("…"):
                status = "unanswered"
            else:
                status = "wrong"
            problem = record(self.chapter, self.name, status)
            if problem:
                emit(problem)
        return result

    def hint(self) -> None:
        """Print a hint."""
        emit(f"Hint ({self.name}): {self._hint}")

    def solution(self) -> None:
        """Print the worked solution."""
        emit(f"Solution ({self.name}):\n{self._solution}")


def _unanswered(answer: Any) -> bool:
    if answer is Ellipsis:
        return True
    if isinstance(answer, (tuple, list)):
        return any(item is Ellipsis for item in answer)
    return False


# Plain-text stand-ins for what a cp1252 or ASCII console cannot print.
# fmt: off
_PLAIN = {
    "✓": "[ok]", "✗": "[x]", "…": "...", "ε": "eps", "²": "^2", "³": "^3",
    "⁶": "^6", "ᵀ": "^T", "×": "x", "·": "*", "÷": "/", "≈": "~",
    "≤": "<=", "≥": ">=", "≠": "!=", "→": "->", "√": "sqrt", "∂": "d",
    "σ": "sigma", "Δ": "Delta", "∇": "grad", "∞": "inf", "π": "pi",
    "λ": "lambda", "—": "--", "–": "-", "−": "-", "‘": "'", "’": "'",
    "“": '"', "”": '"',
}
# fmt: on


def _plain(text: str, encoding: str) -> str:
    """``text`` with every character ``encoding`` cannot hold replaced."""
    out = []
    for char in text:
        try:
            char.encode(encoding)
            out.append(char)
        except (UnicodeError, LookupError):
            ascii_form = unicodedata.normalize("NFKD", char)
            ascii_form = ascii_form.encode("ascii", "ignore").decode()
            out.append(_PLAIN.get(char) or ascii_form or "?")
    return "".join(out)


def emit(text: str) -> None:
    """Print ``text``; where stdout cannot encode it, print plain text.

    Never raises: a missing or closed stdout prints nothing.
    """
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeError, LookupError):
        text = _plain(text, encoding)
    try:
        print(text)
    except Exception:  # closed, or it misreported its encoding
        with contextlib.suppress(Exception):
            print(_plain(text, "ascii"))


# ---- showing numbers ------------------------------------------------------


def _show(value: Any, digits: int = 6) -> str:
    """Format a number or array for a message: 4.5, not np.float64(4.5)."""
    try:
        array = read(value).values
    except Exception:
        return describe(value)
    if array.ndim == 0:
        number = float(array)
        return f"{number:.{digits}g}"
    return np.array2string(
        array, separator=", ", precision=digits, floatmode="maxprec"
    )


def apart(got: Any, want: Any) -> tuple[str, str]:
    """Show two different values with enough digits to look different.

    Every checker, the engine's and the chapters' custom ones, uses this,
    so no ✗ ever shows two numbers that look equal.
    """
    for digits in (6, 9, 12, 17):
        a, b = _show(got, digits), _show(want, digits)
        if a != b:
            break
    return a, b


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# ---- the one comparison rule ----------------------------------------------


def _eps(got: Numbers) -> float:
    """The answer's precision. A float64 holding only float32 values that
    are not whole numbers (a ``.item()`` of a float32 tensor) counts as
    float32."""
    values = got.values[np.isfinite(got.values)]
    if got.eps >= _EPS32 or values.size == 0:
        return got.eps
    with np.errstate(over="ignore"):
        as32 = values.astype(np.float32).astype(np.float64)
    if np.all(as32 == values) and np.any(values != np.round(values)):
        return _EPS32
    return got.eps


def _close(got: np.ndarray, want: Any, rtol: float, atol: float) -> bool:
    """Every entry within ``atol + rtol * |want|`` (equal infinities and
    NaN against NaN count as close)."""
    return not _wrong(got, np.asarray(want, dtype=float), rtol, atol).any()


def _wrong(
    got: np.ndarray, want: np.ndarray, rtol: float, atol: float
) -> np.ndarray:
    """The one rule: which entries of ``got`` miss ``want``."""
    with np.errstate(invalid="ignore", over="ignore"):
        close = np.abs(got - want) <= atol + rtol * np.abs(want)
    close &= np.isfinite(want)  # an infinity is matched only by itself
    same = (got == want) | (np.isnan(got) & np.isnan(want))
    return ~(close | same)


@dataclass(frozen=True)
class _Rule:
    """The tolerances of one question, and whether it demands float64."""

    rtol: float
    atol: float
    float64: str = ""

    def loose(self, got: Numbers) -> tuple[float, float]:
        """Tolerances widened to the answer's own precision."""
        eps = _eps(got)
        return max(self.rtol, 80 * eps), max(self.atol, 8 * eps)

    def judge(
        self, got: Numbers, values: np.ndarray, want: np.ndarray
    ) -> tuple[np.ndarray, str]:
        """(mask of wrong entries, a note when float32 is the reason)."""
        rtol, atol = self.loose(got)
        if not self.float64:
            return _wrong(values, want, rtol, atol), ""
        wrong = _wrong(values, want, self.rtol, self.atol)
        if wrong.any() and not _wrong(values, want, rtol, atol).any():
            return wrong, (
                f"right only to float32 precision; use float64: {self.float64}"
            )
        return wrong, ""

    def matches(self, got: Numbers, values: np.ndarray, other: Any) -> bool:
        """``values`` equals ``other`` (a known mistake) by the same rule."""
        try:
            target = read(other).values
        except NotNumbers:
            return False
        aligned = _align(values, target.shape)
        return aligned is not None and _close(
            aligned, target, *self.loose(got)
        )

    def relation(self, values: np.ndarray, want: np.ndarray) -> str:
        """Name a simple relation between a wrong answer and the right one:
        the sign, a factor, a transpose; "" if none."""
        if values.shape != want.shape or not np.any(want != 0):
            return ""
        if _close(-values, want, self.rtol, self.atol):
            return "the wrong sign"
        for factor in (2.0, 0.5, 10.0, 0.1):
            if _close(values, factor * want, self.rtol, self.atol):
                return f"off by a factor of {factor:g}"
        square = values.ndim == 2 and values.shape[0] == values.shape[1]
        if square and _close(values.T, want, self.rtol, self.atol):
            return "transposed"
        return ""


def _align(values: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """``values`` in ``shape``: as it is, or one number as one number."""
    if values.shape == shape:
        return values
    if values.size == 1 and int(np.prod(shape)) == 1:
        return values.reshape(shape)
    return None


def _shape_note(values: np.ndarray, want: np.ndarray, rule: _Rule) -> str:
    """What to change when the answer has the wrong shape."""
    if values.size != want.size or not values.size:
        return ""
    if values.ndim == 2 and values.shape == want.shape[::-1]:
        if _close(values.T, want, rule.rtol, rule.atol):
            return " It looks transposed."
    dims = ", ".join(str(n) for n in want.shape)
    if _close(values.reshape(want.shape), want, rule.rtol, rule.atol):
        return f" The values are right: use .reshape({dims}) on it."
    if values.ndim == 2 and values.shape == want.shape[::-1]:
        return " It looks transposed."
    return ""


def _relation_note(rule: _Rule, values: np.ndarray, want: np.ndarray) -> str:
    """A sentence naming the sign, factor or transpose, or ""."""
    relation = rule.relation(values, want)
    if relation == "transposed":
        return " It looks transposed."
    if relation == "the wrong sign":
        return " It has the wrong sign."
    return f" It is {relation}." if relation else ""


def _read(answer: Any, size: int = 1) -> tuple[Numbers | None, str]:
    """Read an answer of ``size`` numbers, or return (None, a phrase saying
    what arrived)."""
    if callable(answer) and getattr(answer, "shape", None) is None:
        return None, "a function (call it first)"
    try:
        return read(answer), ""
    except NotNumbers as arrived:
        note = ""
        if isinstance(answer, str) and size == 1:
            try:
                float(answer)
                note = " (a string: drop the quotes)"
            except ValueError:
                pass
        return None, f"{arrived}{note}"


def _wanted(want: np.ndarray) -> str:
    return "a number" if want.size == 1 else f"an array of shape {want.shape}"


# ---- the factories --------------------------------------------------------


def number(
    expected: float,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    mistakes: Mapping[float, str] | None = None,
    float64: str = "",
) -> Check:
    """Check one number within ``atol + rtol * |expected|``.

    ``mistakes`` maps a known wrong value to the reason a learner gets it
    (for example a missing chain-rule factor). ``float64`` says why the
    question needs float64; without it a float32 answer is judged at
    float32 precision.
    """
    target = float(expected)
    known = tuple((float(v), why) for v, why in (mistakes or {}).items())
    rule = _Rule(rtol, atol, float64)
    want = np.asarray(target)

    def checker(answer: Any) -> tuple[bool, str]:
        got, arrived = _read(answer)
        if got is None:
            return False, f"expected a number; got {arrived}."
        if got.values.size != 1:
            return False, f"expected one number; got {describe(answer)}."
        values = got.values.reshape(())
        value = float(values)
        if not np.isfinite(value) and np.isfinite(target):
            return False, f"your answer is {value}; expected a finite number."
        wrong, note = rule.judge(got, values, want)
        if not wrong.any():
            return True, ""
        shown = apart(value, target)[0]
        if note:
            return False, f"{shown} is {note}"
        for wrong_value, why in known:
            if rule.matches(got, values, wrong_value):
                return False, f"{shown} is not right: {why}"
        relation = rule.relation(values, want)
        if relation == "the wrong sign":
            return False, f"{shown} has the wrong sign."
        if relation:
            return False, f"{shown} is {relation}."
        side = "too large" if value > target else "too small"
        return False, f"{shown} is {side}."

    return Check(
        "number",
        target,
        checker,
        known,
        {"rtol": rtol, "atol": atol, "float64": float64},
    )


def array(
    expected: Any,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    mistakes: Sequence[tuple[Any, str]] = (),
    float64: str = "",
) -> Check:
    """Check an array: its shape first, then every entry within tolerance.

    ``mistakes`` lists known wrong arrays with the reason a learner gets
    them: ``[([6, 1], "you forgot the chain-rule factor 5.")]``. An
    expected array of bools is checked by ``booleans``.
    """
    if np.asarray(expected).dtype == bool:
        return booleans(expected, mistakes=mistakes)
    target = read(expected).values
    known = tuple((read(v).values, why) for v, why in mistakes)
    rule = _Rule(rtol, atol, float64)

    def checker(answer: Any) -> tuple[bool, str]:
        got, arrived = _read(answer, target.size)
        if got is None:
            wanted = f"an array of shape {target.shape}"
            return False, f"expected {wanted}; got {arrived}."
        if got.values.size == 0:
            return (
                False,
                f"your answer is empty; expected shape {target.shape}.",
            )
        reason = compare(got)
        if not reason:
            return True, ""
        for wrong_value, why in known:
            if rule.matches(got, got.values, wrong_value):
                return False, f"{why} ({reason})"
        return False, reason

    def compare(got: Numbers) -> str:
        """Why ``got`` is not ``target``; "" if it is."""
        values = _align(got.values, target.shape)
        if values is None:
            return (
                f"expected shape {target.shape}; your answer has shape "
                f"{got.values.shape}.{_shape_note(got.values, target, rule)}"
            )
        if np.any(~np.isfinite(values) & np.isfinite(target)):
            return "your answer contains NaN or infinity."
        wrong, note = rule.judge(got, values, target)
        if note or not wrong.any():
            return f"your answer is {note}" if note else ""
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        where = f"entry {list(index)}" if index else "the value"
        shown, right_value = apart(values[index], target[index])
        return (
            f"{where} is {shown}, expected {right_value} "
            f"({wrong.size - int(wrong.sum())} of {wrong.size} entries "
            f"right).{_relation_note(rule, values, target)}"
        )

    return Check(
        "array",
        target,
        checker,
        known,
        {"rtol": rtol, "atol": atol, "float64": float64},
    )


def booleans(
    expected: Any,
    *,
    labels: Sequence[str] = (),
    reasons: Sequence[str] = (),
    mistakes: Sequence[tuple[Any, str]] = (),
) -> Check:
    """Check True/False answers: one, or a list of them.

    Python, NumPy, TensorFlow and PyTorch bools count, and so do the
    numbers 0 and 1. ``labels`` name the entries in messages ("snippet
    (a)"); ``reasons`` say why entry k is what it is, shown when the
    learner gets entry k wrong.
    """
    target = read(expected, booleans=True).values
    n = target.size
    wanted = (
        "True or False"
        if target.ndim == 0
        else f"a list of {n} True/False values"
    )

    def name(k: int) -> str:
        return f"entry {k} ({labels[k]})" if k < len(labels) else f"entry {k}"

    def checker(answer: Any) -> tuple[bool, str]:
        if isinstance(answer, (list, tuple)) and target.ndim:
            if len(answer) != n:
                return False, f"expected {wanted}; got {len(answer)} values."
            for k, item in enumerate(answer):
                try:
                    read(item, booleans=True)
                except NotNumbers:
                    return False, (
                        f"{name(k)} is {describe(item)}; write True or False."
                    )
        try:
            flags = read(answer, booleans=True).values
        except NotNumbers as arrived:
            return False, f"expected {wanted}; got {arrived}."
        if flags.shape != target.shape:
            return False, f"expected {wanted}; got {describe(answer)}."
        wrong = np.flatnonzero(flags.reshape(-1) != target.reshape(-1))
        if not wrong.size:
            return True, ""
        k = int(wrong[0])
        why = reasons[k] if k < len(reasons) else "that is not right."
        where = name(k) if target.ndim else "your answer"
        return False, f"{where}: {why} ({n - wrong.size} of {n} right)"

    return Check(
        "booleans",
        target,
        checker,
        tuple((read(v, booleans=True).values, why) for v, why in mistakes),
        {"labels": tuple(labels)},
    )


def _as_shape(answer: Any) -> tuple[tuple[int, ...] | None, str]:
    """Read a shape: a tuple or list of ints, an int, np.array([2, 3]),
    (2.0, 3.0), torch.Size, tf.TensorShape. Else (None, what arrived)."""
    if hasattr(answer, "as_list"):  # tf.TensorShape
        if getattr(answer, "rank", 0) is None:
            return None, "a TensorShape of unknown rank"
        answer = answer.as_list()
        if None in answer:
            return None, f"{answer}, a shape with an unknown size (None)"
    try:
        sizes = read(answer).values
    except NotNumbers as arrived:
        return None, str(arrived)
    if sizes.ndim > 1:
        return None, describe(answer)
    sizes = sizes.reshape(-1)
    if not np.all(np.isfinite(sizes) & (sizes == np.round(sizes))):
        return None, f"{describe(answer)} with sizes that are not whole"
    if np.any(sizes < 0):
        return None, f"{describe(answer)} with a negative size"
    return tuple(int(s) for s in sizes), ""


def shape(
    expected: Sequence[int],
    *,
    mistakes: Mapping[tuple[int, ...], str] | None = None,
) -> Check:
    """Check a shape such as (2, 3); lists, arrays, torch.Size and
    tf.TensorShape count too.

    ``mistakes`` maps a known wrong shape to the reason a learner gets it.
    """
    target = tuple(int(n) for n in expected)
    known = {tuple(int(n) for n in k): v for k, v in (mistakes or {}).items()}

    def checker(answer: Any) -> tuple[bool, str]:
        given, arrived = _as_shape(answer)
        if given is None:
            return False, (
                f"expected a shape as a tuple of ints like {target}; "
                f"got {arrived}."
            )
        if given == target:
            return True, ""
        if len(given) != len(target):
            reason = (
                f"{given} has {_count(len(given), 'dimension')}; the result "
                f"has {len(target)}."
            )
        elif sorted(given) == sorted(target):
            reason = f"{given} has the right sizes in the wrong order."
        else:
            axis = next(
                i for i, (a, b) in enumerate(zip(given, target)) if a != b
            )
            reason = f"{given}: the size of axis {axis} is not {given[axis]}."
        if given in known:
            return False, f"{given}: {known[given]} ({reason})"
        return False, reason

    return Check("shape", target, checker, tuple(known.items()))


def _tidy(text: str) -> str:
    """'(b)', "'b'", 'b.', ' B ' -> 'b' (case kept)."""
    previous = None
    while text != previous:
        previous = text
        text = text.strip().strip("'\"`").strip()
        if text[:1] in "([" and text[-1:] in ")]":
            text = text[1:-1]
        text = text.rstrip(".,:;)").lstrip("(")
    return text


def choice(
    correct: str,
    options: Sequence[str],
    *,
    feedback: Mapping[str, str] | None = None,
) -> Check:
    """Check a multiple-choice answer: one of ``options`` such as 'a'-'d'.

    Case does not matter unless two options differ only by case; '(b)',
    'b.', "'b'" and ' B ' all mean 'b'. Messages name the options as
    written.
    """
    strict = len({o.lower() for o in options}) < len(options)

    def key(text: str) -> str:
        return text if strict else text.lower()

    by_key = {key(o): o for o in options}
    notes = {key(k): v for k, v in (feedback or {}).items()}
    listed = ", ".join(repr(o) for o in options)

    def checker(answer: Any) -> tuple[bool, str]:
        if not isinstance(answer, str):
            return (
                False,
                f"expected one of {listed} as a string; "
                f"got {describe(answer)}.",
            )
        option = by_key.get(key(answer.strip())) or by_key.get(
            key(_tidy(answer))
        )
        if option is None:
            return False, f"expected one of {listed}; got {answer!r}."
        if key(option) == key(correct):
            return True, ""
        return False, notes.get(
            key(option), f"{option!r} is not the right option."
        )

    return Check(
        "choice",
        correct,
        checker,
        tuple((by_key.get(k, k), v) for k, v in notes.items()),
        {"options": tuple(options)},
    )


def _private(value: Any) -> Any:
    """A deep copy the caller may change freely (the value itself when it
    cannot be copied: a function, an immutable scalar)."""
    try:
        return copy.deepcopy(value)
    except Exception:
        if isinstance(value, tuple):
            return tuple(_private(v) for v in value)
        return value


def function(
    reference: Callable[..., Any],
    points: Sequence[Any],
    *,
    names: Sequence[str] = ("x",),
    rtol: float = 1e-6,
    atol: float = 1e-8,
    what: str = "your function",
    mistakes: Sequence[tuple[Callable[..., Any], str]] = (),
    float64: str = "",
) -> Check:
    """Check a learner's function against ``reference`` at several points.

    Each point is one argument, or a tuple of arguments when ``names`` has
    several. At each point the reference runs first, on its own copy of
    the arguments, and the learner's function gets another copy, so a
    function that changes its inputs can neither fool the check nor spoil
    a later one; messages quote the original point. Reports the first
    point where the two differ. ``mistakes`` lists known wrong functions
    with the reason a learner writes them.
    """
    originals = tuple(
        _private(p if isinstance(p, tuple) else (p,)) for p in points
    )
    rule = _Rule(rtol, atol, float64)

    def label(args: tuple[Any, ...]) -> str:
        shown = ", ".join(_show(a) for a in args)
        if len(names) == 1:
            return f"{names[0]} = {shown}"
        return f"({', '.join(names)}) = ({shown})"

    def reference_at(args: tuple[Any, ...]) -> np.ndarray:
        return read(reference(*_private(args))).values

    def mismatch(answer: Callable[..., Any]) -> str:
        """The reason ``answer`` is wrong, or "" when it is right."""
        for args in originals:
            want = reference_at(args)  # first, on its own copy
            where = f"at {label(args)} {what}"
            try:
                result = answer(*_private(args))
            except NotImplementedError:
                raise NotAnswered from None
            except Exception as error:
                return f"{where} raised {type(error).__name__}: {error}"
            if result is None:
                return f"{where} returned None; did you forget `return`?"
            got, arrived = _read(result, want.size)
            if got is None:
                return f"{where} returned {arrived}; expected {_wanted(want)}."
            values = _align(got.values, want.shape)
            if values is None:
                return (
                    f"{where} returned shape {got.values.shape}; expected "
                    f"shape {want.shape}."
                    + _shape_note(got.values, want, rule)
                )
            wrong, note = rule.judge(got, values, want)
            if note:
                return f"{where} returned a value {note}"
            if wrong.any():
                shown, right_value = apart(values, want)
                return (
                    f"{where} returned {shown}; expected {right_value}."
                    + _relation_note(rule, values, want)
                )
        return ""

    def agrees(answer: Callable[..., Any], wrong: Callable[..., Any]) -> bool:
        """``answer`` gives what the known mistake ``wrong`` gives."""
        try:
            for args in originals:
                target = read(wrong(*_private(args))).values
                got = read(answer(*_private(args)))
                values = _align(got.values, target.shape)
                if values is None or not _close(
                    values, target, *rule.loose(got)
                ):
                    return False
        except NotImplementedError:
            raise NotAnswered from None
        except Exception:
            return False
        return True

    def checker(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, (
                "expected a function (a def or a lambda); "
                f"got {describe(answer)}."
            )
        reason = mismatch(answer)
        if not reason:
            return True, ""
        for wrong, why in mistakes:
            if agrees(answer, wrong):
                return False, f"{reason} {why}"
        return False, reason

    return Check(
        "function",
        reference,
        checker,
        tuple(mistakes),
        {
            "points": originals,
            "names": tuple(names),
            "rtol": rtol,
            "atol": atol,
            "float64": float64,
        },
    )
