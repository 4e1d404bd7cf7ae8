"""Chapter 12 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch12 as q

pytestmark = pytest.mark.ch12


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(params, X):
    A1 = np.tanh(X @ params["W1"].T + params["b1"])
    P = sigmoid(A1 @ params["W2"].T + params["b2"])
    return P, A1


def grad_W1(params, X, Y):
    P, A1 = forward(params, X)
    delta2 = (P - Y) / len(X)
    delta1 = (delta2 @ params["W2"]) * (1 - A1**2)
    return delta1.T @ X


def grad_W1_no_tanh_prime(params, X, Y):
    P, _ = forward(params, X)
    delta2 = (P - Y) / len(X)
    return (delta2 @ params["W2"]).T @ X


def grad_W1_no_mean(params, X, Y):
    P, A1 = forward(params, X)
    delta1 = ((P - Y) @ params["W2"]) * (1 - A1**2)
    return delta1.T @ X


def grad_W1_transposed(params, X, Y):
    return grad_W1(params, X, Y).T


def grad_W1_in_place(params, X, Y):
    """Right, but scribbles on its inputs: later batches must not care."""
    result = grad_W1(params, X, Y)
    params["W1"] *= 0
    X *= 0
    return result


def grad_W1_raises(params, X, Y):
    return params["w1"]


def stub(params, X, Y):
    raise NotImplementedError


RIGHT = {
    "q1": 3 / 16,
    "q2": lambda z, y: sigmoid(z) - y,
    "q3": np.array([[0.1, -0.2], [0.3, 0.0], [-0.1, 0.4]]).sum(axis=0),
    "q4": (5, 3),
    "q5": "b",
    "q6": [[-0.5, -1.0], [0.5, 1.0]],
    "q7": "b",
    "q8": grad_W1,
}

WRONG = {
    "q1": [
        (0.75, "sigma(ln 3) itself"),
        (0.25, "largest value"),
        (0.4375, "rule for tanh"),
        (0.5625, "not sigma^2"),
        ("0.1875", "expected a number"),
    ],
    "q2": [
        (lambda z, y: y - sigmoid(z), "returned -0.119203; expected 0.119203"),
        (
            lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)),
            "at (z, y) = (-2, 0)",
        ),
        (lambda z, y: sigmoid(z), "at (z, y) = (0, 1)"),
        (lambda z, y: z - y, "returned -2"),
        (None, "expected a function"),
    ],
    "q3": [
        ([0.1, 0.2 / 3], "do not average"),
        ([-0.1, 0.3, 0.3], "axis 0"),
        ([-0.3, -0.2], "plus sign"),
        ([], "empty"),
    ],
    "q4": [
        ((3, 5), "(in, out) layout"),
        ((10, 5), "shape of Delta1"),
        ((10, 3), "shape of X"),
        ((10, 5, 3), "stacks one gradient per example"),
        ((5, 2), "axis 1"),
        ("5, 3", "tuple of ints"),
        ("35", "tuple of ints"),
    ],
    "q5": [
        ("a", "torch.nn.Linear layout"),
        ("c", "(N, N)"),
        ("d", "does not even multiply"),
        ("e", "expected one of"),
    ],
    "q6": [
        ([[-2.0, -4.0], [2.0, 4.0]], "left out sigma'(a)"),
        ([[-0.5, 0.5], [-1.0, 1.0]], "the transpose"),
        ([[-0.25, -0.5], [0.25, 0.5]], "factor 2"),
        ([[0.5, 1.0], [-0.5, -1.0]], "not t - y"),
        ([-0.5, -1.0, 0.5, 1.0], "expected shape (2, 2)"),
    ],
    "q7": [
        ("a", "the 1/N is there"),
        ("c", "delta2 @ W2 is right"),
        ("d", "something is missing"),
        (2, "as a string"),
    ],
    "q8": [
        (grad_W1_no_tanh_prime, "on test batch 1 (N = 4, H = 3) your"),
        (grad_W1_no_mean, "4 times too large"),
        (lambda *args: -grad_W1(*args), "wrong sign"),
        (grad_W1_transposed, "It looks transposed"),
        (grad_W1_raises, "raised KeyError"),
        (lambda params, X, Y: None, "forget `return`"),
        (lambda params, X, Y: np.full((3, 2), np.nan), "NaN"),
        ("delta1.T @ X", "expected a function"),
    ],
}


def test_a_function_that_changes_its_inputs_does_not_spoil_the_check():
    assert q.q8.verdict(grad_W1_in_place)
    assert q.q8.verdict(grad_W1)


def test_an_unfinished_stub_is_not_answered_yet():
    verdict = q.q8.verdict(stub)
    assert not verdict
    assert "not answered yet" in verdict.message
