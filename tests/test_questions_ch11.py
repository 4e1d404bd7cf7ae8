"""Chapter 11 questions: each solution passes, plausible mistakes fail
with a specific reason. No torch or TensorFlow here: fake tensors and
plain functions stand in for them."""

import math

import numpy as np
import pytest
from fakes import FakeTorchTensor as FakeTorchScalar
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch11 as q

pytestmark = pytest.mark.ch11


def leaky_relu_grad(x):
    return 1.0 if x > 0 else 0.01


def leaky_relu_grad_as_tensor(x):
    """What `return x.grad` (a float32 tensor, not .item()) looks like."""
    return FakeTorchScalar(leaky_relu_grad(x))


def softplus_grad(x):
    e = np.exp(-abs(x))
    return 1 / (1 + e) if x >= 0 else e / (1 + e)


def softplus_grad_naive(x):
    with np.errstate(over="ignore", invalid="ignore"):
        return np.exp(x) / (1 + np.exp(x))


def softplus_grad_flipped(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(x))


def stub(x):
    raise NotImplementedError("your code here")


def backward_raises(x):
    raise RuntimeError(
        "function LeakyReLUBackward returned an incorrect number of "
        "gradients (expected 1, got 2)"
    )


RIGHT = {
    "q1": leaky_relu_grad,
    "q2": 6.0,
    "q3": 0.75,
    "q4": "b",
    "q5": "b",
    "q6": FakeTorchScalar(-1.0),
    "q7": 0.0,
    "q8": softplus_grad,
}

WRONG = {
    "q1": [
        (lambda x: 1.0 if x > 0 else 0.0, "That is ReLU's gradient"),
        (lambda x: 0.01 if x > 0 else 1.0, "slopes are swapped"),
        (lambda x: x if x > 0 else 0.01 * x, "the leaky ReLU's value"),
        (
            lambda x: 0.01,
            "at x = 0.25 your leaky_relu_grad returned 0.01; expected 1",
        ),
        (backward_raises, "raised RuntimeError: function LeakyReLUBackward"),
        (lambda x: None, "forget `return`"),
        (0.01, "expected a function"),
    ],
    "q2": [
        (5.2, "that is 2x"),
        (0.0, "true derivative of round"),
        (1.0, "STE's own local gradient"),
        (9.0, "the loss"),
        (None, "None"),
    ],
    "q3": [
        (0.25, "sigma(-x)"),
        (math.log(4.0), "the value"),
        (3.0, "e^x alone"),
        (-0.75, "wrong sign"),
    ],
    "q4": [
        ("a", "always positive"),
        ("c", "tf.math.log has a gradient"),
        ("d", "stored exactly"),
        ("nan", "expected one of"),
    ],
    "q5": [
        ("a", "identity"),
        ("c", "forward pass"),
        ("d", "changes every gradient entry"),
        (2, "as a string"),
    ],
    "q6": [
        (-6.0, "unclipped"),
        (FakeTorchScalar(1.0), "keeps the sign"),
        (9.0, "the loss"),
        (6.0, "negative"),
    ],
    "q7": [
        (1.0, "STE's gradient"),
        (2.0, "round(2.3)"),
        (2.3, "x itself"),
        (float("nan"), "expected a finite number"),
    ],
    "q8": [
        (softplus_grad_naive, "at x = 1000 your softplus_grad returned nan"),
        (softplus_grad_flipped, "at x = -1000 your softplus_grad returned 1"),
        (lambda x: np.log1p(np.exp(-abs(x))) + max(x, 0), "expected 0"),
        (lambda x: [softplus_grad(x)] * 2, "shape"),
    ],
}


def test_float32_tensor_results_are_accepted():
    """A learner's torch code may return x.grad in float32."""
    assert q.q1.verdict(leaky_relu_grad_as_tensor)
    assert q.q1.verdict(lambda x: float(np.float32(leaky_relu_grad(x))))
    assert q.q8.verdict(lambda x: float(np.float32(softplus_grad(x))))


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_unanswered_is_not_an_error(name):
    verdict = getattr(q, name).verdict(...)
    assert not verdict and "not answered yet" in verdict.message


@pytest.mark.parametrize("name", ["q1", "q8"])
def test_a_stub_function_counts_as_unanswered(name):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered yet" in verdict.message
