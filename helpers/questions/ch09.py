"""Practice questions for chapter 09, higher-order derivatives and
Hessians."""

from typing import Any

import numpy as np

from helpers.quiz import Question, array, choice, function, number

q1 = Question(
    "q1",
    number(
        72.0,
        mistakes={
            108.0: "that is d2f/dx2 = 6xy^2 (or df/dx = 3x^2y^2); "
            "differentiate once by x and once by y.",
            16.0: "that is d2f/dy2 = 2x^3; the mixed entry takes one "
            "derivative in each variable.",
            48.0: "that is df/dy = 2x^3y, only one derivative; now "
            "differentiate it by x.",
            24.0: "that is 6x^2 without the factor y = 3: "
            "d/dx (2x^3 y) = 6x^2 y.",
        },
    ),
    hint="df/dy = 2x^3 y. Differentiate that by x, then put in x = 2, y = 3.",
    solution="df/dy = 2x^3 y, d2f/dxdy = 6x^2 y = 6 * 4 * 3 = 72 at (2, 3) "
    "(df/dx = 3x^2 y^2, then d/dy gives the same 6x^2 y).",
)

q2 = Question(
    "q2",
    number(
        27.0,
        mistakes={
            13.5: "that is the first derivative 4x^3; the outer tape "
            "differentiates it once more.",
            5.0625: "that is f(1.5) = 1.5^4 itself.",
            36.0: "that is the third derivative 24x; two tapes give the "
            "second derivative 12x^2.",
        },
    ),
    hint="The inner tape gives 4x^3, the outer tape differentiates that: "
    "12x^2 at x = 1.5.",
    solution="d2y_dx2 = 12 * 1.5**2 = 27.0 (dy_dx = 4 * 1.5**3 = 13.5).",
)

q3 = Question(
    "q3",
    array(
        [[6.0, -2.0], [-2.0, 2.0]],
        mistakes=[
            (
                [[3.0, -2.0], [-2.0, 1.0]],
                "the diagonal needs the power rule twice: "
                "d2(3x^2)/dx2 = 6 and d2(y^2)/dy2 = 2",
            ),
            (
                [[6.0, -1.0], [-1.0, 2.0]],
                "the mixed entry of -2xy is d/dy(-2y) = -2, not half of it",
            ),
            (
                [[6.0, 2.0], [2.0, 2.0]],
                "the off-diagonal entries keep the minus sign of -2xy",
            ),
            (
                [0.0, 0.0],
                "that is the gradient at the origin; the Hessian is a "
                "2 x 2 matrix of second derivatives",
            ),
        ],
    ),
    hint="H = [[d2f/dx2, d2f/dxdy], [d2f/dydx, d2f/dy2]]; for a quadratic "
    "it is the same at every point.",
    solution="df/dx = 6x - 2y, df/dy = -2x + 2y, so\n"
    "H = [[6, -2], [-2, 2]] (at every point: f is quadratic).",
)

q4 = Question(
    "q4",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "a persistent tape can be asked for any number of "
            "gradients; d2f/dx2 and d2f/dxdy came out fine.",
            "c": "the true value is exactly 0, which float32 holds "
            "exactly; None is not a rounding result.",
            "d": "one outer tape gives every entry: tape.jacobian of the "
            "gradient returns the whole matrix.",
        },
    ),
    hint="Write df/dy = x^2 + 1. Which variables does it depend on?",
    solution="(b): df/dy = x^2 + 1 contains no y, so the tape recorded no "
    "operation linking it to y and reports None ('not connected'). Pass "
    "unconnected_gradients='zero' or take tape.jacobian of the gradient to "
    "get the 0.",
)

q5 = Question(
    "q5",
    number(
        1.0,
        mistakes={
            0.0: "the start (3, -1) is not the minimum; at least one step "
            "is needed.",
            2.0: "the first step already lands on the minimum: for a "
            "quadratic, Newton's quadratic model is the function itself.",
        },
    ),
    hint="Newton minimises the second-order Taylor model of f. How good is "
    "that model when f is itself quadratic?",
    solution="1: the Taylor model of a quadratic is exact, so solving "
    "H d = -grad lands on the minimum in one step from any start.",
)


def _d2f(x: Any) -> Any:
    return (4 * x**2 - 2) * np.exp(-(x**2))


q6 = Question(
    "q6",
    function(_d2f, [-2.0, -0.7, 0.0, 0.5, 1.3, 2.5], what="your d2f"),
    hint="f'(x) = -2x e^(-x^2); differentiate again with the product rule, "
    "or let autodiff do it twice with create_graph=True.",
    solution="def d2f(x):\n"
    "    x = torch.tensor(float(x), dtype=torch.float64, "
    "requires_grad=True)\n"
    "    (df,) = torch.autograd.grad(torch.exp(-x**2), x, "
    "create_graph=True)\n"
    "    (d2f,) = torch.autograd.grad(df, x)\n"
    "    return d2f.item()\n"
    "# by hand: (4x^2 - 2) e^(-x^2)",
)

q7 = Question(
    "q7",
    array(
        [20.0, 6.0],
        mistakes=[
            (
                [24.0, 20.0],
                "that is the gradient (24, 10) times v entry by entry; "
                "use the Hessian [[8, 6], [6, 0]]",
            ),
            (
                [8.0, 0.0],
                "that uses only the diagonal of H; the off-diagonal 6 "
                "multiplies the other entry of v",
            ),
            (
                44.0,
                "that is grad . v = 24 + 20, a number; Hv is a vector "
                "with one entry per input",
            ),
            (
                32.0,
                "that is v . (Hv), a number; Hv itself is the vector",
            ),
        ],
    ),
    hint="H = [[8, 6], [6, 0]] at (3, 4). Each entry of Hv is a row of H "
    "dotted with v = (1, 2).",
    solution="Hv = [8*1 + 6*2, 6*1 + 0*2] = [20, 6]",
)
