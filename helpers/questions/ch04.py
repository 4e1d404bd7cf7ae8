"""Practice questions for chapter 04, computational graphs and symbolic
differentiation."""

import numpy as np

from helpers.quiz import Question, choice, function, number

q1 = Question(
    "q1",
    number(
        7.0,
        mistakes={
            6.0: "that counts x once, as the graph does; the written-out "
            "tree has a leaf for every use of x.",
            4.0: "those are the leaves only; the three operations are "
            "nodes too.",
            3.0: "those are the operations only; the leaves x, 2, y and x "
            "are nodes too.",
        },
    ),
    hint="Python builds ((x + 2) * y) + x. Count every operation and every "
    "leaf, x once per appearance.",
    solution="+ at the root; its children * and x; the * has children "
    "(x + 2) and y; the inner + has x and 2. That is 3 operations + 4 "
    "leaves = 7 nodes. (The graph has 6: x is one node.)",
)

q2 = Question(
    "q2",
    number(
        5.0,
        mistakes={
            2.0: "mind the parentheses: y + 3 is one subtree, and x "
            "multiplies all of it.",
            3.0: "y * y at y = -1 is (-1)(-1) = +1.",
            4.0: "that is x * (y + 3) only; add the subtree y * y.",
        },
    ),
    hint="Evaluate from the leaves up: y + 3, then x * (y + 3), then y * y, "
    "then the root +.",
    solution="y + 3 = 2, x * 2 = 4, y * y = 1, 4 + 1 = 5",
)

q3 = Question(
    "q3",
    number(
        21.0,
        mistakes={
            15.0: "that is only a * b' = (x + y) * y; add a' * b = 1 * xy.",
            6.0: "that is only a' * b = xy; add a * b' = (x + y) * y.",
            3.0: "the derivative of a product is not the product of the "
            "derivatives: use a b' + a' b.",
            30.0: "that is f(2, 3) itself, not its derivative.",
            16.0: "that is the partial derivative with respect to y.",
        },
    ),
    hint="a = x + y and b = x * y. Then a' = 1 and b' = y (d/dx). The "
    "product rule: a b' + a' b.",
    solution="At (2, 3): a = 5, b = 6, a' = 1, b' = 3, so "
    "a b' + a' b = 5 * 3 + 1 * 6 = 21. Check: f = x^2 y + x y^2, "
    "df/dx = 2xy + y^2 = 12 + 9 = 21.",
)

q4 = Question(
    "q4",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "folding needs a node whose children are all constants. "
            "The tree is (x * 2) * 3: no node has two constant children, "
            "and the simplifier does not reorder.",
            "c": "the + 0 is removed too: a + 0 -> a.",
            "d": "x * 0 -> 0 removes only that term; the other term stays.",
        },
    ),
    hint="Python builds ((x * 2) * 3) + (x * 0). Simplify from the leaves "
    "up and check which rule matches each node.",
    solution="(b): x * 0 -> 0, then (...) + 0 -> (...). Neither x * 2 nor "
    "(x * 2) * 3 has only constant children, so nothing is folded: "
    "x * 2 * 3.",
)

q5 = Question(
    "q5",
    function(
        lambda a, da: np.exp(a) * da,
        [(0.0, 1.0), (1.0, 1.0), (0.5, 2.0), (-1.0, -3.0), (2.0, 0.5)],
        names=("a", "da"),
        what="your exp_rule",
    ),
    hint="d exp(a) = exp(a) * a' (chain rule): the outer derivative of exp "
    "is exp itself.",
    solution="def exp_rule(a, da):\n    return np.exp(a) * da",
)

q6 = Question(
    "q6",
    function(
        lambda a, b, da, db: (da * b - a * db) / b**2,
        [
            (1.0, 2.0, 0.0, 1.0),
            (1.0, 2.0, 1.0, 0.0),
            (3.0, -1.5, 2.0, 0.5),
            (-2.0, 4.0, 1.0, -1.0),
        ],
        names=("a", "b", "da", "db"),
        what="your div_rule",
    ),
    hint="The quotient rule: (a / b)' = (a' b - a b') / b^2.",
    solution="def div_rule(a, b, da, db):\n"
    "    return (da * b - a * db) / b**2",
)

q7 = Question(
    "q7",
    number(
        25.0,
        mistakes={
            15.0: "that is n = 3; build one more product-rule step.",
            5.0: "that is the simplified derivative x2 * x3 * x4.",
            7.0: "that is the function x1 * x2 * x3 * x4 itself.",
            19.0: "that counts distinct graph nodes; count the tree, a "
            "shared subtree once per use.",
        },
    ),
    hint="d(P * x4) = P * d(x4) + d(P) * x4 with P = x1 * x2 * x3 (5 nodes) "
    "and d(P) the 15-node raw derivative from the chapter. Count the "
    "Add, the two Muls, the constant 0 and x4.",
    solution="1 (Add) + [1 (Mul) + 5 (P) + 1 (0)] + [1 (Mul) + 15 (dP) + "
    "1 (x4)] = 25 = n^2 + 3n - 3 at n = 4.",
)

q8 = Question(
    "q8",
    number(
        6.0,
        mistakes={
            12.0: "that is a first derivative; differentiate once more.",
            4.0: "that is d2f/dy2 = 2x; differentiate by x and then by y.",
            0.0: "that is d2f/dx2; the mixed derivative is not zero here.",
            24.0: "that is f(2, 3) itself.",
        },
    ),
    hint="df/dx = y * y + 3. Now differentiate that by y.",
    solution="df/dx = y^2 + 3, d/dy (y^2 + 3) = 2y = 6 at y = 3.",
)

q9 = Question(
    "q9",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "autodiff does no algebra at all: it never has a formula "
            "to simplify.",
            "c": "finite differences are numerical differentiation "
            "(chapter 02); autodiff is exact up to rounding.",
            "d": "products are fine: the product rule is applied to "
            "numbers, a * db + da * b.",
        },
    ),
    hint="Think of value_and_diff: what does each node hold?",
    solution="(b): each node carries numbers (its value and derivative at "
    "the point), computed once per graph node with the same rules; no "
    "formula is ever built, so nothing can swell.",
)
