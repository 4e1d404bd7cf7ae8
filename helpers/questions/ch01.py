"""Practice questions for chapter 01, derivatives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers._convert import describe
from helpers.questions.ch00 import Probe, probe_checker
from helpers.quiz import Question, choice, function, number

q1 = Question(
    "q1",
    number(
        13.0,
        mistakes={
            26.0: "divide the change in f by the width 2.",
            12.0: "that is the slope f'(2) at the midpoint; the average "
            "rate uses f(3) and f(1) only.",
        },
    ),
    hint="Average rate = (f(3) - f(1)) / (3 - 1) with f(x) = x**3.",
    solution="(3**3 - 1**3) / (3 - 1) = (27 - 1) / 2 = 13.0",
)

q2 = Question(
    "q2",
    number(
        4.5,
        mistakes={
            4.0: "that is the tangent's slope 2x; the secant with h = 0.5 "
            "is steeper.",
            2.25: "divide the change f(2.5) - f(2) = 2.25 by h = 0.5.",
        },
    ),
    hint="Secant slope = (f(2 + h) - f(2)) / h with f(2.5) = 6.25.",
    solution="(2.5**2 - 2**2) / 0.5 = 2.25 / 0.5 = 4.5 (= 2x + h at x = 2)",
)

q3 = Question(
    "q3",
    choice(
        "a",
        ["a", "b", "c", "d"],
        feedback={
            "b": "the other way round: the 도함수 is a function of x, the "
            "미분계수 one number at one point.",
            "c": "they are not synonyms: 3x**2 is a function (도함수), its "
            "value at x = 2 is a number (미분계수).",
            "d": "8 is f(2) = 2**3, the value of the function, not of its "
            "derivative.",
        },
    ),
    hint="Which of the two can you draw as a curve, and which is a single "
    "slope?",
    solution="(a): the derivative function (도함수) is f'(x) = 3x**2; the "
    "derivative at the point x = 2 (미분계수) is the number f'(2) = 12.",
)

q4 = Question(
    "q4",
    number(
        0.01,
        mistakes={
            0.0: "the true slope at 0 is 0, but the central difference of a "
            "cubic has a truncation error h**2 f'''(x) / 6.",
            0.03: "f''' = 6 for x**3, and the error is h**2 f''' / 6: the 6 "
            "cancels.",
            0.1: "the central difference's error is of order h**2, not h.",
            0.005: "(x + h)**3 - (x - h)**3 at x = 0 is 2 h**3; divide by "
            "2h.",
        },
    ),
    hint="At x = 0: ((0 + h)**3 - (0 - h)**3) / (2h). Work it out with "
    "h = 0.1.",
    solution="(h**3 - (-h)**3) / (2h) = 2 h**3 / (2h) = h**2 = 0.01: the "
    "truncation error h**2 f'''(0) / 6 with f''' = 6.",
)


q5 = Question(
    "q5",
    number(
        24.0,
        mistakes={
            8.0: "that is dz/dy = 2y; multiply by dy/dx = 3 (chain rule).",
            6.0: "dz/dy is 2y with y = 4, not 2.",
            16.0: "that is z itself, not its derivative.",
            48.0: "dz/dy = 2y = 8 and dy/dx = 3: their product is 24.",
        },
    ),
    hint="y = 3x + 1 = 4 at x = 1; dz/dx = dz/dy * dy/dx = 2y * 3.",
    solution="y = 4, dz/dy = 2y = 8, dy/dx = 3, dz/dx = 8 * 3 = 24 "
    "(= 18x + 6 at x = 1)",
)

q6 = Question(
    "q6",
    number(
        0.4,
        mistakes={
            -0.4: "step against the derivative: x - lr * f'(x), and "
            "f'(0) = -4.",
            4.0: "multiply the derivative by the learning rate 0.1.",
        },
    ),
    hint="x1 = x0 - lr * f'(x0) with f'(x) = 2x - 4.",
    solution="f'(0) = -4, so x1 = 0 - 0.1 * (-4) = 0.4",
)

q7 = Question(
    "q7",
    choice(
        "b",
        ["a", "b", "c"],
        feedback={
            "a": "try two steps by hand: from 0 the step lands on 4, and from "
            "4 back on 0.",
            "c": "the distance to 2 stays the same every step; it does not "
            "grow.",
        },
    ),
    hint="With lr = 1: x_new = x - (2x - 4) = 4 - x. Start at 0.",
    solution="(b): x_new - 2 = (1 - 2 lr)(x - 2) = -(x - 2), so the iterates "
    "jump 0, 4, 0, 4, ... around the minimum forever.",
)

# q8 and q9: no test point where a known slip agrees with the answer
# (x = 0 and x = 1 would let several of them through).
Q8_POINTS = [-1.5, -0.4, 0.5, 1.5, 2.0]
q8 = Question(
    "q8",
    function(
        lambda x: 12 * x**3 - 2,
        Q8_POINTS,
        what="your df",
        mistakes=[
            (lambda x: 12 * x**3 + 2, "The term -2x has derivative -2."),
            (
                lambda x: 3 * x**3 - 2,
                "The power rule multiplies by the exponent: 3 * 4 x**3.",
            ),
            (
                lambda x: 12 * x**4 - 2,
                "The power rule lowers the exponent by one: x**4 -> x**3.",
            ),
        ],
    ),
    hint="Power rule term by term: d(3x^4)/dx = 3 * 4 x^3; the constant 7 "
    "has derivative 0.",
    solution="def df(x):\n    return 12 * x**3 - 2",
)

Q9_POINTS = [-1.2, 0.3, 0.7, 1.5, 2.3]
q9 = Question(
    "q9",
    function(
        lambda x: 2 * x * np.cos(x**2),
        Q9_POINTS,
        what="your dz_dx",
        mistakes=[
            (
                lambda x: np.cos(x**2),
                "Multiply by the inner derivative d(x**2)/dx = 2x.",
            ),
            (
                lambda x: 2 * x * np.sin(x**2),
                "The derivative of sin is cos, not sin.",
            ),
            (
                lambda x: -2 * x * np.cos(x**2),
                "The derivative of sin is +cos; the minus belongs to cos' "
                "= -sin.",
            ),
            (
                lambda x: np.cos(2 * x),
                "Evaluate the outer derivative at the inner value x**2, "
                "then multiply by 2x.",
            ),
        ],
    ),
    hint="Outer function sin(u) with u = x**2: d sin(u)/du = cos(u), "
    "du/dx = 2x.",
    solution="def dz_dx(x):\n    return np.cos(x**2) * 2 * x",
)


# Pairs (name, f, df) the learner has not seen, for the rule exercises.
# The probes ask for 1e-12 relative accuracy, which a rule applied to the
# given derivatives reaches and a finite difference of f * g does not.
Pair = tuple[str, Callable[..., Any], Callable[..., Any]]
PAIRS: list[tuple[Pair, Pair, list[float]]] = [
    (("sin x", np.sin, np.cos), ("e^x", np.exp, np.exp), [-0.9, 0.4, 2.1]),
    (
        ("x^3", lambda x: x**3, lambda x: 3 * x**2),
        ("ln x", np.log, lambda x: 1 / x),
        [0.3, 1.7, 2.6],
    ),
    (
        ("tanh x", np.tanh, lambda x: 1 - np.tanh(x) ** 2),
        ("x^2 + 1", lambda x: x**2 + 1, lambda x: 2 * x),
        [-1.3, 0.6, 1.9],
    ),
]


def _derivative_of(answer: Any, *functions: Any) -> Callable[[Any], Any]:
    """The function ``answer(f, df, g, dg)`` returns, or a clear error."""
    result = answer(*functions)
    if not callable(result):
        raise TypeError(
            f"it must return a function of x; it returned {describe(result)}"
        )
    return result


def _rule_probes(rule: Callable[..., Any]) -> list[Probe]:
    """One probe per pair and point: the learner's rule against ``rule``."""
    probes: list[Probe] = []
    for (fn, f, df), (gn, g, dg), points in PAIRS:
        shown = f"f = {fn}, g = {gn}"
        for x in points:

            def run(answer: Any, f=f, df=df, g=g, dg=dg, x=x) -> Any:
                return _derivative_of(answer, f, df, g, dg)(x)

            def want(f=f, df=df, g=g, dg=dg, x=x) -> Any:
                return rule(f, df, g, dg)(x)

            probes.append((f"for {shown} at x = {x:g},", run, want))
    return probes


def _product(f: Any, df: Any, g: Any, dg: Any) -> Callable[[Any], Any]:
    return lambda x: df(x) * g(x) + f(x) * dg(x)


def _chain(f: Any, df: Any, g: Any, dg: Any) -> Callable[[Any], Any]:
    return lambda x: df(g(x)) * dg(x)


def _with_notes(
    values: Callable[[Any], tuple[bool, str]],
    rule: Callable[..., Any],
    notes: list[tuple[Callable[..., Any], str]],
) -> Callable[[Any], tuple[bool, str]]:
    """A probe checker that names a known slip when the answer makes it,
    and says so when the answer is only close (a finite difference)."""

    def checker(answer: Any) -> tuple[bool, str]:
        ok, reason = values(answer)
        if ok or not callable(answer):
            return ok, reason
        (_, f, df), (_, g, dg), points = PAIRS[0]
        try:
            close = bool(
                np.isclose(
                    float(answer(f, df, g, dg)(points[0])),
                    float(rule(f, df, g, dg)(points[0])),
                    rtol=1e-6,
                )
            )
        except Exception:
            close = False
        if close:
            return False, (
                f"{reason} Close, but a rule applied to df and dg is exact "
                "to rounding; a finite difference is not."
            )
        for slip, note in notes:
            try:
                same = all(
                    np.isclose(
                        float(answer(f, df, g, dg)(x)),
                        float(slip(f, df, g, dg)(x)),
                        rtol=1e-9,
                        atol=1e-12,
                    )
                    for (_, f, df), (_, g, dg), points in PAIRS
                    for x in points
                )
            except Exception:
                same = False
            if same:
                return False, f"{reason} {note}"
        return False, reason

    return checker


PRODUCT_SLIPS: list[tuple[Callable[..., Any], str]] = [
    (
        lambda f, df, g, dg: lambda x: df(x) * dg(x),
        "The derivative of a product is not the product of the "
        "derivatives: (fg)' = f'g + fg'.",
    ),
    (
        lambda f, df, g, dg: lambda x: df(x) * g(x),
        "Each factor takes its turn: add f(x) g'(x).",
    ),
    (
        lambda f, df, g, dg: lambda x: df(x) * g(x) - f(x) * dg(x),
        "The two terms of the product rule add; the minus belongs to the "
        "quotient rule.",
    ),
]

CHAIN_SLIPS: list[tuple[Callable[..., Any], str]] = [
    (
        lambda f, df, g, dg: lambda x: df(x) * dg(x),
        "Evaluate the outer derivative at the inner value: f'(g(x)).",
    ),
    (
        lambda f, df, g, dg: lambda x: df(g(x)),
        "Multiply by the inner derivative g'(x).",
    ),
    (
        lambda f, df, g, dg: lambda x: f(g(x)) * dg(x),
        "Use the outer derivative f', not f itself.",
    ),
]

q10 = Question(
    "q10",
    _with_notes(
        probe_checker(
            _rule_probes(_product),
            what="product_rule(f, df, g, dg)(x)",
            rtol=1e-12,
            atol=1e-14,
        ),
        _product,
        PRODUCT_SLIPS,
    ),
    hint="The answer is a new function of x. Inside it, each factor takes "
    "a turn at being differentiated while the other stays as it is.",
    solution="def product_rule(f, df, g, dg):\n"
    "    def d_fg(x):\n"
    "        return df(x) * g(x) + f(x) * dg(x)  # (fg)' = f'g + fg'\n"
    "    return d_fg",
)

q11 = Question(
    "q11",
    _with_notes(
        probe_checker(
            _rule_probes(_chain),
            what="chain_rule(f, df, g, dg)(x)",
            rtol=1e-12,
            atol=1e-14,
        ),
        _chain,
        CHAIN_SLIPS,
    ),
    hint="Compute the inner value g(x) first. The outer function's slope "
    "is taken there, and the inner function's slope at x scales it.",
    solution="def chain_rule(f, df, g, dg):\n"
    "    def d_fog(x):\n"
    "        return df(g(x)) * dg(x)  # (f(g(x)))' = f'(g(x)) g'(x)\n"
    "    return d_fog",
)


# q12: gradient descent that stops by itself, tested on derivatives the
# chapter did not use. The reference keeps x0 and stops at the first
# iterate whose slope is below tol.
def descend_until_reference(
    df: Callable[[float], float],
    x0: float,
    lr: float,
    tol: float,
    max_steps: int = 1000,
) -> np.ndarray:
    xs = [x0]
    while abs(df(xs[-1])) >= tol and len(xs) <= max_steps:
        xs.append(xs[-1] - lr * df(xs[-1]))
    return np.array(xs)


# The fifth case stops at max_steps = 5 long before |f'| < tol (and still
# ends if the learner's loop ignores max_steps).
Q12_CASES: list[
    tuple[str, Callable[[float], float], float, float, float, int]
] = [
    ("f'(x) = 2(x - 3)", lambda x: 2 * (x - 3), 0.0, 0.1, 1e-3, 1000),
    ("f'(x) = 4x^3 + 2x", lambda x: 4 * x**3 + 2 * x, 1.0, 0.05, 1e-6, 1000),
    ("f'(x) = sin(x)", np.sin, 2.0, 0.5, 1e-8, 1000),
    ("f'(x) = 2(x + 1)", lambda x: 2 * (x + 1), 2.0, 0.01, 1e-3, 5),
    ("f'(x) = x - 1", lambda x: x - 1, 1.0, 0.3, 1e-4, 1000),
]


def _descend_probe(
    label: str,
    df: Callable[[float], float],
    x0: float,
    lr: float,
    tol: float,
    max_steps: int,
) -> Probe:
    where = f"for {label}, x0 = {x0:g}, lr = {lr:g}, tol = {tol:g}"
    if max_steps == 1000:  # the default: leave it out of the call

        def run(answer: Any) -> Any:
            return answer(df, x0, lr, tol)

    else:
        where += f", max_steps = {max_steps}"

        def run(answer: Any) -> Any:
            return answer(df, x0, lr, tol, max_steps=max_steps)

    return (
        where + ",",
        run,
        lambda: descend_until_reference(df, x0, lr, tol, max_steps),
    )


_q12_values = probe_checker(
    [_descend_probe(*case) for case in Q12_CASES],
    what="descend_until",
    rtol=1e-12,
    atol=1e-14,
)


def _q12_checker(answer: Any) -> tuple[bool, str]:
    ok, reason = _q12_values(answer)
    if not ok and "shape" in reason:
        reason += (
            " The path starts with x0 and ends at the first x where "
            "|f'(x)| < tol (x0 itself, if it is already flat), or after "
            "max_steps steps: max_steps + 1 iterates."
        )
    return ok, reason


q12 = Question(
    "q12",
    _q12_checker,
    hint="Keep the list of iterates from the chapter's descend, but replace "
    "the fixed number of steps by a loop that looks at the slope of the "
    "newest iterate before taking another step.",
    solution="def descend_until(df, x0, lr, tol, max_steps=1000):\n"
    "    xs = [x0]\n"
    "    while abs(df(xs[-1])) >= tol and len(xs) <= max_steps:\n"
    "        xs.append(xs[-1] - lr * df(xs[-1]))\n"
    "    return np.array(xs)",
)
