"""Chapter 08 questions: each solution passes, plausible mistakes fail
with a specific reason, and the implementation checks refuse what only
looks like autograd (a formula, untracked tensors, finite differences, a
whole Jacobian where one backward pass is asked for).

The predict questions need no PyTorch (fake tensors stand in for what a
learner pastes); the implementation answers use real autograd, so this
module imports PyTorch when their tests first run.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from fakes import FakeTorchTensor
from question_checks import (  # noqa: F401  (collected here)
    test_every_known_mistake_is_judged_wrong,
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_odd_input_never_raises_and_is_never_right,
    test_solution_is_accepted,
)

from helpers.questions import ch08 as q

pytestmark = pytest.mark.ch08

ROOT = Path(__file__).resolve().parent.parent


def _torch():
    import torch

    return torch


# ---- right answers: real autograd -------------------------------------------


def descend(loss_fn, w0, lr, steps):
    torch = _torch()
    w = torch.tensor(w0, requires_grad=True)
    for _ in range(steps):
        loss_fn(w).backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad.zero_()
    return w.detach()


def capped_grad(f, x0):
    torch = _torch()
    x = torch.tensor(x0, requires_grad=True)
    (f(x).clamp(max=2.0) ** 2).sum().backward()
    return x.grad


def vjp(f, x0, v):
    torch = _torch()
    x = torch.tensor(x0, requires_grad=True)
    f(x).backward(gradient=torch.tensor(v))
    return x.grad


# ---- wrong answers ---------------------------------------------------------


def in_place_leaf(loss_fn, w0, lr, steps):
    """The broken loop: an in-place update of a leaf that requires grad."""
    torch = _torch()
    w = torch.tensor(w0, requires_grad=True)
    for _ in range(steps):
        loss_fn(w).backward()
        w -= lr * w.grad
    return w


def piles_up(loss_fn, w0, lr, steps):
    torch = _torch()
    w = torch.tensor(w0, requires_grad=True)
    for _ in range(steps):
        loss_fn(w).backward()
        with torch.no_grad():
            w -= lr * w.grad
    return w.detach()


def untracked(loss_fn, w0, lr, steps):
    """Descent by hand with finite differences on plain tensors."""
    torch = _torch()
    w = torch.tensor(w0, dtype=torch.float64)
    h = 1e-6
    for _ in range(steps):
        flat = w.reshape(-1)
        grad = torch.zeros_like(flat)
        for i in range(flat.numel()):
            step = torch.zeros_like(flat)
            step[i] = h
            up = loss_fn((flat + step).reshape(w.shape))
            down = loss_fn((flat - step).reshape(w.shape))
            grad[i] = (up - down) / (2 * h)
        w = w - lr * grad.reshape(w.shape)
    return w


def clamps_in_place(f, x0):
    """The broken version: clamp_ changes f's saved output."""
    torch = _torch()
    x = torch.tensor(x0, requires_grad=True)
    y = f(x)
    y.clamp_(max=2.0)
    (y**2).sum().backward()
    return x.grad


def no_cap(f, x0):
    torch = _torch()
    x = torch.tensor(x0, requires_grad=True)
    (f(x) ** 2).sum().backward()
    return x.grad


def capped_by_differences(f, x0):
    torch = _torch()
    x = torch.tensor(x0, dtype=torch.float64)
    h = 1e-6

    def loss(z):
        return (f(z).clamp(max=2.0) ** 2).sum()

    eye = torch.eye(x.numel(), dtype=torch.float64)
    return torch.stack(
        [(loss(x + h * e) - loss(x - h * e)) / (2 * h) for e in eye]
    )


def whole_jacobian(f, x0, v):
    torch = _torch()
    J = torch.autograd.functional.jacobian(
        f, torch.tensor(x0, requires_grad=True)
    )
    return torch.tensor(v) @ J


def ignores_v(f, x0, v):
    torch = _torch()
    x = torch.tensor(x0, requires_grad=True)
    f(x).sum().backward()
    return x.grad


def not_written(*args):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": FakeTorchTensor(24.0),
    "q2": [True, True, False, True, False],
    "q3": FakeTorchTensor([6.0, 7.0]),
    "q4": 12.0,
    "q5": FakeTorchTensor(32.0),
    "q6": [False, True, False, True],
    "q7": descend,
    "q8": capped_grad,
    "q9": vjp,
}

WRONG = {
    "q1": [
        (12.0, "second backward() adds"),
        (FakeTorchTensor(8.0), "y = x**3 itself"),
        (144.0, "not multiplied"),
        (None, "None"),
    ],
    "q2": [
        ([True, True, False, True, True], "ToCopyBackward0"),
        ([True, True, True, True, False], "MulBackward0"),
        ([True, False, False, True, False], "always a leaf"),
        ([True, True, False, False, False], "no history"),
        ("c", "list of 5 True/False"),
    ],
    "q3": [
        ([4.0, 13.0], "column sums"),
        (FakeTorchTensor([[2, 1], [2, 0], [0, 12]]), "Jacobian J itself"),
        ([2.0, 4.0, 6.0], "one entry per input"),
        ([7.0, 6.0], "expected 6"),
        ([], "empty"),
    ],
    "q4": [
        (36.0, "that is x.grad"),
        (6.0, "y = 3x itself"),
        (3.0, "3 is dy/dx"),
        ("12", "str"),
    ],
    "q5": [
        (FakeTorchTensor(48.0), "the detached factor counts"),
        (64.0, "z itself"),
        (16.0, "16 is x**2"),
        (8.0, "multiply by the detached factor"),
    ],
    "q6": [
        ([True, True, False, True], "x + 1 is 1"),
        ([False, False, False, True], "e^x is e^x itself"),
        ([False, True, True, True], "-x is -1"),
        ([False, True, False, False], "x * x needs x"),
    ],
    "q7": [
        (in_place_leaf, "recording is switched off"),
        (piles_up, "piled up in w.grad"),
        (untracked, "does not require gradients"),
        (lambda loss_fn, w0, lr, steps: w0, "never called f"),
    ],
    "q8": [
        (clamps_in_place, "backward still needs"),
        (no_cap, "without the cap"),
        (capped_by_differences, "does not require gradients"),
    ],
    "q9": [
        (whole_jacobian, "backward passes"),
        (ignores_v, "column sums of J"),
        (lambda f, x0, v: np.zeros(len(x0)), "never called f"),
    ],
}


def test_the_rebinding_mistake_gets_the_non_leaf_explanation():
    """`w = w - lr * w.grad` leaves a non-leaf whose .grad is None."""

    def rebinding(loss_fn, w0, lr, steps):
        torch = _torch()
        w = torch.tensor(w0, requires_grad=True)
        for _ in range(steps):
            loss_fn(w).backward()
            w = w - lr * w.grad
        return w

    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # reading a non-leaf's .grad
        verdict = q.q7.verdict(rebinding)
    assert not verdict and "non-leaf" in verdict.message


@pytest.mark.parametrize("name", ["q7", "q8", "q9"])
def test_a_stub_is_not_answered_yet(name):
    verdict = getattr(q, name).verdict(not_written)
    assert not verdict and "not answered yet" in verdict.message


def test_a_float32_answer_passes_and_float64_too():
    def vjp64(f, x0, v):
        torch = _torch()
        x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        f(x).backward(gradient=torch.tensor(v, dtype=torch.float64))
        return x.grad

    assert q.q9.verdict(vjp) and q.q9.verdict(vjp64)


def test_the_test_points_separate_the_known_mistakes():
    for case in q.Q8_CASES:
        assert not np.allclose(case.want, q._uncapped(case.f, *case.args))
    assert any(np.any(np.asarray(c.want) == 0) for c in q.Q8_CASES)
    for case in q.Q9_CASES:
        assert not np.allclose(case.want, q._column_sums(case.f, *case.args))
    for case in q.Q7_CASES:
        assert not np.allclose(case.want, q._piled_up(case.f, *case.args))


def test_predict_reveals_only_after_an_answer(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("AUTODIFF_COURSE_PROGRESS", str(tmp_path / "p"))
    q.q6.check(...)
    assert "Ran it" not in capsys.readouterr().out
    q.q6.check([False, True, False, True])
    out = capsys.readouterr().out
    assert "(a) x.grad = tensor(2.)" in out
    assert "(b) it raises RuntimeError: Trying to backward" in out


def test_snippets_are_shown_in_the_notebook_as_written():
    path = ROOT / "solutions" / "08_pytorch_autograd.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n".join(
        "".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
    )
    for question in (q.q1, q.q2, q.q4, q.q5, q.q6):  # q3 is asked in maths
        for _, code in question.snippets:
            assert f"```python\n{code}\n```" in text


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_unanswered_is_not_an_error(name):
    verdict = getattr(q, name).verdict(...)
    assert not verdict and "not answered yet" in verdict.message


def test_progress_knows_every_question_and_its_chapter():
    from helpers.tracking import questions

    names = [f"q{k}" for k in range(1, 10)]
    assert questions()["08"] == names
    assert {getattr(q, name).chapter for name in names} == {"08"}
