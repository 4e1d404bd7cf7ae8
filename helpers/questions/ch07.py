"""Practice questions for chapter 07, tf.GradientTape.

No TensorFlow import here: answers are read through ``helpers._convert``,
the snippets of the predict questions import TensorFlow when ``check``
runs them, and the unseen functions of the implementation exercises use
Python operators only, which work on tensors as they do on numbers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from ..quiz import Question, booleans, number, shape
from ._tools import Case, Predict, implementation

TF = {"tf": "tensorflow", "np": "numpy"}

# ---- predict first ---------------------------------------------------------

# q1: which gradients are None? The snippets are shown in the notebook
# exactly as written here (a test compares them).
Q1_SNIPPETS = [
    (
        "(a)",
        "x = tf.Variable(2.0)\n"
        "with tf.GradientTape() as tape:\n"
        "    y = tf.round(x) * x",
    ),
    (
        "(b)",
        "x = tf.Variable(2.0, trainable=False)\n"
        "with tf.GradientTape() as tape:\n"
        "    y = x**2",
    ),
    (
        "(c)",
        "x = tf.Variable(2.0)\n"
        "h = x**2\n"
        "with tf.GradientTape() as tape:\n"
        "    y = 3 * h",
    ),
    (
        "(d)",
        "x = tf.constant(2.0)\n"
        "with tf.GradientTape() as tape:\n"
        "    tape.watch(x)\n"
        "    y = tf.exp(x)",
    ),
    (
        "(e)",
        "x = tf.Variable(2.0)\n"
        "with tf.GradientTape() as tape:\n"
        "    y = tf.cast(x > 1.0, tf.float32)",
    ),
    (
        "(f)",
        "x = tf.Variable(2.0)\n"
        "with tf.GradientTape() as tape:\n"
        "    y = tf.constant(np.square(x.numpy()))",
    ),
]
NONE_PATTERN = [False, True, True, False, True, True]
NONE_REASONS = [
    "tf.round has no gradient, but y = round(x) * x also uses x directly: "
    "the tape follows that path and returns round(2) = 2, not None.",
    "a variable created with trainable=False is not watched, so the "
    "gradient is None (that is how a value is frozen).",
    "h = x**2 ran before the tape opened; the tape saw only y = 3h and has "
    "no path back to x, so the gradient is None.",
    "the constant is watched with tape.watch(x), so the gradient is "
    "exp(2) = 7.389, not None.",
    "a comparison (x > 1.0) has no gradient, and the cast of its bool "
    "result cannot bring one back: the gradient is None.",
    "x.numpy() leaves TensorFlow: the tape has no path from x to y, so the "
    "gradient is None.",
]

q1 = Predict(
    "q1",
    booleans(
        NONE_PATTERN,
        labels=[f"snippet {label}" for label, _ in Q1_SNIPPETS],
        reasons=NONE_REASONS,
    ),
    snippets=Q1_SNIPPETS,
    show="tape.gradient(y, x)",
    imports=TF,
    hint="For each snippet ask: is x watched (a trainable float Variable, "
    "or a constant passed to tape.watch)? Did the computation from x to y "
    "run inside the block, through TensorFlow operations that have a "
    "gradient?",
    solution="[False, True, True, False, True, True]\n"
    "(a) 2.0 through the second factor x; (b) None: trainable=False; "
    "(c) None: h was computed before the tape; (d) exp(2) = 7.389; "
    "(e) None: a comparison; (f) None: a NumPy round trip.",
)

Q2_SNIPPET = (
    "x = tf.Variable(2.0)\n"
    "with tf.GradientTape(persistent=True) as tape:\n"
    "    y = x**3\n"
    "    z = y**2\n"
    "dz_dx = tape.gradient(z, x)\n"
    "dy_dx = tape.gradient(y, x)\n"
    "del tape"
)

q2 = Predict(
    "q2",
    number(
        192.0,
        rtol=1e-5,
        mistakes={
            16.0: "that is dz/dy = 2y; multiply by dy/dx = 3x^2 = 12 "
            "(chain rule).",
            12.0: "that is dy/dx = 3x^2; the question asks for dz/dx.",
            64.0: "that is z = x^6 itself, not its derivative.",
        },
    ),
    snippets=[("", Q2_SNIPPET)],
    show="dz_dx",
    imports=TF,
    hint="z = y^2 = (x^3)^2 = x^6. A persistent tape gives the same "
    "numbers as two ordinary tapes.",
    solution="z = x^6, so dz/dx = 6x^5 = 6 * 32 = 192 at x = 2 "
    "(= dz/dy * dy/dx = 16 * 12).",
)

Q3_SNIPPET = (
    "def f(x, n):\n"
    "    out = tf.ones_like(x)\n"
    "    for i in range(n):\n"
    "        if i % 2 == 0:\n"
    "            out = out * x\n"
    "        else:\n"
    "            out = out + x\n"
    "    return out\n"
    "\n"
    "\n"
    "x = tf.Variable(2.0)\n"
    "with tf.GradientTape() as tape:\n"
    "    out = f(x, 4)"
)

q3 = Predict(
    "q3",
    number(
        9.0,
        rtol=1e-5,
        mistakes={
            10.0: "that is the value f(2) = 2x^2 + x, not the gradient.",
            8.0: "you dropped the last step: for n = 4 the result is "
            "2x^2 + x, whose derivative is 4x + 1.",
            6.0: "range(4) starts at i = 0, which multiplies: 1 * x = x.",
        },
    ),
    snippets=[("", Q3_SNIPPET)],
    show="tape.gradient(out, x)",
    imports=TF,
    hint="Trace the loop by hand: i = 0 multiplies, i = 1 adds, i = 2 "
    "multiplies, i = 3 adds. Write out as a formula in x, then "
    "differentiate.",
    solution="out: x, then 2x, then 2x^2, then 2x^2 + x. "
    "d/dx = 4x + 1 = 9 at x = 2.",
)

Q4_SNIPPET = (
    "x = tf.ones((4, 3))\n"
    "W = tf.ones((3, 2))\n"
    "with tf.GradientTape() as tape:\n"
    "    tape.watch(x)\n"
    "    y = tf.tanh(x @ W)\n"
    "batch_jac = tape.batch_jacobian(y, x)"
)

q4 = Predict(
    "q4",
    shape(
        (4, 2, 3),
        mistakes={
            (4, 2, 4, 3): "that is tape.jacobian(y, x), y.shape + x.shape; "
            "batch_jacobian drops the second batch axis.",
            (4, 3): "(4, 3) is the shape of x, what tape.gradient would "
            "return; the Jacobian keeps one row per output.",
            (2, 3): "that is one example's block; batch_jacobian stacks "
            "the 4 blocks along the batch axis.",
            (4, 3, 2): "the outputs come before the inputs: "
            "(batch, outputs, inputs).",
        },
    ),
    snippets=[("", Q4_SNIPPET)],
    show="batch_jac.shape",
    imports=TF,
    hint="y has shape (4, 2): 4 examples, 2 outputs each. batch_jacobian "
    "gives, for each example, the Jacobian of its outputs with respect to "
    "its own inputs.",
    solution="(4, 2, 3): batch, then y's 2 outputs, then x's 3 features. "
    "tape.jacobian would give (4, 2, 4, 3).",
)

Q5_SNIPPET = (
    "x = tf.Variable(2.0)\n"
    "with tf.GradientTape() as tape:\n"
    "    y = x**2\n"
    "    with tape.stop_recording():\n"
    "        z = y * x\n"
    "    w = y + z\n"
    "grad = tape.gradient(w, x)"
)

_Q5 = number(
    4.0,
    rtol=1e-5,
    mistakes={
        16.0: "that is d(x^2 + x^3)/dx; z was computed under "
        "stop_recording, so the tape treats it as a constant.",
        12.0: "12 is the value of w (4 + 8) and also 3x^2; the tape "
        "only recorded y = x^2.",
        8.0: "that is the value of z; z is not recorded, so it adds "
        "nothing to the gradient.",
    },
)


def _q5_judge(answer: Any) -> tuple[bool, str]:
    """None is an allowed answer here, so it gets a reason of its own."""
    if answer is None:
        return False, (
            "not None: y = x**2 was recorded before stop_recording and "
            "w = y + z after it, so the tape has a path from x to w."
        )
    return _Q5.judge(answer)


q5 = Predict(
    "q5",
    replace(_Q5, judge=_q5_judge),
    snippets=[("", Q5_SNIPPET)],
    show="grad",
    imports=TF,
    hint="Only y = x**2 and w = y + z were recorded; z counts as a constant.",
    solution="w = y + z with z a constant to the tape: dw/dx = 2x = 4.",
)

# ---- implementations: unseen functions --------------------------------------
# Each works on Python numbers and on tensors alike; its derivative is
# written out by hand next to it.


def _cubic(x: Any) -> Any:
    return 0.7 * x**3 - 1.3 * x + 2


def _d_cubic(x: float) -> float:
    return 2.1 * x**2 - 1.3


def _kinked(x: Any) -> Any:
    if x > 1:  # a Python if on the value: only the branch taken is recorded
        return x**2 / 2
    return 3 - x


def _d_kinked(x: float) -> float:
    return x if x > 1 else -1.0


def _vector(v: Any) -> Any:
    return v[0] * v[1] ** 2 - 0.5 * v[2]


def _d_vector(v: list[float]) -> list[float]:
    return [v[1] ** 2, 2 * v[0] * v[1], -0.5]


def _horner(x: Any) -> Any:
    y = 1.0
    for c in (0.5, -2.0, 1.5):  # x^3 + 0.5x^2 - 2x + 1.5, in a loop
        y = y * x + c
    return y


def _d_horner(x: float) -> float:
    return 3 * x**2 + x - 2


def _bump(v: Any) -> Any:
    return 1 / (1 + v[0] ** 2 + v[1] ** 2)


def _d_bump(v: list[float]) -> list[float]:
    s = (1 + v[0] ** 2 + v[1] ** 2) ** 2
    return [-2 * v[0] / s, -2 * v[1] / s]


CUBIC = "f(x) = 0.7x^3 - 1.3x + 2"
KINKED = "f(x) = x^2/2 if x > 1 else 3 - x"
VECTOR = "f(v) = v0 v1^2 - 0.5 v2"
HORNER = "f(x) = x^3 + 0.5x^2 - 2x + 1.5 (a loop)"
BUMP = "f(v) = 1 / (1 + v0^2 + v1^2)"

_TAPE = (
    "Hand f a float tensor the tape follows (a tf.Variable, or "
    "tf.constant(x0, dtype=tf.float32) passed to tape.watch) and call "
    "tape.gradient."
)
_INT = (
    "An integer x0 makes an int32 tensor, and the tape gives integers no "
    "gradient: pass dtype=tf.float32."
)
_NONE = (
    "tape.gradient gives None when it has no path: is x watched and a "
    "float, and did f run inside the `with` block?"
)


def _case(f: Any, label: str, x0: Any, want: Any) -> Case:
    return Case(f, label, (x0,), np.asarray(want, dtype=float), point=x0)


# q6: grad_at(f, x0), any f, with a tape.
Q6_CASES = [
    _case(_cubic, CUBIC, 1.5, _d_cubic(1.5)),
    _case(_kinked, KINKED, 2, _d_kinked(2)),
    _case(_kinked, KINKED, -0.5, _d_kinked(-0.5)),
    _case(_vector, VECTOR, [1.0, -2.0, 3.0], _d_vector([1.0, -2.0, 3.0])),
    _case(_horner, HORNER, -1.25, _d_horner(-1.25)),
    _case(_bump, BUMP, [0.5, -1.0], _d_bump([0.5, -1.0])),
]

q6 = Question(
    "q6",
    implementation(
        Q6_CASES,
        names=("x0",),
        what="your grad_at",
        tensor_hint=_TAPE,
        none_hint=_NONE,
        int_hint=_INT,
    ),
    hint="Turn x0 into a float tensor the tape follows, run f on it inside "
    "the `with` block, and ask the tape for the gradient afterwards. An "
    "integer x0 needs an explicit float dtype.",
    solution="def grad_at(f, x0):\n"
    "    x = tf.Variable(x0, dtype=tf.float32)\n"
    "    with tf.GradientTape() as tape:\n"
    "        y = f(x)\n"
    "    return tape.gradient(y, x)",
)


# q7: repair (a), the forward pass ran before the tape: d f(x)^2 / dx.
def _square_grad(f: Any, df: Any, x0: Any) -> np.ndarray:
    return 2 * np.asarray(f(np.asarray(x0, float))) * np.asarray(df(x0))


Q7_CASES = [
    Case(_cubic, CUBIC, (1.5,), _square_grad(_cubic, _d_cubic, 1.5), 1.5),
    Case(_horner, HORNER, (0.8,), _square_grad(_horner, _d_horner, 0.8), 0.8),
    Case(
        _vector,
        VECTOR,
        ([1.0, -2.0, 3.0],),
        _square_grad(_vector, _d_vector, [1.0, -2.0, 3.0]),
        [1.0, -2.0, 3.0],
    ),
]


def _forgot_chain(f: Any, x0: Any) -> Any:
    """d f^2/dx without the factor f'(x): 2 f(x)."""
    return (
        2
        * np.asarray(f(np.asarray(x0, float)))
        * np.ones_like(np.asarray(x0, float))
    )


_derivatives: dict[Any, Any] = {
    _cubic: _d_cubic,
    _horner: _d_horner,
    _vector: _d_vector,
}


def _only_f_prime(f: Any, x0: Any) -> Any:
    """The gradient of f instead of f^2."""
    return np.asarray(_derivatives[f](x0), dtype=float)


q7 = Question(
    "q7",
    implementation(
        Q7_CASES,
        names=("x0",),
        what="your grad_of_square",
        tensor_hint=_TAPE,
        none_hint=_NONE,
        int_hint=_INT,
        mistakes=[
            (
                _only_f_prime,
                "That is the gradient of f(x); the loss is "
                "f(x)**2, so multiply by 2 f(x) (chain rule).",
            ),
            (
                _forgot_chain,
                "That is 2 f(x); the chain rule also multiplies by f'(x).",
            ),
        ],
    ),
    hint="The tape records only what runs inside its block. Where does "
    "y = f(x) run in the broken version?",
    solution="def grad_of_square(f, x0):\n"
    "    x = tf.Variable(x0, dtype=tf.float32)\n"
    "    with tf.GradientTape() as tape:\n"
    "        y = f(x)  # inside the block now\n"
    "        loss = y**2\n"
    "    return tape.gradient(loss, x)",
)


# q8: repair (b), an integer x0 makes an int32 tensor.
Q8_CASES = [
    _case(_cubic, CUBIC, 2, _d_cubic(2)),
    _case(_cubic, CUBIC, 0.5, _d_cubic(0.5)),
    _case(_kinked, KINKED, 3, _d_kinked(3)),
    _case(_horner, HORNER, 2, _d_horner(2)),
    _case(_vector, VECTOR, [1, 2, 3], _d_vector([1, 2, 3])),
]

q8 = Question(
    "q8",
    implementation(
        Q8_CASES,
        names=("x0",),
        what="your watched_grad",
        tensor_hint=_TAPE,
        none_hint=_INT,
        int_hint=_INT,
    ),
    hint="Print tf.constant(2).dtype. What did TensorFlow's warning say "
    "when such a tensor was watched?",
    solution="def watched_grad(f, x0):\n"
    "    x = tf.constant(x0, dtype=tf.float32)  # a float, even for 2\n"
    "    with tf.GradientTape() as tape:\n"
    "        tape.watch(x)\n"
    "        y = f(x)\n"
    "    return tape.gradient(y, x)",
)


# q9: repair (c), clipping in NumPy cuts the path; tf.clip_by_value keeps
# it, with gradient 0 where the value was clipped.
def _clipped(f: Any, df: Any, x0: Any) -> np.ndarray:
    inside = np.abs(np.asarray(f(np.asarray(x0, float)))) < 10
    return np.where(inside, np.asarray(df(x0), float), 0.0)


Q9_CASES = [
    Case(_cubic, CUBIC, (1.5,), _clipped(_cubic, _d_cubic, 1.5), 1.5),
    Case(_cubic, CUBIC, (3.0,), _clipped(_cubic, _d_cubic, 3.0), 3.0),
    Case(_horner, HORNER, (-2.5,), _clipped(_horner, _d_horner, -2.5), -2.5),
    Case(_horner, HORNER, (-3.0,), _clipped(_horner, _d_horner, -3.0), -3.0),
    Case(
        _vector,
        VECTOR,
        ([1.0, -2.0, 3.0],),
        _clipped(_vector, _d_vector, [1.0, -2.0, 3.0]),
        [1.0, -2.0, 3.0],
    ),
]


q9 = Question(
    "q9",
    implementation(
        Q9_CASES,
        names=("x0",),
        what="your clipped_grad",
        tensor_hint=_TAPE,
        none_hint="y.numpy() and np.clip leave TensorFlow, so the tape "
        "has no path from x to the clipped y.",
        mistakes=[
            (
                _only_f_prime,
                "That is f'(x) everywhere; where f(x) was "
                "clipped to 10 or -10, the clipped value no longer changes "
                "with x and its gradient is 0.",
            ),
        ],
    ),
    hint="TensorFlow has its own clipping operation, which the tape "
    "records. What should its gradient be where the value was clipped?",
    solution="def clipped_grad(f, x0):\n"
    "    x = tf.Variable(x0, dtype=tf.float32)\n"
    "    with tf.GradientTape() as tape:\n"
    "        y = tf.clip_by_value(f(x), -10.0, 10.0)\n"
    "    return tape.gradient(y, x)  # 0 where f(x) was clipped",
)
