"""Practice questions for chapter 08, PyTorch autograd."""

from __future__ import annotations

import numpy as np

from helpers.quiz import Question, array, choice, function, number

q1 = Question(
    "q1",
    number(
        24.0,
        mistakes={
            12.0: "that is one call's gradient, 3x^2 = 12; the second "
            "backward() adds another 12 to x.grad.",
            8.0: "8 is y = x**3 itself, not a gradient.",
            144.0: "gradients from two backward() calls add up in .grad; "
            "they are not multiplied.",
        },
    ),
    hint="Each backward() adds dy/dx = 3x^2 into x.grad; nothing clears it "
    "between the two calls.",
    solution="dy/dx = 3x^2 = 12 at x = 2; two calls add up: "
    "x.grad = 12 + 12 = 24.",
)

q2 = Question(
    "q2",
    choice(
        "c",
        ["a", "b", "c", "d"],
        feedback={
            "a": "a was created by you, not by an operation: it is a leaf "
            "(the one whose .grad gets filled).",
            "b": "b does not require gradients; such a tensor is always a "
            "leaf.",
            "d": "detach() returns a new tensor with no history, so d is a "
            "leaf.",
        },
    ),
    hint="A leaf is a tensor no recorded operation produced. Which one has "
    "a grad_fn?",
    solution="(c): c = a * b was made by a recorded multiplication "
    "(grad_fn MulBackward0), so c.is_leaf is False. a, b and d are leaves.",
)

q3 = Question(
    "q3",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "MulBackward0 is one step further down, in "
            "y.grad_fn.next_functions; y's own node is named after the last "
            "operation, + 1.",
            "c": "AccumulateGrad belongs to the leaf x, at the bottom of the "
            "graph.",
            "d": "there is no power in x * 2 + 1.",
        },
    ),
    hint="grad_fn names the operation that produced y: which one ran last?",
    solution="(b) AddBackward0: y = (x * 2) + 1, so the last operation is an "
    "addition. Below it sit MulBackward0 and the leaf's AccumulateGrad.",
)

q4 = Question(
    "q4",
    array(
        [6.0, 7.0],
        mistakes=[
            (
                [4.0, 13.0],
                "that is the gradient of sum(y), the column sums of J; "
                "weight row i of J by v_i first.",
            ),
            (
                [[2.0, 1.0], [2.0, 0.0], [0.0, 12.0]],
                "that is the Jacobian J itself; backward(gradient=v) returns "
                "v^T J, one number per input.",
            ),
            (
                [2.0, 4.0, 6.0],
                "v^T J has one entry per input x_j, so shape (2,).",
            ),
        ],
    ),
    hint="J has rows dy_i/dx = (x2, x1), (2 x1, 0), (0, 3 x2^2); at (1, 2) "
    "that is (2, 1), (2, 0), (0, 12). Then compute v^T J = sum_i v_i J[i].",
    solution="J = [[2, 1], [2, 0], [0, 12]]; v^T J = 1*(2, 1) + 2*(2, 0) + "
    "0.5*(0, 12) = (6, 7).",
)


def _sgd_reference(w0: float, lr: float) -> float:
    return w0 - lr * 2 * (w0 - 3)


q5 = Question(
    "q5",
    function(
        _sgd_reference,
        [(5.0, 0.1), (0.0, 0.25), (3.0, 0.5), (-1.5, 0.01)],
        names=("w0", "lr"),
        rtol=1e-5,
        atol=1e-6,
        what="your sgd_step",
    ),
    hint="Make w a leaf with requires_grad=True, call loss.backward(), then "
    "update inside `with torch.no_grad():` and return w.item().",
    solution="def sgd_step(w0, lr):\n"
    "    w = torch.tensor(w0, requires_grad=True)\n"
    "    loss = (w - 3) ** 2\n"
    "    loss.backward()\n"
    "    with torch.no_grad():\n"
    "        w -= lr * w.grad\n"
    "    return w.item()",
)


def _grad_reference(x0: float) -> float:
    return float(np.cos(x0) * x0**2 + 2 * x0 * np.sin(x0))


q6 = Question(
    "q6",
    function(
        _grad_reference,
        [-1.5, 0.0, 0.5, 1.0, 2.5],
        names=("x0",),
        rtol=1e-5,
        atol=1e-6,
        what="your grad_at",
    ),
    hint="tf.Variable(x0) becomes torch.tensor(x0, requires_grad=True), "
    "tf.sin becomes torch.sin, and tape.gradient(y, x) becomes "
    "y.backward() followed by x.grad.",
    solution="def grad_at(x0):\n"
    "    x = torch.tensor(x0, requires_grad=True)\n"
    "    y = torch.sin(x) * x**2\n"
    "    y.backward()\n"
    "    return x.grad.item()  # cos(x) x^2 + 2x sin(x)",
)

q7 = Question(
    "q7",
    number(
        12.0,
        mistakes={
            36.0: "that is x.grad = dz/dx = 2y * 3; y.grad holds dz/dy.",
            6.0: "6 is y = 3x itself, not a gradient.",
            3.0: "3 is dy/dx; y.grad holds dz/dy, the gradient of z with "
            "respect to y.",
        },
    ),
    hint="retain_grad() keeps dz/dy in y.grad. With z = y^2, dz/dy = 2y, "
    "and y = 3x = 6.",
    solution="y = 6, so y.grad = dz/dy = 2y = 12 (and x.grad = 12 * 3 = 36).",
)

q8 = Question(
    "q8",
    number(
        32.0,
        mistakes={
            48.0: "that is d(x^3)/dx = 3x^2; the detached factor counts as "
            "the constant 4.",
            64.0: "64 is z itself, not its gradient.",
            16.0: "16 is x**2; differentiate x**2 (to 2x) and multiply by "
            "the constant 4.",
            8.0: "8 is d(x^2)/dx alone; multiply by the detached factor, 4.",
        },
    ),
    hint="x.detach() is a constant equal to 4 for autograd, so "
    "z = 4 x^2 as far as the gradient is concerned.",
    solution="z = x**2 * c with c = x.detach() = 4 held constant: "
    "dz/dx = 2x * c = 2 * 4 * 4 = 32 (not 3x^2 = 48).",
)

q9 = Question(
    "q9",
    choice(
        "c",
        ["a", "b", "c"],
        feedback={
            "a": "that is what happens when the first call is "
            "y.backward(retain_graph=True): the second gradient is added.",
            "b": "a second backward() never does nothing; here the first "
            "call already freed the values the graph saved.",
        },
    ),
    hint="What does backward() free to save memory, unless you ask it not to?",
    solution="(c): the first backward() frees the graph's saved values, so "
    "the second raises RuntimeError: Trying to backward through the graph "
    "a second time. Use y.backward(retain_graph=True) for the first call "
    "(and expect x.grad to become 12).",
)
