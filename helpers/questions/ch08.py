"""Practice questions for chapter 08, PyTorch autograd.

PyTorch is not imported when this module loads: the predict questions
import it when ``check`` runs their snippets, and the unseen functions of
the implementation exercises import it when they are called.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..quiz import Question, array, booleans, number
from ._tools import Case, Predict, implementation

TORCH = {"torch": "torch"}

# ---- predict first ---------------------------------------------------------

Q1_SNIPPET = (
    "x = torch.tensor(2.0, requires_grad=True)\n"
    "for _ in range(2):\n"
    "    y = x**3\n"
    "    y.backward()"
)

q1 = Predict(
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
    snippets=[("", Q1_SNIPPET)],
    show="x.grad",
    imports=TORCH,
    hint="Each backward() adds dy/dx = 3x^2 into x.grad; nothing clears it "
    "between the two calls.",
    solution="dy/dx = 3x^2 = 12 at x = 2; two calls add up: "
    "x.grad = 12 + 12 = 24.",
)

Q2_SNIPPET = (
    "a = torch.tensor(1.0, requires_grad=True)\n"
    "b = torch.tensor(2.0)\n"
    "c = a * b\n"
    "d = c.detach()\n"
    "e = a.to(torch.float64)"
)

q2 = Predict(
    "q2",
    booleans(
        [True, True, False, True, False],
        labels=["a", "b", "c", "d", "e"],
        reasons=[
            "a was created by you, not by an operation: it is a leaf (the "
            "one whose .grad gets filled).",
            "b does not require gradients; such a tensor is always a leaf.",
            "c = a * b was made by a recorded multiplication (grad_fn "
            "MulBackward0), so it is not a leaf.",
            "detach() returns a new tensor with no history, so d is a leaf.",
            "a.to(torch.float64) is a recorded operation (ToCopyBackward0) "
            "on a tensor that requires grad, so e is not a leaf.",
        ],
    ),
    snippets=[("", Q2_SNIPPET)],
    show="[t.is_leaf for t in (a, b, c, d, e)]",
    imports=TORCH,
    hint="A leaf is a tensor that no recorded operation produced. Which of "
    "them has a grad_fn?",
    solution="[True, True, False, True, False]: c (MulBackward0) and e "
    "(ToCopyBackward0) were made by recorded operations; a, b and d were "
    "not.",
)

Q3_SNIPPET = (
    "x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
    "y = torch.stack([x[0] * x[1], x[0] ** 2, x[1] ** 3])\n"
    "y.backward(gradient=torch.tensor([1.0, 2.0, 0.5]))"
)

q3 = Predict(
    "q3",
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
    snippets=[("", Q3_SNIPPET)],
    show="x.grad",
    imports=TORCH,
    hint="J has rows dy_i/dx = (x2, x1), (2 x1, 0), (0, 3 x2^2); at (1, 2) "
    "that is (2, 1), (2, 0), (0, 12). Then compute v^T J = sum_i v_i J[i].",
    solution="J = [[2, 1], [2, 0], [0, 12]]; v^T J = 1*(2, 1) + 2*(2, 0) + "
    "0.5*(0, 12) = (6, 7).",
)

Q4_SNIPPET = (
    "x = torch.tensor(2.0, requires_grad=True)\n"
    "y = 3 * x\n"
    "y.retain_grad()\n"
    "z = y**2\n"
    "z.backward()"
)

q4 = Predict(
    "q4",
    number(
        12.0,
        mistakes={
            36.0: "that is x.grad = dz/dx = 2y * 3; y.grad holds dz/dy.",
            6.0: "6 is y = 3x itself, not a gradient.",
            3.0: "3 is dy/dx; y.grad holds dz/dy, the gradient of z with "
            "respect to y.",
        },
    ),
    snippets=[("", Q4_SNIPPET)],
    show="y.grad",
    imports=TORCH,
    hint="retain_grad() keeps dz/dy in y.grad. With z = y^2, dz/dy = 2y, "
    "and y = 3x = 6.",
    solution="y = 6, so y.grad = dz/dy = 2y = 12 (and x.grad = 12 * 3 = 36).",
)

Q5_SNIPPET = (
    "x = torch.tensor(4.0, requires_grad=True)\n"
    "z = x**2 * x.detach()\n"
    "z.backward()"
)

q5 = Predict(
    "q5",
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
    snippets=[("", Q5_SNIPPET)],
    show="x.grad",
    imports=TORCH,
    hint="x.detach() is a constant equal to 4 for autograd, so "
    "z = 4 x^2 as far as the gradient is concerned.",
    solution="z = x**2 * c with c = x.detach() = 4 held constant: "
    "dz/dx = 2x * c = 2 * 4 * 4 = 32 (not 3x^2 = 48).",
)


def _twice(expression: str) -> str:
    return (
        "x = torch.tensor(3.0, requires_grad=True)\n"
        f"y = {expression}\n"
        "y.backward()\n"
        "y.backward()"
    )


Q6_SNIPPETS = [
    ("(a)", _twice("x + 1")),
    ("(b)", _twice("x.exp()")),
    ("(c)", _twice("-x")),
    ("(d)", _twice("x * x")),
]

q6 = Predict(
    "q6",
    booleans(
        [False, True, False, True],
        labels=[f"snippet {label}" for label, _ in Q6_SNIPPETS],
        reasons=[
            "the derivative of x + 1 is 1: the node saved no tensor, so "
            "nothing was freed and the second backward() adds 1 again.",
            "the derivative of e^x is e^x itself, so the node saved its "
            "result; the first backward() freed it and the second raises.",
            "the derivative of -x is -1: nothing was saved, so a second "
            "backward() works (x.grad becomes -2).",
            "the derivative of x * x needs x (both factors were saved); "
            "after the first backward() they are gone, so the second raises.",
        ],
    ),
    snippets=Q6_SNIPPETS,
    show="x.grad",
    imports=TORCH,
    hint="backward() frees the tensors a node saved for its derivative. "
    "Which of these derivatives need a value from the forward pass?",
    solution="[False, True, False, True]: exp saves its result and x * x "
    "saves x, so their second backward() raises; x + 1 and -x save "
    "nothing, and x.grad simply adds up (2 and -2).",
)

# ---- implementations: unseen functions --------------------------------------

_AUTOGRAD = (
    "Make the input a tensor with requires_grad=True (torch.tensor(x0, "
    "requires_grad=True)), run f on it, and let backward() fill its .grad."
)

# q7: repair a descent loop (in-place update of a leaf, and accumulation).


def _bowl(w: Any) -> Any:
    return (w[0] - 1.5) ** 2 + 0.3 * w[0] * w[1] + w[1] ** 4


def _d_bowl(w: np.ndarray) -> np.ndarray:
    return np.array(
        [2 * (w[0] - 1.5) + 0.3 * w[1], 0.3 * w[0] + 4 * w[1] ** 3]
    )


def _parabola(w: Any) -> Any:
    return (w - 3) ** 2


def _d_parabola(w: np.ndarray) -> np.ndarray:
    return 2 * (w - 3)


def _valley(w: Any) -> Any:
    return w[0] ** 2 * w[1] + 2 / (1 + w[1] ** 2)


def _d_valley(w: np.ndarray) -> np.ndarray:
    return np.array(
        [2 * w[0] * w[1], w[0] ** 2 - 4 * w[1] / (1 + w[1] ** 2) ** 2]
    )


_GRADIENTS: dict[Any, Any] = {
    _bowl: _d_bowl,
    _parabola: _d_parabola,
    _valley: _d_valley,
}


def _descend(f: Any, w0: Any, lr: float, steps: int, *, pile: bool) -> Any:
    """Gradient descent by hand; ``pile`` keeps adding into the gradient,
    as a loop without zero_() does."""
    w = np.asarray(w0, dtype=float)
    grad = np.zeros_like(w)
    for _ in range(steps):
        grad = (grad if pile else 0) + _GRADIENTS[f](w)
        w = w - lr * grad
    return w


def _descend_case(f: Any, label: str, w0: Any, lr: float, steps: int) -> Case:
    want = _descend(f, w0, lr, steps, pile=False)
    return Case(f, label, (w0, lr, steps), want)


Q7_CASES = [
    _descend_case(
        _bowl, "L(w) = (w0 - 1.5)^2 + 0.3 w0 w1 + w1^4", [0.5, -1.0], 0.1, 3
    ),
    _descend_case(_parabola, "L(w) = (w - 3)^2", 5.0, 0.25, 4),
    _descend_case(
        _valley, "L(w) = w0^2 w1 + 2 / (1 + w1^2)", [1.0, 2.0], 0.05, 2
    ),
]


def _piled_up(f: Any, w0: Any, lr: float, steps: int) -> Any:
    return _descend(f, w0, lr, steps, pile=True)


q7 = Question(
    "q7",
    implementation(
        Q7_CASES,
        names=("w0", "lr", "steps"),
        what="your descend",
        tensor_hint=_AUTOGRAD,
        raised_hints=[
            (
                "leaf Variable",
                "The update changes the leaf w in place while autograd "
                "records: do it where recording is switched off.",
            ),
            (
                "NoneType",
                "w.grad is None: `w = w - lr * w.grad` made w a new "
                "non-leaf tensor, whose .grad is never filled. Update the "
                "leaf in place instead, with recording switched off.",
            ),
        ],
        needs_grad=True,
        mistakes=[
            (
                _piled_up,
                "The gradients piled up in w.grad: clear it after each "
                "update (w.grad.zero_() or w.grad = None).",
            )
        ],
    ),
    hint="Two bugs. An in-place update of a leaf must not be recorded: "
    "which context manager switches recording off? And backward() adds "
    "into .grad: what must happen to it after each update?",
    solution="def descend(loss_fn, w0, lr, steps):\n"
    "    w = torch.tensor(w0, requires_grad=True)\n"
    "    for _ in range(steps):\n"
    "        loss = loss_fn(w)\n"
    "        loss.backward()\n"
    "        with torch.no_grad():\n"
    "            w -= lr * w.grad\n"
    "        w.grad.zero_()\n"
    "    return w.detach()",
)


# q8: repair an in-place change of a tensor that backward needs.


def _exp(x: Any) -> Any:
    import torch

    return torch.exp(0.8 * x)


def _tanh(x: Any) -> Any:
    import torch

    return 3 * torch.tanh(x)


def _square(x: Any) -> Any:
    return x**2 + 0.5


def _sigmoid(x: Any) -> Any:
    import torch

    return 4 * torch.sigmoid(x)


def _np_exp(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.exp(0.8 * x), 0.8 * np.exp(0.8 * x)


def _np_tanh(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return 3 * np.tanh(x), 3 * (1 - np.tanh(x) ** 2)


def _np_square(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return x**2 + 0.5, 2 * x


def _np_sigmoid(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    s = 1 / (1 + np.exp(-x))
    return 4 * s, 4 * s * (1 - s)


_NUMPY: dict[Any, Any] = {
    _exp: _np_exp,
    _tanh: _np_tanh,
    _square: _np_square,
    _sigmoid: _np_sigmoid,
}
CAP = 2.0


def _capped(f: Any, x0: Any, *, cap: bool = True) -> np.ndarray:
    """The gradient of sum(min(f(x), 2)^2): 2 f f' where f < 2, else 0."""
    value, slope = _NUMPY[f](np.asarray(x0, dtype=float))
    grad = 2 * value * slope
    return np.where(value < CAP, grad, 0.0) if cap else grad


def _uncapped(f: Any, x0: Any) -> np.ndarray:
    return _capped(f, x0, cap=False)


def _cap_case(f: Any, label: str, x0: list[float]) -> Case:
    return Case(f, label, (x0,), _capped(f, x0), point=x0)


Q8_CASES = [
    _cap_case(_exp, "f(x) = exp(0.8x)", [-1.0, 0.5, 1.2]),
    _cap_case(_tanh, "f(x) = 3 tanh(x)", [0.2, 1.5, -0.4]),
    _cap_case(_square, "f(x) = x^2 + 0.5", [1.0, -2.0]),
    _cap_case(_sigmoid, "f(x) = 4 sigmoid(x)", [-1.0, 0.3]),
]

q8 = Question(
    "q8",
    implementation(
        Q8_CASES,
        names=("x0",),
        what="your capped_grad",
        tensor_hint=_AUTOGRAD,
        raised_hints=[
            (
                "modified by an inplace operation",
                "clamp_ changed, in place, a tensor that backward still "
                "needs (f's saved output): cap a new tensor instead.",
            ),
        ],
        needs_grad=True,
        mistakes=[
            (
                _uncapped,
                "That is the gradient without the cap: where f(x) > 2 the "
                "capped value no longer changes with x, so its gradient is "
                "0. Compute the loss from the capped tensor.",
            )
        ],
    ),
    hint="Which tensor did clamp_ change, and which backward node saved "
    "it? A method without the trailing underscore returns a new tensor "
    "and leaves the saved one alone.",
    solution="def capped_grad(f, x0):\n"
    "    x = torch.tensor(x0, requires_grad=True)\n"
    "    y = f(x).clamp(max=2.0)  # a new tensor, not an in-place change\n"
    "    loss = (y**2).sum()\n"
    "    loss.backward()\n"
    "    return x.grad",
)


# q9: a vector-Jacobian product in one backward pass.


def _mixed(x: Any) -> Any:
    import torch

    return torch.stack([x[0] * x[1] + 1.5, torch.sin(x[2]) * x[0]])


def _j_mixed(x: np.ndarray) -> np.ndarray:
    return np.array(
        [[x[1], x[0], 0.0], [np.sin(x[2]), 0.0, x[0] * np.cos(x[2])]]
    )


def _cube(x: Any) -> Any:
    return 0.5 * x**3


def _j_cube(x: np.ndarray) -> np.ndarray:
    return np.diag(1.5 * x**2)


def _scaled(x: Any) -> Any:
    return x.sum() * x


def _j_scaled(x: np.ndarray) -> np.ndarray:
    return x.sum() * np.eye(x.size) + np.outer(x, np.ones(x.size))


_JACOBIANS: dict[Any, Any] = {
    _mixed: _j_mixed,
    _cube: _j_cube,
    _scaled: _j_scaled,
}


def _jacobian(f: Any, x0: Any) -> np.ndarray:
    return _JACOBIANS[f](np.asarray(x0, dtype=float))


def _vjp_case(f: Any, label: str, x0: list[float], v: list[float]) -> Case:
    want = np.asarray(v, dtype=float) @ _jacobian(f, x0)
    return Case(f, label, (x0, v), want, point=x0)


Q9_CASES = [
    _vjp_case(
        _mixed,
        "f(x) = (x0 x1 + 1.5, sin(x2) x0)",
        [1.0, 2.0, 0.5],
        [0.5, -2.0],
    ),
    _vjp_case(_cube, "f(x) = 0.5 x^3", [1.0, -2.0], [1.0, 3.0]),
    _vjp_case(_scaled, "f(x) = sum(x) x", [1.0, 2.0, 3.0], [1.0, 0.0, -1.0]),
]


def _column_sums(f: Any, x0: Any, v: Any) -> np.ndarray:
    return _jacobian(f, x0).sum(axis=0)


def _j_times_v(f: Any, x0: Any, v: Any) -> np.ndarray:
    return _jacobian(f, x0) @ np.asarray(v, dtype=float)


q9 = Question(
    "q9",
    implementation(
        Q9_CASES,
        names=("x0", "v"),
        what="your vjp",
        tensor_hint=_AUTOGRAD,
        needs_grad=True,
        count_backward=True,
        mistakes=[
            (
                _column_sums,
                "That is the gradient of f(x).sum(), the column sums of J: "
                "each row i of J must be weighted by v_i.",
            ),
            (
                _j_times_v,
                "That is J v, a Jacobian-vector product; backward gives "
                "v^T J, which weights the rows of J, not its columns.",
            ),
        ],
    ),
    hint="backward() on a non-scalar output needs the vector it multiplies "
    "the Jacobian by. One forward pass, one backward pass, then read .grad.",
    solution="def vjp(f, x0, v):\n"
    "    x = torch.tensor(x0, requires_grad=True)\n"
    "    y = f(x)\n"
    "    y.backward(gradient=torch.tensor(v))\n"
    "    return x.grad  # v^T J",
)
