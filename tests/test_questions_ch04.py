"""Chapter 04 questions: each solution passes, plausible mistakes fail
with a specific reason.

q6-q8 take classes and functions that extend the chapter's tree classes;
the checks find those classes in the namespace the answer was written in,
so this module restates them at module level, as the practice notebook
does.
"""

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

from helpers.questions import ch04 as q

pytestmark = pytest.mark.ch04


# ---- the chapter's tree classes, as the practice notebook restates them ---


class Node:
    children = ()

    def __add__(self, other):
        return Add(self, as_node(other))

    def __radd__(self, other):
        return Add(as_node(other), self)

    def __mul__(self, other):
        return Mul(self, as_node(other))

    def __rmul__(self, other):
        return Mul(as_node(other), self)


def as_node(value):
    return value if isinstance(value, Node) else Const(value)


class Const(Node):
    def __init__(self, value):
        self.value = value

    def evaluate(self, values):
        return self.value

    def diff(self, name):
        return Const(0)


class Var(Node):
    def __init__(self, name):
        self.name = name

    def evaluate(self, values):
        return values[self.name]

    def diff(self, name):
        return Const(1 if self.name == name else 0)


class Add(Node):
    def __init__(self, a, b):
        self.children = (a, b)

    def evaluate(self, values):
        a, b = self.children
        return a.evaluate(values) + b.evaluate(values)

    def diff(self, name):
        a, b = self.children
        return Add(a.diff(name), b.diff(name))


class Mul(Node):
    def __init__(self, a, b):
        self.children = (a, b)

    def evaluate(self, values):
        a, b = self.children
        return a.evaluate(values) * b.evaluate(values)

    def diff(self, name):
        a, b = self.children
        return Add(Mul(a, b.diff(name)), Mul(a.diff(name), b))


class Exp(Node):
    def __init__(self, a):
        self.children = (a,)

    def evaluate(self, values):
        return np.exp(self.children[0].evaluate(values))

    def diff(self, name):
        (a,) = self.children
        return Exp(a) * a.diff(name)


class Div(Node):
    def __init__(self, a, b):
        self.children = (a, b)

    def evaluate(self, values):
        a, b = self.children
        return a.evaluate(values) / b.evaluate(values)

    def diff(self, name):
        a, b = self.children
        da, db = a.diff(name), b.diff(name)
        return Div(da * b + -1 * a * db, b * b)


# ---- wrong Exp and Div rules ----------------------------------------------


class ExpNoChain(Exp):
    def diff(self, name):
        return Exp(self.children[0])


class ExpInnerOnly(Exp):
    def diff(self, name):
        return self.children[0].diff(name)


class ExpNumber(Exp):
    def diff(self, name):
        return 2.5


class ExpStub(Exp):
    def diff(self, name):
        raise NotImplementedError("your code here")


class DivStub(Div):
    def diff(self, name):
        raise NotImplementedError("your code here")


class DivSignFlipped(Div):
    def diff(self, name):
        a, b = self.children
        return Div(a * b.diff(name) + -1 * a.diff(name) * b, b * b)


class DivOverB(Div):
    def diff(self, name):
        a, b = self.children
        return Div(a.diff(name) * b + -1 * a * b.diff(name), b)


class DivPlus(Div):
    def diff(self, name):
        a, b = self.children
        return Div(a.diff(name) * b + a * b.diff(name), b * b)


class DivQuotient(Div):
    def diff(self, name):
        a, b = self.children
        return Div(a.diff(name), b.diff(name))


# ---- diff_shared, right and wrong -----------------------------------------


def diff_shared(expr, name, memo=None):
    memo = {} if memo is None else memo
    if id(expr) in memo:
        return memo[id(expr)]
    if not expr.children:
        out = expr.diff(name)
    else:
        kids = expr.children
        d = [diff_shared(c, name, memo) for c in kids]
        if isinstance(expr, Add):
            out = Add(d[0], d[1])
        elif isinstance(expr, Mul):
            out = Add(Mul(kids[0], d[1]), Mul(d[0], kids[1]))
        elif isinstance(expr, Exp):
            out = Mul(expr, d[0])
        else:
            a, b = kids
            out = Div(d[0] * b + -1 * a * d[1], b * b)
    memo[id(expr)] = out
    return out


def diff_without_memo(expr, name, memo=None):
    return expr.diff(name)


def diff_memo_never_used(expr, name, memo=None):
    memo = {}  # a new memo at every call: nothing is ever found in it
    if id(expr) in memo:
        return memo[id(expr)]
    if not expr.children:
        return expr.diff(name)
    kids = expr.children
    d = [diff_memo_never_used(c, name, memo) for c in kids]
    if isinstance(expr, Add):
        return Add(d[0], d[1])
    if isinstance(expr, Mul):
        return Add(Mul(kids[0], d[1]), Mul(d[0], kids[1]))
    if isinstance(expr, Exp):
        return Mul(expr, d[0])
    a, b = kids
    return Div(d[0] * b + -1 * a * d[1], b * b)


def diff_shared_wrong_div(expr, name, memo=None):
    memo = {} if memo is None else memo
    if id(expr) in memo:
        return memo[id(expr)]
    if not expr.children:
        out = expr.diff(name)
    else:
        kids = expr.children
        d = [diff_shared_wrong_div(c, name, memo) for c in kids]
        if isinstance(expr, Add):
            out = Add(d[0], d[1])
        elif isinstance(expr, Mul):
            out = Add(Mul(kids[0], d[1]), Mul(d[0], kids[1]))
        elif isinstance(expr, Exp):
            out = Mul(expr, d[0])
        else:
            out = Div(d[0], kids[1])  # forgets the b' term
    memo[id(expr)] = out
    return out


def diff_shared_stub(expr, name, memo=None):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": 7,
    "q2": 21,
    "q3": "b",
    "q4": 45,
    "q5": "c",
    "q6": Exp,
    "q7": Div,
    "q8": diff_shared,
}

WRONG = {
    "q1": [(6, "graph"), (4, "leaves only"), (3, "operations only")],
    "q2": [
        (15, "only a * b'"),
        (6, "only a' * b"),
        (3, "not the product of the"),
        (30, "f(2, 3) itself"),
        (16, "with respect to y"),
    ],
    "q3": [
        ("a", "all constants"),
        ("c", "a + 0 -> a"),
        ("d", "only that term"),
        (2, "as a string"),
    ],
    "q4": [
        (9, "with a memo"),
        (21, "two rounds"),
        (93, "four rounds"),
        (27, "do not triple"),
    ],
    "q5": [
        ("a", "simplifier barely helps"),
        ("b", "2047 visits"),
        ("d", "exactly the chapter's rules"),
    ],
    "q6": [
        (ExpNoChain, "chain-rule factor a' is missing"),
        (ExpInnerOnly, "multiply it by e^a"),
        (ExpNumber, "must return a tree"),
        (lambda a: a, "expected the class Exp"),
        (Node, "no diff method"),
    ],
    "q7": [
        (DivSignFlipped, "sign is flipped"),
        (DivOverB, "not by b"),
        (DivPlus, "minus sign became a plus"),
        (DivQuotient, "quotient a' / b'"),
        (Exp, "raised TypeError"),
    ],
    "q8": [
        (diff_without_memo, "once per use"),
        (diff_memo_never_used, "once per use"),
        (diff_shared_wrong_div, "expected"),
        (Exp, "expected your function"),
        (3.0, "expected your function"),
    ],
}


@pytest.mark.parametrize("name", ["q6", "q7", "q8"])
def test_an_untouched_stub_is_not_answered(name):
    stub = {"q6": ExpStub, "q7": DivStub, "q8": diff_shared_stub}[name]
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered yet" in verdict.message


def test_the_memo_check_measures_node_counts():
    verdict = q.q8.verdict(diff_without_memo)
    assert "distinct nodes" in verdict.message


@pytest.mark.parametrize("answer", [None, "word", float("nan"), [], ...])
@pytest.mark.parametrize("name", sorted(RIGHT))
def test_odd_input_gets_a_cross_not_an_exception(name, answer):
    assert not getattr(q, name).verdict(answer)
