"""Practice questions for chapter 03, partial derivatives and gradients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

import helpers
from helpers.questions.ch00 import Probe, probe_checker
from helpers.quiz import Question, array, choice, function, number, shape

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
    array(
        [4.0, 3.0],
        mistakes=[
            ([3.0, 4.0], "The gradient lists df/dx first, then df/dy."),
            (
                [6.0, 3.0],
                "The term -xy also depends on x: df/dx = 6x - y.",
            ),
            ([4.0, 4.0], "The term -xy also depends on y: df/dy = -x + 2y."),
        ],
    ),
    hint="df/dx = 6x - y and df/dy = -x + 2y; the gradient lists df/dx "
    "first.",
    solution="grad f = (6x - y, -x + 2y) = (6 - 2, -1 + 4) at (1, 2):\n"
    "answer = np.array([4.0, 3.0])",
)

q3 = Question(
    "q3",
    number(
        11.0,
        mistakes={
            3.0: "that is only the path through v = x + y (it equals df/dy "
            "here); add the direct path, where x is the second factor.",
            8.0: "that is only the direct path, df/d(second factor) = "
            "x + y; add the path through v = x + y.",
            24.0: "that is f(3, 5) = 8 * 3 itself, not a slope.",
            22.0: "each path counts once: 3 + 8 = 11.",
        },
    ),
    hint="f = v * x with v = x + y. x reaches f twice: through v (local "
    "derivatives df/dv = x and dv/dx = 1) and directly as the second "
    "factor (local derivative v). Multiply along each path, then add.",
    solution="through v: x * 1 = 3; directly: v = x + y = 8; "
    "df/dx = 3 + 8 = 11 (= 2x + y)",
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
            224.0: "the direction is (6, 8) - (3, 4) = (3, 4), and it must "
            "be a unit vector: u = (0.6, 0.8).",
            34.0: "24 + 10 is the dot product with (1, 1); use the unit "
            "vector u = (0.6, 0.8) of the direction (3, 4).",
        },
    ),
    hint="The direction from (3, 4) to (6, 8) is (3, 4); make it a unit "
    "vector, then take its dot product with grad f = (24, 10).",
    solution="u = (3, 4) / 5 = (0.6, 0.8); D_u f = 24 * 0.6 + 10 * 0.8 = "
    "14.4 + 8 = 22.4",
)

q6 = Question(
    "q6",
    shape(
        (2, 3),
        mistakes={
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
    shape(
        (1, 3),
        mistakes={
            (3,): "That is the shape helpers.gradient returns; "
            "helpers.jacobian always returns a matrix (outputs, inputs).",
            (3, 1): "One output means one row; the three inputs are the "
            "columns.",
            (3, 3): "That is the Hessian's shape; the Jacobian of a scalar "
            "function has one row.",
        },
    ),
    hint="helpers.jacobian always returns a matrix (m, n); how many outputs "
    "does a scalar function have?",
    solution="(1, 3): one output (one row, the gradient) by three inputs.",
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

# No test point has y = 0, x = 0 or cos y = 0, where a slip below agrees.
Q9_POINTS = [(3.0, 4.0), (-1.5, 2.0), (0.5, -0.7), (2.0, 3.1), (-0.8, 1.2)]
q9 = Question(
    "q9",
    function(
        lambda x, y: np.array([2 * x * y, x**2 + np.cos(y)]),
        Q9_POINTS,
        names=("x", "y"),
        what="your grad_f",
        mistakes=[
            (
                lambda x, y: np.array([2 * x * y, x**2]),
                "sin(y) also depends on y: df/dy gains cos(y).",
            ),
            (
                lambda x, y: np.array([x**2 + np.cos(y), 2 * x * y]),
                "The gradient lists df/dx first, then df/dy.",
            ),
            (
                lambda x, y: np.array([2 * x * y, x**2 - np.cos(y)]),
                "The derivative of sin is +cos.",
            ),
        ],
    ),
    hint="Two partial derivatives: x**2 * y gives 2xy in x and x**2 in y; "
    "sin(y) gives 0 in x and cos(y) in y. Return np.array([df_dx, df_dy]).",
    solution="def grad_f(x, y):\n"
    "    return np.array([2 * x * y, x**2 + np.cos(y)])",
)


# q10: a numerical Jacobian on vector functions the learner has not seen,
# with m != n (a transpose has the wrong shape) and m == n (a transpose
# has the wrong values).
def _fa(p: np.ndarray) -> np.ndarray:
    x, y, z = p
    return np.array([x * y * z, np.sin(x) + y**2, np.exp(z - x)])


def _ja(p: np.ndarray) -> np.ndarray:
    x, y, z = p
    e = np.exp(z - x)
    return np.array(
        [[y * z, x * z, x * y], [np.cos(x), 2 * y, 0.0], [-e, 0.0, e]]
    )


def _fb(p: np.ndarray) -> np.ndarray:
    x, y = p
    return np.array([np.cos(x * y), x - y**3, np.exp(x)])


def _jb(p: np.ndarray) -> np.ndarray:
    x, y = p
    s = np.sin(x * y)
    return np.array([[-y * s, -x * s], [1.0, -3 * y**2], [np.exp(x), 0.0]])


def _fc(p: np.ndarray) -> np.ndarray:
    w, x, y, z = p
    return np.array([w * x + y * z, w - z**2])


def _jc(p: np.ndarray) -> np.ndarray:
    w, x, y, z = p
    return np.array([[x, w, z, y], [1.0, 0.0, 0.0, -2 * z]])


def _fd(p: np.ndarray) -> np.ndarray:
    (t,) = p
    return np.array([t**2, np.sin(t)])


def _jd(p: np.ndarray) -> np.ndarray:
    (t,) = p
    return np.array([[2 * t], [np.cos(t)]])


Q10_CASES: list[tuple[str, Any, Any, list[float]]] = [
    ("F(x, y, z) = (xyz, sin x + y^2, e^(z - x))", _fa, _ja, [0.5, -1.2, 2.0]),
    ("F(x, y) = (cos xy, x - y^3, e^x)", _fb, _jb, [0.3, -0.6]),
    ("F(w, x, y, z) = (wx + yz, w - z^2)", _fc, _jc, [1.5, -0.5, 2.0, 0.8]),
    ("F(t) = (t^2, sin t)", _fd, _jd, [1.1]),
]


def _without(name: str, checker: Callable[[Any], tuple[bool, str]]) -> Any:
    """Run checker while helpers.<name> records whether it was called.

    The exercises ask the learner to build what helpers.<name> does, so a
    call to it is refused with its own message (the call still returns
    the right values, so nothing else changes)."""
    real = getattr(helpers, name)

    def run(answer: Any) -> tuple[bool, str]:
        called: list[bool] = []

        def spy(*args: Any, **kwargs: Any) -> Any:
            called.append(True)
            return real(*args, **kwargs)

        setattr(helpers, name, spy)
        try:
            ok, reason = checker(answer)
        finally:
            setattr(helpers, name, real)
        if called:
            return False, (
                f"your function calls helpers.{name}, which does the whole "
                "job; build the differences yourself, as the exercise asks."
            )
        return ok, reason

    return run


def _jacobian_probe(name: str, F: Any, J: Any, point: list[float]) -> Probe:
    return (
        f"for {name} at {tuple(point)},",
        lambda answer: answer(F, np.array(point)),
        lambda: J(np.array(point)),
    )


_q10_values = probe_checker(
    [_jacobian_probe(*case) for case in Q10_CASES],
    what="numerical_jacobian",
    rtol=1e-6,
    atol=1e-8,
)


def _transposed(answer: Any) -> bool:
    """The answer gives J.T on every case."""
    try:
        return all(
            np.allclose(
                np.asarray(answer(F, np.array(x)), dtype=float),
                J(np.array(x)).T,
                rtol=1e-6,
                atol=1e-8,
            )
            for _, F, J, x in Q10_CASES
        )
    except Exception:
        return False


def _q10_checker(answer: Any) -> tuple[bool, str]:
    ok, reason = _q10_values(answer)
    if ok or not callable(answer):
        return ok, reason
    if _transposed(answer):
        reason += " It looks transposed."
    if "shape" in reason or "transposed" in reason:
        reason += " Rows are outputs (m of them), columns are inputs (n)."
    return False, reason


q10 = Question(
    "q10",
    _without("jacobian", _q10_checker),
    hint="Nudge one input at a time, in both directions; the change of all "
    "outputs divided by 2h is one column. Which axis of the result is "
    "the outputs?",
    solution="def numerical_jacobian(F, x):\n"
    "    x = np.asarray(x, dtype=np.float64)\n"
    "    m = np.size(F(x))\n"
    "    J = np.zeros((m, x.size))\n"
    "    for j in range(x.size):\n"
    "        h = np.finfo(np.float64).eps ** (1 / 3) * max(1.0, abs(x[j]))\n"
    "        e = np.zeros(x.size)\n"
    "        e[j] = h\n"
    "        J[:, j] = (F(x + e) - F(x - e)) / (2 * h)  # column j\n"
    "    return J",
)


# q11: the slope along a direction of any length, on unseen functions.
Q11_CASES: list[tuple[str, Any, Any, list[float], list[float]]] = [
    (
        "f(x, y) = x^2 + 3xy",
        lambda p: p[0] ** 2 + 3 * p[0] * p[1],
        lambda p: np.array([2 * p[0] + 3 * p[1], 3 * p[0]]),
        [1.0, 2.0],
        [3.0, 4.0],
    ),
    (
        "f(x, y) = e^x sin y",
        lambda p: np.exp(p[0]) * np.sin(p[1]),
        lambda p: np.exp(p[0]) * np.array([np.sin(p[1]), np.cos(p[1])]),
        [0.5, 1.0],
        [-1.0, 2.0],
    ),
    (
        "f(x, y, z) = xyz",
        lambda p: p[0] * p[1] * p[2],
        lambda p: np.array([p[1] * p[2], p[0] * p[2], p[0] * p[1]]),
        [1.0, -2.0, 3.0],
        [0.0, 0.0, 5.0],
    ),
    (
        "f(x, y) = sqrt(x^2 + y^2)",
        lambda p: np.sqrt(p @ p),
        lambda p: p / np.sqrt(p @ p),
        [3.0, 4.0],
        [0.1, 0.1],
    ),
]


def _directional_probe(
    name: str,
    f: Callable[..., Any],
    grad: Callable[..., Any],
    p: list[float],
    v: list[float],
) -> Probe:
    def want() -> float:
        u = np.array(v) / np.linalg.norm(v)
        return float(grad(np.array(p)) @ u)

    return (
        f"for {name} at p = {tuple(p)} along v = {tuple(v)},",
        lambda answer: answer(f, np.array(p), np.array(v)),
        want,
    )


_q11_values = probe_checker(
    [_directional_probe(*case) for case in Q11_CASES],
    what="directional_derivative",
    rtol=1e-6,
    atol=1e-9,
)


def _q11_checker(answer: Any) -> tuple[bool, str]:
    ok, reason = _q11_values(answer)
    if ok or not callable(answer):
        return ok, reason
    name, f, grad, p, v = Q11_CASES[0]
    try:
        value = float(answer(f, np.array(p), np.array(v)))
        raw = float(grad(np.array(p)) @ np.array(v))
        if np.isclose(value, raw, rtol=1e-6):
            reason += (
                " That is grad f . v: v has length 5 here; divide by |v| "
                "first."
            )
    except Exception:
        pass
    return False, reason


q11 = Question(
    "q11",
    _q11_checker,
    hint="Turn v into a unit vector u first. Then the slope along u is the "
    "derivative of the one-variable function t -> f(p + t u) at t = 0, "
    "and chapter 02 showed how to get that numerically.",
    solution="def directional_derivative(f, p, v):\n"
    "    u = v / np.linalg.norm(v)  # only the direction counts\n"
    "    h = 1e-5\n"
    "    return (f(p + h * u) - f(p - h * u)) / (2 * h)",
)


# q12: a numerical Hessian to 1e-6 relative to max(1, |H_ij|), on unseen
# functions with a true zero entry. Central second differences with a
# step near eps^(1/4) pass; the seed notes' nested forward differences
# and a Jacobian of a numerical gradient do not.
def _g1(p: np.ndarray) -> Any:
    return p[0] * p[1] * np.sin(p[0])


def _h1(p: np.ndarray) -> np.ndarray:
    x1, x2 = p
    off = np.sin(x1) + x1 * np.cos(x1)
    return np.array(
        [[2 * x2 * np.cos(x1) - x1 * x2 * np.sin(x1), off], [off, 0.0]]
    )


def _g2(p: np.ndarray) -> Any:
    return np.exp(p[0]) * np.cos(p[1]) + p[0] * p[1] ** 2


def _h2(p: np.ndarray) -> np.ndarray:
    x, y = p
    e = np.exp(x)
    off = -e * np.sin(y) + 2 * y
    return np.array([[e * np.cos(y), off], [off, -e * np.cos(y) + 2 * x]])


def _g3(p: np.ndarray) -> Any:
    return np.log(1 + p @ p)


def _h3(p: np.ndarray) -> np.ndarray:
    s = 1 + p @ p
    return 2 * np.eye(p.size) / s - 4 * np.outer(p, p) / s**2


def _g4(p: np.ndarray) -> Any:
    return p[0] ** 2 * p[1] + p[1] + 2


def _h4(p: np.ndarray) -> np.ndarray:
    x, y = p
    return np.array([[2 * y, 2 * x], [2 * x, 0.0]])


Q12_CASES: list[tuple[str, Any, Any, list[float]]] = [
    ("f = x1 x2 sin x1", _g1, _h1, [2.0, 3.0]),
    ("f = e^x cos y + x y^2", _g2, _h2, [0.4, -1.1]),
    ("f = ln(1 + x^2 + y^2 + z^2)", _g3, _h3, [0.3, -0.8, 1.5]),
    ("f = x^2 y + y + 2", _g4, _h4, [3.1, 4.3]),
]


def _hessian_probe(name: str, f: Any, H: Any, point: list[float]) -> Probe:
    return (
        f"for {name} at {tuple(point)},",
        lambda answer: answer(f, np.array(point)),
        lambda: H(np.array(point)),
    )


_q12_values = probe_checker(
    [_hessian_probe(*case) for case in Q12_CASES],
    what="numerical_hessian",
    rtol=1e-6,
    atol=1e-6,
)


def _q12_checker(answer: Any) -> tuple[bool, str]:
    ok, reason = _q12_values(answer)
    if not ok and "expected" in reason and "shape" not in reason:
        reason += (
            " A Hessian from differences keeps about half the digits, so "
            "the step matters: second differences with h near "
            "eps^(1/4) max(1, |x|), not differences of differences."
        )
    return ok, reason


q12 = Question(
    "q12",
    _without("hessian", _q12_checker),
    hint="Take each entry from the four values f(x +- h e_i +- h e_j), the "
    "central second difference, instead of differencing a numerical "
    "gradient. Chapter 02 found the step where truncation and round-off of "
    "a second difference balance.",
    solution="def numerical_hessian(f, x):\n"
    "    x = np.asarray(x, dtype=np.float64)\n"
    "    n = x.size\n"
    "    h = np.finfo(np.float64).eps ** (1 / 4) * np.maximum(1.0, abs(x))\n"
    "    H = np.zeros((n, n))\n"
    "    for i in range(n):\n"
    "        for j in range(n):\n"
    "            ei, ej = np.zeros(n), np.zeros(n)\n"
    "            ei[i], ej[j] = h[i], h[j]\n"
    "            H[i, j] = (f(x + ei + ej) - f(x + ei - ej)\n"
    "                       - f(x - ei + ej) + f(x - ei - ej))"
    " / (4 * h[i] * h[j])\n"
    "    return H",
)
