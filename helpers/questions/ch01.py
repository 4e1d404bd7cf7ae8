"""Practice questions for chapter 01, derivatives."""

import numpy as np

from helpers.quiz import Question, choice, function, number

q1 = Question(
    "q1",
    number(13.0, mistakes={26.0: "divide the change in f by the width 2."}),
    hint="Average rate = (f(3) - f(1)) / (3 - 1) with f(x) = x**3.",
    solution="(3**3 - 1**3) / (3 - 1) = (27 - 1) / 2 = 13.0",
)

q2 = Question(
    "q2",
    number(
        2.1,
        mistakes={
            2.0: "that is the tangent's slope; the secant with h = 0.1 is "
            "a little steeper.",
            0.21: "divide by h = 0.1, not multiply.",
        },
    ),
    hint="Secant slope = (f(1 + h) - f(1)) / h; for x**2 it equals 2x + h.",
    solution="(1.1**2 - 1**2) / 0.1 = 0.21 / 0.1 = 2.1 (= 2x + h at x = 1)",
)

q3 = Question(
    "q3",
    function(
        lambda x: 12 * x**3 - 2, [-1.5, 0.0, 0.5, 1.5, 2.0], what="your df"
    ),
    hint="Power rule term by term: d(3x^4)/dx = 3 * 4 x^3; the constant 7 "
    "has derivative 0.",
    solution="def df(x):\n    return 12 * x**3 - 2",
)

q4 = Question(
    "q4",
    number(
        70.0,
        mistakes={
            14.0: "that is dz/dy = 2y; multiply by dy/dx = 5 (chain rule).",
            10.0: "dz/dy is 2y with y = 7, not 2.",
            49.0: "that is z itself, not its derivative.",
        },
    ),
    hint="y = 5x + 2 = 7 at x = 1; dz/dx = dz/dy * dy/dx = 2y * 5.",
    solution="y = 7, dz/dy = 2y = 14, dy/dx = 5, dz/dx = 14 * 5 = 70 "
    "(= 50x + 20 at x = 1)",
)

q5 = Question(
    "q5",
    function(
        lambda x: 2 * x * np.cos(x**2),
        [-1.2, 0.0, 0.7, 1.5, 2.3],
        what="your dz_dx",
    ),
    hint="Outer function sin(u) with u = x**2: d sin(u)/du = cos(u), "
    "du/dx = 2x.",
    solution="def dz_dx(x):\n    return np.cos(x**2) * 2 * x",
)

q6 = Question(
    "q6",
    choice(
        "b",
        ["a", "b", "c"],
        feedback={
            "a": "dy/dx is one symbol: the limit of a ratio, not a ratio "
            "of two numbers dy and dx.",
            "c": "dx is not a fixed number; it stands for a change that "
            "shrinks to zero in the limit.",
        },
    ),
    hint="Think of d/dx as a machine: it takes a function and returns "
    "another function.",
    solution="(b): d/dx is an operator; d/dx x**3 = 3x**2.",
)

q7 = Question(
    "q7",
    number(
        0.4,
        mistakes={
            -0.4: "step against the derivative: x - lr * f'(x), and "
            "f'(0) = -4.",
            4.0: "multiply the derivative by the learning rate 0.1.",
        },
    ),
    hint="x1 = x0 - lr * f'(x0) with f'(x) = 2x - 4.",
    solution="f'(0) = -4, so x1 = 0 - 0.1 * (-4) = 0.4",
)

q8 = Question(
    "q8",
    choice(
        "b",
        ["a", "b", "c"],
        feedback={
            "a": "try two steps by hand: from 0 the step lands on 4, and from "
            "4 back on 0.",
            "c": "the distance to 2 stays the same every step; it does not "
            "grow.",
        },
    ),
    hint="With lr = 1: x_new = x - (2x - 4) = 4 - x. Start at 0.",
    solution="(b): x_new - 2 = (1 - 2 lr)(x - 2) = -(x - 2), so the iterates "
    "jump 0, 4, 0, 4, ... around the minimum forever.",
)
