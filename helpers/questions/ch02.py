"""Practice questions for chapter 02, numerical differentiation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers._convert import describe
from helpers.questions.ch00 import Probe, compare, probe_checker
from helpers.quiz import NotAnswered, Question, choice, number

EPS = float(np.finfo(np.float64).eps)

q1 = Question(
    "q1",
    number(
        6.1,
        mistakes={
            6.0: "that is the exact derivative 2x (and the central "
            "difference); the forward difference of x**2 is 2x + h.",
            5.9: "that is the backward difference (f(x) - f(x - h)) / h.",
            0.61: "divide the change f(3.1) - f(3) = 0.61 by h = 0.1.",
        },
    ),
    hint="Forward difference = (f(x + h) - f(x)) / h with f(3.1) = 9.61.",
    solution="(3.1**2 - 3**2) / 0.1 = (9.61 - 9) / 0.1 = 6.1 (= 2x + h)",
)

q2 = Question(
    "q2",
    number(
        3.01,
        mistakes={
            3.0: "that is the exact derivative 3x^2; with h = 0.1 the "
            "central difference has an error h^2 f'''(x) / 6 = 0.01.",
            3.31: "that is the forward difference (f(1.1) - f(1)) / 0.1.",
            2.71: "that is the backward difference (f(1) - f(0.9)) / 0.1.",
            6.02: "divide by 2h = 0.2, not by h.",
            0.602: "divide the change f(1.1) - f(0.9) = 0.602 by 2h = 0.2.",
        },
    ),
    hint="Central difference = (f(x + h) - f(x - h)) / (2h); "
    "1.1**3 = 1.331 and 0.9**3 = 0.729.",
    solution="(1.331 - 0.729) / 0.2 = 0.602 / 0.2 = 3.01 (= 3x^2 + h^2)",
)

q3 = Question(
    "q3",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "eps is the gap between 1 and the next float; rounding to "
            "the nearest float moves a number by at most half a gap.",
            "c": "rounding picks the nearest float, so it never moves a "
            "number by more than half the gap around it.",
            "d": "0.1 has no exact binary form: float32(0.1) is "
            "0.100000001490116..., off by about 1.5e-8 relative.",
        },
    ),
    hint="The floats near 1 are eps apart. How far can the nearest one "
    "be?",
    solution="(b) eps / 2, the unit roundoff: about 6e-8 in float32. "
    "float32(0.1) is off by 1.5e-8 relative, within that bound.",
)

q4 = Question(
    "q4",
    choice(
        "c",
        ["a", "b", "c", "d"],
        feedback={
            "a": "in float32, 1 + 1e-8 rounds to 1: f(x + h) = f(x - h) and "
            "the estimate is 0.",
            "b": "round-off error is about eps / h = 1.2e-7 / 1e-5 ~ 1e-2 in "
            "float32; 1e-5 is a float64-sized step.",
            "d": "with h = 0.5 the truncation error h^2 |f'''| / 6 "
            "dominates; the step is far too large.",
        },
    ),
    hint="The best central step is about eps^(1/3), with eps = 1.2e-7 for "
    "float32.",
    solution="(c): (1.2e-7)^(1/3) ~ 4.9e-3, so h = 5e-3 balances truncation "
    "(~h^2) and round-off (~eps/h).",
)

q5 = Question(
    "q5",
    number(
        2.0,
        mistakes={
            1.0: "slope 1 belongs to the forward and backward differences; "
            "the central error is ~ h^2.",
            -2.0: "the error shrinks as h shrinks, so error against h rises "
            "to the right: the slope is positive.",
            3.0: "the h^2 terms cancel in f(x + h) - f(x - h), but after "
            "dividing by 2h the leading error is h^2 f'''(x) / 6.",
            -1.0: "slope -1 is the round-off side (error ~ eps / h), left of "
            "the best h.",
        },
    ),
    hint="On log-log axes an error C h^p is a line of slope p. What is p "
    "for the central difference?",
    solution="2: the central error is h^2 f'''(x) / 6 + ..., so "
    "log(error) = log(C) + 2 log(h).",
)

q6 = Question(
    "q6",
    choice(
        "c",
        ["a", "b", "c", "d"],
        feedback={
            "a": "eps^(1/2) suits a one-sided first difference; a second "
            "difference divides by h^2, and its round-off 2 eps |f| / h^2 "
            "would be about 2, larger than f'' itself.",
            "b": "eps^(1/3) suits the central first difference; here the "
            "round-off 2 eps |f| / h^2 is still about 1e-5.",
            "d": "with h = 0.01 the truncation error h^2 |f''''| / 12 is "
            "about 1e-5: the step is too large.",
        },
    ),
    hint="Balance h^2 |f''''| / 12 against 2 eps |f| / h^2: both terms meet "
    "where h^4 is about eps.",
    solution="(c) about eps^(1/4) = 1.2e-4, where both errors are of the "
    "order of eps^(1/2) ~ 1e-8.",
)

q7 = Question(
    "q7",
    number(
        1001,
        mistakes={
            1000: "one call per nudged input, plus one call for f(x) itself.",
            2000: "that is the central-difference count, 2n.",
            2001: "the forward difference needs f(x) only once, shared by "
            "all inputs: n + 1.",
            1: "a numerical gradient nudges each of the 1000 inputs "
            "separately.",
        },
    ),
    hint="f(x) once, then f(x + h e_i) for each i = 1, ..., n.",
    solution="n + 1 = 1001: one call for f(x) and one for each of the 1000 "
    "nudged inputs.",
)

q8 = Question(
    "q8",
    number(
        11.99,
        mistakes={
            12.0: "that is the exact derivative 3x^2; with h = 0.1 the "
            "complex step still has the truncation error "
            "-h^2 f'''(x) / 6 = -0.01.",
            1.199: "divide the imaginary part 1.199 by h = 0.1.",
            7.94: "that is the real part of f(2 + 0.1i); the derivative "
            "comes from the imaginary part.",
            12.01: "that is the central difference 3x^2 + h^2; in the "
            "complex step (ih)^3 = -i h^3 flips the sign of the h^2 term.",
        },
    ),
    hint="Expand (2 + 0.1i)^3 = 8 + 3·4·(0.1i) + 3·2·(0.1i)^2 + (0.1i)^3; "
    "i^2 = -1 and i^3 = -i.",
    solution="(2 + 0.1i)^3 = 8 + 1.2i - 0.06 - 0.001i = 7.94 + 1.199i, "
    "so Im / h = 1.199 / 0.1 = 11.99 (= 3x^2 - h^2).",
)

q9 = Question(
    "q9",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "exp and sin extend smoothly to complex numbers; the "
            "complex step is exact to machine precision for their product.",
            "c": "a polynomial works with complex inputs; the complex step "
            "gives 3x^2 - 2 up to h^2 = 1e-40.",
            "d": "division and powers are complex-analytic (away from "
            "x = ±i); the complex step works.",
        },
    ),
    hint="Which function turns a complex number into a real one, losing "
    "its imaginary part?",
    solution="(b): np.abs of a complex number is its modulus, a real "
    "number, so Im f(x + ih) = 0 and the complex step returns 0.",
)


# Functions the learner has not seen, with exact derivatives. np.exp,
# np.sin, np.log and powers all work on complex numbers too.
def _e_sin(x: Any) -> Any:
    return np.exp(np.sin(x))


def _de_sin(x: Any) -> Any:
    return np.exp(np.sin(x)) * np.cos(x)


def _quintic(x: Any) -> Any:
    return x * x * x * x * x - 3 * x


def _dquintic(x: Any) -> Any:
    return 5 * x**4 - 3


def _log_square(x: Any) -> Any:
    return np.log(1 + x * x)


def _dlog_square(x: Any) -> Any:
    return 2 * x / (1 + x * x)


# q10: derivative(f, x, method) with three methods and their default steps.
# The large points need the step scaled by max(1, |x|); the complex-step
# cases need 14 digits, which no finite difference reaches.
Q10_CASES: list[tuple[str, Any, Any, float, str, float]] = [
    ("exp(sin x)", _e_sin, _de_sin, 0.7, "central", 1e-9),
    ("exp(sin x)", _e_sin, _de_sin, -2.3, "forward", 1e-6),
    ("exp(sin x)", _e_sin, _de_sin, 0.7, "complex", 1e-14),
    ("x^5 - 3x", _quintic, _dquintic, 1e4, "central", 1e-9),
    ("x^5 - 3x", _quintic, _dquintic, 1e4, "forward", 1e-6),
    ("x^5 - 3x", _quintic, _dquintic, -1.5, "complex", 1e-14),
    ("ln(1 + x^2)", _log_square, _dlog_square, 3e3, "central", 1e-9),
    ("ln(1 + x^2)", _log_square, _dlog_square, 0.4, "complex", 1e-14),
]


def _q10_probe(
    name: str, f: Any, df: Any, x: float, method: str, rtol: float
) -> tuple[Probe, float]:
    probe: Probe = (
        f"for f(x) = {name} at x = {x:g} with method={method!r},",
        lambda answer: answer(f, x, method=method),
        lambda: df(x),
    )
    return probe, rtol


def _nearly(answer: Any, case: tuple[Any, ...]) -> bool:
    """The answer is within 1e-6 of the derivative (but not 1e-14)."""
    _, f, df, x, method, _ = case
    try:
        value = float(answer(f, x, method=method))
    except Exception:
        return False
    return bool(abs(value - df(x)) <= 1e-6 * abs(df(x)))


def _q10_checker(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected a function derivative(f, x, method='central'); got "
            f"{describe(answer)}."
        )
    for case in Q10_CASES:
        probe, rtol = _q10_probe(*case)
        ok, reason = probe_checker(
            [probe], what="derivative", rtol=rtol, atol=0.0
        )(answer)
        if not ok:
            x, method = case[3], case[4]
            if abs(x) > 100 and method != "complex":
                reason += (
                    f" At |x| = {abs(x):g}, x + h is rounded relative to "
                    "|x|: scale the step by max(1, |x|)."
                )
            elif method == "complex" and _nearly(answer, case):
                reason += (
                    " Close, but the complex step Im f(x + ih) / h with "
                    "h = 1e-20 reaches 14 digits; no finite difference does."
                )
            return False, reason
    return True, ""


q10 = Question(
    "q10",
    _q10_checker,
    hint="Pick the step by method first: eps^(1/2) or eps^(1/3), scaled by "
    "max(1, |x|), for the differences, and a tiny fixed h for the complex "
    "step, which subtracts nothing. Then apply the matching formula.",
    solution="def derivative(f, x, method='central'):\n"
    "    eps = np.finfo(np.float64).eps\n"
    "    scale = max(1.0, abs(x))\n"
    "    if method == 'forward':\n"
    "        h = eps ** (1 / 2) * scale\n"
    "        return (f(x + h) - f(x)) / h\n"
    "    if method == 'central':\n"
    "        h = eps ** (1 / 3) * scale\n"
    "        return (f(x + h) - f(x - h)) / (2 * h)\n"
    "    if method == 'complex':\n"
    "        h = 1e-20\n"
    "        return np.imag(f(x + 1j * h)) / h\n"
    "    raise ValueError(f'unknown method {method!r}')",
)


# q11: the best step by experiment, in float32 and float64, on functions
# the chapter did not use. The reference is the scan the exercise spells
# out; a scan that slips into float64 finds a much smaller step.
Q11_STEPS = np.logspace(-12, 0, 121)


def best_step_reference(
    f: Callable[..., Any], df: Callable[..., Any], x: float, dtype: Any
) -> tuple[float, float]:
    xs = np.full(Q11_STEPS.size, x, dtype=dtype)
    hs = Q11_STEPS.astype(dtype)
    approx = (f(xs + hs) - f(xs - hs)) / (2 * hs)
    errors = np.abs(approx.astype(np.float64) - float(df(x)))
    i = int(np.argmin(errors))
    return float(hs[i]), float(errors[i])


Q11_CASES: list[tuple[str, Any, Any, float, Any]] = [
    ("exp(sin x)", _e_sin, _de_sin, 0.7, np.float32),
    ("ln(1 + x^2)", _log_square, _dlog_square, 1.3, np.float32),
    ("x^5 - 3x", _quintic, _dquintic, -0.8, np.float32),
    ("exp(sin x)", _e_sin, _de_sin, 0.7, np.float64),
]


def _float64(df: Callable[..., Any]) -> Callable[..., Any]:
    """df returning float64 even at a Python float (NumPy would otherwise
    let a Python float take on the float32 of the array it meets)."""
    return lambda x: np.asarray(df(x), dtype=np.float64)


def _q11_checker(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected a function best_step(f, df, x, dtype); got "
            f"{describe(answer)}."
        )
    for name, f, exact, x, dtype in Q11_CASES:
        df = _float64(exact)
        kind = np.dtype(dtype).name
        where = f"for f(x) = {name} at x = {x:g} in {kind},"
        want = best_step_reference(f, df, x, dtype)
        try:
            result = answer(f, df, x, dtype)
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return False, (
                f"{where} your best_step raised {type(error).__name__}: "
                f"{error}"
            )
        reason = compare(result, np.array(want), 1e-5, 0.0)
        if reason:
            hint = ""
            try:
                got_h = float(np.asarray(result, dtype=np.float64).ravel()[0])
                if kind == "float32" and got_h < want[0] / 10:
                    hint = (
                        " A step that small suits float64: are x and the "
                        "steps really float32 when f is evaluated?"
                    )
            except (TypeError, ValueError, IndexError):
                pass
            return False, f"{where} your best_step {reason}{hint}"
    return True, ""


q11 = Question(
    "q11",
    _q11_checker,
    hint="Make an array of x and an array of steps, both of the requested "
    "dtype, evaluate the central difference for all steps at once, and "
    "compare with df(x) in float64. np.argmin finds the smallest error.",
    solution="def best_step(f, df, x, dtype):\n"
    "    hs = np.logspace(-12, 0, 121).astype(dtype)\n"
    "    xs = np.full(hs.size, x, dtype=dtype)\n"
    "    approx = (f(xs + hs) - f(xs - hs)) / (2 * hs)  # all in dtype\n"
    "    errors = np.abs(approx.astype(np.float64) - df(x))\n"
    "    i = np.argmin(errors)\n"
    "    return float(hs[i]), float(errors[i])",
)


# q12: a second derivative accurate to 2e-7 relative on functions the
# learner has not seen. Steps near eps^(1/4) max(1, |x|) pass; 1e-5 fails
# on exp, 1e-3 on cosh, a step not scaled by |x| on ln at x = 1000.
Q12_CASES: list[tuple[str, Any, Any, float]] = [
    ("e^x", np.exp, np.exp, 1.0),
    ("sin x", np.sin, lambda x: -np.sin(x), 0.5),
    ("x^4", lambda x: x**4, lambda x: 12 * x**2, -2.0),
    ("ln x", np.log, lambda x: -1 / x**2, 1e3),
    ("cosh x", np.cosh, np.cosh, 3.0),
]


def _q12_probe(name: str, f: Any, d2f: Any, x: float) -> Probe:
    return (
        f"for f(x) = {name} at x = {x:g},",
        lambda answer: answer(f, x),
        lambda: d2f(x),
    )


_q12_values = probe_checker(
    [_q12_probe(*case) for case in Q12_CASES],
    what="second_derivative",
    rtol=2e-7,
    atol=0.0,
)


def _q12_checker(answer: Any) -> tuple[bool, str]:
    ok, reason = _q12_values(answer)
    if not ok and "expected" in reason and "shape" not in reason:
        reason += (
            " Close is not enough here: the step decides the accuracy. "
            "Balance truncation (~h^2) against round-off (~eps / h^2)."
        )
    return ok, reason


q12 = Question(
    "q12",
    _q12_checker,
    hint="Use the second difference from the chapter. Its error has a "
    "truncation part that grows like h^2 and a round-off part that grows "
    "like eps / h^2; pick the h where they balance, and remember that "
    "x + h is rounded relative to |x|.",
    solution="def second_derivative(f, x):\n"
    "    h = np.finfo(np.float64).eps ** (1 / 4) * max(1.0, abs(x))\n"
    "    return (f(x + h) - 2 * f(x) + f(x - h)) / h**2",
)
