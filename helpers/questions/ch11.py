"""Practice questions for chapter 11, custom gradients.

The implementation exercises (q7-q10) are judged by running the learner's
code the way the chapter uses it: a ``tf.custom_gradient`` function under
a tape with an upstream gradient other than 1, a ``torch.autograd.Function``
under ``torch.func.grad`` and ``.backward`` with ``grad_output`` other than
1, at points (and extreme inputs) the notebook never shows. TensorFlow and
PyTorch are imported only when such a check runs: the practice notebook
has already imported them.
"""

from __future__ import annotations

import importlib
import math
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
    number,
)


def _framework(name: str) -> Any:
    """Import TensorFlow or PyTorch when a check needs it (typed Any)."""
    return importlib.import_module(name)


def _show(values: Any) -> str:
    array_ = np.asarray(values, dtype=float)
    if array_.ndim == 0:
        return f"{float(array_):.6g}"
    return np.array2string(array_, precision=6, separator=", ")


def _close(
    got: np.ndarray, want: np.ndarray, rtol: float, atol: float
) -> bool:
    return (
        got.shape == want.shape
        and bool(np.all(np.isfinite(got)))
        and bool(np.allclose(got, want, rtol=rtol, atol=atol))
    )


# ---- q1-q6: predict first --------------------------------------------------

q1 = Question(
    "q1",
    number(
        0.2,
        mistakes={
            1.0: "1 is the slope on the right; PyTorch's leaky_relu, like "
            "torch.relu, uses the right-hand slope only where x > 0.",
            0.6: "0.6 is the midpoint of the two slopes, the way "
            "torch.maximum splits a tie; leaky_relu does not split.",
            0.5: "0.5 is what torch.maximum(x, 0) gives ReLU at the tie, "
            "and a central difference of ReLU at 0; leaky_relu neither "
            "splits a tie nor uses ReLU's slopes.",
            0.0: "0 is torch.relu's value at the kink; leaky_relu's "
            "left-hand slope is 0.2, not 0.",
        },
    ),
    hint="Every slope between 0.2 and 1 is a subgradient at the kink. Which "
    "side does torch.relu take at x = 0, and what is the slope on that "
    "side of leaky_relu?",
    solution="0.2: torch.nn.functional.leaky_relu multiplies the gradient "
    "by 1 where x > 0 and by the negative slope elsewhere, x = 0 included, "
    "the same convention as torch.relu (gradient 0 at 0).",
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
    hint="Forward: y = round(2.6), L = y**2. Backward: dL/dy, times the "
    "STE's local gradient.",
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
    hint="Differentiate log(1 + e^x) with the chain rule, then put in "
    "e^x = 3.",
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
    hint="Find dL/dy with y = x = -3 first; then apply what the custom "
    "backward does to it.",
    solution="dL/dy = 2y = -6; clip(-6, -1, 1) = -1, so tape.gradient "
    "returns -1.",
)

q6 = Question(
    "q6",
    array(
        [1.6, -1.2],
        mistakes=[
            (
                [4.0, -3.0],
                "that clips each gradient by its own norm: (4, -3) has "
                "norm 5 <= 6 and would pass. clip_grad_norm_ uses the "
                "global norm of all gradients together",
            ),
            (
                [4.8, -3.6],
                "that rescales (4, -3) to norm 6 on its own; the factor "
                "comes from the global norm of both gradients, and "
                "clipping never scales up",
            ),
            (
                [4.0 / 15.0, -0.2],
                "that divides by the global norm, to norm 1; the factor is "
                "max_norm / global norm",
            ),
            (
                [2.4, -1.8],
                "that uses the norm of w2's gradient alone; the global norm "
                "counts the entries of both",
            ),
        ],
    ),
    hint="The global norm is the square root of the sum of the squares of "
    "every entry of every gradient. When it exceeds max_norm, every "
    "gradient is multiplied by the same factor.",
    solution="Global norm sqrt(4^2 + 3^2 + 10^2 + 10^2) = sqrt(225) = 15 > 6, "
    "so every gradient is scaled by 6 / 15 = 0.4: w1.grad becomes "
    "0.4 * (4, -3) = (1.6, -1.2) (and w2.grad (4, -4)).",
)


def _clip_reference(grads: list[np.ndarray], max_norm: float) -> list[Any]:
    norm = math.sqrt(sum(float(np.sum(g**2)) for g in grads))
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return [g * scale for g in grads]


def _clip_per_tensor(grads: list[np.ndarray], max_norm: float) -> list[Any]:
    return [_clip_reference([g], max_norm)[0] for g in grads]


def _clip_always(grads: list[np.ndarray], max_norm: float) -> list[Any]:
    norm = math.sqrt(sum(float(np.sum(g**2)) for g in grads))
    return [g * (max_norm / norm) for g in grads]


def _clip_value(grads: list[np.ndarray], max_norm: float) -> list[Any]:
    return [np.clip(g, -max_norm, max_norm) for g in grads]


_CLIP_MISTAKES: list[tuple[Callable[..., list[Any]], str]] = [
    (
        _clip_per_tensor,
        "That clips each gradient by its own norm (Keras's clipnorm); "
        "scale all of them by one factor from their global norm.",
    ),
    (
        _clip_always,
        "That rescales even when the global norm is below max_norm; "
        "clipping only ever shrinks.",
    ),
    (
        _clip_value,
        "That clips every entry to [-max_norm, max_norm] (clip by value); "
        "rescale by the global norm instead.",
    ),
]

_CLIP_CASES: list[tuple[list[np.ndarray], float]] = [
    ([np.array([1.0, -2.0, 2.0]), np.array([[4.0, 0.0], [0.0, -4.0]])], 3.0),
    ([np.array([0.3, -0.4]), np.array([1.2])], 2.0),
    ([np.array([2.0]), np.array([-6.0]), np.array([3.0])], 1.4),
    ([np.array([[0.5, -1.5, 2.5]])], 1.0),
]


def _as_list(result: Any) -> list[np.ndarray] | None:
    if isinstance(result, (str, bytes)) or not hasattr(result, "__iter__"):
        return None
    try:
        return [to_array(item, "entry") for item in result]
    except (TypeError, ValueError):
        return None


def _clip_checker(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected a function clip_by_global_norm(grads, max_norm); "
            f"got {describe(answer)}."
        )
    for k, (grads, max_norm) in enumerate(_CLIP_CASES, start=1):
        want = _clip_reference([g.copy() for g in grads], max_norm)
        norm = math.sqrt(sum(float(np.sum(g**2)) for g in grads))
        shapes = ", ".join(str(g.shape) for g in grads)
        where = (
            f"on test {k} (gradients of shapes {shapes}, global norm "
            f"{norm:.4g}, max_norm {max_norm:g})"
        )
        try:
            result = answer([g.copy() for g in grads], max_norm)
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return False, (
                f"{where} your function raised {type(error).__name__}: {error}"
            )
        if result is None:
            return False, (
                f"{where} your function returned None; return the list of "
                "clipped gradients (clip_grad_norm_ scales in place, but "
                "this function returns them)."
            )
        got = _as_list(result)
        if got is None or len(got) != len(want):
            return False, (
                f"{where} expected a list of {len(want)} arrays; got "
                f"{describe(result)}."
            )
        for i, (g, w) in enumerate(zip(got, want)):
            if g.shape != w.shape:
                return False, (
                    f"{where} gradient {i} has shape {g.shape}; expected "
                    f"{w.shape}, the shape it came in."
                )
        if all(_close(g, w, 1e-6, 1e-9) for g, w in zip(got, want)):
            continue
        for wrong, why in _CLIP_MISTAKES:
            other = wrong([g.copy() for g in grads], max_norm)
            if all(_close(g, o, 1e-6, 1e-9) for g, o in zip(got, other)):
                return False, f"{where}: {why}"
        i = next(
            i
            for i, (g, w) in enumerate(zip(got, want))
            if not _close(g, w, 1e-6, 1e-9)
        )
        return False, (
            f"{where} gradient {i} came back as {_show(got[i])}; expected "
            f"{_show(want[i])}."
        )
    return True, ""


q7 = Question(
    "q7",
    _clip_checker,
    hint="Two steps: one norm over every entry of every array, then one "
    "factor, never above 1, applied to all of them.",
    solution="def clip_by_global_norm(grads, max_norm):\n"
    "    norm = np.sqrt(sum(np.sum(g**2) for g in grads))\n"
    "    scale = min(1.0, max_norm / norm)\n"
    "    return [g * scale for g in grads]",
)


# ---- q8: a stable logsumexp with tf.custom_gradient ----------------------

_LSE_CASES: list[tuple[list[float], float]] = [
    ([0.5, -1.0, 2.0, 0.0], 2.5),
    ([1000.0, 999.0, 0.0], -0.5),
    ([-1000.0, -1000.5, -999.0], 3.0),
    ([88.0, 89.5, -3.0, 90.0], 0.75),
    ([-2.0, 3.5, 1.25, -0.75, 0.1, 2.2], -1.5),
]


def _lse(x: np.ndarray) -> tuple[float, np.ndarray]:
    m = float(np.max(x))
    e = np.exp(x - m)
    return m + math.log(float(e.sum())), e / e.sum()


def _is_custom_gradient(f: Any) -> bool | None:
    """True if ``f`` was made by tf.custom_gradient; None if unknown."""
    try:
        tf_decorator = _framework("tensorflow.python.util.tf_decorator")
        decorators, _ = tf_decorator.unwrap(f)
    except Exception:
        return None
    return any(
        getattr(d, "decorator_name", "") == "custom_gradient"
        for d in decorators
    )


def _logsumexp_checker(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected the function logsumexp, decorated with "
            f"@tf.custom_gradient; got {describe(answer)}."
        )
    if _is_custom_gradient(answer) is False:
        return False, (
            "logsumexp is not decorated with @tf.custom_gradient: the "
            "exercise is to write its gradient yourself."
        )
    tf = _framework("tensorflow")
    for x0, upstream in _LSE_CASES:
        x_np = np.array(x0)
        value, softmax = _lse(x_np)
        want = upstream * softmax
        where = f"at x = {_show(x_np)} (upstream {upstream:g})"
        x = tf.constant(x0, dtype=tf.float32)
        try:
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = answer(x)
            grad = tape.gradient(
                y, x, output_gradients=tf.fill(tf.shape(y), upstream)
            )
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return False, (
                f"{where} running logsumexp under a tape raised "
                f"{type(error).__name__}: {error}"
            )
        try:
            y_np = to_array(y, "value")
        except (TypeError, ValueError):
            return False, f"{where} logsumexp returned {describe(y)}."
        if y_np.size != 1:
            return False, (
                f"{where} logsumexp returned shape {y_np.shape}; expected "
                "one number: reduce over all entries of x."
            )
        got_value = float(y_np.reshape(()))
        if not math.isfinite(got_value) or not math.isclose(
            got_value, value, rel_tol=1e-5, abs_tol=1e-5
        ):
            return False, (
                f"{where} logsumexp returned {got_value:.8g}; expected "
                f"{value:.8g}. Subtract max(x) before tf.exp so that no "
                "exponent is positive."
            )
        if grad is None:
            return False, (
                f"{where} the tape returned None for the gradient: grad must "
                "return a tensor shaped like x."
            )
        got = to_array(grad, "gradient")
        if _close(got, want, 1e-5, 1e-6):
            continue
        if not np.all(np.isfinite(got)):
            return False, (
                f"{where} your gradient is {_show(got)}; expected "
                f"{_show(want)}. e^x overflows float32 past x = 88.7: "
                "compute the softmax from x - max(x)."
            )
        if _close(got, softmax, 1e-5, 1e-6):
            return False, (
                f"{where} your gradient is the softmax itself; multiply it "
                f"by upstream ({upstream:g}), as the chain rule says."
            )
        return False, (
            f"{where} your gradient is {_show(got)}; expected {_show(want)}."
        )
    return True, ""


q8 = Question(
    "q8",
    _logsumexp_checker,
    hint="The gradient of log(sum(e^x)) is the softmax of x. Both the value "
    "and the softmax stay finite if every exponent is made non-positive "
    "first, by shifting x by its largest entry.",
    solution="@tf.custom_gradient\n"
    "def logsumexp(x):\n"
    "    m = tf.reduce_max(x)\n"
    "    e = tf.exp(x - m)  # every exponent <= 0\n"
    "    s = tf.reduce_sum(e)\n"
    "    y = m + tf.math.log(s)\n\n"
    "    def grad(upstream):\n"
    "        return upstream * e / s  # upstream * softmax(x)\n\n"
    "    return y, grad",
)


# ---- q9, q10: autograd.Functions that work under torch.func ---------------

Local = Callable[[np.ndarray], np.ndarray]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-x)))


def _function_checker(
    name: str,
    forward: Local,
    local: Local,
    cases: Sequence[tuple[Any, Any]],
    mistakes: Sequence[tuple[Local, str]],
) -> Checker:
    """Check a torch.autograd.Function subclass: its forward, its backward
    under ``.backward(w)`` and under ``torch.func.grad``, with grad_output
    ``w`` other than 1. ``local`` is dy/dx elementwise; each mistake is a
    wrong local derivative with the reason a learner writes it."""

    def checker(answer: Any) -> tuple[bool, str]:
        if not isinstance(answer, type):
            return False, (
                f"expected the class {name}, a subclass of "
                f"torch.autograd.Function; got {describe(answer)}."
            )
        torch = _framework("torch")
        base = torch.autograd.Function
        if not issubclass(answer, base):
            return False, (
                f"expected the class {name}, a subclass of "
                f"torch.autograd.Function; got {describe(answer)}."
            )
        cls: Any = answer  # a Function subclass from here on
        if cls.setup_context is base.setup_context:
            return False, (
                f"{name} has no setup_context: write forward(x) without ctx "
                "and save tensors in setup_context(ctx, inputs, output), or "
                "torch.func.grad cannot use it."
            )
        for x0, w0 in cases:
            x_np, w_np = np.array(x0), np.array(w0)
            want_y = forward(x_np)
            want_grad = w_np * local(x_np)
            where = f"at x = {_show(x_np)}"
            x = torch.tensor(x_np, dtype=torch.float64)
            w = torch.tensor(w_np, dtype=torch.float64)
            try:
                y = cls.apply(x.clone())
            except NotImplementedError:
                raise NotAnswered from None
            except Exception as error:
                return False, (
                    f"{where} {name}.apply raised {type(error).__name__}: "
                    f"{error}"
                )
            try:
                got_y = to_array(y, "output")
            except (TypeError, ValueError):
                return False, f"{where} {name}.apply returned {describe(y)}."
            if not _close(got_y, want_y, 1e-7, 1e-12):
                return False, (
                    f"{where} the forward pass returned {_show(got_y)}; "
                    f"expected {_show(want_y)}."
                )
            grads = {}
            try:
                grads["torch.func.grad"] = torch.func.grad(
                    lambda x, w=w: (cls.apply(x) * w).sum()
                )(x.clone())
                leaf = x.clone().requires_grad_(True)
                cls.apply(leaf).backward(w)
                grads[".backward(grad_output)"] = leaf.grad
            except NotImplementedError:
                raise NotAnswered from None
            except Exception as error:
                return False, (
                    f"{where} the backward pass raised "
                    f"{type(error).__name__}: {error}"
                )
            for how, grad in grads.items():
                reason = _judge_grad(grad, want_grad, x_np, w_np, mistakes)
                if reason:
                    return False, (
                        f"{where}, with grad_output {_show(w_np)}, "
                        f"{how} gave {reason}"
                    )
        return True, ""

    return checker


def _judge_grad(
    grad: Any,
    want: np.ndarray,
    x: np.ndarray,
    w: np.ndarray,
    mistakes: Sequence[tuple[Local, str]],
) -> str:
    """ "" if ``grad`` is right, else what it was and why it is wrong."""
    if grad is None:
        return "no gradient (None): backward must return a tensor."
    try:
        got = to_array(grad, "gradient")
    except (TypeError, ValueError):
        return f"{describe(grad)}."
    if _close(got, want, 1e-7, 1e-12):
        return ""
    shown = f"{_show(got)}; expected {_show(want)}."
    for wrong, why in mistakes:
        if _close(got, w * wrong(x), 1e-7, 1e-12):
            return f"{shown} {why}"
    if _close(got, want / w, 1e-7, 1e-12):
        return f"{shown} Your backward ignores grad_output: multiply by it."
    return shown


q9 = Question(
    "q9",
    _function_checker(
        "Sigmoid",
        _sigmoid,
        lambda x: _sigmoid(x) * (1 - _sigmoid(x)),
        [
            ([-3.0, -0.5, 0.0, 1.2, 4.0], [0.5, -2.0, 3.0, 1.5, -0.7]),
            (
                [[-1.5, 2.5, 0.3], [6.0, -7.0, 0.8]],
                [[1.0, 2.0, -1.0], [0.25, -3.0, 4.0]],
            ),
        ],
        [
            (
                _sigmoid,
                "That is sigma itself; the derivative is sigma * (1 - sigma).",
            ),
            (
                lambda x: 1 - _sigmoid(x) ** 2,
                "1 - y^2 is tanh's derivative; the sigmoid's is y(1 - y).",
            ),
        ],
    ),
    hint="Save the output y in setup_context (it is passed in as output), "
    "and use sigma'(x) = y(1 - y) in backward, times grad_output.",
    solution="class Sigmoid(torch.autograd.Function):\n"
    "    @staticmethod\n"
    "    def forward(x):\n"
    "        return 1 / (1 + torch.exp(-x))\n\n"
    "    @staticmethod\n"
    "    def setup_context(ctx, inputs, output):\n"
    "        ctx.save_for_backward(output)\n\n"
    "    @staticmethod\n"
    "    def backward(ctx, grad_output):\n"
    "        (y,) = ctx.saved_tensors\n"
    "        return grad_output * y * (1 - y)",
)


def _sign_ste_local(x: np.ndarray) -> np.ndarray:
    return (np.abs(x) <= 1).astype(float)


q10 = Question(
    "q10",
    _function_checker(
        "SignSTE",
        np.sign,
        _sign_ste_local,
        [
            (
                [-2.5, -0.7, 0.3, 0.95, 1.6, -1.2],
                [1.5, -2.0, 0.5, 3.0, -1.0, 2.5],
            ),
            ([[0.4, -3.0], [-0.2, 2.2]], [[-1.5, 2.0], [4.0, 0.5]]),
        ],
        [
            (
                np.ones_like,
                "That is the plain straight-through estimator; this one "
                "passes grad_output only where |x| <= 1.",
            ),
            (
                np.zeros_like,
                "That is the true derivative of sign, 0 almost everywhere; "
                "the estimator passes grad_output where |x| <= 1.",
            ),
            (
                lambda x: (np.abs(x) > 1).astype(float),
                "The mask is inverted: pass the gradient where |x| <= 1 and "
                "block it outside.",
            ),
        ],
    ),
    hint="forward is torch.sign; setup_context saves the input; backward "
    "lets grad_output through where |x| <= 1 and puts 0 elsewhere.",
    solution="class SignSTE(torch.autograd.Function):\n"
    "    @staticmethod\n"
    "    def forward(x):\n"
    "        return torch.sign(x)\n\n"
    "    @staticmethod\n"
    "    def setup_context(ctx, inputs, output):\n"
    "        (x,) = inputs\n"
    "        ctx.save_for_backward(x)\n\n"
    "    @staticmethod\n"
    "    def backward(ctx, grad_output):\n"
    "        (x,) = ctx.saved_tensors\n"
    "        return grad_output * (x.abs() <= 1).to(grad_output.dtype)",
)
