"""Practice questions for chapter 15, the cost of autodiff."""

from typing import Any

import numpy as np

from helpers._convert import describe, to_array
from helpers.quiz import NotAnswered, Question, choice, number

q1 = Question(
    "q1",
    choice(
        "a",
        ["a", "b", "c"],
        feedback={
            "b": "reverse mode needs one VJP per output: 1000 of them. "
            "Forward mode needs one JVP per input: 2.",
            "c": "the costs differ by a factor of about 500: n = 2 JVPs "
            "against m = 1000 VJPs.",
        },
    ),
    hint="A full Jacobian takes n JVPs (forward) or m VJPs (reverse). "
    "Here n = 2 and m = 1000.",
    solution="(a) forward mode: the Jacobian is 1000 × 2, so 2 JVPs (one "
    "per column) instead of 1000 VJPs (one per row).",
)

q2 = Question(
    "q2",
    number(
        3,
        mistakes={
            500: "that is the number of outputs; one JVP gives a whole "
            "column of J, all 500 outputs at once.",
            1500: "one JVP gives a whole column (500 entries), not a "
            "single entry.",
            1: "one JVP gives one column J e_j; J has 3 columns.",
        },
    ),
    hint="Forward mode: one JVP with the seed e_j gives column j of J. "
    "How many columns does a 500 × 3 Jacobian have?",
    solution="3: J is 500 × 3 and each JVP J e_j is one column.",
)

q3 = Question(
    "q3",
    number(
        500,
        mistakes={
            3: "that is the number of inputs, what forward mode needs; a "
            "VJP u^T J gives one row, and J has 500 rows.",
            1: "one VJP gives one row of J; only a scalar function has a "
            "single row.",
            1500: "one VJP gives a whole row (3 entries), not a single "
            "entry.",
        },
    ),
    hint="Reverse mode: one VJP with u = e_i gives row i of J. How many "
    "rows does a 500 × 3 Jacobian have?",
    solution="500: one VJP per output, after a single forward pass. Forward "
    "mode (3 JVPs) is the better choice here.",
)

q4 = Question(
    "q4",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "that would be one pass per input, like forward mode or "
            "finite differences; reverse mode gets all 10⁶ partial "
            "derivatives from one backward pass.",
            "c": "the cost does not depend on n at all: the backward pass "
            "visits each operation of f once.",
            "d": "the gradient is cheap, not free: the backward pass does "
            "work at every operation, and the forward pass runs too.",
        },
    ),
    hint="The cheap-gradient principle: gradient time ÷ function time is "
    "a small constant, whatever the number of inputs.",
    solution="(b) a few times 10 ms: the chapter measured gradient ÷ "
    "function below 10 for every n from 10⁴ to 10⁶.",
)


_MATRICES = [
    np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]),
    np.array([[1.0, -2.0, 0.5, 3.0, 0.0]]),
    np.array([[2.0, -1.0], [0.5, 3.0]]),
]


def _check_jacobian_from_jvps(answer: Any) -> tuple[bool, str]:
    """Call the learner's function with a counting jvp for known J."""
    if not callable(answer):
        return False, (
            "expected a function jacobian_from_jvps(jvp, n); "
            f"got {describe(answer)}."
        )
    for J in _MATRICES:
        m, n = J.shape
        calls: list[int] = []

        def jvp(v: Any, J: np.ndarray = J, calls: list[int] = calls) -> Any:
            v = np.asarray(v, dtype=float)
            if v.shape != (J.shape[1],):
                raise ValueError(
                    f"jvp takes a vector of length n = {J.shape[1]}; "
                    f"it got shape {v.shape}"
                )
            calls.append(1)
            return J @ v

        where = f"for a {m} × {n} Jacobian (n = {n})"
        try:
            result = answer(jvp, n)
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return False, (
                f"{where} your function raised {type(error).__name__}: "
                f"{error}"
            )
        if result is None:
            return False, f"{where} it returned None; did you `return`?"
        try:
            got = to_array(result, "your result")
        except (TypeError, ValueError):
            return False, f"{where} it returned {describe(result)}."
        if got.shape != J.shape:
            note = ""
            if got.shape == J.shape[::-1]:
                note = " It looks transposed: each JVP is a column of J."
            return False, (
                f"{where} it returned shape {got.shape}; expected "
                f"{J.shape}.{note}"
            )
        if not np.allclose(got, J):
            note = ""
            if np.allclose(got, J.T):
                note = " It looks transposed: each JVP is a column of J."
            return False, f"{where} the entries are wrong.{note}"
        if len(calls) != n:
            return False, (
                f"{where} your function called jvp {len(calls)} times; "
                f"one call per input, {n} in all, is enough."
            )
    return True, ""


q5 = Question(
    "q5",
    _check_jacobian_from_jvps,
    hint="jvp(e_j) is column j of J. Loop over the rows of np.eye(n) and "
    "stack the results with axis=1.",
    solution="def jacobian_from_jvps(jvp, n):\n"
    "    cols = [jvp(e) for e in np.eye(n)]\n"
    "    return np.stack(cols, axis=1)",
)

q6 = Question(
    "q6",
    number(
        101 * 4096,
        mistakes={
            100 * 4096: "count the network's input too: L layers save "
            "L + 1 distinct activations.",
            299 * 4096: "that counts every saved tensor (3L - 1); the "
            "weights are saved by reference and an activation saved by "
            "two operations is stored once.",
            4096: "reverse mode keeps every layer's activation until the "
            "backward pass, not only the last one.",
            200 * 4096: "a layer's output and the next layer's input are "
            "the same tensor, stored once: L + 1 in all.",
        },
    ),
    hint="The chapter counted L + 1 distinct activations for L layers.",
    solution="(100 + 1) · 4096 = 413696 bytes.",
)

q7 = Question(
    "q7",
    number(
        200,
        mistakes={
            100: "the backward pass reruns every checkpointed segment to "
            "get its activations back: each layer runs twice.",
            110: "every segment is recomputed with all of its 10 layers, "
            "the last segment too.",
            190: "the last segment is recomputed as well: 10 segments of "
            "10 layers each run again.",
            1000: "each segment is recomputed once, not once per layer.",
        },
    ),
    hint="The forward pass runs each layer once; the backward pass reruns "
    "each checkpointed segment once.",
    solution="100 layer calls in the forward pass + 100 while the backward "
    "pass recomputes the 10 segments = 200 (2L).",
)

q8 = Question(
    "q8",
    choice(
        "a",
        ["a", "b", "c", "d"],
        feedback={
            "b": "it is the other way round: checkpointing stores fewer "
            "activations and computes more.",
            "c": "the gradients are exactly the same; only where the "
            "activations come from changes.",
            "d": "the forward pass does the same work; the backward pass "
            "gets slower, because it recomputes segments.",
        },
    ),
    hint="What does the backward pass do when an activation it needs was "
    "not kept?",
    solution="(a): fewer stored activations (about √L with √L segments), "
    "paid for with about one extra forward pass.",
)

q9 = Question(
    "q9",
    number(
        50,
        mistakes={
            0.02: "that is jacrev ÷ jacfwd; the question asks how many "
            "times more jacfwd does.",
            100: "that is n; the ratio of 2mn² to 2m²n is n / m.",
            2: "that is m; the ratio of 2mn² to 2m²n is n / m.",
            40000: "that is jacfwd's count 2mn² alone; divide by jacrev's "
            "2m²n = 800.",
        },
    ),
    hint="jacfwd: 2 m n² operations in the product; jacrev: 2 m² n. "
    "Here m = 2, n = 100.",
    solution="2·2·100² / (2·2²·100) = 40000 / 800 = 50 = n / m.",
)
