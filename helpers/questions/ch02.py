"""Practice questions for chapter 02, numerical differentiation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers._convert import describe
from helpers.quiz import NotAnswered, Question, choice, function, number


def _cube(x: Any) -> Any:
    return x * x * x


def _g(x: Any) -> Any:
    """Squire and Trapp's test function e^x / sqrt(sin^3 x + cos^3 x)."""
    return np.exp(x) / np.sqrt(np.sin(x) ** 3 + np.cos(x) ** 3)


def _dg(x: float) -> float:
    s, c = np.sin(x), np.cos(x)
    return float(_g(x) * (1 - 3 * s * c * (s - c) / (2 * (s**3 + c**3))))


def _central_diff_checker() -> Callable[[Any], tuple[bool, str]]:
    """Check central_diff(f, x, h) with f(x) = x**3 at several (x, h)."""
    inner = function(
        lambda x, h: 3 * x**2 + h**2,  # ((x+h)^3 - (x-h)^3) / 2h exactly
        [(1.0, 0.1), (2.0, 0.01), (-1.5, 0.1), (0.5, 0.2)],
        names=("x", "h"),
        what="central_diff(f, x, h) with f(x) = x**3",
    )

    def checker(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, (
                "expected a function central_diff(f, x, h); got "
                f"{describe(answer)}."
            )
        return inner(lambda x, h: answer(_cube, x, h))

    return checker


def _complex_step_checker() -> Callable[[Any], tuple[bool, str]]:
    """Check complex_step(f, x) on Squire and Trapp's function, to 1e-13."""
    points = [1.5, 0.3, -0.2, 0.8]

    def checker(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, (
                "expected a function complex_step(f, x); got "
                f"{describe(answer)}."
            )
        for x in points:
            want = _dg(x)
            try:
                got = answer(_g, x)
            except NotImplementedError:
                raise NotAnswered from None
            except Exception as error:
                return False, (
                    f"at x = {x:g} your complex_step raised "
                    f"{type(error).__name__}: {error}"
                )
            if got is None:
                return False, (
                    f"at x = {x:g} your complex_step returned None; did you "
                    "forget `return`?"
                )
            if np.iscomplexobj(got):
                return False, (
                    f"at x = {x:g} your complex_step returned a complex "
                    "number; take its imaginary part with np.imag and divide "
                    "by h."
                )
            try:
                value = float(np.asarray(got, dtype=np.float64).reshape(()))
            except (TypeError, ValueError):
                return False, (
                    f"at x = {x:g} your complex_step returned "
                    f"{describe(got)}; expected one number."
                )
            rel = abs(value - want) / abs(want)
            if not rel <= 1e-13:
                close = rel < 1e-6
                return False, (
                    f"at x = {x:g} your complex_step returned {value:.15g}; "
                    f"f'(x) = {want:.15g} (relative error {rel:.1e})."
                    + (" Close, but the complex step with h = 1e-20 gets "
                       "below 1e-13; a finite difference cannot."
                       if close else "")
                )
        return True, ""

    return checker


q1 = Question(
    "q1",
    number(6.1, mistakes={
        6.0: "that is the exact derivative 2x (and the central difference); "
             "the forward difference of x**2 is 2x + h.",
        5.9: "that is the backward difference (f(x) - f(x - h)) / h.",
        0.61: "divide the change f(3.1) - f(3) = 0.61 by h = 0.1.",
    }),
    hint="Forward difference = (f(x + h) - f(x)) / h with f(3.1) = 9.61.",
    solution="(3.1**2 - 3**2) / 0.1 = (9.61 - 9) / 0.1 = 6.1 (= 2x + h)",
)

q2 = Question(
    "q2",
    number(3.01, mistakes={
        3.0: "that is the exact derivative 3x^2; with h = 0.1 the central "
             "difference has an error h^2 f'''(x) / 6 = 0.01.",
        3.31: "that is the forward difference (f(1.1) - f(1)) / 0.1.",
        2.71: "that is the backward difference (f(1) - f(0.9)) / 0.1.",
        6.02: "divide by 2h = 0.2, not by h.",
        0.602: "divide the change f(1.1) - f(0.9) = 0.602 by 2h = 0.2.",
    }),
    hint="Central difference = (f(x + h) - f(x - h)) / (2h); "
         "1.1**3 = 1.331 and 0.9**3 = 0.729.",
    solution="(1.331 - 0.729) / 0.2 = 0.602 / 0.2 = 3.01 (= 3x^2 + h^2)",
)

q3 = Question(
    "q3",
    choice("c", ["a", "b", "c", "d"], feedback={
        "a": "in float32, 1 + 1e-8 rounds to 1: f(x + h) = f(x - h) and the "
             "estimate is 0.",
        "b": "round-off error is about eps / h = 1.2e-7 / 1e-5 ~ 1e-2 in "
             "float32; 1e-5 is a float64-sized step.",
        "d": "with h = 0.5 the truncation error h^2 |f'''| / 6 dominates; "
             "the step is far too large.",
    }),
    hint="The best central step is about eps^(1/3), with eps = 1.2e-7 for "
         "float32.",
    solution="(c): (1.2e-7)^(1/3) ~ 4.9e-3, so h = 5e-3 balances truncation "
             "(~h^2) and round-off (~eps/h).",
)

q4 = Question(
    "q4",
    number(2.0, mistakes={
        1.0: "slope 1 belongs to the forward and backward differences; the "
             "central error is ~ h^2.",
        -2.0: "the error shrinks as h shrinks, so error against h rises to "
              "the right: the slope is positive.",
        3.0: "the h^2 terms cancel in f(x + h) - f(x - h), but after dividing "
             "by 2h the leading error is h^2 f'''(x) / 6.",
        -1.0: "slope -1 is the round-off side (error ~ eps / h), left of the "
              "best h.",
    }),
    hint="On log-log axes an error C h^p is a line of slope p. What is p "
         "for the central difference?",
    solution="2: the central error is h^2 f'''(x) / 6 + ..., so "
             "log(error) = log(C) + 2 log(h).",
)

q5 = Question(
    "q5",
    number(1001, mistakes={
        1000: "one call per nudged input, plus one call for f(x) itself.",
        2000: "that is the central-difference count, 2n.",
        2001: "the forward difference needs f(x) only once, shared by all "
              "inputs: n + 1.",
        1: "a numerical gradient nudges each of the 1000 inputs separately.",
    }),
    hint="f(x) once, then f(x + h e_i) for each i = 1, ..., n.",
    solution="n + 1 = 1001: one call for f(x) and one for each of the 1000 "
             "nudged inputs.",
)

q6 = Question(
    "q6",
    _central_diff_checker(),
    hint="(f(x + h) - f(x - h)) / (2 * h): mind the parentheses around 2 * h.",
    solution="def central_diff(f, x, h):\n"
             "    return (f(x + h) - f(x - h)) / (2 * h)",
)

q7 = Question(
    "q7",
    number(11.99, mistakes={
        12.0: "that is the exact derivative 3x^2; with h = 0.1 the complex "
              "step still has the truncation error -h^2 f'''(x) / 6 = -0.01.",
        1.199: "divide the imaginary part 1.199 by h = 0.1.",
        7.94: "that is the real part of f(2 + 0.1i); the derivative comes "
              "from the imaginary part.",
        12.01: "that is the central difference 3x^2 + h^2; in the complex "
               "step (ih)^3 = -i h^3 flips the sign of the h^2 term.",
    }),
    hint="Expand (2 + 0.1i)^3 = 8 + 3·4·(0.1i) + 3·2·(0.1i)^2 + (0.1i)^3; "
         "i^2 = -1 and i^3 = -i.",
    solution="(2 + 0.1i)^3 = 8 + 1.2i - 0.06 - 0.001i = 7.94 + 1.199i, "
             "so Im / h = 1.199 / 0.1 = 11.99 (= 3x^2 - h^2).",
)

q8 = Question(
    "q8",
    _complex_step_checker(),
    hint="Evaluate f at x + 1j * h, take np.imag of the result, divide by h.",
    solution="def complex_step(f, x, h=1e-20):\n"
             "    return np.imag(f(x + 1j * h)) / h",
)

q9 = Question(
    "q9",
    choice("b", ["a", "b", "c", "d"], feedback={
        "a": "exp and sin extend smoothly to complex numbers; the complex "
             "step is exact to machine precision for their product.",
        "c": "a polynomial works with complex inputs; the complex step gives "
             "3x^2 - 2 up to h^2 = 1e-40.",
        "d": "division and powers are complex-analytic (away from x = ±i); "
             "the complex step works.",
    }),
    hint="Which function turns a complex number into a real one, losing "
         "its imaginary part?",
    solution="(b): np.abs of a complex number is its modulus, a real number, "
             "so Im f(x + ih) = 0 and the complex step returns 0.",
)
