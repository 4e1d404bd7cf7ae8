"""Chapter 01 questions: each solution passes, plausible mistakes fail
with a specific reason, and every known mistake differs from the answer
at the test points."""

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

from helpers.questions import ch01 as q

pytestmark = pytest.mark.ch01


def product_rule(f, df, g, dg):
    return lambda x: df(x) * g(x) + f(x) * dg(x)


def chain_rule(f, df, g, dg):
    return lambda x: df(g(x)) * dg(x)


def descend_until(df, x0, lr, tol, max_steps=1000):
    xs = [x0]
    while abs(df(xs[-1])) >= tol and len(xs) <= max_steps:
        xs.append(xs[-1] - lr * df(xs[-1]))
    return np.array(xs)


def one_step_too_many(df, x0, lr, tol, max_steps=1000):
    xs = [x0]
    while len(xs) <= max_steps:
        xs.append(xs[-1] - lr * df(xs[-1]))
        if abs(df(xs[-2])) < tol:
            break
    return np.array(xs)


def one_step_short_of_max_steps(df, x0, lr, tol, max_steps=1000):
    xs = [x0]
    while abs(df(xs[-1])) >= tol and len(xs) < max_steps:
        xs.append(xs[-1] - lr * df(xs[-1]))
    return np.array(xs)


def ignores_max_steps(df, x0, lr, tol, max_steps=1000):
    xs = [x0]
    while abs(df(xs[-1])) >= tol:
        xs.append(xs[-1] - lr * df(xs[-1]))
    return np.array(xs)


def numerical_product(f, df, g, dg):  # a finite difference of f * g
    h = 1e-5
    return lambda x: (f(x + h) * g(x + h) - f(x - h) * g(x - h)) / (2 * h)


def stub(*args):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": 13.0,
    "q2": 4.5,
    "q3": "a",
    "q4": 0.01,
    "q5": 24,
    "q6": 0.4,
    "q7": "b",
    "q8": lambda x: 12 * x**3 - 2,
    "q9": lambda x: np.cos(x**2) * 2 * x,
    "q10": product_rule,
    "q11": chain_rule,
    "q12": descend_until,
}

WRONG = {
    "q1": [
        (26.0, "divide"),
        (12.0, "midpoint"),
        (-13.0, "wrong sign"),
        (9.0, "too small"),
    ],
    "q2": [
        (4.0, "tangent"),
        (2.25, "divide the change"),
        (-4.5, "wrong sign"),
    ],
    "q3": [
        ("b", "the other way round"),
        ("c", "not synonyms"),
        ("d", "f(2)"),
        ("e", "one of"),
    ],
    "q4": [
        (0.0, "truncation error"),
        (0.03, "the 6 cancels"),
        (0.1, "not h"),
        (0.005, "divide by 2h"),
        (np.float32(0.005), "divide by 2h"),
    ],
    "q5": [
        (8, "dy/dx = 3"),
        (6, "2y with y = 4"),
        (16, "z itself"),
        (48, "their product is 24"),
        (-24, "sign"),
    ],
    "q6": [
        (-0.4, "against the derivative"),
        (4.0, "learning rate"),
        (0.04, "factor of 0.1"),
    ],
    "q7": [
        ("a", "two steps by hand"),
        ("c", "does not grow"),
        (1, "as a string"),
    ],
    "q8": [
        (lambda x: 12 * x**3 + 2, "has derivative -2"),
        (lambda x: 3 * x**3 - 2, "multiplies by the exponent"),
        (lambda x: 12 * x**4 - 2, "lowers the exponent"),
        (lambda x: np.array([12 * x**3 - 2] * 2), "shape"),
    ],
    "q9": [
        (lambda x: np.cos(x**2), "inner derivative"),
        (lambda x: 2 * x * np.sin(x**2), "not sin"),
        (lambda x: -np.cos(x**2) * 2 * x, "+cos"),
        (lambda x: np.cos(2 * x), "inner value"),
    ],
    "q10": [
        (lambda f, df, g, dg: lambda x: df(x) * dg(x), "not the product"),
        (lambda f, df, g, dg: lambda x: df(x) * g(x), "add f(x) g'(x)"),
        (
            lambda f, df, g, dg: lambda x: df(x) * g(x) - f(x) * dg(x),
            "quotient rule",
        ),
        (numerical_product, "a finite difference is not"),
        (lambda f, df, g, dg: df(1.0), "must return a function of x"),
    ],
    "q11": [
        (lambda f, df, g, dg: lambda x: df(x) * dg(x), "inner value"),
        (lambda f, df, g, dg: lambda x: df(g(x)), "inner derivative"),
        (lambda f, df, g, dg: lambda x: f(g(x)) * dg(x), "not f itself"),
        (lambda f, df, g, dg: lambda x: dg(x) * df(x), "f'(g(x))"),
    ],
    "q12": [
        (one_step_too_many, "The path starts with x0"),
        (lambda df, x0, lr, tol: np.array([x0]), "expected shape"),
        (
            lambda df, x0, lr, tol: descend_until(
                lambda x: -df(x), x0, lr, tol, max_steps=5
            ),
            "expected",
        ),
        (lambda df, x0, lr, tol: None, "forget `return`"),
        (one_step_short_of_max_steps, "max_steps + 1 iterates"),
        (ignores_max_steps, "max_steps = 5"),
    ],
}


@pytest.mark.parametrize("name", ["q8", "q9", "q10", "q11", "q12"])
def test_a_practice_stub_is_not_answered_yet(name):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered yet" in verdict.message


@pytest.mark.parametrize(
    "name, points", [("q8", q.Q8_POINTS), ("q9", q.Q9_POINTS)]
)
def test_function_mistakes_differ_at_every_test_point(name, points):
    checker = getattr(q, name).checker
    for wrong, why in checker.mistakes:
        for x in points:
            assert not np.isclose(wrong(x), checker.expected(x)), (why, x)


@pytest.mark.parametrize(
    "rule, slips",
    [
        (q._product, q.PRODUCT_SLIPS),
        (q._chain, q.CHAIN_SLIPS),
    ],
)
def test_rule_slips_differ_at_every_test_point(rule, slips):
    for slip, why in slips:
        for (_, f, df), (_, g, dg), points in q.PAIRS:
            for x in points:
                right = rule(f, df, g, dg)(x)
                assert not np.isclose(slip(f, df, g, dg)(x), right), (why, x)


def test_rule_probes_refuse_a_finite_difference():
    """12 digits: a rule passes, a central difference of f * g does not."""
    assert not q.q10.verdict(numerical_product)


def test_q12_every_case_takes_a_different_number_of_steps():
    lengths = [
        len(q.descend_until_reference(df, x0, lr, tol, max_steps))
        for _, df, x0, lr, tol, max_steps in q.Q12_CASES
    ]
    assert lengths[-1] == 1  # already flat at x0
    assert lengths[-2] == 6  # stopped by max_steps = 5
    assert all(n > 1 for n in lengths[:-1])
    assert len(set(lengths)) == len(lengths)
    assert not q.q12.verdict(one_step_too_many)
