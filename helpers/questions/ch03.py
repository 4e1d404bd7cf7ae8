"""Practice questions for chapter 03, partial derivatives and gradients."""

from typing import Any

import numpy as np

from helpers.quiz import (
    Checker,
    Question,
    array,
    choice,
    function,
    number,
    shape,
)


def shape_with_notes(
    expected: tuple[int, ...], notes: dict[tuple[int, ...], str]
) -> Checker:
    """``shape(expected)``, plus a note for known wrong shapes."""
    base = shape(expected)

    def checker(answer: Any) -> tuple[bool, str]:
        ok, reason = base(answer)
        given = (answer,) if isinstance(answer, int) else answer
        if not ok and isinstance(given, (tuple, list)):
            if all(isinstance(n, (int, np.integer)) for n in given):
                note = notes.get(tuple(int(n) for n in given))
                if note:
                    reason = f"{reason} {note}"
        return ok, reason

    return checker


q1 = Question(
    "q1",
    number(
        10.0,
        mistakes={
            6.0: "the term 4x also depends on x; it adds 4.",
            27.0: "that is df/dy; hold y fixed and differentiate in x.",
            21.0: "that is f(3, 1) itself, not a slope.",
        },
    ),
    hint="Hold y = 1 fixed: x**2 * y**3 is (a constant) * x**2, and 4x "
    "has slope 4.",
    solution="df/dx = 2x y**3 + 4 = 2*3*1 + 4 = 10",
)

q2 = Question(
    "q2",
    array([4.0, 3.0]),
    hint="df/dx = 6x - y and df/dy = -x + 2y; the gradient lists df/dx first.",
    solution="grad f = (6x - y, -x + 2y) = (6 - 2, -1 + 4) at (1, 2):\n"
    "answer = np.array([4.0, 3.0])",
)

q3 = Question(
    "q3",
    function(
        lambda x, y: np.array([2 * x * y, x**2 + np.cos(y)]),
        [(3.0, 4.0), (0.0, 0.0), (-1.5, 2.0), (0.5, -0.7), (2.0, 3.1)],
        names=("x", "y"),
        what="your grad_f",
    ),
    hint="Two partial derivatives: x**2 * y gives 2xy in x and x**2 in y; "
    "sin(y) gives 0 in x and cos(y) in y. Return np.array([df_dx, df_dy]).",
    solution="def grad_f(x, y):\n"
    "    return np.array([2 * x * y, x**2 + np.cos(y)])",
)

q4 = Question(
    "q4",
    choice(
        "a",
        ["a", "b", "c", "d"],
        feedback={
            "b": "along (1, 0) the slope is df/dx = 24, but along the "
            "gradient's direction it is |grad f| = 26.",
            "c": "that is the direction of steepest descent: f decreases "
            "fastest there.",
            "d": "(-10, 24) is perpendicular to the gradient: it runs along "
            "the level set, where the slope is 0.",
        },
    ),
    hint="D_u f = grad f . u = |grad f| cos(angle between u and grad f).",
    solution="(a): the directional derivative grad f . u is largest when u "
    "points along grad f = (24, 10), where it equals |grad f| = 26.",
)

q5 = Question(
    "q5",
    number(
        22.4,
        mistakes={
            112.0: "(3, 4) has length 5; divide it by 5 to get the unit "
            "vector u = (0.6, 0.8).",
            26.0: "that is |grad f|, the largest slope, reached only along "
            "the gradient.",
            14.4: "that is only the x part, 24 * 0.6; add 10 * 0.8.",
        },
    ),
    hint="The direction from (3, 4) to (6, 8) is (3, 4); make it a unit "
    "vector, then take its dot product with grad f = (24, 10).",
    solution="u = (3, 4) / 5 = (0.6, 0.8); D_u f = 24 * 0.6 + 10 * 0.8 = "
    "14.4 + 8 = 22.4",
)

q6 = Question(
    "q6",
    shape_with_notes(
        (2, 3),
        {
            (3, 2): "Rows are outputs (2 of them), columns are inputs (3).",
            (2,): "A Jacobian is a matrix: one row per output, one column "
            "per input.",
            (3,): "A Jacobian is a matrix: one row per output, one column "
            "per input.",
            (3, 3): "The matrix is square only when there are as many "
            "outputs as inputs.",
        },
    ),
    hint="One row per output, one column per input.",
    solution="(2, 3): m = 2 outputs (rows) by n = 3 inputs (columns).",
)

q7 = Question(
    "q7",
    shape_with_notes(
        (1, 2),
        {
            (2,): "That is the shape helpers.gradient returns; "
            "helpers.jacobian always returns a matrix (outputs, inputs).",
            (2, 1): "One output means one row; the two inputs are the "
            "columns.",
            (2, 2): "That is the Hessian's shape; the Jacobian of a scalar "
            "function has one row.",
        },
    ),
    hint="helpers.jacobian always returns a matrix (m, n); how many outputs "
    "does a scalar function have?",
    solution="(1, 2): one output (one row, the gradient) by two inputs.",
)

q8 = Question(
    "q8",
    number(
        18.0,
        mistakes={
            54.0: "that is d2f/dx2 = 6x y**2; differentiate once in x and "
            "once in y.",
            2.0: "that is d2f/dy2 = 2x**3.",
            27.0: "that is the first derivative df/dx = 3x**2 y**2; now "
            "differentiate it in y.",
            6.0: "that is the first derivative df/dy = 2x**3 y; now "
            "differentiate it in x.",
        },
    ),
    hint="df/dx = 3x**2 y**2; differentiate that in y. The order does not "
    "matter: the Hessian is symmetric.",
    solution="df/dx = 3x**2 y**2, d2f/dydx = 6x**2 y = 6*1*3 = 18",
)
