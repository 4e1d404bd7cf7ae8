"""Chapter 06 questions: each solution passes, plausible mistakes fail
with a specific reason.

q7-q10 take operations for the chapter's engine; the checks find Value and
as_value in the namespace the answer was written in, so this module
restates the engine at module level, as the practice notebook does.
"""

import math

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

from helpers.questions import ch06 as q

pytestmark = pytest.mark.ch06


# ---- the chapter's engine, as the practice notebook restates it -----------


class Value:
    """A scalar that remembers how it was computed."""

    def __init__(self, data, _prev=(), _op="", label=""):
        self.data = float(data)
        self.grad = 0.0  # df/d(this node), filled in by backward()
        self._prev = tuple(_prev)
        self._op = _op
        self.label = label
        self._backward = lambda: None  # a leaf passes nothing on

    def __repr__(self):
        return f"Value(data={self.data:g}, grad={self.grad:g})"


def as_value(other):
    """Return other as a Value; a plain number becomes a constant leaf."""
    return other if isinstance(other, Value) else Value(other, label="const")


def add(self, other):
    other = as_value(other)
    out = Value(self.data + other.data, (self, other), "+")

    def _backward():  # d(a + b)/da = d(a + b)/db = 1
        self.grad += out.grad
        other.grad += out.grad

    out._backward = _backward
    return out


def mul(self, other):
    other = as_value(other)
    out = Value(self.data * other.data, (self, other), "*")

    def _backward():  # d(ab)/da = b, d(ab)/db = a
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad

    out._backward = _backward
    return out


def power(self, k):  # k is a plain number
    out = Value(self.data**k, (self,), f"**{k:g}")

    def _backward():  # d(x^k)/dx = k x^(k - 1)
        self.grad += k * self.data ** (k - 1) * out.grad

    out._backward = _backward
    return out


Value.__add__ = Value.__radd__ = add
Value.__mul__ = Value.__rmul__ = mul
Value.__pow__ = power
Value.__neg__ = lambda self: self * -1
Value.__sub__ = lambda self, other: self + (-other)
Value.__rsub__ = lambda self, other: (-self) + other
Value.__truediv__ = lambda self, other: self * as_value(other) ** -1
Value.__rtruediv__ = lambda self, other: self**-1 * other


def topological_order(root):
    """All nodes that root depends on, each after all of its inputs."""
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for child in node._prev:
                visit(child)
            order.append(node)

    visit(root)
    return order


def backward(self):
    """Fill in node.grad = d self / d node for every node of the graph."""
    order = topological_order(self)
    for node in order:
        if node._prev:  # inner nodes: adjoints of this pass only
            node.grad = 0.0
    self.grad = 1.0  # df/df = 1
    for node in reversed(order):  # every node before its inputs
        node._backward()


Value.backward = backward


# ---- operations, right and wrong -------------------------------------------


def unary(forward, local, name):
    """An operation whose _backward adds local(x, out) * out.grad."""

    def op(self):
        out = Value(forward(self.data), (self,), name)

        def _backward():
            self.grad += local(self.data, out.data) * out.grad

        out._backward = _backward
        return out

    return op


log = unary(math.log, lambda x, out: 1 / x, "log")
log_wrong_sign = unary(math.log, lambda x, out: -1 / x, "log")
log_squared = unary(math.log, lambda x, out: 1 / x**2, "log")


def log_assigns(self):
    out = Value(math.log(self.data), (self,), "log")

    def _backward():
        self.grad = out.grad / self.data  # '=' loses the other use

    out._backward = _backward
    return out


def log_ignores_out_grad(self):
    out = Value(math.log(self.data), (self,), "log")

    def _backward():
        self.grad += 1 / self.data

    out._backward = _backward
    return out


def log_forgets_input(self):
    return Value(math.log(self.data))


def sigma(v):
    return 1 / (1 + math.exp(-v))


sigmoid = unary(sigma, lambda x, out: out * (1 - out), "sigmoid")
sigmoid_value = unary(sigma, lambda x, out: out, "sigmoid")
sigmoid_plus = unary(sigma, lambda x, out: out * (1 + out), "sigmoid")
sigmoid_wrong_forward = unary(math.tanh, lambda x, out: 1 - out**2, "s")


def div(self, other):
    other = as_value(other)
    out = Value(self.data / other.data, (self, other), "/")

    def _backward():
        self.grad += out.grad / other.data
        other.grad -= out.grad * self.data / other.data**2

    out._backward = _backward
    return out


def div_two_nodes(self, other):
    return self * as_value(other) ** -1


def div_swapped_sign(self, other):
    other = as_value(other)
    out = Value(self.data / other.data, (self, other), "/")

    def _backward():
        self.grad -= out.grad / other.data
        other.grad += out.grad * self.data / other.data**2

    out._backward = _backward
    return out


def div_assigns(self, other):
    other = as_value(other)
    out = Value(self.data / other.data, (self, other), "/")

    def _backward():
        self.grad = out.grad / other.data
        other.grad = -out.grad * self.data / other.data**2

    out._backward = _backward
    return out


def power_general(self, other):
    other = as_value(other)
    out = Value(self.data**other.data, (self, other), "**")

    def _backward():
        a, b = self.data, other.data
        self.grad += b * a ** (b - 1) * out.grad
        if a > 0:
            other.grad += out.data * math.log(a) * out.grad

    out._backward = _backward
    return out


def power_no_guard(self, other):
    other = as_value(other)
    out = Value(self.data**other.data, (self, other), "**")

    def _backward():
        a, b = self.data, other.data
        self.grad += b * a ** (b - 1) * out.grad
        other.grad += out.data * math.log(a) * out.grad

    out._backward = _backward
    return out


def power_no_log(self, other):
    other = as_value(other)
    out = Value(self.data**other.data, (self, other), "**")

    def _backward():
        a, b = self.data, other.data
        self.grad += b * a ** (b - 1) * out.grad
        other.grad += out.data * out.grad

    out._backward = _backward
    return out


def power_base_only(self, other):
    other = as_value(other)
    out = Value(self.data**other.data, (self, other), "**")

    def _backward():
        self.grad += other.data * self.data ** (other.data - 1) * out.grad

    out._backward = _backward
    return out


def not_answered(*args):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": np.array([-2.0, -2.0, 5.0]),
    "q2": "a",
    "q3": -8,
    "q4": [12, 6],
    "q5": 3,
    "q6": 16,
    "q7": log,
    "q8": sigmoid,
    "q9": div,
    "q10": power_general,
}

WRONG = {
    "q1": [
        ([1, 1, 5], "not 1 alone"),
        ([5, 5, -2], "swapped"),
        ([-2, -2, -10], "value of f"),
        ([2, 2, 5], "mind the sign"),
        ([-2, -2], "shape"),
        (None, "None"),
    ],
    "q2": [
        ("b", "incomplete"),
        ("c", "reversed"),
        ("d", "still 0"),
        ("e", "one of"),
    ],
    "q3": [(-4, "two contributions"), (16, "value"), (8, "negative")],
    "q4": [
        ([6, 3], "second call adds"),
        ([10, 6], "used twice"),
        ([5, 3], "two calls"),
        ([17, 9], "only the leaves accumulate"),
    ],
    "q5": [(1000, "forward mode"), (1, "one row"), (3000, "whole row")],
    "q6": [
        (4, "one operation per product"),
        (8, "multiplies AND accumulates"),
        (20, "backward pass only"),
        (12, "two accumulations"),
    ],
    "q7": [
        (log_wrong_sign, "sign of the local derivative is wrong"),
        (log_squared, "not 1/x^2"),
        (log_assigns, "accumulate with +="),
        (log_ignores_out_grad, "Multiply the local derivative by out.grad"),
        (log_forgets_input, "Nothing reached the input"),
        (Value, "expected your function log itself"),
    ],
    "q8": [
        (sigmoid_value, "That is the value sigma(x)"),
        (sigmoid_plus, "a minus, not a plus"),
        (sigmoid_wrong_forward, "the forward pass gave"),
        (lambda self: None, "must return a Value"),
    ],
    "q9": [
        (div_two_nodes, "must be one node"),
        (div_swapped_sign, "no minus sign"),
        (div_assigns, "accumulate with +="),
        (lambda self, other: self * other, "the forward pass gave"),
    ],
    "q10": [
        (power_no_guard, "exponent's share only where the base is positive"),
        (power_no_log, "ln(a) is missing"),
        (power_base_only, "exponent is an input too"),
        (lambda self, other: self * other, "the forward pass gave"),
    ],
}


@pytest.mark.parametrize("name", ["q7", "q8", "q9", "q10"])
def test_an_untouched_stub_is_not_answered(name):
    verdict = getattr(q, name).verdict(not_answered)
    assert not verdict and "not answered yet" in verdict.message


def test_messages_name_the_point_and_both_values():
    message = q.q7.verdict(log_wrong_sign).message
    assert "for log(x) at x = 0.35" in message
    assert "x.grad = -2.85714; expected 2.85714" in message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_odd_input_never_raises(name):
    for answer in (None, "word", float("nan"), [], {}, print):
        assert not getattr(q, name).verdict(answer)
