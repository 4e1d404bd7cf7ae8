"""Practice questions for chapter 05, forward mode with dual numbers.

q7-q10 check code that extends the chapter's ``Dual``. The checks make
their dual numbers with the learner's own ``Dual`` class (and ``sin``,
``exp``, ``log``), found in the namespace the learner's function was
written in (a notebook's globals).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers.quiz import NotAnswered, Question, array, choice, number
from helpers.quiz import apart as _apart

Point = tuple[float, float]


def _fmt(value: float, digits: int = 6) -> str:
    return f"{value:.{digits}g}"


def _close(got: Any, want: float) -> bool:
    try:
        return bool(np.isclose(float(got), want, rtol=1e-9, atol=1e-12))
    except (TypeError, ValueError):
        return False


def _names(answer: Any) -> dict[str, Any] | str:
    """The learner's namespace, or the reason it cannot be used."""
    if not callable(answer) or isinstance(answer, type):
        return (
            "expected your function itself (a def); got "
            f"{type(answer).__name__}."
        )
    code = getattr(answer, "__func__", answer)
    names = getattr(code, "__globals__", None)
    if not isinstance(names, dict):
        return "expected a function written with def (or a lambda)."
    if not isinstance(names.get("Dual"), type):
        return (
            "Dual is not defined where your function is: run the cells "
            "above that restate the chapter's Dual."
        )
    return names


def _parts(result: Any, dual: Any) -> tuple[float, float] | None:
    """(value, tangent) of a Dual result holding plain numbers, or None."""
    if not isinstance(result, dual):
        return None
    try:
        return float(result.value), float(result.tangent)
    except (TypeError, ValueError):
        return None


def _run(what: str, fn: Callable[..., Any], *args: Any) -> tuple[Any, str]:
    """fn(*args) and "", or None and the reason it failed."""
    try:
        return fn(*args), ""
    except NotImplementedError:
        raise NotAnswered from None
    except Exception as error:
        return None, f"{what} raised {type(error).__name__}: {error}"


def _compare(
    what: str,
    got: tuple[float, float],
    want: tuple[float, float],
    mistakes: Sequence[tuple[float, str]] = (),
) -> str:
    """"" when got matches want, else a message naming value or tangent."""
    for index, part in enumerate(("value", "tangent")):
        if not _close(got[index], want[index]):
            shown, right = _apart(got[index], want[index])
            why = next(
                (r for bad, r in mistakes if index and _close(got[1], bad)),
                "",
            )
            return (
                f"{what} has {part} {shown}; expected {right}."
                + (f" {why}" if why else "")
            )
    return ""


# ---- q7: sqrt ---------------------------------------------------------------

_SQRT_POINTS = ((0.3, 1.5), (2.5, -2.0), (7.0, 0.5))


def _sqrt_checker(answer: Any) -> tuple[bool, str]:
    names = _names(answer)
    if isinstance(names, str):
        return False, names
    dual = names["Dual"]
    for a, t in _SQRT_POINTS:
        root = math.sqrt(a)
        want = (root, t / (2 * root))  # (sqrt u)' = u' / (2 sqrt u)
        what = f"sqrt(Dual({_fmt(a)}, {_fmt(t)}))"
        result, failed = _run(what, answer, dual(a, t))
        if failed:
            return False, failed
        got = _parts(result, dual)
        if got is None:
            return False, (
                f"{what} returned {type(result).__name__}; a Dual in must "
                "give a Dual out."
            )
        reason = _compare(
            what,
            got,
            want,
            [
                (1 / (2 * root), "Multiply by u.tangent: the chain rule."),
                (t / root, "The factor 1/2 is missing: (sqrt u)' = "
                 "u' / (2 sqrt u)."),
                (t * root / 2, "The derivative of sqrt u is "
                 "1 / (2 sqrt u), not sqrt(u) / 2."),
            ],
        )
        if reason:
            return False, reason

    def composite(x: float) -> Any:  # sqrt(x x + 1) x through the operators
        u = dual(x, 1.0)
        return answer(u * u + 1) * u

    for x in (0.8, -1.3):
        r = math.sqrt(x * x + 1)
        want = (r * x, r + x * x / r)
        what = f"sqrt(x * x + 1) * x at x = Dual({_fmt(x)}, 1)"
        result, failed = _run(what, composite, x)
        if failed:
            return False, failed
        got = _parts(result, dual)
        if got is None:
            return False, (
                f"{what} returned {type(result).__name__}; expected a Dual."
            )
        reason = _compare(what, got, want)
        if reason:
            return False, reason
    a = 2.0  # a dual of duals: sqrt''(2) = -1 / (4 * 2^(3/2))
    want_second = -1 / (4 * a**1.5)
    what = "sqrt of a dual of duals, Dual(Dual(2, 1), Dual(1, 0))"
    result, failed = _run(what, answer, dual(dual(a, 1.0), dual(1.0, 0.0)))
    if failed:
        return False, (
            f"{failed}. Plain duals work, nested ones do not: call sqrt on "
            "u.value (as the chapter's sin calls sin(u.value)), not np.sqrt."
        )
    try:
        second = float(result.tangent.tangent)
    except Exception:
        return False, f"{what} did not return a dual of duals."
    if not _close(second, want_second):
        shown, right = _apart(second, want_second)
        return False, (
            f"the second derivative from nested duals is {shown}; expected "
            f"{right}. Build the tangent from sqrt(u.value), so that it is "
            "a dual too."
        )
    return True, ""


# ---- q8: c ** u ------------------------------------------------------------

_RPOW_POINTS = ((0.5, 1.0, 2.0), (-1.2, 2.0, 3.5), (2.0, -0.5, 0.4))


def _rpow_checker(answer: Any) -> tuple[bool, str]:
    names = _names(answer)
    if isinstance(names, str):
        return False, names
    dual = names["Dual"]
    # c ** u.value inside a nested dual calls Dual.__rpow__: let that be
    # the learner's function for the duration of the check
    before = dual.__dict__.get("__rpow__")
    dual.__rpow__ = lambda u, c: answer(u, c)
    try:
        return _rpow_probes(answer, dual)
    finally:
        if before is None:
            del dual.__rpow__
        else:
            dual.__rpow__ = before


def _rpow_probes(answer: Any, dual: Any) -> tuple[bool, str]:
    for a, t, c in _RPOW_POINTS:
        value = c**a
        want = (value, value * math.log(c) * t)  # (c^u)' = c^u ln(c) u'
        what = f"{_fmt(c)} ** Dual({_fmt(a)}, {_fmt(t)})"
        result, failed = _run(what, answer, dual(a, t), c)
        if failed:
            return False, failed
        got = _parts(result, dual)
        if got is None:
            return False, (
                f"{what} returned {type(result).__name__}; it must return a "
                "Dual."
            )
        reason = _compare(
            what,
            got,
            want,
            [
                (
                    a * c ** (a - 1) * t,
                    "That is the power rule, for a varying base. Here the "
                    "base c is fixed and the exponent varies: "
                    "(c^u)' = c^u ln(c) u'.",
                ),
                (value * t, "The factor ln(c) is missing."),
                (
                    value * math.log(c),
                    "Multiply by u.tangent: the chain rule.",
                ),
            ],
        )
        if reason:
            return False, reason
    what = "2.0 ** (a dual of duals), for (2^x)'' at x = 1.5"
    result, failed = _run(
        what, answer, dual(dual(1.5, 1.0), dual(1.0, 0.0)), 2.0
    )
    want_second = math.log(2) ** 2 * 2**1.5
    try:
        second = float(result.tangent.tangent)
    except Exception:
        second = math.nan
    if failed or not _close(second, want_second):
        return False, (
            f"{failed or what + ' gave the wrong second derivative'}. Plain "
            "duals work, nested ones do not: compute c ** u.value with the "
            "** operator, so that a dual value works too."
        )
    return True, ""


# ---- q9: a function with a branch -------------------------------------------


def _huber(x: float) -> float:
    return 0.5 * x * x if abs(x) <= 1 else abs(x) - 0.5


def _huber_slope(x: float) -> float:
    return x if abs(x) <= 1 else math.copysign(1.0, x)


_HUBER_POINTS = ((-2.3, 1.0), (-0.6, 1.0), (0.4, 2.0), (1.7, 1.0), (-1.0, 1.0))


def _huber_checker(answer: Any) -> tuple[bool, str]:
    names = _names(answer)
    if isinstance(names, str):
        return False, names
    dual = names["Dual"]
    for x in (0.5, -2.0, 1.0):
        got, failed = _run(f"huber({_fmt(x)})", answer, x)
        if failed:
            return False, failed
        if not _close(got, _huber(x)):
            return False, (
                f"huber({_fmt(x)}) with a plain float returned "
                f"{got!r}; expected {_fmt(_huber(x))}."
            )
    for x, t in _HUBER_POINTS:
        what = f"huber(Dual({_fmt(x)}, {_fmt(t)}))"
        result, failed = _run(what, answer, dual(x, t))
        if failed:
            if "abs" in failed:
                failed += (
                    ". Python's abs() does not know Dual: write the "
                    "branches with comparisons and -x instead."
                )
            return False, failed
        got = _parts(result, dual)
        if got is None:
            return False, (
                f"{what} returned {type(result).__name__}; a Dual in must "
                "give a Dual out (multiply constants in, e.g. 0 * x)."
            )
        want = (_huber(x), _huber_slope(x) * t)
        reason = _compare(
            what,
            got,
            want,
            [(-want[1], "The sign is wrong: left of -1, huber is -x - 0.5.")],
        )
        if reason:
            return False, reason
    return True, ""


# ---- q10: a mixed partial from nested duals --------------------------------


def _mixed_probes(
    names: dict[str, Any],
) -> list[tuple[str, Callable[..., Any], Point, tuple[float, float, float]]]:
    """(text, f, point, (f_xy, f_xx, f_yy)) for functions the learner has
    not seen, built from the learner's sin, exp and log."""
    sin: Any = names.get("sin")
    exp: Any = names.get("exp")
    log: Any = names.get("log")
    e = math.exp(0.7 * -0.4)
    s, c = math.sin(0.7), math.cos(0.7)
    return [
        (
            "sin(x) * exp(x * y)",
            lambda x, y: sin(x) * exp(x * y),
            (0.7, -0.4),
            (
                c * 0.7 * e + s * (e + 0.7 * -0.4 * e),
                e * (-s + 2 * c * -0.4 + s * 0.16),
                s * 0.49 * e,
            ),
        ),
        (
            "x / (y + 2)",
            lambda x, y: x / (y + 2),
            (1.5, 0.5),
            (-1 / 2.5**2, 0.0, 2 * 1.5 / 2.5**3),
        ),
        (
            "log(x) * y**3",
            lambda x, y: log(x) * y**3,
            (2.0, -1.1),
            (3 * 1.21 / 2.0, 1.331 / 4.0, 6 * -1.1 * math.log(2.0)),
        ),
        (
            "x * x * y + y + 2",
            lambda x, y: x * x * y + y + 2,
            (3.0, 4.0),
            (6.0, 8.0, 0.0),
        ),
    ]


def _recording(
    body: Callable[..., Any], dual: Any
) -> tuple[Callable[..., Any], list[bool]]:
    """body, plus a list that records whether each call got nested duals."""
    nested: list[bool] = []

    def f(x: Any, y: Any) -> Any:
        nested.append(
            any(
                isinstance(v, dual) and isinstance(v.value, dual)
                for v in (x, y)
            )
        )
        return body(x, y)

    return f, nested


def _mixed_checker(answer: Any) -> tuple[bool, str]:
    names = _names(answer)
    if isinstance(names, str):
        return False, names
    for needed in ("sin", "exp", "log"):
        if not callable(names.get(needed)):
            return False, (
                f"{needed} is not defined where your function is: run the "
                "cells above that restate the chapter's functions."
            )
    dual = names["Dual"]
    for text, body, point, (f_xy, f_xx, f_yy) in _mixed_probes(names):
        f, nested = _recording(body, dual)

        what = f"mixed_partial(f, {_fmt(point[0])}, {_fmt(point[1])}) for " + (
            f"f = {text}"
        )
        got, failed = _run(what, answer, f, *point)
        if failed:
            return False, failed
        if not any(nested):
            return False, (
                f"{what} never passed a dual of duals to f. The check wants "
                "nested duals: x moves in one ε, y in the other."
            )
        if not _close(got, f_xy):
            try:
                shown, right = _apart(float(got), f_xy)
            except (TypeError, ValueError):
                return False, (
                    f"{what} returned {type(got).__name__}; expected a "
                    "number (the tangent of the tangent)."
                )
            why = ""
            if _close(got, f_xx) and not _close(f_xx, f_xy):
                why = " That is d2f/dx2: y must move in the other ε than x."
            elif _close(got, f_yy) and not _close(f_yy, f_xy):
                why = " That is d2f/dy2: x must move in the other ε than y."
            return False, f"{what} returned {shown}; expected {right}.{why}"
    return True, ""


q1 = Question(
    "q1",
    array(
        [8.0, 14.0],
        mistakes=[
            (
                [8.0, 3.0],
                "The ε part is not the product of the ε parts: "
                "expand (a + bε)(c + dε) and use ε² = 0.",
            ),
            ([8.0, 17.0], "The ε² term 3·1·ε² is dropped, because ε² = 0."),
            ([6.0, 4.0], "That is the sum; the question multiplies."),
            ([14.0, 8.0], "Give the value first, then the ε part."),
        ],
    ),
    hint="(a + bε)(c + dε) = ac + (ad + bc)ε + bd ε², and ε² = 0.",
    solution="(2 + 3ε)(4 + ε) = 8 + 2ε + 12ε + 3ε² = 8 + 14ε, so "
    "np.array([8, 14]).",
)

q2 = Question(
    "q2",
    array(
        [0.0, 1.0],
        mistakes=[
            ([1.0, 0.0], "That seed moves x and gives ∂f/∂x."),
            (
                [1.0, 1.0],
                "Moving both inputs gives ∂f/∂x + ∂f/∂y, the "
                "directional derivative along (1, 1).",
            ),
            (
                [0.0, 0.0],
                "With no tangent at all every derivative comes out 0.",
            ),
            (
                [3.0, 4.0],
                "Those are the values of x and y; the seed is "
                "the tangent part.",
            ),
        ],
    ),
    hint="The seed says how fast each input moves. Which input should "
    "move, and which stand still?",
    solution="np.array([0, 1]): x = Dual(3, 0) stands still, y = Dual(4, 1) "
    "moves at rate 1, so f's tangent is ∂f/∂y = x² + 1 = 10.",
)

q3 = Question(
    "q3",
    array(
        [7.0, 3.0],
        mistakes=[
            ([5.0, 4.0], "That is Jᵀ v; J v combines each row of J with v."),
            (
                [3.0, 1.0],
                "That is only the first column J e_1; v moves y as well.",
            ),
            ([6.0, 5.0], "Those are the values f(2, 3), not the tangents."),
            (
                [8.0, 3.0],
                "∂(xy)/∂x is y = 3 and ∂(xy)/∂y is x = 2: 3·1 + 2·2 = 7.",
            ),
        ],
    ),
    hint="Seed x = 2 + 1ε and y = 3 + 2ε and expand xy and x + y with ε² = 0.",
    solution="J = [[y, x], [1, 1]] = [[3, 2], [1, 1]] at (2, 3), so "
    "J v = [3·1 + 2·2, 1 + 2] = [7, 3]. In one pass: "
    "(2 + ε)(3 + 2ε) = 6 + 7ε and (2 + ε) + (3 + 2ε) = 5 + 3ε.",
)

q4 = Question(
    "q4",
    number(
        7.0,
        mistakes={
            3.0: "3 is the number of outputs; forward mode seeds the inputs, "
            "one pass per input.",
            1.0: "one pass gives one Jacobian-vector product J v, that is "
            "one column of J.",
            21.0: "each pass gives a whole column (all 3 outputs at once), "
            "not a single entry.",
            14.0: "that is what central differences need (2n function "
            "evaluations); forward mode needs one pass per input.",
        },
    ),
    hint="One forward pass with the seed e_j gives J e_j, column j of J. "
    "How many columns does a 3 × 7 Jacobian have?",
    solution="7: J is 3 × 7, and each pass with seed e_j gives one column "
    "(all 3 outputs), so 7 passes.",
)

q5 = Question(
    "q5",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "ε is not a small float: no number but 0 squares to 0. "
            "And 1e-8 squared is 1e-16, which a float stores without "
            "trouble.",
            "c": "the rule is about ε itself, not about tangents; the "
            "product rule multiplies tangents by values, never tangents "
            "by tangents.",
            "d": "there is no step to choose: the ε part is exact up to "
            "rounding, unlike a finite difference.",
        },
    ),
    hint="Compare with complex numbers, where i² = -1 is a rule we "
    "impose. What does ε² = 0 do to the Taylor series of f(a + ε)?",
    solution="(b): ε² = 0 is a rule of the number system (like i² = -1). "
    "It removes every Taylor term of order 2 and higher, so "
    "f(a + ε) = f(a) + f'(a)ε exactly.",
)

q6 = Question(
    "q6",
    number(
        2.0,
        mistakes={
            3.0: "that is the slope of the other branch. The comparison "
            "x <= 1 looks at the value 1, which is <= 1, so x * x runs.",
            2.5: "that is the average of the two slopes, what a central "
            "difference across the kink sees; a dual follows one branch.",
            1.0: "that is the value g(1), not the tangent.",
            0.0: "the tangent is not lost at a kink: the branch that runs "
            "carries it.",
        },
    ),
    hint="Which branch runs when the value is exactly 1? Then differentiate "
    "that branch only.",
    solution="The value 1 satisfies x <= 1, so g returns x * x, whose "
    "tangent is 2 · 1 · 1 = 2. The other branch, 3x - 2, would give 3; "
    "at the kink the program, not calculus, picks the slope.",
)

q7 = Question(
    "q7",
    _sqrt_checker,
    hint="sqrt(u)' = u' / (2 sqrt(u)). Follow the chapter's sin: compute "
    "the square root of the value with sqrt itself (not np.sqrt), so that "
    "a dual of duals works too, and reuse it in the tangent.",
    solution="def sqrt(u):\n"
    "    if not isinstance(u, Dual):\n"
    "        return np.sqrt(u)\n"
    "    out = sqrt(u.value)\n"
    "    return Dual(out, u.tangent / (2 * out))  # u' / (2 sqrt u)",
)

q8 = Question(
    "q8",
    _rpow_checker,
    hint="Here the base c is a plain number and the exponent u varies: "
    "c^u = e^(u ln c), so (c^u)' = c^u ln(c) u'. Compute c ** u.value with "
    "the ** operator, which also works when u.value is a Dual.",
    solution="def rpow(u, c):\n"
    "    out = c ** u.value\n"
    "    return Dual(out, out * log(c) * u.tangent)  # c^u ln(c) u'\n\n\n"
    "Dual.__rpow__ = rpow",
)

q9 = Question(
    "q9",
    _huber_checker,
    hint="Three branches chosen by comparisons on x (the chapter's "
    "__lt__ and friends look at the value). Use -x instead of abs(x), "
    "which does not know Dual.",
    solution="def huber(x):\n"
    "    if x < -1:\n"
    "        return -x - 0.5\n"
    "    if x > 1:\n"
    "        return x - 0.5\n"
    "    return 0.5 * x * x",
)

q10 = Question(
    "q10",
    _mixed_checker,
    hint="Two independent ε: give x its tangent 1 in the inner duals and y "
    "its tangent 1 in the outer ones. The ε₁ε₂ coefficient of f is then "
    "∂²f/∂x∂y: the tangent of the tangent.",
    solution="def mixed_partial(f, x, y):\n"
    "    x_dual = Dual(Dual(float(x), 1.0), Dual(0.0, 0.0))  # x in ε2\n"
    "    y_dual = Dual(Dual(float(y), 0.0), Dual(1.0, 0.0))  # y in ε1\n"
    "    return f(x_dual, y_dual).tangent.tangent",
)
