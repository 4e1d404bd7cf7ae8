"""Practice questions for chapter 06, reverse mode from scratch."""

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers.quiz import (
    NotAnswered,
    Question,
    array,
    choice,
    function,
    number,
)


def _function_with_mistakes(
    reference: Callable[..., Any],
    points: Sequence[tuple[float, ...]],
    mistakes: Sequence[tuple[Callable[..., Any], str]],
    **options: Any,
) -> Callable[[Any], tuple[bool, str]]:
    """Like ``function``, plus a specific reason when the learner's function
    agrees with a known wrong one at every point."""
    base = function(reference, points, **options)

    def same(answer: Any, wrong: Callable[..., Any]) -> bool:
        try:
            got = [np.asarray(answer(*p), dtype=float) for p in points]
        except NotImplementedError:
            raise NotAnswered from None
        except Exception:
            return False
        want = [np.asarray(wrong(*p), dtype=float) for p in points]
        return all(
            g.shape == w.shape and np.allclose(g, w) for g, w in zip(got, want)
        )

    def checker(answer: Any) -> tuple[bool, str]:
        ok, reason = base(answer)
        if ok or not callable(answer):
            return ok, reason
        for wrong, why in mistakes:
            if same(answer, wrong):
                return False, f"{reason} {why}"
        return False, reason

    return checker


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


def _exp_backward(x_data: float, out_grad: float) -> float:
    return out_grad * math.exp(x_data)


q5 = Question(
    "q5",
    _function_with_mistakes(
        _exp_backward,
        [(0.5, 2.0), (-1.5, 0.5), (1.0, -3.0), (0.0, 1.0)],
        [
            (
                lambda x, g: math.exp(x),
                "Multiply by out_grad: the chain rule passes "
                "out_grad * (local derivative).",
            ),
            (
                lambda x, g: g,
                "The local derivative e^x is missing: that rule is the one "
                "for +.",
            ),
            (
                lambda x, g: -g * math.exp(x),
                "d(e^x)/dx = +e^x: no minus sign.",
            ),
            (
                lambda x, g: g * x * math.exp(x - 1),
                "That is the power rule applied to e^x; d(e^x)/dx = e^x.",
            ),
        ],
        names=("x_data", "out_grad"),
        what="your exp_backward",
    ),
    hint="d(e^x)/dx = e^x. The contribution to x.grad is out_grad times the "
    "local derivative.",
    solution="def exp_backward(x_data, out_grad):\n"
    "    return out_grad * np.exp(x_data)",
)


def _div_backward(a: float, b: float, out_grad: float) -> np.ndarray:
    return np.array([out_grad / b, -out_grad * a / b**2])


q6 = Question(
    "q6",
    _function_with_mistakes(
        _div_backward,
        [
            (3.0, 2.0, 1.5),
            (-1.0, 0.5, 2.0),
            (2.0, -4.0, -1.0),
            (0.0, 3.0, 1.0),
        ],
        [
            (
                lambda a, b, g: (g / b, g * a / b**2),
                "d(a/b)/db = -a/b^2: the share of b has a minus sign.",
            ),
            (
                lambda a, b, g: (g / b, -g / b**2),
                "d(a/b)/db = -a/b^2: the factor a is missing.",
            ),
            (
                lambda a, b, g: (1 / b, -a / b**2),
                "Multiply both local derivatives by out_grad.",
            ),
            (
                lambda a, b, g: (-g * a / b**2, g / b),
                "The two entries are swapped: return (a_grad, b_grad).",
            ),
        ],
        names=("a", "b", "out_grad"),
        what="your div_backward",
    ),
    hint="out = a / b: d(out)/da = 1/b and d(out)/db = -a/b^2. Multiply "
    "each by out_grad.",
    solution="def div_backward(a, b, out_grad):\n"
    "    a_grad = out_grad / b\n"
    "    b_grad = -out_grad * a / b**2\n"
    "    return a_grad, b_grad",
)

q7 = Question(
    "q7",
    number(
        1.0,
        mistakes={
            1000.0: "that is forward mode: one pass per input.",
            1001.0: "n + 1 function evaluations is the cost of forward "
            "differences (chapter 02).",
            2000.0: "2n evaluations is the cost of central differences "
            "(chapter 02).",
            2.0: "one forward pass plus one backward pass: the question "
            "asks for backward passes only.",
        },
    ),
    hint="A backward pass starts from f_bar = 1 and ends with the adjoint "
    "of every input.",
    solution="1: one backward pass fills in the grad of all 1000 inputs.",
)

q8 = Question(
    "q8",
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
