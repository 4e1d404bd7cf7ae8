"""Chapter 05 questions: each solution passes, plausible mistakes fail
with a specific reason.

q7-q10 take functions that extend the chapter's Dual; the checks find Dual,
sin, exp and log in the namespace the answer was written in, so this module
restates them at module level, as the practice notebook does.
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

from helpers.questions import ch05 as q

pytestmark = pytest.mark.ch05


# ---- the chapter's Dual, as the practice notebook restates it -------------


class Dual:
    """A dual number value + tangent * eps, with eps**2 = 0."""

    def __init__(self, value, tangent=0.0):
        self.value = value
        self.tangent = tangent

    def __repr__(self):
        return f"Dual({self.value!r}, {self.tangent!r})"


def lift(u):
    """A plain number c becomes the constant Dual(c, 0)."""
    return u if isinstance(u, Dual) else Dual(u, 0.0)


def add(u, v):
    u, v = lift(u), lift(v)
    return Dual(u.value + v.value, u.tangent + v.tangent)  # u' + v'


def sub(u, v):
    u, v = lift(u), lift(v)
    return Dual(u.value - v.value, u.tangent - v.tangent)  # u' - v'


def mul(u, v):
    u, v = lift(u), lift(v)
    return Dual(u.value * v.value,
                u.tangent * v.value + u.value * v.tangent)  # u'v + uv'


def div(u, v):
    u, v = lift(u), lift(v)
    return Dual(u.value / v.value,  # (u'v - uv') / v^2
                (u.tangent * v.value - u.value * v.tangent) / v.value**2)


def power(u, n):  # n is a plain number
    return Dual(u.value**n, n * u.value ** (n - 1) * u.tangent)


Dual.__add__ = Dual.__radd__ = add
Dual.__sub__ = sub
Dual.__rsub__ = lambda u, v: sub(v, u)
Dual.__neg__ = lambda u: sub(0.0, u)
Dual.__mul__ = Dual.__rmul__ = mul
Dual.__truediv__ = div
Dual.__rtruediv__ = lambda u, v: div(v, u)
Dual.__pow__ = power
Dual.__lt__ = lambda u, v: u.value < lift(v).value
Dual.__le__ = lambda u, v: u.value <= lift(v).value
Dual.__gt__ = lambda u, v: u.value > lift(v).value
Dual.__ge__ = lambda u, v: u.value >= lift(v).value


def sin(u):
    if not isinstance(u, Dual):
        return np.sin(u)
    return Dual(sin(u.value), cos(u.value) * u.tangent)  # cos(u) u'


def cos(u):
    if not isinstance(u, Dual):
        return np.cos(u)
    return Dual(cos(u.value), -sin(u.value) * u.tangent)  # -sin(u) u'


def exp(u):
    if not isinstance(u, Dual):
        return np.exp(u)
    out = exp(u.value)
    return Dual(out, out * u.tangent)  # exp(u) u'


def log(u):
    if not isinstance(u, Dual):
        return np.log(u)
    return Dual(log(u.value), u.tangent / u.value)  # u' / u


# ---- answers, right and wrong ----------------------------------------------


def sqrt(u):
    if not isinstance(u, Dual):
        return np.sqrt(u)
    out = sqrt(u.value)
    return Dual(out, u.tangent / (2 * out))


def sqrt_no_chain(u):
    out = np.sqrt(u.value)
    return Dual(out, 1 / (2 * out))


def sqrt_no_half(u):
    out = np.sqrt(u.value)
    return Dual(out, u.tangent / out)


def sqrt_numpy_inside(u):
    if not isinstance(u, Dual):
        return np.sqrt(u)
    out = np.sqrt(u.value)  # fails for a dual of duals
    return Dual(out, u.tangent / (2 * out))


def sqrt_float(u):
    return math.sqrt(u.value)


def rpow(u, c):
    out = c**u.value
    return Dual(out, out * log(c) * u.tangent)


def rpow_power_rule(u, c):
    return Dual(c**u.value, u.value * c ** (u.value - 1) * u.tangent)


def rpow_no_log(u, c):
    out = c**u.value
    return Dual(out, out * u.tangent)


def rpow_math_pow(u, c):
    out = math.pow(c, u.value)
    return Dual(out, out * math.log(c) * u.tangent)


def huber(x):
    if x < -1:
        return -x - 0.5
    if x > 1:
        return x - 0.5
    return 0.5 * x * x


def huber_abs(x):
    return 0.5 * x * x if abs(x) <= 1 else abs(x) - 0.5


def huber_sign_slip(x):
    if x < -1:
        return x - 0.5
    if x > 1:
        return x - 0.5
    return 0.5 * x * x


def huber_no_dual(x):
    value = getattr(x, "value", x)
    if abs(value) <= 1:
        return 0.5 * value * value
    return abs(value) - 0.5


def mixed_partial(f, x, y):
    x_dual = Dual(Dual(float(x), 1.0), Dual(0.0, 0.0))
    y_dual = Dual(Dual(float(y), 0.0), Dual(1.0, 0.0))
    return f(x_dual, y_dual).tangent.tangent


def second_in_x(f, x, y):
    x_dual = Dual(Dual(float(x), 1.0), Dual(1.0, 0.0))
    y_dual = Dual(Dual(float(y), 0.0), Dual(0.0, 0.0))
    return f(x_dual, y_dual).tangent.tangent


def by_differences(f, x, y, h=1e-5):
    def fx(y_):
        return f(Dual(x, 1.0), Dual(y_, 0.0)).tangent

    return (fx(y + h) - fx(y - h)) / (2 * h)


def mixed_partial_returns_dual(f, x, y):
    x_dual = Dual(Dual(float(x), 1.0), Dual(0.0, 0.0))
    y_dual = Dual(Dual(float(y), 0.0), Dual(1.0, 0.0))
    return f(x_dual, y_dual).tangent


def not_answered(*args):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": np.array([8, 14]),
    "q2": [0, 1],
    "q3": np.array([7.0, 3.0]),
    "q4": 7,
    "q5": "b",
    "q6": 2,
    "q7": sqrt,
    "q8": rpow,
    "q9": huber,
    "q10": mixed_partial,
}

WRONG = {
    "q1": [
        ([8, 3], "not the product of the ε parts"),
        ([8, 17], "ε² = 0"),
        ([6, 4], "the sum"),
        ([14, 8], "value first"),
        (22, "shape"),
        ([], "empty"),
        ("8 + 14ε", "str"),
    ],
    "q2": [
        ([1, 0], "gives ∂f/∂x"),
        ([1, 1], "directional derivative"),
        ([0, 0], "comes out 0"),
        ([3, 4], "values of x and y"),
        (None, "None"),
    ],
    "q3": [
        ([5, 4], "Jᵀ v"),
        ([3, 1], "first column"),
        ([6, 5], "values f(2, 3)"),
        ([8, 3], "3·1 + 2·2 = 7"),
    ],
    "q4": [
        (3, "number of outputs"),
        (1, "one column of J"),
        (21, "whole column"),
        (14, "central differences"),
    ],
    "q5": [
        ("a", "not a small float"),
        ("c", "not about tangents"),
        ("d", "no step"),
        ("e", "one of"),
    ],
    "q6": [
        (3, "other branch"),
        (2.5, "average of the two slopes"),
        (1, "value g(1)"),
        (0, "not lost"),
    ],
    "q7": [
        (sqrt_no_chain, "Multiply by u.tangent"),
        (sqrt_no_half, "factor 1/2 is missing"),
        (sqrt_numpy_inside, "nested ones do not"),
        (sqrt_float, "a Dual in must give a Dual out"),
        (np.sqrt, "expected a function written with def"),
        (Dual, "expected your function itself"),
    ],
    "q8": [
        (rpow_power_rule, "That is the power rule"),
        (rpow_no_log, "ln(c) is missing"),
        (rpow_math_pow, "nested ones do not"),
        (lambda u, c: None, "returned NoneType"),
    ],
    "q9": [
        (huber_abs, "abs() does not know Dual"),
        (huber_sign_slip, "huber(-2) with a plain float"),
        (huber_no_dual, "a Dual in must give a Dual out"),
        (lambda x: 0.5 * x * x, "huber(-2) with a plain float"),
    ],
    "q10": [
        (second_in_x, "That is d2f/dx2"),
        (by_differences, "never passed a dual of duals"),
        (mixed_partial_returns_dual, "expected a number"),
        (lambda f, x, y: 6.0, "never passed a dual of duals"),
    ],
}


@pytest.mark.parametrize("name", ["q7", "q8", "q9", "q10"])
def test_an_untouched_stub_is_not_answered(name):
    verdict = getattr(q, name).verdict(not_answered)
    assert not verdict and "not answered yet" in verdict.message


def test_messages_quote_the_point_and_both_values():
    message = q.q7.verdict(sqrt_no_chain).message
    assert "sqrt(Dual(0.3, 1.5))" in message
    assert "has tangent 0.912871; expected 1.36931" in message


@pytest.mark.parametrize("answer", [None, "word", float("nan"), [], ...])
@pytest.mark.parametrize("name", sorted(RIGHT))
def test_odd_input_gets_a_cross_not_an_exception(name, answer):
    assert not getattr(q, name).verdict(answer)
