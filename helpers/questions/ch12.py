"""Practice questions for chapter 12, backpropagation in neural networks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers._convert import describe, to_array
from helpers.quiz import (
    Checker,
    NotAnswered,
    Question,
    array,
    choice,
    function,
    number,
    shape,
)


def _sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def _show(value: np.ndarray) -> str:
    return np.array2string(value, separator=", ", precision=6)


def _gradient_function(
    reference: Callable[..., np.ndarray],
    cases: Sequence[tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]],
    *,
    what: str,
) -> Checker:
    """Check ``answer(params, X, Y)`` against ``reference`` on test batches.

    Each case gets fresh copies of its arrays, so a function that changes
    its inputs in place cannot spoil the next case.
    """

    def checker(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, (
                "expected a function (a def or a lambda); "
                f"got {describe(answer)}."
            )
        for k, (params, X, Y) in enumerate(cases, start=1):
            n, h = X.shape[0], params["W1"].shape[0]
            label = f"on test batch {k} (N = {n}, H = {h})"
            want = reference(params, X, Y)
            copies = {name: value.copy() for name, value in params.items()}
            try:
                result = answer(copies, X.copy(), Y.copy())
            except NotImplementedError:
                raise NotAnswered from None
            except Exception as error:
                return False, (
                    f"{label} {what} raised {type(error).__name__}: {error}"
                )
            if result is None:
                return False, (
                    f"{label} {what} returned None; did you forget `return`?"
                )
            try:
                got = to_array(result, "result")
            except (TypeError, ValueError):
                return False, (
                    f"{label} {what} returned {describe(result)}; expected "
                    f"an array of shape {want.shape}."
                )
            if got.shape != want.shape:
                note = (
                    " It looks transposed."
                    if got.shape == want.T.shape
                    else ""
                )
                return False, (
                    f"{label} {what} returned shape {got.shape}; expected "
                    f"shape {want.shape}, the shape of W1.{note}"
                )
            if not np.all(np.isfinite(got)):
                return False, f"{label} {what} returned NaN or infinity."
            if not np.allclose(got, want, rtol=1e-6, atol=1e-10):
                if np.allclose(got, n * want):
                    return False, (
                        f"{label} {what} is {n} times too large: the mean "
                        f"loss divides by N = {n}, so delta2 = (P - Y) / N."
                    )
                if np.allclose(got, -want):
                    return False, f"{label} {what} has the wrong sign."
                return False, (
                    f"{label} {what} returned {_show(got)}; expected "
                    f"{_show(want)}."
                )
        return True, ""

    return checker


q1 = Question(
    "q1",
    number(
        0.1875,
        mistakes={
            0.75: "that is sigma(ln 3) itself; the derivative is "
            "sigma(z) * (1 - sigma(z)).",
            0.25: "that is sigma'(0), the largest value sigma' takes; here "
            "z = ln 3, where sigma(z) = 0.75.",
            0.4375: "1 - sigma^2 is the rule for tanh; for the sigmoid, "
            "sigma' = sigma * (1 - sigma).",
            0.5625: "sigma' = sigma * (1 - sigma), not sigma^2.",
        },
    ),
    hint="sigma(ln 3) = 1 / (1 + e^(-ln 3)) = 1 / (1 + 1/3). Then use "
    "sigma'(z) = sigma(z) * (1 - sigma(z)).",
    solution="sigma(ln 3) = 1 / (1 + 1/3) = 3/4, so "
    "sigma'(ln 3) = 3/4 * 1/4 = 3/16 = 0.1875.",
)

q2 = Question(
    "q2",
    function(
        lambda z, y: _sigmoid(z) - y,
        [(-2.0, 0.0), (0.0, 1.0), (1.5, 1.0), (0.7, 0.0), (3.0, 1.0)],
        names=("z", "y"),
        what="your delta_out",
    ),
    hint="l = -y log p - (1 - y) log(1 - p) with p = sigma(z). Multiply "
    "dl/dp by dp/dz = p(1 - p) and simplify.",
    solution="def delta_out(z, y):\n"
    "    p = 1 / (1 + np.exp(-z))\n"
    "    return p - y  # sigma' cancels against dl/dp",
)

q3 = Question(
    "q3",
    array(
        [0.3, 0.2],
        mistakes=[
            (
                [0.1, 0.2 / 3],
                "the 1/N of the mean loss is already inside the deltas: "
                "sum the rows, do not average them",
            ),
            (
                [-0.1, 0.3, 0.3],
                "that sums each example's row; sum over the examples "
                "(axis 0) instead, one entry per hidden unit",
            ),
            (
                [-0.3, -0.2],
                "the bias enters z with a plus sign, so dL/db1 is the sum "
                "of the deltas, not minus it",
            ),
        ],
    ),
    hint="z1 = W1 x + b1, so dl/db1 = delta1 for one example. The batch "
    "adds up the examples: sum Delta1 over its rows (axis 0).",
    solution="dL/db1 = Delta1.sum(axis=0) = [0.1 + 0.3 - 0.1, "
    "-0.2 + 0.0 + 0.4] = [0.3, 0.2].",
)

q4 = Question(
    "q4",
    shape(
        (5, 3),
        mistakes={
            (3, 5): "that is the (in, out) layout; here W1 is stored as "
            "(out, in) = (5, 3), and a gradient has its parameter's shape.",
            (10, 5): "that is the shape of Delta1 = dL/dZ1, one row per "
            "example; Delta1^T X sums over the batch and removes that axis.",
            (10, 3): "that is the shape of X, one row per example; the "
            "gradient of W1 has the shape of W1.",
            (10, 5, 3): "that stacks one gradient per example; the batch "
            "gradient is their sum, with the shape of W1.",
        },
    ),
    hint="A gradient has the shape of the parameter it belongs to. What is "
    "the shape of W1 when weights are stored (out, in)?",
    solution="(5, 3): W1 maps 3 inputs to 5 hidden units and is stored "
    "(out, in); dL/dW1 = Delta1^T X is (5, 10) @ (10, 3) = (5, 3).",
)

q5 = Question(
    "q5",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "Delta^T X has shape (out, in): that is the torch.nn.Linear "
            "layout. Here W is (in, out).",
            "c": "X Delta^T has shape (N, N): one entry per pair of "
            "examples, not per weight.",
            "d": "Delta X^T does not even multiply: (N, out) @ (in, N) needs "
            "out = in.",
        },
    ),
    hint="Check shapes: X is (N, in), Delta = dL/dZ is (N, out), and the "
    "answer must have W's shape (in, out).",
    solution="(b) X^T Delta: (in, N) @ (N, out) = (in, out), the sum over "
    "examples of the outer products x_n delta_n^T. It is the transpose of "
    "Delta^T X, the formula for the (out, in) layout.",
)

q6 = Question(
    "q6",
    array(
        [[-0.5, -1.0], [0.5, 1.0]],
        mistakes=[
            (
                [[-2.0, -4.0], [2.0, 4.0]],
                "you left out sigma'(a) = h(1 - h) = 0.25 on the way "
                "through the hidden layer",
            ),
            (
                [[-0.5, 0.5], [-1.0, 1.0]],
                "that is x delta^T, the transpose; dL/dW1 = delta x^T has a "
                "row per hidden unit",
            ),
            (
                [[-0.25, -0.5], [0.25, 0.5]],
                "dL/dy = 2(y - t): the square brings a factor 2",
            ),
            (
                [[0.5, 1.0], [-0.5, -1.0]],
                "dL/dy = 2(y - t) = -2 here (y - t, not t - y)",
            ),
        ],
    ),
    hint="a = W1 x = 0, so h = sigma(0) = (0.5, 0.5) and "
    "sigma'(a) = h(1 - h) = 0.25. Then y = W2 h, dL/dy = 2(y - t), "
    "dL/dh = W2^T dL/dy, dL/da = dL/dh * sigma'(a), dL/dW1 = dL/da x^T.",
    solution="a = 0, h = (0.5, 0.5), y = 0.5 - 0.5 = 0, dL/dy = 2(0 - 1) = "
    "-2, dL/dh = W2^T (-2) = (-2, 2), dL/da = (-2, 2) * 0.25 = "
    "(-0.5, 0.5), dL/dW1 = dL/da x^T = [[-0.5, -1], [0.5, 1]].",
)

q7 = Question(
    "q7",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "the 1/N is there, in delta2 = (P - Y) / N, and every "
            "later gradient inherits it.",
            "c": "delta2 @ W2 is right with W2 stored (out, in) = (1, H): "
            "(N, 1) @ (1, H) = (N, H), the batch form of W2^T delta2.",
            "d": "something is missing: a gradient check of this code fails "
            "on W1 and b1.",
        },
    ),
    hint="Follow the delta through each operation of the forward pass. "
    "Which operation between Z1 and Z2 has no step in the backward code?",
    solution="(b): A1 = tanh(Z1) is skipped. delta1 must be multiplied "
    "elementwise by tanh'(Z1) = 1 - A1**2: "
    "delta1 = (delta2 @ W2) * (1 - A1**2).",
)


def _forward(params: dict[str, np.ndarray], X: np.ndarray) -> Any:
    A1 = np.tanh(X @ params["W1"].T + params["b1"])
    P = _sigmoid(A1 @ params["W2"].T + params["b2"])
    return P, A1


def _grad_W1(
    params: dict[str, np.ndarray], X: np.ndarray, Y: np.ndarray
) -> np.ndarray:
    P, A1 = _forward(params, X)
    delta2 = (P - Y) / X.shape[0]
    delta1 = (delta2 @ params["W2"]) * (1 - A1**2)
    return np.asarray(delta1.T @ X)


def _cases() -> list[tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(12)
    cases = []
    for n, h in ((4, 3), (6, 2), (5, 4)):
        params = {
            "W1": rng.normal(size=(h, 2)),
            "b1": rng.normal(size=h),
            "W2": rng.normal(size=(1, h)),
            "b2": rng.normal(size=1),
        }
        X = rng.normal(size=(n, 2))
        Y = (np.arange(n) % 2).astype(float)[:, None]
        cases.append((params, X, Y))
    return cases


q8 = Question(
    "q8",
    _gradient_function(_grad_W1, _cases(), what="your grad_W1"),
    hint="delta2 = (P - Y) / N; delta1 = (delta2 @ W2) * (1 - A1**2); "
    "then dL/dW1 = delta1.T @ X.",
    solution="def grad_W1(params, X, Y):\n"
    "    P, A1 = forward(params, X)\n"
    "    delta2 = (P - Y) / len(X)  # dL/dZ2\n"
    "    delta1 = (delta2 @ params['W2']) * (1 - A1**2)  # tanh'\n"
    "    return delta1.T @ X  # sum of delta1_n x_n^T",
)
