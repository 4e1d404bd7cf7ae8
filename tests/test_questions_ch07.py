"""Chapter 07 questions: each solution passes, plausible mistakes fail
with a specific reason. TensorFlow is not imported: FakeTensor stands in
for what tape.gradient returns."""

import numpy as np
import pytest
from fakes import FakeTFTensor as FakeTensor
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch07 as q

pytestmark = pytest.mark.ch07


def fixed_grad(x0):
    return FakeTensor(3 * x0**2 - 2 * np.cos(x0))


def raises(x0):
    raise ValueError("shapes do not match")


def int32_error(x0):
    raise TypeError("Value for attr 'T' of int32 is not allowed\n; [Op:Sin]")


def not_written(x0):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": [False, True, True, True, False, True],
    "q2": fixed_grad,
    "q3": FakeTensor(192.0),
    "q4": 9,
    "q5": (2, 3, 2),
    "q6": [FakeTensor(0.0), FakeTensor(4.0)],
    "q7": FakeTensor(10.0),
    "q8": 4.0,
}

WRONG = {
    "q1": [
        ([True, True, True, True, False, True], "snippet (a)"),
        ([False, True, True, False, False, True], "snippet (d): x.numpy()"),
        ([False, True, True, True, True, True], "snippet (e)"),
        ([False, True, True, True, False, False], "unconnected"),
        ([False, True, True], "got 3 values"),
        ([0, 1, 1, 1, 0, None], "entry 5 (snippet (f)) is None"),
        ("FTTTFT", "list of 6 True/False"),
    ],
    "q2": [
        (lambda x0: None, "returned None"),
        (lambda x0: FakeTensor(3 * x0**2), "Use tf.sin"),
        (lambda x0: 3 * x0**2 + 2 * np.cos(x0), "at x0 = -2"),
        (raises, "raised ValueError: shapes do not match"),
        (int32_error, "raised TypeError: an integer x0 makes an int32"),
        (12.0, "expected a function"),
    ],
    "q3": [
        (16.0, "dz/dy"),
        (12.0, "dy/dx"),
        (64.0, "z = x^6"),
        (None, "None"),
    ],
    "q4": [
        (10.0, "value f(2)"),
        (8.0, "dropped the last step"),
        (6.0, "starts at i = 0"),
        (-9.0, "wrong sign"),
    ],
    "q5": [
        ((3, 2), "shape of tape.gradient"),
        ((2,), "shape of y"),
        ((3, 2, 2), "target's shape comes first"),
        ((2, 6), "instead of flattening"),
        ("2, 3, 2", "tuple of ints"),
    ],
    "q6": [
        ([None, 4.0], "no entry is None"),
        ([1.0, 4.0], "entry [0] is 1, expected 0"),
        ([0.0, 2.0], "entry [1] is 2, expected 4"),
        (4.0, "expected shape (2,)"),
    ],
    "q7": [
        ([6.0, 4.0], "sum of the targets"),
        (6.0, "x**2 alone"),
        (4.0, "4 * x alone"),
        (21.0, "9 + 12"),
    ],
    "q8": [
        (16.0, "stop_recording"),
        (12.0, "value of w"),
        (8.0, "value of z"),
        (None, "not None"),
    ],
}


def test_q1_accepts_zeros_and_ones():
    assert q.q1.verdict(np.array([0, 1, 1, 1, 0, 1]))


def test_a_stub_is_not_answered_yet():
    verdict = q.q2.verdict(not_written)
    assert not verdict and "not answered yet" in verdict.message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_odd_input_gets_a_cross_not_an_exception(name):
    for answer in [None, "yes", [], float("nan"), {"a": 1}, lambda: 1]:
        verdict = getattr(q, name).verdict(answer)
        assert not verdict
        assert verdict.message.startswith("✗")
