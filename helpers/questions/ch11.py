"""Practice questions for chapter 11, custom gradients."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from helpers._convert import to_array
from helpers.quiz import (
    Checker,
    NotAnswered,
    Question,
    choice,
    function,
    number,
)


def _with_known_mistakes(
    checker: Checker,
    points: Sequence[float],
    mistakes: list[tuple[Callable[[float], float], str]],
) -> Checker:
    """Wrap a function checker: a learner's function that matches a known
    wrong function at every point gets that mistake's reason."""

    def wrapped(answer: Any) -> tuple[bool, str]:
        ok, reason = checker(answer)
        if ok or not callable(answer):
            return ok, reason
        try:
            got = [float(to_array(answer(x), "answer")) for x in points]
        except NotImplementedError:
            raise NotAnswered from None
        except Exception:
            return ok, reason
        for wrong, why in mistakes:
            want = [wrong(x) for x in points]
            if all(
                math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-7)
                for a, b in zip(got, want)
            ):
                return False, f"{reason} {why}"
        return ok, reason

    return wrapped


def _leaky_relu_grad(x: float) -> float:
    return 1.0 if x > 0 else 0.01


_LEAKY_POINTS = [-3.0, -0.5, 0.25, 1.0, 4.0]

q1 = Question(
    "q1",
    _with_known_mistakes(
        function(
            _leaky_relu_grad,
            _LEAKY_POINTS,
            rtol=1e-5,
            atol=1e-7,
            what="your leaky_relu_grad",
        ),
        _LEAKY_POINTS,
        [
            (
                lambda x: 1.0 if x > 0 else 0.0,
                "That is ReLU's gradient: for x <= 0 leaky ReLU's backward "
                "multiplies grad_output by the slope 0.01, not by 0.",
            ),
            (
                lambda x: 0.01 if x > 0 else 1.0,
                "The two slopes are swapped: 1 belongs to x > 0 and 0.01 to "
                "x <= 0.",
            ),
            (
                lambda x: x if x > 0 else 0.01 * x,
                "That is the leaky ReLU's value; return x.grad after "
                "calling backward().",
            ),
        ],
    ),
    hint="forward: save x with ctx.save_for_backward(x) and return "
    "torch.where(x > 0, x, 0.01 * x). backward: read (x,) = "
    "ctx.saved_tensors and multiply grad_output by 1 where x > 0 and by "
    "0.01 elsewhere.",
    solution="class LeakyReLU(torch.autograd.Function):\n"
    "    @staticmethod\n"
    "    def forward(ctx, x):\n"
    "        ctx.save_for_backward(x)\n"
    "        return torch.where(x > 0, x, 0.01 * x)\n\n"
    "    @staticmethod\n"
    "    def backward(ctx, grad_output):\n"
    "        (x,) = ctx.saved_tensors\n"
    "        return grad_output * torch.where(x > 0, 1.0, 0.01)",
)

q2 = Question(
    "q2",
    number(
        6.0,
        mistakes={
            5.2: "that is 2x, the gradient of x**2 without rounding; the "
            "forward pass squares round(2.6) = 3, so dL/dy = 2y = 6.",
            0.0: "that is the true derivative of round; the STE passes the "
            "upstream gradient through unchanged.",
            1.0: "that is the STE's own local gradient; multiply by "
            "dL/dy = 2y (chain rule).",
            9.0: "9 is the loss L = round(2.6)**2 itself, not its gradient.",
        },
    ),
    hint="Forward: y = round(2.6) = 3, L = y**2. Backward: dL/dy = 2y, and "
    "the STE multiplies it by 1.",
    solution="y = round(2.6) = 3, dL/dy = 2y = 6, and the STE passes it "
    "through: dL/dx = 6 * 1 = 6 (not 2x = 5.2, and not 0).",
)

q3 = Question(
    "q3",
    number(
        0.75,
        mistakes={
            0.25: "that is 1 / (1 + e^x) = sigma(-x); the derivative is "
            "e^x / (1 + e^x) = sigma(x).",
            math.log(4.0): "that is softplus(ln 3) = log(1 + 3), the value, "
            "not the derivative.",
            3.0: "that is e^x alone; the chain rule through the log divides "
            "by 1 + e^x.",
        },
        rtol=1e-4,
    ),
    hint="d/dx log(1 + e^x) = e^x / (1 + e^x). At x = ln 3, e^x = 3.",
    solution="e^x = 3, so the derivative is 3 / (1 + 3) = 0.75 = sigma(ln 3).",
)

q4 = Question(
    "q4",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "1 + e^x is always positive; the log never sees a negative "
            "number.",
            "c": "tf.math.log has a gradient, 1/u; the trouble is the value "
            "of u = 1 + e^x.",
            "d": "100 is stored exactly in float32; e^100 is the number that "
            "does not fit.",
        },
    ),
    hint="What is the largest float32, and how big is e^100?",
    solution="(b): e^100 ~ 2.7e43 overflows float32 (max ~3.4e38) to inf. "
    "The value log(inf) is inf, and the backward pass computes "
    "1/(1 + e^x) * e^x = 0 * inf = NaN.",
)

q5 = Question(
    "q5",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "the forward pass is the identity: y equals x exactly, "
            "however large.",
            "c": "the loss is computed in the forward pass, which clipping "
            "does not touch.",
            "d": "it changes every gradient entry outside [-1, 1], and a "
            "gradient check fails for exactly that reason.",
        },
    ),
    hint="Look at what clip_gradient returns: tf.identity(x), and a grad "
    "function.",
    solution="(b): the forward values and the loss are unchanged; only the "
    "gradient flowing backward is clipped to [-1, 1].",
)

q6 = Question(
    "q6",
    number(
        -1.0,
        mistakes={
            -6.0: "that is the unclipped gradient 2x; the backward pass "
            "clips it to [-1, 1].",
            1.0: "clipping keeps the sign: -6 is clipped to -1.",
            9.0: "9 is the loss, not its gradient.",
            6.0: "the gradient 2x at x = -3 is negative, and it is then "
            "clipped to [-1, 1].",
        },
    ),
    hint="The true gradient is dL/dy = 2y with y = x = -3; then clip it to "
    "[-1, 1].",
    solution="dL/dy = 2y = -6; clip(-6, -1, 1) = -1, so tape.gradient "
    "returns -1.",
)

q7 = Question(
    "q7",
    number(
        0.0,
        mistakes={
            1.0: "that is the STE's gradient; the central difference only "
            "sees round's flat step, which has slope 0.",
            2.0: "2 is round(2.3), the value, not a slope.",
            2.3: "2.3 is x itself, not a slope.",
        },
    ),
    hint="round(2.3 + h) and round(2.3 - h) for a tiny h: are they "
    "different?",
    solution="0: round(2.3 + h) = round(2.3 - h) = 2, so the central "
    "difference is 0. The STE says 1, so the gradient check fails, as it "
    "should.",
)


def _sigmoid(x: float) -> float:
    e = math.exp(-abs(x))
    return 1 / (1 + e) if x >= 0 else e / (1 + e)


q8 = Question(
    "q8",
    function(
        _sigmoid,
        [-1000.0, -30.0, -1.0, 0.0, 2.0, 30.0, 1000.0],
        rtol=1e-6,
        atol=1e-12,
        what="your softplus_grad",
    ),
    hint="Compute e = np.exp(-abs(x)), which is at most 1, then return "
    "1 / (1 + e) for x >= 0 and e / (1 + e) otherwise.",
    solution="def softplus_grad(x):\n"
    "    e = np.exp(-abs(x))  # never overflows\n"
    "    return 1 / (1 + e) if x >= 0 else e / (1 + e)",
)
