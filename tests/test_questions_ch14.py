"""Chapter 14 questions: each solution passes, plausible mistakes fail
with a specific reason. TensorFlow is not imported: FakeSpec stands in for
a tf.TensorSpec."""

import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch14 as q

pytestmark = pytest.mark.ch14


class FakeShape:
    """Quacks like a tf.TensorShape: it has .as_list()."""

    def __init__(self, dims):
        self.dims = list(dims)

    def as_list(self):
        return list(self.dims)


class FakeDType:
    def __init__(self, name):
        self.name = name


class FakeSpec:
    """Quacks like tf.TensorSpec(shape=..., dtype=...)."""

    def __init__(self, shape, dtype="float32"):
        self.shape = FakeShape(shape)
        self.dtype = FakeDType(dtype)


RIGHT = {
    "q1": 5,
    "q2": "c",
    "q3": "b",
    "q4": [2, 4],
    "q5": [FakeSpec([None, 3])],
    "q6": 100,
    "q7": 2,
    "q8": "b",
    "q9": "b",
}

WRONG = {
    "q1": [
        (1, "the int32 dtype"),
        (3, "Python numbers are not tensors"),
        (4, "each new value traces"),
        (6, "second f(2.0) reuses"),
        (7, "tf.constant(2.0) reuses"),
    ],
    "q2": [
        ("a", "same dtype float32 and shape (2,)"),
        ("b", "no new trace"),
        ("d", "NumPy array"),
        ("e", "expected one of"),
    ],
    "q3": [
        ("a", "only while tracing"),
        ("c", "runs on every call"),
        ("d", "runs the Python print once"),
    ],
    "q4": [
        ([4, 4], "runs only while tracing"),
        ([1, 4], "new shape and traces again"),
        ([2, 2], "assign_add is a graph operation"),
        ([4, 2], "swapped"),
        ([2, 4, 0], "expected shape (2,)"),
    ],
    "q5": [
        (FakeSpec([None, 3]), "a list with one TensorSpec"),
        ([FakeSpec([3, None])], "None comes first"),
        ([FakeSpec([None, None])], "any number of columns"),
        ([FakeSpec([None, 3], "float64")], "the dtype is float64"),
        ([FakeSpec([4, 3])], "fixes every size"),
        ([FakeSpec([None])], "two axes"),
        ([FakeSpec([None, 3]), FakeSpec([None, 3])], "2 entries"),
        ([[None, 3]], "should be a tf.TensorSpec"),
    ],
    "q6": [
        (1, "tensor learning rate"),
        (2, "different Python float"),
        (99, "first step traces too"),
    ],
    "q7": [
        (1, "exact shape (1,)"),
        (5, "without reduce_retracing"),
        (3, "no further length"),
    ],
    "q8": [
        ("a", "inside the kernel"),
        ("c", "called once"),
        ("d", "symbolic"),
    ],
    "q9": [
        ("a", "Python int"),
        ("c", "DEBUG is a Python bool"),
        ("d", "only a condition that is a tensor"),
    ],
}


def test_choices_accept_parentheses_and_capitals():
    assert q.q2.verdict("(C)") and q.q8.verdict(" b ")


def test_q5_accepts_a_tuple_and_a_plain_shape_list():
    class PlainSpec:
        shape = [None, 3]
        dtype = "float32"

    assert q.q5.verdict((FakeSpec([None, 3]),))
    assert q.q5.verdict([PlainSpec()])


def test_an_ellipsis_is_not_answered_yet():
    verdict = q.q5.verdict(...)
    assert not verdict and "not answered yet" in verdict.message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_odd_input_gets_a_cross_not_an_exception(name):
    for answer in [None, "yes", [], float("nan"), {"a": 1}, lambda: 1]:
        verdict = getattr(q, name).verdict(answer)
        assert not verdict
        assert verdict.message.startswith("✗")
