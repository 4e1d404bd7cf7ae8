"""Chapter 15 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch15 as q

pytestmark = pytest.mark.ch15


def jacobian_from_jvps(jvp, n):
    return np.stack([jvp(e) for e in np.eye(n)], axis=1)


def stacked_as_rows(jvp, n):
    return np.stack([jvp(e) for e in np.eye(n)])


def twice_per_column(jvp, n):
    for e in np.eye(n):
        jvp(e)
    return jacobian_from_jvps(jvp, n)


def one_call(jvp, n):
    return jvp(np.ones(n))


def stub(jvp, n):
    raise NotImplementedError


def forgets_return(jvp, n):
    np.stack([jvp(e) for e in np.eye(n)], axis=1)


def wrong_basis(jvp, n):
    return np.stack([jvp(e) for e in np.eye(n + 1)], axis=1)


RIGHT = {
    "q1": "a",
    "q2": 3,
    "q3": 500,
    "q4": "b",
    "q5": jacobian_from_jvps,
    "q6": 413696,
    "q7": 200,
    "q8": "a",
    "q9": 50.0,
}

WRONG = {
    "q1": [
        ("b", "1000 of them"),
        ("c", "factor of about 500"),
        ("forward", "expected one of"),
    ],
    "q2": [(500, "whole column"), (1500, "single entry"), (1, "3 columns")],
    "q3": [
        (3, "number of inputs"),
        (1, "scalar function"),
        (1500, "single entry"),
    ],
    "q4": [
        ("a", "one backward pass"),
        ("c", "does not depend on n"),
        ("d", "not free"),
    ],
    "q5": [
        (stacked_as_rows, "It looks transposed"),
        (twice_per_column, "called jvp 4 times"),
        (one_call, "returned shape (3,)"),
        (forgets_return, "returned None"),
        (wrong_basis, "length n = 2"),
        (np.eye(2), "expected a function"),
    ],
    "q6": [
        (409600, "input too"),
        (299 * 4096, "by reference"),
        (4096, "not only the last"),
        (819200, "stored once"),
    ],
    "q7": [
        (100, "each layer runs twice"),
        (110, "the last segment too"),
        (190, "recomputed as well"),
        (1000, "not once per layer"),
    ],
    "q8": [
        ("b", "other way round"),
        ("c", "exactly the same"),
        ("d", "recomputes segments"),
    ],
    "q9": [
        (0.02, "jacrev ÷ jacfwd"),
        (100, "that is n"),
        (2, "that is m"),
        (40000, "divide by"),
    ],
}


def test_a_stub_is_not_answered_yet():
    assert "not answered yet" in q.q5.verdict(stub).message


@pytest.mark.parametrize("odd", [None, "word", float("nan"), [], len])
def test_odd_answers_get_a_reason_not_an_exception(odd):
    for name in RIGHT:
        verdict = getattr(q, name).verdict(odd)
        assert not verdict and verdict.message
