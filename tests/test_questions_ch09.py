"""Chapter 09 questions: each solution passes, plausible mistakes fail
with a specific reason. q6-q8 take functions of PyTorch functions, so
PyTorch is imported here; TensorFlow is not (FakeTensor stands in)."""

import numpy as np
import pytest
import torch
from fakes import FakeTFTensor as FakeTensor
from question_checks import (  # noqa: F401  (collected here)
    test_every_known_mistake_is_judged_wrong,
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_odd_input_never_raises_and_is_never_right,
    test_solution_is_accepted,
)

from helpers.questions import ch09 as q

pytestmark = pytest.mark.ch09


def raises(*args):
    raise ValueError("oops")


# ---- q6: n-th derivative --------------------------------------------------


def nth_derivative(f, x0, n):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    y = f(x)
    for _ in range(n):
        (y,) = torch.autograd.grad(y, x, create_graph=True)
    return y.item()


def nth_float32(f, x0, n):  # PyTorch's default dtype
    x = torch.tensor(x0, requires_grad=True)
    y = f(x)
    for _ in range(n):
        (y,) = torch.autograd.grad(y, x, create_graph=True)
    return y


def nth_finite_differences(f, x0, n, h=1e-3):
    if n == 0:
        return f(torch.tensor(x0, dtype=torch.float64)).item()
    return (
        nth_finite_differences(f, x0 + h, n - 1)
        - nth_finite_differences(f, x0 - h, n - 1)
    ) / (2 * h)


def nth_one_short(f, x0, n):
    return nth_derivative(f, x0, n - 1)


def nth_closed_form(f, x0, n):  # the chapter's e^(-x^2), second derivative
    return (4 * x0**2 - 2) * np.exp(-(x0**2))


def nth_on_a_float(f, x0, n):
    return f(x0)


# ---- q7: Hessian-vector product -------------------------------------------


def hvp(f, x, v):
    x = x.detach().requires_grad_()
    (grad,) = torch.autograd.grad(f(x), x, create_graph=True)
    (hv,) = torch.autograd.grad(grad @ v, x)
    return hv


def hvp_library(f, x, v):
    return torch.autograd.functional.hvp(f, x, v)[1]


def hvp_forming_H(f, x, v):
    return torch.autograd.functional.hessian(f, x) @ v


def hvp_row_by_row(f, x, v):
    x = x.detach().requires_grad_()
    (grad,) = torch.autograd.grad(f(x), x, create_graph=True)
    rows = [
        torch.autograd.grad(grad[i], x, retain_graph=True)[0]
        for i in range(len(x))
    ]
    return torch.stack([row @ v for row in rows])


def hvp_gradient_times_v(f, x, v):
    x = x.detach().requires_grad_()
    (grad,) = torch.autograd.grad(f(x), x)
    return grad * v


def hvp_finite_differences(f, x, v):
    grad = torch.func.grad(f)
    return (grad(x + 1e-6 * v) - grad(x - 1e-6 * v)) / 2e-6


def hvp_then_scribbles(f, x, v):
    result = hvp(f, x, v)
    with torch.no_grad():
        x.fill_(123.0)
        v.fill_(5.0)
    return result


# ---- q8: Newton that only steps downhill ----------------------------------


def newton(f, x0, steps, *, guard=True, dtype=torch.float64):
    p = torch.tensor(x0, dtype=dtype)
    path = [p]
    for _ in range(steps):
        x = p.clone().requires_grad_()
        (grad,) = torch.autograd.grad(f(x), x)
        H = torch.autograd.functional.hessian(f, p)
        d = torch.linalg.solve(H, -grad)
        if guard and grad @ d >= 0:
            d = -grad
        p = p + d
        path.append(p)
    return torch.stack(path)


def newton_plain(f, x0, steps):
    return newton(f, x0, steps, guard=False)


def gradient_steps(f, x0, steps):
    p = torch.tensor(x0, dtype=torch.float64)
    path = [p]
    for _ in range(steps):
        x = p.clone().requires_grad_()
        (grad,) = torch.autograd.grad(f(x), x)
        p = p - grad
        path.append(p)
    return torch.stack(path)


def newton_last_point_only(f, x0, steps):
    return newton(f, x0, steps)[-1]


def newton_without_x0(f, x0, steps):
    return newton(f, x0, steps)[1:]


RIGHT = {
    "q1": 24.0,
    "q2": FakeTensor(27.0),
    "q3": "b",
    "q4": "c",
    "q5": FakeTensor([-2.0, 4.0]),
    "q6": nth_derivative,
    "q7": hvp,
    "q8": newton,
}

ALSO_RIGHT = [
    ("q1", 24),
    ("q3", "(B)"),
    ("q5", np.array([-2.0, 4.0])),
    ("q5", torch.tensor([-2, 4])),
    ("q6", nth_float32),
    ("q6", lambda f, x0, n: torch.tensor(nth_derivative(f, x0, n))),
    ("q7", hvp_library),
    ("q7", lambda f, x, v: hvp(f, x, v).numpy().tolist()),
    ("q7", hvp_then_scribbles),
    ("q8", lambda f, x0, steps: newton(f, x0, steps).tolist()),
    ("q8", lambda f, x0, steps: list(newton(f, x0, steps))),
]

WRONG = {
    "q1": [
        (96.0, "differentiate once by x and once by y"),
        (2.0, "d2f/dy2"),
        (8.0, "only one derivative"),
        (48.0, "only one derivative"),
        (6.0, "without the factor y = 4"),
        (16.0, "f(1, 4) itself"),
        (-24.0, "wrong sign"),
        (None, "None"),
    ],
    "q2": [
        (FakeTensor(13.5), "first derivative"),
        (5.0625, "f(1.5)"),
        (36.0, "third derivative"),
        ("27", "drop the quotes"),
    ],
    "q3": [
        ("a", "any number of gradients"),
        ("c", "not a rounding result"),
        ("d", "whole matrix"),
        ("e", "expected one of"),
        (2, "as a string"),
    ],
    "q4": [
        ("a", "opens downward"),
        ("b", "u'' is negative there too"),
        ("d", "the steps shrink"),
        ("x = 0", "expected one of"),
    ],
    "q5": [
        ([4, -5], "gradient (4, 5) times v"),
        ([2, 0], "only the diagonal"),
        (-1, "grad . v"),
        (-6, "v . (Hv)"),
        ([2, 6], "Hessian at (3, 4)"),
        ([4, -2], "entry [0] is 4, expected -2"),
        ([[-2], [4]], "expected shape (2,)"),
    ],
    "q6": [
        (nth_finite_differences, "called f 4 times"),
        (nth_one_short, "returned 1.27668; expected 3.11433"),
        (nth_closed_form, "returned -0.0245051; expected 3.11433"),
        (nth_on_a_float, "f takes a tensor"),
        (lambda f, x0, n: None, "forget `return`"),
        (raises, "raised ValueError"),
        ("nth_derivative", "expected a function"),
    ],
    "q7": [
        (hvp_forming_H, "that is H itself"),
        (hvp_row_by_row, "grows with n"),
        (hvp_gradient_times_v, "returned a wrong Hv"),
        (hvp_finite_differences, "are finite differences"),
        (lambda f, x, v: hvp(f, x, v)[:-1], "expected shape (5,)"),
        (lambda f, x, v: None, "forget `return`"),
        (raises, "raised ValueError"),
    ],
    "q8": [
        (newton_plain, "goes uphill"),
        (gradient_steps, "goes downhill"),
        (newton_last_point_only, "the whole path"),
        (newton_without_x0, "the whole path"),
        (raises, "raised ValueError"),
        ("newton", "expected a function"),
    ],
}


@pytest.mark.parametrize("name, answer", ALSO_RIGHT)
def test_other_forms_of_the_solution_are_accepted(name, answer):
    verdict = getattr(q, name).verdict(answer)
    assert verdict, verdict.message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_practice_stub_is_not_answered(name):
    verdict = getattr(q, name).verdict(...)
    assert not verdict and "not answered" in verdict.message


def stub(*args):
    raise NotImplementedError("your code here")


@pytest.mark.parametrize("name", ["q6", "q7", "q8"])
def test_an_untouched_function_stub_is_not_answered(name):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered" in verdict.message


def test_q1_every_known_mistake_differs_from_the_answer():
    x, y = 1.0, 4.0
    answer = 6 * x**2 * y
    mistakes = {
        "f": x**3 * y**2,
        "df/dx": 3 * x**2 * y**2,
        "df/dy": 2 * x**3 * y,
        "d2f/dx2": 6 * x * y**2,
        "d2f/dy2": 2 * x**3,
        "6x^2 without y": 6 * x**2,
    }
    assert answer not in mistakes.values()
    assert len(set(mistakes.values())) == len(mistakes)


def test_q5_every_known_mistake_differs_from_the_answer():
    H = np.array([[2.0, 4.0], [4.0, 0.0]])
    v = np.array([1.0, -1.0])
    grad = np.array([4.0, 5.0])
    answer = H @ v
    for wrong in [grad * v, np.diag(H) * v, [grad @ v] * 2, [v @ H @ v] * 2]:
        assert not np.allclose(answer, wrong)


def test_q4_newton_on_the_double_well_ends_at_the_maximum():
    x = 0.4
    for _ in range(10):
        x = x - (x**3 - x) / (3 * x**2 - 1)
    assert abs(x) < 1e-12


def test_q6_learner_gets_a_fresh_call_count_and_reference_first():
    calls = []

    def spy(f, x0, n):
        calls.append(repr(f))
        return nth_derivative(f, x0, n)

    assert q.q6.verdict(spy)
    assert calls[0] == "sin(x) * x**2" and len(calls) == 5


def test_q8_the_guard_matters_on_the_checks_functions():
    """Each test function's path uses the -grad step at least once, or is
    a convex case where Newton alone converges."""
    used = []
    for _, f, x0, steps in q._newton_cases():
        plain = newton(f, x0, steps, guard=False).numpy()
        used.append(not np.allclose(plain, q.newton_reference(f, x0, steps)))
    assert used == [True, False, True]
