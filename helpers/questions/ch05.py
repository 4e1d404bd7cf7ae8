"""Practice questions for chapter 05, forward mode with dual numbers."""

import numpy as np

from helpers.quiz import Question, array, choice, function, number

q1 = Question(
    "q1",
    array(
        [8.0, 14.0],
        mistakes=[
            (
                [8.0, 3.0],
                "The ε part is not the product of the ε parts: "
                "expand (a + bε)(c + dε) and use ε² = 0.",
            ),
            ([8.0, 17.0], "The ε² term 3·1·ε² is dropped, because ε² = 0."),
            ([6.0, 4.0], "That is the sum; the question multiplies."),
            ([14.0, 8.0], "Give the value first, then the ε part."),
        ],
    ),
    hint="(a + bε)(c + dε) = ac + (ad + bc)ε + bd ε², and ε² = 0.",
    solution="(2 + 3ε)(4 + ε) = 8 + 2ε + 12ε + 3ε² = 8 + 14ε, so "
    "np.array([8, 14]).",
)

q2 = Question(
    "q2",
    array(
        [0.0, 1.0],
        mistakes=[
            ([1.0, 0.0], "That seed moves x and gives ∂f/∂x."),
            (
                [1.0, 1.0],
                "Moving both inputs gives ∂f/∂x + ∂f/∂y, the "
                "directional derivative along (1, 1).",
            ),
            (
                [0.0, 0.0],
                "With no tangent at all every derivative comes out 0.",
            ),
            (
                [3.0, 4.0],
                "Those are the values of x and y; the seed is "
                "the tangent part.",
            ),
        ],
    ),
    hint="The seed says how fast each input moves. Which input should "
    "move, and which stand still?",
    solution="np.array([0, 1]): x = Dual(3, 0) stands still, y = Dual(4, 1) "
    "moves at rate 1, so f's tangent is ∂f/∂y = x² + 1 = 10.",
)

q3 = Question(
    "q3",
    number(
        7.0,
        mistakes={
            3.0: "3 is the number of outputs; forward mode seeds the inputs, "
            "one pass per input.",
            1.0: "one pass gives one Jacobian-vector product J v, that is "
            "one column of J.",
            21.0: "each pass gives a whole column (all 3 outputs at once), "
            "not a single entry.",
            14.0: "that is what central differences need (2n function "
            "evaluations); forward mode needs one pass per input.",
        },
    ),
    hint="One forward pass with the seed e_j gives J e_j, column j of J. "
    "How many columns does a 3 × 7 Jacobian have?",
    solution="7: J is 3 × 7, and each pass with seed e_j gives one column "
    "(all 3 outputs), so 7 passes.",
)


def _cos_reference(a: float, b: float) -> np.ndarray:
    return np.array([np.cos(a), -np.sin(a) * b])


q4 = Question(
    "q4",
    function(
        _cos_reference,
        [(0.5, 2.0), (1.0, -1.5), (2.5, 0.3), (-1.2, 3.0)],
        names=("a", "b"),
        what="your dual_cos",
    ),
    hint="cos(a + bε) = cos(a) + cos'(a)·b ε, and cos'(a) = -sin(a).",
    solution="def dual_cos(a, b):\n"
    "    # cos(u)' = -sin(u) u'\n"
    "    return np.cos(a), -np.sin(a) * b",
)


def _div_reference(a: float, b: float, c: float, d: float) -> np.ndarray:
    return np.array([a / c, (b * c - a * d) / c**2])


q5 = Question(
    "q5",
    function(
        _div_reference,
        [
            (3.0, 1.0, 2.0, 0.5),
            (1.0, -2.0, 4.0, 1.0),
            (-1.5, 0.5, 0.5, 2.0),
            (2.0, 0.0, -3.0, 1.0),
        ],
        names=("a", "b", "c", "d"),
        what="your dual_div",
    ),
    hint="Quotient rule: (u / v)' = (u' v - u v') / v². Here u = a + bε "
    "and v = c + dε.",
    solution="def dual_div(a, b, c, d):\n"
    "    # (u / v)' = (u' v - u v') / v^2\n"
    "    return a / c, (b * c - a * d) / c**2",
)

q6 = Question(
    "q6",
    number(
        30.0,
        mistakes={
            10.0: "that is f'(2); the seed here is 3, so the tangent is "
            "f'(2) · 3.",
            36.0: "the -2x term contributes -2 · 3ε = -6ε as well.",
            4.0: "4 = f(2) is the value part, not the ε part.",
            42.0: "the -2x term subtracts 6ε; it does not add it.",
        },
    ),
    hint="Expand (2 + 3ε)³ with ε² = 0: only the terms with one ε "
    "survive. Then subtract 2(2 + 3ε).",
    solution="(2 + 3ε)³ = 8 + 3·2²·3ε = 8 + 36ε and 2(2 + 3ε) = 4 + 6ε, so "
    "f = 4 + 30ε: the ε part is f'(2) · 3 = 10 · 3 = 30.",
)

q7 = Question(
    "q7",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "ε is not a small float: no number but 0 squares to 0. "
            "And 1e-8 squared is 1e-16, which a float stores without "
            "trouble.",
            "c": "the rule is about ε itself, not about tangents; the "
            "product rule multiplies tangents by values, never tangents "
            "by tangents.",
            "d": "there is no step to choose: the ε part is exact up to "
            "rounding, unlike a finite difference.",
        },
    ),
    hint="Compare with complex numbers, where i² = -1 is a rule we "
    "impose. What does ε² = 0 do to the Taylor series of f(a + ε)?",
    solution="(b): ε² = 0 is a rule of the number system (like i² = -1). "
    "It removes every Taylor term of order 2 and higher, so "
    "f(a + ε) = f(a) + f'(a)ε exactly.",
)

q8 = Question(
    "q8",
    array(
        [7.0, 3.0],
        mistakes=[
            ([5.0, 4.0], "That is Jᵀ v; J v combines each row of J with v."),
            (
                [3.0, 1.0],
                "That is only the first column J e_1; v moves y as well.",
            ),
            ([6.0, 5.0], "Those are the values f(2, 3), not the tangents."),
            (
                [8.0, 3.0],
                "∂(xy)/∂x is y = 3 and ∂(xy)/∂y is x = 2: 3·1 + 2·2 = 7.",
            ),
        ],
    ),
    hint="Seed x = 2 + 1ε and y = 3 + 2ε and expand xy and x + y with ε² = 0.",
    solution="J = [[y, x], [1, 1]] = [[3, 2], [1, 1]] at (2, 3), so "
    "J v = [3·1 + 2·2, 1 + 2] = [7, 3]. In one pass: "
    "(2 + ε)(3 + 2ε) = 6 + 7ε and (2 + ε) + (3 + 2ε) = 5 + 3ε.",
)
