"""Chapter 00 questions: each solution passes, plausible mistakes fail
with a specific reason, and every known mistake differs from the answer."""

import numpy as np
import pytest
from fakes import FakeTorchTensor as FakeTorchScalar
from question_checks import (  # noqa: F401  (collected here)
    test_every_known_mistake_is_judged_wrong,
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_odd_input_never_raises_and_is_never_right,
    test_solution_is_accepted,
)

from helpers.questions import ch00 as q

pytestmark = pytest.mark.ch00


class FakeLeaf(FakeTorchScalar):
    """Quacks like a PyTorch leaf tensor after y.backward()."""

    def __init__(self, value, grad=None, requires_grad=True):
        super().__init__(value)
        self.grad = None if grad is None else FakeTorchScalar(grad)
        self.requires_grad = requires_grad


def broadcast_shape(a, b):
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    result = []
    for x, y in zip(a, b):
        if x != y and 1 not in (x, y):
            raise ValueError(f"sizes {x} and {y} do not fit")
        result.append(max(x, y))
    return tuple(result)


def from_the_left(a, b):  # compares the first axes instead of the last
    n = max(len(a), len(b))
    a = tuple(a) + (1,) * (n - len(a))
    b = tuple(b) + (1,) * (n - len(b))
    return broadcast_shape(a, b)


def forgets_missing_axes(a, b):  # zip stops at the shorter shape
    return tuple(
        max(x, y) for x, y in zip(reversed(a), reversed(b))
    )[::-1]


def always_the_larger(a, b):  # never raises
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    return tuple(max(x, y) for x, y in zip(a, b))


def to_numpy(t):
    if hasattr(t, "detach"):
        t = t.detach().cpu().numpy()
    return np.array(t, dtype=np.float64)


def shares_memory(t):
    return np.asarray(t, dtype=np.float64)


def keeps_ints(t):
    return np.array(t)


def stub(*args):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": (4, 3),
    "q2": [4, 2, 3],
    "q3": "c",
    "q4": [[0, 2, 4], [1, 3, 5]],
    "q5": np.arange(6).reshape(3, 2).T.reshape(3, 2),
    "q6": (5, 3),
    "q7": "b",
    "q8": "a",
    "q9": FakeLeaf(1.5, grad=6.75),
    "q10": broadcast_shape,
    "q11": lambda a, v: a + v[:, None],
    "q12": to_numpy,
}

WRONG = {
    "q1": [
        ((3, 4), "matrix's shape"),
        ((3,), "matrix's 4 rows"),
        ((4, 3, 3), "3 dimensions"),
        ("4, 3", "tuple of ints"),
    ],
    "q2": [
        ((4, 1, 3), "stretches"),
        ((4, 2, 1), "compare from the right"),
        ((2, 3), "never drops an axis"),
        ((8, 3), "does not multiply"),
    ],
    "q3": [
        ("a", "neither is 1"),
        ("b", "never adds an axis"),
        ("yes", "expected one of"),
    ],
    "q4": [
        ([[0, 1, 2], [3, 4, 5]], "m.reshape(2, 3)"),
        ([[0, 1], [2, 3], [4, 5]], "transposed"),
        ([0, 2, 4, 1, 3, 5], "expected shape (2, 3)"),
    ],
    "q5": [
        ([[0, 1], [2, 3], [4, 5]], "does not undo a transpose"),
        ([[0, 2, 4], [1, 3, 5]], "shape"),
        ([[0, 2], [1, 3], [4, 5]], "entry"),
        ([], "empty"),
    ],
    "q6": [
        ((5, 2), "outer ones remain"),
        ((2, 2), "5 and 3, remain"),
        ((3, 5), "wrong order"),
    ],
    "q7": [("a", "promotes"), ("c", "default float type"), (None, "None")],
    "q8": [
        ("b", "cannot be changed"),
        ("c", "expected one of"),
        (True, "as a string"),
    ],
    "q9": [
        (FakeLeaf(1.5, grad=3.375), "y = x**3 itself"),
        (FakeLeaf(1.5, grad=4.5), "that is 3x"),
        (FakeLeaf(1.5, grad=3.0), "derivative of x**2"),
        (FakeLeaf(1.5, grad=2.25), "that is x**2"),
        (FakeLeaf(1.5, grad=-6.75), "wrong sign"),
        (FakeLeaf(1.5), "call y.backward()"),
        (FakeLeaf(1.5, grad=6.75, requires_grad=False), "requires_grad"),
        (FakeLeaf(3.0, grad=27.0), "single number 1.5"),
        (FakeTorchScalar(6.75), "the PyTorch tensor x itself"),
        (6.75, "the PyTorch tensor x itself"),
    ],
    "q10": [
        (from_the_left, "for shapes (2, 3) and (3,) your broadcast_shape"),
        (forgets_missing_axes, "returned (3,); expected (2, 3)"),
        (always_the_larger, "should raise ValueError"),
        (lambda a, b: None, "expected a tuple of ints"),
        ((2, 3), "expected a function"),
    ],
    "q11": [
        (lambda a, v: a + v, "It added v[j] to column j"),
        (lambda a, v: a + v.reshape(1, -1), "returned [[10"),
        (lambda a, v: a * v[:, None], "expected"),
        (lambda a, v: None, "forget `return`"),
    ],
    "q12": [
        (shares_memory, "share memory"),
        (keeps_ints, "dtype int64; expected float64"),
        (lambda t: t.numpy(), "raised AttributeError"),
        (lambda t: np.array(t, dtype=np.float32), "dtype float32"),
        (lambda t: list(np.array(t, dtype=float)), "expected a NumPy array"),
    ],
}


@pytest.mark.parametrize("name", ["q10", "q11", "q12"])
def test_a_practice_stub_is_not_answered_yet(name):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered yet" in verdict.message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_every_known_mistake_differs_from_the_answer(name):
    """A mistake the question names must itself be judged wrong at the
    question's point (x = 3 made y = x**3 equal to 3 x**2)."""
    checker = getattr(q, name).checker
    for wrong, _ in getattr(checker, "mistakes", ()):
        assert not checker(wrong)[0], (name, wrong)
        if getattr(checker, "kind", "") == "number":  # float32 too
            assert not checker(np.float32(wrong))[0], (name, wrong)


def test_q9_every_slip_differs_from_the_gradient():
    want = 3 * q.Q9_X**2
    values = [q.Q9_X**3, 3 * q.Q9_X, 2 * q.Q9_X, q.Q9_X**2, q.Q9_X]
    assert set(q.Q9_MISTAKES) <= set(values)
    for value in values:
        assert abs(value - want) > 0.1
        assert not q.q9.verdict(FakeLeaf(q.Q9_X, grad=value))


def test_q10_each_slip_is_caught_by_some_pair():
    for slip in (from_the_left, forgets_missing_axes, always_the_larger):
        caught = []
        for a, b in q.Q10_PAIRS:
            want = q._broadcast_or_none(a, b)
            try:
                got = slip(a, b)
            except ValueError:
                got = None
            caught.append(got != want)
        assert any(caught), slip.__name__


def test_q11_the_tempting_a_plus_v_is_wrong_on_every_shape():
    for rows, cols in q.Q11_SHAPES:
        where, run, want = q._q11_probe(rows, cols)
        try:
            got = run(lambda a, v: a + v)
        except ValueError:
            continue  # an error is a visible failure
        assert not np.allclose(got, want()), where


def test_q11_mutating_the_input_cannot_fool_the_check():
    def sneaky(a, v):
        a += v[:, None]  # right values, written into its own copy
        return a

    assert q.q11.verdict(sneaky)
    assert not q.q11.verdict(lambda a, v: a + v)  # and the next check works


def test_q12_a_conversion_that_changes_its_input_is_wrong():
    def vandal(t):
        result = to_numpy(t)
        if isinstance(t, np.ndarray):
            t[...] = 0  # breaks the caller's array, returns the old values
        return result

    verdict = q.q12.verdict(vandal)
    assert not verdict and "changed its input" in verdict.message


class FakeSharedTensor:
    """A PyTorch-like tensor whose .numpy() shares its memory."""

    def __init__(self, values):
        self.data = np.array(values, dtype=np.float64)

    def detach(self):
        return self

    def cpu(self):
        return self

    def numpy(self):
        return self.data


def test_q12_catches_a_shared_pytorch_array():
    def sources():
        return [
            q._Source(
                "for a tensor,",
                lambda: FakeSharedTensor([2.5, 3.0]),
                lambda t: np.array(t.data),
            )
        ]

    checker = q.to_numpy_checker(sources)
    ok, reason = checker(lambda t: t.detach().cpu().numpy())
    assert not ok and "share memory" in reason
    assert checker(to_numpy)[0]
