"""Practice questions for chapter 13, gradient descent by hand."""

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from helpers.quiz import Question, array, choice, function, number

# Fixed data for q1: five points near y = 2x + 1.
X = np.array([-2.0, -0.5, 1.0, 2.0, 3.5])
Y = np.array([-3.2, 0.1, 2.9, 5.3, 7.8])
POINTS = [(0.0, 0.0), (2.0, 1.0), (-1.0, 0.5), (3.0, -2.0)]


def mse_grad(w: float, b: float, x: Any, y: Any) -> tuple[float, float]:
    """Reference: (dL/dw, dL/db) of L = mean((w x + b - y)^2)."""
    r = w * x + b - y
    return 2 * np.mean(r * x), 2 * np.mean(r)


def _mistaken_grads() -> dict[str, Callable[..., Any]]:
    """Plausible wrong gradients, each with the reason a learner gets."""

    def residual(w: float, b: float, x: Any, y: Any) -> Any:
        return w * x + b - y

    return {
        "the factor 2 is missing: d(r^2)/dr = 2r.": lambda w, b, x, y: (
            np.mean(residual(w, b, x, y) * x),
            np.mean(residual(w, b, x, y)),
        ),
        "both entries have the wrong sign: with r = y - (w x + b) the "
        "derivative of r with respect to w is -x.": lambda w, b, x, y: (
            -2 * np.mean(residual(w, b, x, y) * x),
            -2 * np.mean(residual(w, b, x, y)),
        ),
        "use the mean over the examples, not the sum: the loss is an "
        "average.": lambda w, b, x, y: (
            2 * np.sum(residual(w, b, x, y) * x),
            2 * np.sum(residual(w, b, x, y)),
        ),
        "dL/dw needs the factor x_i: the derivative of w x + b with "
        "respect to w is x.": lambda w, b, x, y: (
            2 * np.mean(residual(w, b, x, y)),
            2 * np.mean(residual(w, b, x, y)),
        ),
        "the two entries are swapped: return (dw, db) in that "
        "order.": lambda w, b, x, y: mse_grad(w, b, x, y)[::-1],
    }


def _check_mse_grad(answer: Any) -> tuple[bool, str]:
    """Compare the learner's mse_grad with the reference at POINTS."""
    if not callable(answer):
        return function(mse_grad, POINTS)(answer)

    def on_data(w: float, b: float) -> Any:
        return answer(w, b, X.copy(), Y.copy())

    ok, reason = function(
        lambda w, b: mse_grad(w, b, X, Y),
        POINTS,
        names=("w", "b"),
        what="your mse_grad",
    )(on_data)
    if ok:
        return True, ""
    for why, wrong in _mistaken_grads().items():
        same, _ = function(
            lambda w, b, wrong=wrong: wrong(w, b, X, Y),
            POINTS,
            names=("w", "b"),
        )(on_data)
        if same:
            return False, f"{reason} Check: {why}"
    return False, reason


def _pair(expected: Any, mistakes: Mapping[tuple[float, ...], str]) -> Any:
    """Check an array; a known wrong array gets its own reason."""
    exact = array(expected)

    def checker(answer: Any) -> tuple[bool, str]:
        ok, reason = exact(answer)
        if ok:
            return True, ""
        for wrong, why in mistakes.items():
            if array(wrong)(answer)[0]:
                return False, f"{reason} {why}"
        return False, reason

    return checker


q1 = Question(
    "q1",
    _check_mse_grad,
    hint="With r = w * x + b - y (an array), dL/dw = 2 * mean(r * x) and "
    "dL/db = 2 * mean(r). Return the pair (dw, db).",
    solution="def mse_grad(w, b, x, y):\n"
    "    r = w * x + b - y\n"
    "    return 2 * np.mean(r * x), 2 * np.mean(r)",
)

q2 = Question(
    "q2",
    choice(
        "a",
        ["a", "b", "c"],
        feedback={
            "b": "at x = 1 and x = 2 the line 3x + 1 predicts 4 and 7, above "
            "the targets 3 and 5: the residuals are positive and so is "
            "each r x.",
            "c": "dL/dw is zero only at the best w for this b; a slope of 3 "
            "is too steep for points on y = 2x + 1.",
        },
    ),
    hint="dL/dw = 2 mean(r x) with r = w x + b - y. Find the sign of each "
    "residual at w = 3, b = 1.",
    solution="(a): r = 3x + 1 - (2x + 1) = x, so dL/dw = 2 mean(x^2) = "
    "2 (1 + 4) / 2 = 5 > 0. Decreasing w lowers the loss.",
)

q3 = Question(
    "q3",
    _pair(
        [2.18, 1.06],
        {
            (1.82, 0.94): "You stepped along the gradient: subtract "
            "lr * grad, and the gradient (-18, -6) is negative.",
            (20.0, 7.0): "Multiply the gradient by the learning rate 0.01 "
            "before subtracting it.",
            (2.06, 1.06): "dL/dw = 2 r x has the factor x = 3, so it is "
            "-18, not -6.",
        },
    ),
    hint="r = w x + b - y = -3, dL/dw = 2 r x, dL/db = 2 r; then "
    "w - lr * dL/dw and b - lr * dL/db.",
    solution="dL/dw = -18, dL/db = -6; w = 2 - 0.01 * (-18) = 2.18, "
    "b = 1 - 0.01 * (-6) = 1.06. Answer [2.18, 1.06].",
)

q4 = Question(
    "q4",
    choice(
        "b",
        ["a", "b", "c"],
        feedback={
            "a": "the smallest rate makes the slowest curve: that is curve 3, "
            "still high after 100 steps.",
            "c": "the largest rate overshoots the minimum by more each step: "
            "that is curve 1, climbing to 10^8.",
        },
    ),
    hint="Too small crawls, too large grows, a good rate drops fast and "
    "then stays flat at the minimum.",
    solution="(b) 0.05 made curve 2: a fast drop, then flat at the minimum "
    "loss. Keep it.",
)

q5 = Question(
    "q5",
    number(
        1 / 3,
        rtol=2e-3,
        mistakes={
            2 / 3: "the second derivative of 3(x - 1)^2 is 6, not 3; the "
            "threshold is 2 / 6.",
            1 / 6: "1 / f'' = 1/6 reaches the minimum in one step, but "
            "descent still converges for rates up to 2 / f''.",
            3.0: "that is f'' / 2; the threshold is 2 / f''.",
        },
    ),
    hint="For f(x) = a (x - c)^2 + d one step maps x - c to "
    "(1 - lr f'') (x - c). When is |1 - lr f''| < 1?",
    solution="f''(x) = 6, and |1 - 6 lr| < 1 means 0 < lr < 2/6 = 1/3. "
    "Answer 1/3.",
)

q6 = Question(
    "q6",
    choice(
        "c",
        ["a", "b", "c"],
        feedback={
            "a": "batch descent uses the exact gradient of the whole loss: "
            "with a stable rate the loss falls smoothly and never goes up.",
            "b": "a mini-batch averages 10 examples, which cuts the noise; "
            "a single example is noisier.",
        },
    ),
    hint="Which method estimates the gradient from the fewest examples?",
    solution="(c) SGD: each update follows one example's gradient, which "
    "points only roughly downhill, so the loss jumps up and down.",
)

q7 = Question(
    "q7",
    number(
        5,
        mistakes={
            20: "20 is the batch size; count how many batches make 100 "
            "examples.",
            100: "that would be SGD with batch size 1.",
            1: "that is batch gradient descent, one update per epoch.",
            2000: "an epoch is one pass over the 100 examples, one update "
            "per batch.",
        },
    ),
    hint="One epoch = one pass over all examples; one update per batch.",
    solution="100 examples / 20 per batch = 5 updates per epoch.",
)

q8 = Question(
    "q8",
    number(
        0.44,
        mistakes={
            0.64: "that is the result with zero_grad(): without it the "
            "second backward() adds 1.6 to the 2.0 already in w.grad.",
            0.8: "that is w after one step; run the loop twice.",
            0.4: "the second backward() adds dL/dw = 2 * 0.8 = 1.6 (at the "
            "new w), not another 2.0.",
        },
    ),
    hint="backward() adds into w.grad. Step 1: grad 2.0. Step 2: grad "
    "2.0 + 2 * w1.",
    solution="Step 1: w.grad = 2.0, w = 1 - 0.1 * 2.0 = 0.8. Step 2: "
    "backward() adds 2 * 0.8 = 1.6, so w.grad = 3.6 and "
    "w = 0.8 - 0.36 = 0.44.",
)
