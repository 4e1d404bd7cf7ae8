"""Practice questions for chapter 07, tf.GradientTape.

No TensorFlow import here: tensors are recognised by their ``.numpy()``
method when the checks convert answers.
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers._convert import describe, to_array
from helpers.quiz import Question, array, function, number, shape

Check = Callable[[Any], "tuple[bool, str]"]


def _reject_none(checker: Check, reason: str) -> Check:
    """``checker``, with a specific reason when a None appears.

    A list of tensors (what ``tape.gradient`` returns for a list of
    sources) is turned into a list of NumPy values first.
    """

    def wrapped(answer: Any) -> tuple[bool, str]:
        items = answer if isinstance(answer, (list, tuple)) else [answer]
        if any(item is None for item in items):
            return False, reason
        if isinstance(answer, (list, tuple)):
            answer = [
                item.numpy()
                if callable(getattr(item, "numpy", None))
                else item
                for item in answer
            ]
        return checker(answer)

    return wrapped


# q1: which gradients are None? One True/False per snippet (a)-(f).
NONE_PATTERN = [False, True, True, True, False, True]
NONE_REASONS = [
    "a float tf.Variable is watched automatically, so its gradient is 2x "
    "= 4, not None.",
    "a tf.constant is not watched without tape.watch(x), so the gradient "
    "is None.",
    "tf.Variable(2) has dtype int32, and integer sources get None.",
    "x.numpy() leaves TensorFlow: the tape has no path from x to y, so the "
    "gradient is None.",
    "the constant is watched with tape.watch(x), so the gradient is "
    "exp(2), not None.",
    "y is computed from another variable and never uses x: an unconnected "
    "gradient is None by default.",
]


def _none_pattern(answer: Any) -> tuple[bool, str]:
    n = len(NONE_PATTERN)
    wanted = f"a list of {n} True/False values, one per snippet (a)-(f)"
    if isinstance(answer, (str, bytes, dict)):
        return False, f"expected {wanted}; got {describe(answer)}."
    try:
        items = list(answer)
    except TypeError:
        return False, f"expected {wanted}; got {describe(answer)}."
    if len(items) != n:
        return False, f"expected {wanted}; got {len(items)} values."
    flags = []
    for k, item in enumerate(items):
        if isinstance(item, (bool, np.bool_)):
            flags.append(bool(item))
        elif isinstance(item, (int, float, np.integer, np.floating)) and (
            item in (0, 1)
        ):
            flags.append(bool(item))
        else:
            return False, (
                f"entry {k} (snippet ({'abcdef'[k]})) is {describe(item)}; "
                "write True if the gradient is None, else False."
            )
    wrong = [k for k in range(n) if flags[k] != NONE_PATTERN[k]]
    if not wrong:
        return True, ""
    k = wrong[0]
    return False, (
        f"snippet ({'abcdef'[k]}): {NONE_REASONS[k]} "
        f"({n - len(wrong)} of {n} right)"
    )


q1 = Question(
    "q1",
    _none_pattern,
    hint="For each snippet ask: is x watched (a float Variable, or a "
    "constant passed to tape.watch)? Is it a float? Does y reach x through "
    "TensorFlow operations only?",
    solution="[False, True, True, True, False, True]\n"
    "(a) 4.0; (b) None: constant not watched; (c) None: int32 source; "
    "(d) None: NumPy round trip; (e) exp(2) = 7.389; (f) None: y does not "
    "depend on x.",
)


# q2: fix a broken tape snippet.
Q2_POINTS = [-2, 0, 1, 1.5, 3]
_q2_values = function(
    lambda x0: 3 * x0**2 - 2 * np.cos(x0),
    Q2_POINTS,
    names=("x0",),
    rtol=1e-5,
    atol=1e-5,
    what="your fixed_grad",
)


def _fixed_grad(answer: Any) -> tuple[bool, str]:
    if callable(answer):
        for x0 in Q2_POINTS:
            try:
                result = answer(x0)
            except Exception:
                break  # function() reports it, NotImplementedError included
            if result is None:
                return False, (
                    f"at x0 = {x0} your fixed_grad returned None. "
                    "tape.gradient gives None for a constant that is not "
                    "watched, an integer dtype or a NumPy round trip (or "
                    "check that you `return` the gradient)."
                )
    ok, reason = _q2_values(answer)
    if ok or not callable(answer):
        return ok, reason
    if "int32" in reason:
        return False, (
            reason.splitlines()[0].split(":")[0] + ": an integer x0 "
            "makes an int32 tensor; pass dtype=tf.float32."
        )
    try:
        misses_cos = all(
            np.isclose(float(to_array(answer(x0))), 3 * x0**2, rtol=1e-5)
            for x0 in Q2_POINTS
        )
    except Exception:
        misses_cos = False
    if misses_cos:
        reason += (
            " Your values are 3x^2 only: np.sin leaves the tape, so the "
            "-2 sin(x) term is lost. Use tf.sin."
        )
    return False, reason


q2 = Question(
    "q2",
    _fixed_grad,
    hint="Three fixes: a float dtype (tf.constant(x0, dtype=tf.float32)), "
    "tape.watch(x) for the constant, and tf.sin instead of np.sin.",
    solution="def fixed_grad(x0):\n"
    "    x = tf.constant(x0, dtype=tf.float32)\n"
    "    with tf.GradientTape() as tape:\n"
    "        tape.watch(x)\n"
    "        y = x**3 - 2 * tf.sin(x)\n"
    "    return tape.gradient(y, x)  # 3x^2 - 2cos(x)",
)


q3 = Question(
    "q3",
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
    hint="z = y^2 = (x^3)^2 = x^6. A persistent tape gives the same "
    "numbers as two ordinary tapes.",
    solution="z = x^6, so dz/dx = 6x^5 = 6 * 32 = 192 at x = 2 "
    "(= dz/dy * dy/dx = 16 * 12).",
)


q4 = Question(
    "q4",
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
    hint="Trace the loop by hand: i = 0 multiplies, i = 1 adds, i = 2 "
    "multiplies, i = 3 adds. Write out as a formula in x, then "
    "differentiate.",
    solution="out: x, then 2x, then 2x^2, then 2x^2 + x. "
    "d/dx = 4x + 1 = 9 at x = 2.",
)


q5 = Question(
    "q5",
    shape(
        (2, 3, 2),
        mistakes={
            (3, 2): "(3, 2) is the shape of tape.gradient(y, x), the "
            "source's shape; the Jacobian puts y's shape (2,) in front.",
            (2,): "(2,) is the shape of y; the Jacobian adds the shape of "
            "x after it.",
            (3, 2, 2): "the target's shape comes first: y.shape + x.shape.",
            (2, 6): "the Jacobian keeps x's shape (3, 2) instead of "
            "flattening it.",
        },
    ),
    hint="tape.jacobian(y, x).shape == y.shape + x.shape.",
    solution="(2, 3, 2): y has shape (2,) and x has shape (3, 2).",
)


q6 = Question(
    "q6",
    _reject_none(
        array([0.0, 4.0]),
        "with unconnected_gradients='zero' no entry is None: a source the "
        "target does not use gets a zero of its shape.",
    ),
    hint="y = b**2 never uses a. What is the derivative of something that "
    "does not depend on a?",
    solution="[0.0, 4.0]: dy/da = 0 (unconnected, returned as 0.0), "
    "dy/db = 2b = 4.",
)


_q7_number = number(
    10.0,
    rtol=1e-5,
    mistakes={
        6.0: "that is the gradient of x**2 alone; a list of targets is "
        "summed, so add d(4x)/dx = 4.",
        4.0: "that is the gradient of 4 * x alone; a list of targets is "
        "summed, so add d(x^2)/dx = 6.",
        21.0: "that is the sum of the targets, 9 + 12; the question asks for "
        "the gradient.",
    },
)


def _summed(answer: Any) -> tuple[bool, str]:
    if isinstance(answer, (list, tuple)) and len(answer) == 2:
        return False, (
            "tape.gradient returns one tensor shaped like x, not one per "
            "target: it differentiates the sum of the targets."
        )
    return _q7_number(answer)


q7 = Question(
    "q7",
    _summed,
    hint="tape.gradient([y1, y2], x) equals tape.gradient(y1 + y2, x).",
    solution="d(x^2 + 4x)/dx = 2x + 4 = 10 at x = 3.",
)


q8 = Question(
    "q8",
    _reject_none(
        number(
            4.0,
            rtol=1e-5,
            mistakes={
                16.0: "that is d(x^2 + x^3)/dx; z was computed under "
                "stop_recording, so the tape treats it as a constant.",
                12.0: "12 is the value of w (4 + 8) and also 3x^2; the "
                "tape only recorded y = x^2.",
                8.0: "that is the value of z; z is not recorded, so it adds "
                "nothing to the gradient.",
            },
        ),
        "y = x**2 was recorded, so there is a path from x to w: the "
        "gradient is not None.",
    ),
    hint="Only y = x**2 and w = y + z were recorded; z counts as a constant.",
    solution="w = y + z with z a constant to the tape: dw/dx = 2x = 4.",
)
