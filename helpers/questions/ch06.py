"""Practice questions for chapter 06, reverse mode from scratch.

q7-q10 check operations the learner adds to the chapter's engine. The
checks make their leaves with the learner's own ``Value`` class, found in
the namespace the learner's function was written in (a notebook's
globals), run forward and backward passes through the learner's operation
on expressions the learner has not seen, and compare every ``grad`` with
the complex-step derivative (chapter 02) of the same expression in NumPy.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from helpers.quiz import NotAnswered, Question, array, choice, number
from helpers.quiz import apart as _apart


def _fmt(value: float, digits: int = 6) -> str:
    return f"{value:.{digits}g}"


def _close(got: float, want: float) -> bool:
    return bool(np.isclose(got, want, rtol=1e-9, atol=1e-12))


def _complex_step(
    program: Callable[..., Any], point: Sequence[float]
) -> list[float]:
    """The gradient of program at point, exact to rounding (chapter 02)."""
    grad = []
    for i in range(len(point)):
        z = np.array(point, dtype=complex)
        z[i] += 1e-30j
        grad.append(float(np.imag(program(*z)) / 1e-30))
    return grad


@dataclass
class Probe:
    """An expression to push through the learner's operation.

    build(op, names, *leaves) makes the output Value; program(*xs) is the
    same expression on NumPy numbers (complex-safe), the reference.
    mistakes are gradients a learner may get instead, as (input index,
    function of the point, reason); names name the inputs in messages.
    """

    text: str
    build: Callable[..., Any]
    program: Callable[..., Any]
    points: Sequence[tuple[float, ...]]
    note: str = ""
    mistakes: Sequence[tuple[int, Callable[..., float], str]] = field(
        default_factory=tuple
    )
    names: str = "xyz"


def _where(point: Sequence[float], names: str) -> str:
    if len(point) == 1:
        return f"{names[0]} = {_fmt(point[0])}"
    shown = ", ".join(_fmt(v) for v in point)
    return f"({', '.join(names[: len(point)])}) = ({shown})"


def _engine_checker(
    answer: Any, what: str, probes: Sequence[Probe]
) -> tuple[bool, str]:
    if not callable(answer) or isinstance(answer, type):
        return False, (
            f"expected your function {what} itself; got "
            f"{type(answer).__name__}."
        )
    code = getattr(answer, "__func__", answer)
    names = getattr(code, "__globals__", None)
    if not isinstance(names, dict) or not isinstance(names.get("Value"), type):
        return False, (
            "Value is not defined where your function is: run the cells "
            "above that restate the chapter's engine."
        )
    value_class = names["Value"]
    for probe in probes:
        for point in probe.points:
            want_data = float(np.real(probe.program(*point)))  # first
            want_grad = _complex_step(probe.program, point)
            reason = _run_probe(
                answer, names, value_class, probe, point, want_data, want_grad
            )
            if reason:
                return False, reason
    return True, ""


def _run_probe(
    answer: Any,
    names: dict[str, Any],
    value_class: Any,
    probe: Probe,
    point: tuple[float, ...],
    want_data: float,
    want_grad: list[float],
) -> str:
    """"" when the learner's operation gets this probe right, else why."""
    where = f"for {probe.text} at {_where(point, probe.names)}"
    try:
        leaves = [value_class(v) for v in point]
        out = probe.build(answer, names, *leaves)
    except NotImplementedError:
        raise NotAnswered from None
    except _NotOneNode as error:
        return f"{where}: {error}."
    except Exception as error:
        failed = f"{type(error).__name__}: {error}"
        return f"{where} the forward pass raised {failed}"
    if not isinstance(out, value_class):
        return (
            f"{where} the result is {type(out).__name__}; an operation must "
            "return a Value."
        )
    if not _close(float(out.data), want_data):
        shown, right = _apart(float(out.data), want_data)
        return f"{where} the forward pass gave {shown}; expected {right}."
    try:
        out.backward()
    except NotImplementedError:
        raise NotAnswered from None
    except Exception as error:
        return f"{where} backward() raised {type(error).__name__}: {error}"
    for i, (leaf, want) in enumerate(zip(leaves, want_grad)):
        got = float(leaf.grad)
        if _close(got, want):
            continue
        shown, right = _apart(got, want)
        name = probe.names[i]
        why = next(
            (
                reason
                for index, bad, reason in probe.mistakes
                if index == i and _close(got, bad(*point))
            ),
            "",
        )
        if not why and want != 0 and _close(got, -want):
            why = "The sign of the local derivative is wrong."
        if not why and got == 0 and want != 0:
            why = (
                "Nothing reached the input: does out list it in _prev, and "
                "is out._backward set to your closure?"
            )
        why = why or probe.note
        return (
            f"{where} your backward gave {name}.grad = {shown}; expected "
            f"{right}." + (f" {why}" if why else "")
        )
    return ""


_ACCUMULATE = (
    "x is used twice here: accumulate with +=, or one use overwrites the "
    "other."
)
_UPSTREAM = "Multiply the local derivative by out.grad (here it is not 1)."


def _sigmoid(v: Any) -> Any:
    return 1 / (1 + np.exp(-v))


LOG_PROBES = (
    Probe(
        "log(x)",
        lambda op, n, x: op(x),
        np.log,
        [(0.35,), (1.7,), (4.2,)],
        mistakes=(
            (0, lambda x: 1 / x**2, "d(log x)/dx = 1/x, not 1/x^2."),
            (0, lambda x: math.log(x), "That is the value log(x), not its "
             "derivative 1/x."),
            (0, lambda x: x, "d(log x)/dx = 1/x, not x."),
        ),
    ),
    Probe(
        "log(x) * 3",
        lambda op, n, x: op(x) * 3.0,
        lambda x: np.log(x) * 3,
        [(0.6,), (2.5,)],
        note=_UPSTREAM,
    ),
    Probe(
        "log(x) * x",
        lambda op, n, x: op(x) * x,
        lambda x: np.log(x) * x,
        [(0.8,), (3.1,)],
        note=_ACCUMULATE,
    ),
    Probe(
        "log(x * y + 1) * x - y / x",
        lambda op, n, x, y: op(x * y + 1) * x - y / x,
        lambda x, y: np.log(x * y + 1) * x - y / x,
        [(0.8, 1.3), (2.1, 0.4)],
    ),
)

SIGMOID_PROBES = (
    Probe(
        "sigmoid(x)",
        lambda op, n, x: op(x),
        _sigmoid,
        [(-1.3,), (0.4,), (2.2,)],
        mistakes=(
            (0, _sigmoid, "That is the value sigma(x); the derivative is "
             "sigma(x) (1 - sigma(x))."),
            (0, lambda x: _sigmoid(x) * (1 + _sigmoid(x)), "sigma' = sigma "
             "(1 - sigma): a minus, not a plus."),
            (0, lambda x: 1 - _sigmoid(x), "Half of it: sigma' = sigma (1 - "
             "sigma)."),
        ),
    ),
    Probe(
        "sigmoid(x) * 2",
        lambda op, n, x: op(x) * 2.0,
        lambda x: _sigmoid(x) * 2,
        [(0.7,), (-2.0,)],
        note=_UPSTREAM,
    ),
    Probe(
        "sigmoid(x) * x",
        lambda op, n, x: op(x) * x,
        lambda x: _sigmoid(x) * x,
        [(0.5,), (-1.1,)],
        note=_ACCUMULATE,
    ),
    Probe(
        "sigmoid(x * y - 1) + y * sigmoid(x)",
        lambda op, n, x, y: op(x * y - 1) + y * op(x),
        lambda x, y: _sigmoid(x * y - 1) + y * _sigmoid(x),
        [(0.9, -1.4), (1.6, 0.7)],
    ),
)


class _NotOneNode(Exception):
    """The learner's division made more than one node."""


def _one_node(
    op: Callable[..., Any], names: dict[str, Any], a: Any, b: Any
) -> Any:
    """a / b by the learner's op, which must make one node of a and b."""
    out = op(a, b)
    prev = tuple(getattr(out, "_prev", ()))
    if len(prev) != 2 or prev[0] is not a or prev[1] is not b:
        raise _NotOneNode(
            "a / b must be one node whose _prev is (a, b), with its own "
            "_backward; yours made a graph of several nodes"
        )
    return out


DIV_PROBES = (
    Probe(
        "a / b",
        _one_node,
        lambda a, b: a / b,
        [(1.5, 0.5), (-2.0, 4.0), (0.3, -1.2)],
        names="ab",
        mistakes=(
            (0, lambda a, b: -1 / b, "d(a/b)/da = 1/b: no minus sign."),
            (0, lambda a, b: -a / b**2, "That is d(a/b)/db; d(a/b)/da = 1/b."),
            (0, lambda a, b: 1 / b**2, "d(a/b)/da = 1/b, not 1/b^2."),
            (1, lambda a, b: a / b**2, "d(a/b)/db = -a/b^2: the share of b "
             "has a minus sign."),
            (1, lambda a, b: -1 / b**2, "d(a/b)/db = -a/b^2: the factor a "
             "is missing."),
        ),
    ),
    Probe(
        "x / x",
        lambda op, n, x: op(x, x),
        lambda x: x / x,
        [(1.7,), (-0.6,)],
        note=_ACCUMULATE,
    ),
    Probe(
        "(a / b) * 3",
        lambda op, n, a, b: op(a, b) * 3.0,
        lambda a, b: a / b * 3,
        [(2.0, 0.8)],
        names="ab",
        note=_UPSTREAM,
    ),
    Probe(
        "(x * y + 1) / (x + 2) + x / 4",
        lambda op, n, x, y: op(x * y + 1, x + 2) + op(x, 4.0),
        lambda x, y: (x * y + 1) / (x + 2) + x / 4,
        [(0.6, -1.5), (1.9, 2.2)],
        note="Wrap a plain-number divisor with as_value, as mul does.",
    ),
)

POWER_PROBES = (
    Probe(
        "a ** b",
        lambda op, n, a, b: op(a, b),
        lambda a, b: a**b,
        [(0.7, 1.5), (2.3, -0.8)],
        names="ab",
        mistakes=(
            (0, lambda a, b: a**b * math.log(a), "That is d(a^b)/db; for the "
             "base, d(a^b)/da = b a^(b - 1)."),
            (0, lambda a, b: a ** (b - 1), "The factor b is missing: "
             "d(a^b)/da = b a^(b - 1)."),
            (1, lambda a, b: a**b, "The factor ln(a) is missing: "
             "d(a^b)/db = a^b ln(a)."),
            (1, lambda a, b: b * a ** (b - 1), "That is d(a^b)/da; the "
             "exponent's share is a^b ln(a)."),
            (1, lambda a, b: 0.0, "The exponent is an input too: add its "
             "share a^b ln(a) to other.grad."),
        ),
    ),
    Probe(
        "x ** 3",
        lambda op, n, x: op(x, 3),
        lambda x: x**3,
        [(-1.5,), (-0.4,)],
        note="A number exponent must still work for a negative base.",
    ),
    Probe(
        "2.0 ** x",
        lambda op, n, x: op(n["as_value"](2.0), x),
        lambda x: 2.0**x,
        [(0.3,), (-1.1,)],
        mistakes=(
            (0, lambda x: x * 2.0 ** (x - 1), "That is the power rule for the "
             "base; the exponent's share is a^b ln(a)."),
            (0, lambda x: 2.0**x, "The factor ln(a) is missing: "
             "d(a^b)/db = a^b ln(a)."),
            (0, lambda x: 0.0, "The exponent is an input too: add its "
             "share a^b ln(a) to other.grad."),
        ),
    ),
    Probe(
        "x ** x",
        lambda op, n, x: op(x, x),
        lambda x: x**x,
        [(1.3,), (0.6,)],
        note=_ACCUMULATE,
    ),
    Probe(
        "(x * y) ** y + x",
        lambda op, n, x, y: op(x * y, y) + x,
        lambda x, y: (x * y) ** y + x,
        [(1.2, 0.7), (0.5, 2.5)],
    ),
)


def _power_checker(answer: Any) -> tuple[bool, str]:
    ok, reason = _engine_checker(answer, "power", POWER_PROBES)
    if not ok and "math domain error" in reason:
        reason += (
            ". With a negative base, log(base) does not exist: add the "
            "exponent's share only where the base is positive (a number "
            "exponent needs no gradient)."
        )
    return ok, reason


q1 = Question(
    "q1",
    array(
        [-2.0, -2.0, 5.0],
        mistakes=[
            (
                [1.0, 1.0, 5.0],
                "The + node passes on its own adjoint v_bar = z = -2, "
                "times the local derivative 1; not 1 alone.",
            ),
            (
                [5.0, 5.0, -2.0],
                "x_bar and z_bar look swapped: df/dx = z and df/dz = x + y.",
            ),
            (
                [-2.0, -2.0, -10.0],
                "z_bar = df/dz = x + y = 5; -10 is the value of f.",
            ),
            (
                [2.0, 2.0, 5.0],
                "x_bar = v_bar * 1 with v_bar = z = -2: mind the sign.",
            ),
        ],
    ),
    hint="Name v = x + y, so f = v * z. Start with f_bar = 1, then "
    "v_bar = f_bar * z and z_bar = f_bar * v, then x_bar = y_bar = v_bar * 1.",
    solution="Forward: v = x + y = 5, f = v * z = -10.\n"
    "Backward: f_bar = 1, z_bar = f_bar * v = 5, v_bar = f_bar * z = -2,\n"
    "x_bar = v_bar * 1 = -2, y_bar = v_bar * 1 = -2.\n"
    "answer = np.array([-2.0, -2.0, 5.0])",
)

q2 = Question(
    "q2",
    choice(
        "a",
        ["a", "b", "c", "d"],
        feedback={
            "b": "a runs before b, but b uses a: b has not yet added its "
            "share to a's adjoint, so a passes on an incomplete number.",
            "c": "that is a topological order, inputs first: the order of "
            "the forward pass. The backward pass needs it reversed.",
            "d": "b runs first, while its adjoint is still 0: f, which uses "
            "b, has not passed anything to it yet.",
        },
    ),
    hint="A node may pass on its adjoint only after every node that uses it "
    "has run. Which nodes use a? Which use b?",
    solution="(a) f, b, a, y, x: f uses a and b, b uses a and y, a uses x "
    "and y. Each node comes before all of its inputs (reverse topological "
    "order).",
)

q3 = Question(
    "q3",
    number(
        -8.0,
        mistakes={
            -4.0: "that is one of the two contributions. x is both inputs "
            "of the product; with += both x.data * out.grad terms add up.",
            16.0: "that is the value x * x, not its gradient.",
            8.0: "d(x^2)/dx = 2x is negative at x = -4.",
        },
    ),
    hint="The product's _backward adds other.data * out.grad to self.grad "
    "and self.data * out.grad to other.grad; here self and other are the "
    "same node.",
    solution="Both lines add x.data * 1 = -4 to x.grad: -4 + -4 = -8 "
    "(= 2x at x = -4).",
)

q4 = Question(
    "q4",
    array(
        [12.0, 6.0],
        mistakes=[
            (
                [6.0, 3.0],
                "That is one backward pass. Leaves accumulate, so the "
                "second call adds the same gradient again.",
            ),
            (
                [10.0, 6.0],
                "x is used twice, by * and by +: df/dx = y + 1 = 6 per call.",
            ),
            (
                [5.0, 3.0],
                "df/dx = y + 1 (x is used twice), and two calls add twice.",
            ),
            (
                [17.0, 9.0],
                "That is what happens if inner nodes also keep their grad "
                "between calls; the chapter's backward() resets inner "
                "nodes, only the leaves accumulate.",
            ),
        ],
    ),
    hint="One call gives df/dx = y + 1 and df/dy = x. What does a second "
    "call do to a leaf's grad?",
    solution="One pass: x.grad = y + 1 = 6, y.grad = x = 3. The second pass "
    "adds the same with +=: answer = np.array([12.0, 6.0]). Call "
    "zero_grad(x, y) in between to get 6 and 3.",
)

q5 = Question(
    "q5",
    number(
        3.0,
        mistakes={
            1000.0: "that is forward mode's count: one pass per input "
            "gives one column each.",
            1.0: "one backward pass gives the gradient of one output, one "
            "row of the Jacobian; there are 3 rows.",
            3000.0: "each backward pass gives a whole row: all 1000 "
            "partial derivatives of one output.",
        },
    ),
    hint="The Jacobian has one row per output. What does one backward pass, "
    "seeded at one output, give you?",
    solution="3: one backward pass per output (with zero_grad in between), "
    "each giving one row of the 3 x 1000 Jacobian.",
)

q6 = Question(
    "q6",
    number(
        16.0,
        mistakes={
            4.0: "that counts one operation per product node; each "
            "product's _backward does four.",
            8.0: "each product's _backward multiplies AND accumulates for "
            "each of its two inputs: four operations, not two.",
            20.0: "that adds the 4 operations of the forward pass; the "
            "question asks for the backward pass only.",
            12.0: "four per product: two local products and two "
            "accumulations (+=).",
        },
    ),
    hint="Read mul's _backward: for each of its two inputs it multiplies "
    "(other.data * out.grad) and accumulates (+=). How many products does "
    "x1 * x2 * x3 * x4 * x5 have?",
    solution="4 products, each _backward doing 2 multiplications and 2 "
    "additions: 4 x 4 = 16 operations, four times the 4 of the forward "
    "pass.",
)

q7 = Question(
    "q7",
    lambda answer: _engine_checker(answer, "log", LOG_PROBES),
    hint="Same shape as the chapter's exp: compute out from the input's "
    "data and remember the input; the closure adds (local derivative) x "
    "out.grad to self.grad, and d(log x)/dx = 1/x.",
    solution="def log(self):\n"
    "    out = Value(math.log(self.data), (self,), \"log\")\n\n"
    "    def _backward():  # d(log x)/dx = 1/x\n"
    "        self.grad += out.grad / self.data\n\n"
    "    out._backward = _backward\n"
    "    return out",
)

q8 = Question(
    "q8",
    lambda answer: _engine_checker(answer, "sigmoid", SIGMOID_PROBES),
    hint="sigma(x) = 1 / (1 + e^-x) and sigma'(x) = sigma(x) (1 - sigma(x)): "
    "like tanh in the chapter, the closure can reuse out.data.",
    solution="def sigmoid(self):\n"
    "    out = Value(1 / (1 + math.exp(-self.data)), (self,), \"sigmoid\")\n\n"
    "    def _backward():  # sigma' = sigma (1 - sigma)\n"
    "        self.grad += out.data * (1 - out.data) * out.grad\n\n"
    "    out._backward = _backward\n"
    "    return out",
)

q9 = Question(
    "q9",
    lambda answer: _engine_checker(answer, "div", DIV_PROBES),
    hint="One node with two inputs, like mul: d(a/b)/da = 1/b and "
    "d(a/b)/db = -a/b^2, each times out.grad, each added with +=. Wrap a "
    "plain-number divisor with as_value first.",
    solution="def div(self, other):\n"
    "    other = as_value(other)\n"
    "    out = Value(self.data / other.data, (self, other), \"/\")\n\n"
    "    def _backward():  # d(a/b)/da = 1/b, d(a/b)/db = -a/b^2\n"
    "        self.grad += out.grad / other.data\n"
    "        other.grad -= out.grad * self.data / other.data**2\n\n"
    "    out._backward = _backward\n"
    "    return out",
)

q10 = Question(
    "q10",
    _power_checker,
    hint="Two inputs, two shares: the base gets b a^(b - 1) out.grad, the "
    "exponent a^b ln(a) out.grad. log(a) exists only for a > 0: skip the "
    "exponent's share otherwise (a number exponent does not need it).",
    solution="def power(self, other):\n"
    "    other = as_value(other)\n"
    "    out = Value(self.data**other.data, (self, other), \"**\")\n\n"
    "    def _backward():\n"
    "        a, b = self.data, other.data\n"
    "        self.grad += b * a ** (b - 1) * out.grad  # d(a^b)/da\n"
    "        if a > 0:  # d(a^b)/db = a^b ln a exists for a > 0 only\n"
    "            other.grad += out.data * math.log(a) * out.grad\n\n"
    "    out._backward = _backward\n"
    "    return out",
)
