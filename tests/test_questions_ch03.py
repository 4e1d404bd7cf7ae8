"""Chapter 03 questions: each solution passes, plausible mistakes fail
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

import helpers
from helpers.questions import ch03 as q

pytestmark = pytest.mark.ch03

EPS = np.finfo(np.float64).eps


def numerical_jacobian(F, x):
    x = np.asarray(x, dtype=np.float64)
    J = np.zeros((np.size(F(x)), x.size))
    for j in range(x.size):
        h = EPS ** (1 / 3) * max(1.0, abs(x[j]))
        e = np.zeros(x.size)
        e[j] = h
        J[:, j] = (F(x + e) - F(x - e)) / (2 * h)
    return J


def in_place_jacobian(F, x):  # nudges x itself and puts it back
    J = np.zeros((np.size(F(x)), x.size))
    for j in range(x.size):
        x[j] += 1e-6
        up = F(x)
        x[j] -= 2e-6
        J[:, j] = (up - F(x)) / 2e-6
        x[j] += 1e-6
    return J


def directional_derivative(f, p, v):
    u = v / np.linalg.norm(v)
    return (f(p + 1e-5 * u) - f(p - 1e-5 * u)) / 2e-5


def numerical_hessian(f, x):
    x = np.asarray(x, dtype=np.float64)
    n = x.size
    h = EPS ** (1 / 4) * np.maximum(1.0, abs(x))
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            ei, ej = np.zeros(n), np.zeros(n)
            ei[i], ej[j] = h[i], h[j]
            H[i, j] = (
                f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej)
                + f(x - ei - ej)
            ) / (4 * h[i] * h[j])
    return H


def nested_forward(f, x, h=1e-4):  # the seed notes' method
    x = np.asarray(x, dtype=np.float64)
    n = x.size

    def grad(p):
        out = np.zeros(n)
        for i in range(n):
            e = np.zeros(n)
            e[i] = h
            out[i] = (f(p + e) - f(p)) / h
        return out

    H = np.zeros((n, n))
    for i in range(n):
        e = np.zeros(n)
        e[i] = h
        H[:, i] = (grad(x + e) - grad(x)) / h
    return H


def jacobian_of_numerical_gradient(f, x):
    return helpers.jacobian(lambda p: helpers.gradient(f, p), x)


def stub(*args):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": 10.0,
    "q2": np.array([4.0, 3.0]),
    "q3": 11,
    "q4": "a",
    "q5": 22.4,
    "q6": (2, 3),
    "q7": (1, 3),
    "q8": 18,
    "q9": lambda x, y: np.array([2 * x * y, x**2 + np.cos(y)]),
    "q10": numerical_jacobian,
    "q11": directional_derivative,
    "q12": numerical_hessian,
}

WRONG = {
    "q1": [(6.0, "adds 4"), (27.0, "that is df/dy"), (21.0, "f(3, 1)")],
    "q2": [
        ([3.0, 4.0], "df/dx first"),
        ([6.0, 3.0], "df/dx = 6x - y"),
        ([4.0, 4.0], "df/dy = -x + 2y"),
        (4.0, "expected shape (2,)"),
        ([], "empty"),
    ],
    "q3": [
        (3.0, "only the path through v"),
        (8.0, "only the direct path"),
        (24.0, "f(3, 5)"),
        (22.0, "each path counts once"),
    ],
    "q4": [
        ("b", "|grad f| = 26"),
        ("c", "steepest descent"),
        ("d", "perpendicular"),
        ("e", "one of"),
    ],
    "q5": [
        (112.0, "divide it by 5"),
        (26.0, "largest slope"),
        (14.4, "only the x part"),
        (224.0, "(6, 8) - (3, 4)"),
        (34.0, "24 + 10"),
        (-22.4, "wrong sign"),
    ],
    "q6": [
        ((3, 2), "Rows are outputs"),
        ((2,), "one row per output"),
        ((3, 3), "square only"),
        ("2x3", "tuple of ints"),
    ],
    "q7": [
        ((3,), "helpers.gradient"),
        ((3, 1), "One output means one row"),
        ((3, 3), "Hessian's shape"),
        (None, "tuple of ints"),
    ],
    "q8": [
        (54, "d2f/dx2"),
        (2, "d2f/dy2"),
        (27, "df/dx = 3x**2 y**2"),
        (6, "df/dy = 2x**3 y"),
    ],
    "q9": [
        (lambda x, y: np.array([2 * x * y, x**2]), "gains cos(y)"),
        (
            lambda x, y: np.array([x**2 + np.cos(y), 2 * x * y]),
            "df/dx first",
        ),
        (
            lambda x, y: np.array([2 * x * y, x**2 - np.cos(y)]),
            "+cos",
        ),
        (lambda x, y: 2 * x * y + x**2 + np.cos(y), "shape ()"),
        (lambda x, y: None, "forget `return`"),
        (lambda x: np.array([2 * x, x]), "raised TypeError"),
    ],
    "q10": [
        (lambda F, x: numerical_jacobian(F, x).T, "Rows are outputs"),
        (
            lambda F, x: 2 * numerical_jacobian(F, x),
            "for F(x, y, z) = (xyz, sin x + y^2, e^(z - x))",
        ),
        (lambda F, x: np.diag(numerical_jacobian(F, x)), "returned shape"),
        (lambda F, x: None, "forget `return`"),
        (lambda F, x: helpers.jacobian(F, x), "calls helpers.jacobian"),
    ],
    "q11": [
        (
            lambda f, p, v: directional_derivative(f, p, v)
            * np.linalg.norm(v),
            "divide by |v| first",
        ),
        (
            lambda f, p, v: directional_derivative(f, p, v)
            / np.linalg.norm(v),
            "at p = (1.0, 2.0) along v = (3.0, 4.0)",
        ),
        (lambda f, p, v: -directional_derivative(f, p, v), "expected"),
        (lambda f, p, v: np.linalg.norm(v), "returned 5"),
    ],
    "q12": [
        (nested_forward, "not differences of differences"),
        (jacobian_of_numerical_gradient, "half the digits"),
        (
            lambda f, x: numerical_hessian(f, x)[:1],
            "returned shape (1, 2)",
        ),
        (lambda f, x: numerical_hessian(f, x).T * 1.001, "expected"),
        (lambda f, x: helpers.hessian(f, x), "calls helpers.hessian"),
    ],
}


@pytest.mark.parametrize("name", ["q9", "q10", "q11", "q12"])
def test_a_practice_stub_is_not_answered_yet(name):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered yet" in verdict.message


def test_q9_mistakes_differ_at_every_test_point():
    checker = q.q9.checker
    for wrong, why in checker.mistakes:
        for x, y in q.Q9_POINTS:
            assert not np.allclose(wrong(x, y), checker.expected(x, y)), why


def test_q10_a_transpose_is_caught_on_the_square_case_too():
    name, F, J, point = q.Q10_CASES[0]  # 3 x 3
    jac = J(np.array(point))
    assert jac.shape[0] == jac.shape[1] and not np.allclose(jac, jac.T)


def test_q11_every_direction_has_a_length_other_than_one():
    for *_, v in q.Q11_CASES:
        assert not np.isclose(np.linalg.norm(v), 1.0)


def test_q12_the_seed_method_and_a_gradient_jacobian_fail_every_case():
    for slip in (nested_forward, jacobian_of_numerical_gradient):
        misses = 0
        for _, f, H, point in q.Q12_CASES:
            x = np.array(point)
            err = np.abs(slip(f, x) - H(x)) / np.maximum(1.0, np.abs(H(x)))
            misses += bool(np.max(err) > 1e-6)
        assert misses >= 2, slip.__name__


def test_q12_cases_include_a_true_zero():
    zeros = [
        name
        for name, _, H, point in q.Q12_CASES
        if np.any(H(np.array(point)) == 0.0)
    ]
    assert len(zeros) >= 2


def test_mutating_the_input_cannot_fool_q10():
    assert q.q10.verdict(in_place_jacobian)
    assert not q.q10.verdict(lambda F, x: numerical_jacobian(F, x).T)
