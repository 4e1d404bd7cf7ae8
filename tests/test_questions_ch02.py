"""Chapter 02 questions: each solution passes, plausible mistakes fail
with a specific reason, and every known mistake differs from the
answer."""

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_known_mistake_is_judged_wrong,
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_odd_input_never_raises_and_is_never_right,
    test_solution_is_accepted,
)

from helpers.questions import ch02 as q

pytestmark = pytest.mark.ch02

EPS = np.finfo(np.float64).eps


def derivative(f, x, method="central"):
    scale = max(1.0, abs(x))
    if method == "forward":
        h = EPS ** (1 / 2) * scale
        return (f(x + h) - f(x)) / h
    if method == "central":
        h = EPS ** (1 / 3) * scale
        return (f(x + h) - f(x - h)) / (2 * h)
    if method == "complex":
        return np.imag(f(x + 1e-20j)) / 1e-20
    raise ValueError(method)


def unscaled(f, x, method="central"):  # the step ignores |x|
    if method == "forward":
        h = EPS ** (1 / 2)
        return (f(x + h) - f(x)) / h
    if method == "central":
        h = EPS ** (1 / 3)
        return (f(x + h) - f(x - h)) / (2 * h)
    return derivative(f, x, method)


def complex_by_central(f, x, method="central"):  # no complex step at all
    if method == "complex":
        method = "central"
    return derivative(f, x, method)


def complex_without_h(f, x, method="central"):
    if method == "complex":
        return np.imag(f(x + 1e-20j))
    return derivative(f, x, method)


def best_step(f, df, x, dtype):
    hs = np.logspace(-12, 0, 121).astype(dtype)
    xs = np.full(hs.size, x, dtype=dtype)
    approx = (f(xs + hs) - f(xs - hs)) / (2 * hs)
    errors = np.abs(approx.astype(np.float64) - df(x))
    i = np.argmin(errors)
    return float(hs[i]), float(errors[i])


def best_step_in_float64(f, df, x, dtype):  # forgets the dtype
    return best_step(f, df, x, np.float64)


def best_step_of_forward(f, df, x, dtype):
    hs = np.logspace(-12, 0, 121).astype(dtype)
    xs = np.full(hs.size, x, dtype=dtype)
    errors = np.abs(((f(xs + hs) - f(xs)) / hs).astype(float) - df(x))
    i = np.argmin(errors)
    return float(hs[i]), float(errors[i])


def second_derivative(f, x):
    h = EPS ** (1 / 4) * max(1.0, abs(x))
    return (f(x + h) - 2 * f(x) + f(x - h)) / h**2


def second_with(h, scaled=True):
    def d2(f, x):
        step = h * max(1.0, abs(x)) if scaled else h
        return (f(x + step) - 2 * f(x) + f(x - step)) / step**2

    return d2


def stub(*args, **kwargs):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": (3.1**2 - 3**2) / 0.1,
    "q2": (1.1**3 - 0.9**3) / 0.2,
    "q3": "b",
    "q4": "c",
    "q5": 2,
    "q6": "c",
    "q7": 1001,
    "q8": np.imag((2 + 0.1j) ** 3) / 0.1,
    "q9": "b",
    "q10": derivative,
    "q11": best_step,
    "q12": second_derivative,
}

WRONG = {
    "q1": [
        (6.0, "2x + h"),
        (5.9, "backward"),
        (0.61, "divide the change"),
        (-6.1, "wrong sign"),
    ],
    "q2": [
        (3.0, "exact derivative"),
        (3.31, "forward"),
        (2.71, "backward"),
        (6.02, "not by h"),
        (0.602, "by 2h"),
    ],
    "q3": [
        ("a", "half a gap"),
        ("c", "never moves"),
        ("d", "no exact binary form"),
        ("e", "one of"),
    ],
    "q4": [
        ("a", "rounds to 1"),
        ("b", "float64-sized"),
        ("d", "far too large"),
        ("e", "one of"),
    ],
    "q5": [
        (1, "forward and backward"),
        (-2, "positive"),
        (3, "leading error"),
        (-1, "round-off"),
    ],
    "q6": [
        ("a", "one-sided"),
        ("b", "central first difference"),
        ("d", "too large"),
        (3, "as a string"),
    ],
    "q7": [
        (1000, "plus one call"),
        (2000, "central"),
        (2001, "only once"),
        (1, "separately"),
    ],
    "q8": [
        (12.0, "truncation error"),
        (1.199, "divide the imaginary"),
        (7.94, "real part"),
        (12.01, "flips the sign"),
    ],
    "q9": [
        ("a", "exp and sin"),
        ("c", "polynomial"),
        ("d", "division"),
        (2, "as a string"),
    ],
    "q10": [
        (unscaled, "scale the step by max(1, |x|)"),
        (complex_by_central, "no finite difference does"),
        (complex_without_h, "returned 1.45664e-20"),
        (lambda f, x: derivative(f, x), "unexpected keyword"),
        (lambda f, x, method="central": None, "forget `return`"),
    ],
    "q11": [
        (best_step_in_float64, "really float32"),
        (best_step_of_forward, "in float32"),
        (lambda f, df, x, dtype: best_step(f, df, x, dtype)[0], "shape"),
        (lambda f, df, x, dtype: 5e-3, "shape"),
    ],
    "q12": [
        (second_with(1e-5), "for f(x) = e^x at x = 1"),
        (second_with(1e-2), "the step decides the accuracy"),
        (second_with(EPS ** (1 / 4), scaled=False), "at x = 1000"),
        (second_with(EPS ** (1 / 3)), "Balance truncation"),
        (
            lambda f, x: derivative(lambda t: derivative(f, t), x),
            "for f(x) = sin x at x = 0.5",
        ),
        (lambda f, x: None, "forget `return`"),
    ],
}


@pytest.mark.parametrize("name", ["q10", "q11", "q12"])
def test_a_practice_stub_is_not_answered_yet(name):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered yet" in verdict.message


def test_q4_answer_is_the_measured_best_float32_step():
    """The float32 central difference of x**3 at 1 is best at h = 5e-3."""
    from helpers.plotting import difference_errors

    options = {"a": 1e-8, "b": 1e-5, "c": 5e-3, "d": 0.5}
    errors = {
        k: difference_errors(
            lambda x: x * x * x, 1.0, 3.0, np.array([h]), "central", np.float32
        )[0]
        for k, h in options.items()
    }
    assert min(errors, key=errors.get) == "c"


def test_q6_answer_is_the_measured_best_second_difference_step():
    options = {"a": 1.5e-8, "b": 6e-6, "c": 1.2e-4, "d": 1e-2}
    errors = {
        k: abs(second_with(h)(np.exp, 1.0) - np.e) for k, h in options.items()
    }
    assert min(errors, key=errors.get) == "c"


def test_q3_float32_rounding_stays_within_half_an_eps():
    from fractions import Fraction

    eps32 = Fraction(float(np.finfo(np.float32).eps))
    for text in ["0.1", "0.3", "1e-3", "3.14159"]:
        stored = Fraction(float(np.float32(text)))
        assert abs(stored - Fraction(text)) / Fraction(text) <= eps32 / 2


def test_q10_each_slip_fails_where_it_should():
    for slip, method in [
        (unscaled, "central"),
        (unscaled, "forward"),
        (complex_by_central, "complex"),
    ]:
        cases = [c for c in q.Q10_CASES if c[4] == method]
        failed = [
            not np.isclose(
                slip(f, x, method), df(x), rtol=rtol, atol=0.0
            )
            for _, f, df, x, _, rtol in cases
        ]
        assert any(failed), (slip.__name__, method)


def test_q11_the_float32_scan_finds_much_larger_steps_than_float64():
    for name, f, df, x, dtype in q.Q11_CASES:
        if dtype is np.float32:
            h32, _ = q.best_step_reference(f, df, x, np.float32)
            h64, _ = q.best_step_reference(f, df, x, np.float64)
            assert h32 > 10 * h64, name


def test_q12_only_steps_near_eps_to_the_quarter_pass():
    passes = {
        h: bool(q.q12.verdict(second_with(h)))
        for h in (1e-6, 1e-5, EPS ** (1 / 4), 1e-3, 1e-2)
    }
    assert passes == {
        1e-6: False,
        1e-5: False,
        EPS ** (1 / 4): True,
        1e-3: False,
        1e-2: False,
    }
