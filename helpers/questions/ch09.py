"""Practice questions for chapter 09, higher-order derivatives and
Hessians.

q1-q5 ask for numbers and options. q6-q8 ask for functions of ``f`` and
run them on PyTorch functions the learner has not seen: the reference is
computed first, the learner's function gets its own copies, and probes
check that it uses autodiff (q6 counts the calls of ``f``) and that it
never forms the Hessian (q7 records every tensor operation it runs).
PyTorch is imported only when one of those checks runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers._convert import NotNumbers, describe, read
from helpers.quiz import NotAnswered, Question, array, choice, number

Check = Callable[[Any], "tuple[bool, str]"]

q1 = Question(
    "q1",
    number(
        24.0,
        mistakes={
            96.0: "that is d2f/dx2 = 6xy^2; differentiate once by x and "
            "once by y.",
            2.0: "that is d2f/dy2 = 2x^3; the mixed entry takes one "
            "derivative in each variable.",
            8.0: "that is df/dy = 2x^3y, only one derivative; now "
            "differentiate it by x.",
            48.0: "that is df/dx = 3x^2y^2, only one derivative; now "
            "differentiate it by y.",
            6.0: "that is 6x^2 without the factor y = 4: "
            "d/dx (2x^3 y) = 6x^2 y.",
            16.0: "that is f(1, 4) itself; the entry is a second derivative.",
        },
    ),
    hint="df/dy = 2x^3 y. Differentiate that by x, then put in x = 1, y = 4.",
    solution="df/dy = 2x^3 y, d2f/dxdy = 6x^2 y = 6 * 1 * 4 = 24 at (1, 4) "
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
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "a persistent tape can be asked for any number of "
            "gradients; d2g/dx2 and d2g/dxdy came out fine.",
            "c": "the true value is exactly 0, which float32 holds "
            "exactly; None is not a rounding result.",
            "d": "one outer tape gives every entry: tape.jacobian of the "
            "gradient returns the whole matrix.",
        },
    ),
    hint="Write dg/dy = x^2 + 1. Which variables does it depend on?",
    solution="(b): dg/dy = x^2 + 1 contains no y, so the tape recorded no "
    "operation linking it to y and reports None ('not connected'). Pass "
    "unconnected_gradients=tf.UnconnectedGradients.ZERO (PyTorch: "
    "materialize_grads=True) or take tape.jacobian of the gradient to get "
    "the 0.",
)

q4 = Question(
    "q4",
    choice(
        "c",
        ["a", "b", "c", "d"],
        feedback={
            "a": "u''(0.4) = 3 * 0.16 - 1 = -0.52 < 0: the quadratic model "
            "at 0.4 opens downward, and Newton jumps to its top, not toward "
            "x = 1. The first step goes to -0.246.",
            "b": "the first step does cross to -0.246, but u'' is negative "
            "there too, so the next step jumps to the top of that model "
            "again: 0.036, then -0.0001.",
            "d": "the steps shrink fast: 0.4, -0.246, 0.036, -0.0001, ... "
            "Newton converges, only not to a minimum.",
        },
    ),
    hint="Newton solves u'(x) = 0 with the tangent of u'. Which points "
    "have u'(x) = x^3 - x = 0, and what is the sign of u''(x) = 3x^2 - 1 "
    "near the start?",
    solution="(c): x <- x - (x^3 - x) / (3x^2 - 1) gives 0.4, -0.246, "
    "0.036, -9.7e-05, 1.8e-12, 0. Newton looks for u'(x) = 0 and takes "
    "whichever stationary point its quadratic models lead to; where u'' < 0 "
    "that is a maximum.",
)

q5 = Question(
    "q5",
    array(
        [-2.0, 4.0],
        mistakes=[
            (
                [4.0, -5.0],
                "that is the gradient (4, 5) times v entry by entry; use "
                "the Hessian [[2y, 2x], [2x, 0]] = [[2, 4], [4, 0]]",
            ),
            (
                [2.0, 0.0],
                "that uses only the diagonal of H; the off-diagonal 4 "
                "multiplies the other entry of v",
            ),
            (
                -1.0,
                "that is grad . v = 4 - 5, a number; Hv is a vector with "
                "one entry per input",
            ),
            (
                -6.0,
                "that is v . (Hv), a number; Hv itself is the vector",
            ),
            (
                [2.0, 6.0],
                "that is the chapter's Hessian at (3, 4) times v; the "
                "Hessian changes with the point: here (x, y) = (2, 1)",
            ),
        ],
    ),
    hint="H = [[2y, 2x], [2x, 0]]; put in (x, y) = (2, 1). Each entry of Hv "
    "is a row of H dotted with v = (1, -1).",
    solution="H = [[2, 4], [4, 0]] at (2, 1), so Hv = [2*1 + 4*(-1), "
    "4*1 + 0*(-1)] = [-2, 4]",
)


# ---- shared pieces of the implementation checks ---------------------------


class _Counted:
    """A function of a tensor that counts its calls; it shows as its
    formula in messages."""

    def __init__(self, f: Callable[[Any], Any], label: str) -> None:
        self.f, self.label, self.calls = f, label, 0

    def __call__(self, x: Any) -> Any:
        self.calls += 1
        return self.f(x)

    def __repr__(self) -> str:
        return self.label


def _call(
    answer: Callable[..., Any], args: tuple[Any, ...], where: str
) -> tuple[Any, str]:
    """(result, "") or (None, the reason); stubs raise NotAnswered."""
    try:
        result = answer(*args)
    except NotImplementedError:
        raise NotAnswered from None
    except Exception as error:
        return None, f"{where} raised {type(error).__name__}: {error}"
    if result is None:
        return None, f"{where} returned None; did you forget `return`?"
    return result, ""


def _judge(result: Any, want: Any, where: str) -> str:
    """ "" when ``result`` matches ``want`` (float32 judged at float32
    precision), else the reason, starting with ``where``."""
    target = np.asarray(want, dtype=float)
    ok, reason = array(target, rtol=1e-6, atol=1e-9)(result)
    if ok:
        return ""
    if target.size == 1:
        try:
            value = float(read(result).values.reshape(-1)[0])
        except (NotNumbers, IndexError, ValueError):
            return f"{where}: {reason}"
        for digits in (6, 9, 12, 17):
            shown, right = f"{value:.{digits}g}", f"{float(target):.{digits}g}"
            if shown != right:
                break
        return f"{where} returned {shown}; expected {right}."
    return f"{where}: {reason}"


def _vector(values: Any) -> str:
    return np.array2string(
        np.asarray(values, dtype=float), precision=4, separator=", "
    )


# ---- q6: the n-th derivative of any f -------------------------------------


def _nth_cases() -> list[tuple[str, Callable[[Any], Any], float, int]]:
    import torch

    return [
        ("sin(x) * x**2", lambda x: torch.sin(x) * x**2, 0.7, 2),
        ("exp(-x**2)", lambda x: torch.exp(-(x**2)), -1.1, 3),
        ("x**5", lambda x: x**5, 1.5, 4),
        ("1 / (1 + x**2)", lambda x: 1 / (1 + x**2), 0.4, 1),
        ("tanh(x)", torch.tanh, 0.3, 2),
    ]


def nth_reference(f: Callable[[Any], Any], x0: float, n: int) -> float:
    """The n-th derivative of f at x0 by repeated autograd, in float64."""
    import torch

    x = torch.tensor(float(x0), dtype=torch.float64, requires_grad=True)
    y = f(x)
    for _ in range(n):
        (y,) = torch.autograd.grad(y, x, create_graph=True)
    return float(y.detach())


def _nth_derivative(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            f"expected a function nth_derivative(f, x0, n); got "
            f"{describe(answer)}."
        )
    for label, f, x0, n in _nth_cases():
        want = nth_reference(f, x0, n)  # first, on its own
        counted = _Counted(f, label)
        where = f"for f(x) = {label}, x0 = {x0}, n = {n} your nth_derivative"
        result, reason = _call(answer, (counted, x0, n), where)
        if reason:
            if "must be Tensor" in reason or "not float" in reason:
                reason += (
                    " (f takes a tensor: make x0 one with "
                    "torch.tensor(x0, dtype=torch.float64, "
                    "requires_grad=True))"
                )
            return False, reason
        reason = _judge(result, want, where)
        if counted.calls > 1:
            return False, (
                f"{where} called f {counted.calls} times. Autodiff needs f "
                "once: differentiate its result n times with "
                "create_graph=True (several calls of f is finite "
                "differences)."
            )
        if reason:
            return False, reason
        if counted.calls == 0:
            return False, (
                f"{where} never called f: the checks use functions you "
                "have not seen, so the derivative must come from f."
            )
    return True, ""


q6 = Question(
    "q6",
    _nth_derivative,
    hint="One call of f on a float64 tensor that requires grad, then a "
    "loop: each round replaces the result by its derivative. Keep the "
    "derivative differentiable for the next round.",
    solution="def nth_derivative(f, x0, n):\n"
    "    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)\n"
    "    y = f(x)\n"
    "    for _ in range(n):\n"
    "        (y,) = torch.autograd.grad(y, x, create_graph=True)\n"
    "    return y.item()",
)


# ---- q7: a Hessian-vector product that never forms H ----------------------


def _hvp_cases() -> list[tuple[str, Callable[[Any], Any], int]]:
    import torch

    return [
        (
            "sum(sin(x) * x**2) + sum(x[:-1] * x[1:])",
            lambda x: (torch.sin(x) * x**2).sum() + (x[:-1] * x[1:]).sum(),
            5,
        ),
        ("logsumexp(x)", lambda x: torch.logsumexp(x, 0), 4),
        ("(x @ x)**2 / 4", lambda x: (x @ x) ** 2 / 4, 3),
        ("sum(exp(x[0] * x))", lambda x: torch.exp(x[0] * x).sum(), 4),
    ]


def hvp_reference(f: Callable[[Any], Any], x: Any, v: Any) -> np.ndarray:
    """H v with H formed in full (fine for the small n of the checks)."""
    import torch

    H = torch.autograd.functional.hessian(f, x.detach().clone())
    return (H @ v.detach().clone()).numpy()


def _tensor_census(
    answer: Callable[..., Any], f: Callable[[Any], Any], n: int
) -> tuple[int, int, str]:
    """(operations run, largest tensor made, error) while ``answer`` runs
    on a problem of size n. (-1, -1, "") when PyTorch cannot record."""
    import torch

    try:
        from torch.utils._python_dispatch import TorchDispatchMode
    except ImportError:  # pragma: no cover - present in torch >= 1.13
        return -1, -1, ""

    class Census(TorchDispatchMode):
        ops, biggest = 0, 0

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            Census.ops += 1
            for item in out if isinstance(out, (tuple, list)) else [out]:
                if isinstance(item, torch.Tensor):
                    Census.biggest = max(Census.biggest, item.numel())
            return out

    x = torch.linspace(-1.0, 1.0, n, dtype=torch.float64)
    v = torch.cos(torch.arange(n, dtype=torch.float64))
    try:
        with Census():
            answer(f, x, v)
    except NotImplementedError:
        raise NotAnswered from None
    except Exception as error:
        return 0, 0, f"{type(error).__name__}: {error}"
    return Census.ops, Census.biggest, ""


def _hvp(answer: Any) -> tuple[bool, str]:
    import torch

    if not callable(answer):
        return False, (
            f"expected a function hvp(f, x, v); got {describe(answer)}."
        )
    cases = _hvp_cases()
    for k, (label, f, n) in enumerate(cases):
        rng = np.random.default_rng(k)
        x = torch.tensor(rng.normal(size=n))
        v = torch.tensor(rng.normal(size=n))
        want = hvp_reference(f, x, v)  # first, on its own copies
        where = (
            f"for f(x) = {label} at x = {_vector(x)}, "
            f"v = {_vector(v)} your hvp"
        )
        counted = _Counted(f, label)
        result, reason = _call(answer, (counted, x.clone(), v.clone()), where)
        if reason:
            return False, reason
        reason = _judge(result, want, where + " returned a wrong Hv")
        if reason:
            return False, reason
        if counted.calls > 1:
            return False, (
                f"{where} called f {counted.calls} times. Autodiff needs f "
                "once: one forward pass, then the gradient of grad . v. "
                "Gradients at x + eps v and x - eps v are finite "
                "differences, an approximation."
            )
    label, f, _ = cases[0]
    census = {}
    for n in (40, 80):
        ops, biggest, error = _tensor_census(answer, f, n)
        if error:
            return (
                False,
                f"for f(x) = {label} with n = {n} your hvp raised {error}",
            )
        census[n] = (ops, biggest)
    (ops40, _), (ops80, big80) = census[40], census[80]
    if big80 >= 80 * 80:
        return False, (
            f"for n = 80 your hvp made a tensor of {big80:,} numbers "
            f"(80 x 80 = 6,400): that is H itself. Take the gradient of "
            "the single number grad . v instead; it never forms H."
        )
    if ops80 > ops40 + 10:
        return False, (
            f"your hvp ran {ops40} tensor operations for n = 40 and {ops80} "
            "for n = 80: its work grows with n, one backward pass per entry "
            "(a row of H each). One backward pass of grad . v gives all of "
            "Hv at once."
        )
    return True, ""


q7 = Question(
    "q7",
    _hvp,
    hint="Hv is the gradient of one number, grad(x) . v, with v held "
    "constant. The first gradient has to stay differentiable.",
    solution="def hvp(f, x, v):\n"
    "    x = x.detach().requires_grad_()\n"
    "    (grad,) = torch.autograd.grad(f(x), x, create_graph=True)\n"
    "    (hv,) = torch.autograd.grad(grad @ v, x)\n"
    "    return hv\n"
    "# torch.autograd.functional.hvp(f, x, v)[1] gives the same",
)


# ---- q8: Newton's method that only steps downhill -------------------------


def _newton_cases() -> list[tuple[str, Callable[[Any], Any], list, int]]:
    import torch

    return [
        (
            "x**4/4 - x**2/2 + y**2",
            lambda p: p[0] ** 4 / 4 - p[0] ** 2 / 2 + p[1] ** 2,
            [0.3, 0.5],
            8,
        ),
        (
            "cosh(x) + cosh(y - 1) + x*y/4",
            lambda p: (
                torch.cosh(p[0]) + torch.cosh(p[1] - 1) + p[0] * p[1] / 4
            ),
            [1.5, -1.0],
            5,
        ),
        (
            "sum(cosh(p)) - 2*p[0]*p[1] + p[2]**2/2",
            lambda p: torch.cosh(p).sum() - 2 * p[0] * p[1] + p[2] ** 2 / 2,
            [0.5, 0.4, 0.3],
            8,
        ),
    ]


def _newton_parts(
    f: Callable[[Any], Any], p: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(gradient, Newton direction d with H d = -gradient) at p."""
    import torch

    x = torch.tensor(p, dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(f(x), x)
    H = torch.autograd.functional.hessian(f, x.detach())
    return grad.numpy(), torch.linalg.solve(H, -grad).numpy()


def newton_reference(
    f: Callable[[Any], Any], x0: Any, steps: int
) -> np.ndarray:
    """The path of Newton's method that takes -grad where d goes uphill."""
    path = [np.asarray(x0, dtype=float)]
    for _ in range(steps):
        grad, d = _newton_parts(f, path[-1])
        if grad @ d >= 0:
            d = -grad
        path.append(path[-1] + d)
    return np.stack(path)


def _newton_diagnosis(
    f: Callable[[Any], Any], previous: np.ndarray, got: np.ndarray
) -> str:
    """Why the learner's step from ``previous`` went to ``got``."""
    grad, d = _newton_parts(f, previous)
    slope = float(grad @ d)
    near = {
        "newton": previous + d,
        "gradient": previous - grad,
        "sign": previous - d,
    }
    match = next((k for k, p in near.items() if np.allclose(got, p)), "")
    if match == "newton" and slope >= 0:
        return (
            f" There the Newton direction goes uphill (grad . d = "
            f"{slope:.3g} >= 0), so the rule takes d = -grad instead."
        )
    if match == "gradient" and slope < 0:
        return (
            f" There the Newton direction goes downhill (grad . d = "
            f"{slope:.3g} < 0): take the Newton step."
        )
    if match == "sign":
        return " Your step has the wrong sign: solve H d = -grad, then p + d."
    return ""


def _newton(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            f"expected a function newton(f, x0, steps); got "
            f"{describe(answer)}."
        )
    for label, f, x0, steps in _newton_cases():
        want = newton_reference(f, x0, steps)  # first
        where = (
            f"for f = {label} from x0 = {x0} with steps = {steps}, your newton"
        )
        result, reason = _call(answer, (f, list(x0), steps), where)
        if reason:
            return False, reason
        try:
            got = read(result).values
        except NotNumbers as arrived:
            return False, f"{where} returned {arrived}; expected a path."
        if got.shape != want.shape:
            return False, (
                f"{where} returned shape {got.shape}; expected the whole "
                f"path, steps + 1 = {steps + 1} points of {len(x0)} "
                f"numbers: shape {want.shape}."
            )
        close = np.isclose(got, want, rtol=1e-5, atol=1e-6).all(axis=1)
        if close.all():
            continue
        k = int(np.argmin(close))
        if k == 0:
            return (
                False,
                f"{where} starts at {_vector(got[0])}; the path "
                "starts with x0 itself.",
            )
        note = _newton_diagnosis(f, want[k - 1], got[k])
        if not note and np.allclose(got[k], want[k], rtol=1e-3, atol=1e-4):
            note = (
                " It is close: is something in float32? Use "
                "dtype=torch.float64."
            )
        return False, (
            f"{where} went from {_vector(want[k - 1])} to "
            f"{_vector(got[k])} at step {k}; expected {_vector(want[k])}."
            + note
        )
    return True, ""


q8 = Question(
    "q8",
    _newton,
    hint="Each step: the gradient and the Hessian at p, d from the linear "
    "system H d = -grad (torch.linalg.solve). If grad . d >= 0 the step "
    "would not go downhill; use -grad for d. Keep every point, starting "
    "with x0.",
    solution="def newton(f, x0, steps):\n"
    "    p = torch.tensor(x0, dtype=torch.float64)\n"
    "    path = [p]\n"
    "    for _ in range(steps):\n"
    "        x = p.clone().requires_grad_()\n"
    "        (grad,) = torch.autograd.grad(f(x), x)\n"
    "        H = torch.autograd.functional.hessian(f, p)\n"
    "        d = torch.linalg.solve(H, -grad)\n"
    "        if grad @ d >= 0:  # not downhill\n"
    "            d = -grad\n"
    "        p = p + d\n"
    "        path.append(p)\n"
    "    return torch.stack(path).numpy()",
)
