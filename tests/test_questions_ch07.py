"""Chapter 07 questions: each solution passes, plausible mistakes fail
with a specific reason, and the implementation checks refuse what only
looks like a tape (a formula, plain floats, finite differences).

The predict questions need no TensorFlow (FakeTensor stands in for what a
learner pastes); the implementation answers are real tapes, so this module
imports TensorFlow when their tests first run.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from fakes import FakeTFTensor as FakeTensor
from question_checks import (  # noqa: F401  (collected here)
    test_every_known_mistake_is_judged_wrong,
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_odd_input_never_raises_and_is_never_right,
    test_solution_is_accepted,
)

from helpers.questions import ch07 as q

pytestmark = pytest.mark.ch07

ROOT = Path(__file__).resolve().parent.parent


def _tf():
    import tensorflow as tf

    return tf


# ---- right answers: a real tape -------------------------------------------


def grad_at(f, x0):
    tf = _tf()
    x = tf.Variable(x0, dtype=tf.float32)
    with tf.GradientTape() as tape:
        y = f(x)
    return tape.gradient(y, x)


def grad_of_square(f, x0):
    tf = _tf()
    x = tf.Variable(x0, dtype=tf.float32)
    with tf.GradientTape() as tape:
        loss = f(x) ** 2
    return tape.gradient(loss, x)


def watched_grad(f, x0):
    tf = _tf()
    x = tf.constant(x0, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x)


def clipped_grad(f, x0):
    tf = _tf()
    x = tf.Variable(x0, dtype=tf.float32)
    with tf.GradientTape() as tape:
        y = tf.clip_by_value(f(x), -10.0, 10.0)
    return tape.gradient(y, x)


# ---- wrong answers ----------------------------------------------------------


def formula(f, x0):
    """A closed form for the one function a learner might guess."""
    return 2.1 * np.asarray(x0, float) ** 2 - 1.3


def plain_differences(f, x0):
    h = 1e-6
    x0 = np.asarray(x0, dtype=float)
    grad = np.zeros_like(x0)
    for i in np.ndindex(x0.shape):
        step = np.zeros_like(x0)
        step[i] = h
        grad[i] = (f(x0 + step) - f(x0 - step)) / (2 * h)
    return grad


def tensor_differences(f, x0):
    """Finite differences on float64 tensors: accurate, and still no tape."""
    tf = _tf()
    x = tf.constant(x0, tf.float64)
    h = 1e-5
    if x.shape.rank == 0:
        return (f(x + h) - f(x - h)) / (2 * h)
    eye = tf.eye(x.shape[0], dtype=tf.float64)
    return tf.stack([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in eye])


def int_tape(f, x0):
    """The broken version of q8: tf.constant(2) is int32."""
    tf = _tf()
    x = tf.constant(x0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x)


def forward_before_tape(f, x0):
    """The broken version of q7."""
    tf = _tf()
    x = tf.Variable(x0, dtype=tf.float32)
    y = f(x)
    with tf.GradientTape() as tape:
        loss = y**2
    return tape.gradient(loss, x)


def numpy_clip(f, x0):
    """The broken version of q9."""
    tf = _tf()
    x = tf.Variable(x0, dtype=tf.float32)
    with tf.GradientTape() as tape:
        y = tf.constant(np.clip(f(x).numpy(), -10.0, 10.0))
    return tape.gradient(y, x)


def not_written(f, x0):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": [False, True, True, False, True, True],
    "q2": FakeTensor(192.0),
    "q3": 9,
    "q4": (4, 2, 3),
    "q5": 4.0,
    "q6": grad_at,
    "q7": grad_of_square,
    "q8": watched_grad,
    "q9": clipped_grad,
}

WRONG = {
    "q1": [
        ([True, True, True, False, True, True], "snippet (a)"),
        ([False, False, True, False, True, True], "trainable=False"),
        ([False, True, False, False, True, True], "before the tape"),
        ([False, True, True, True, True, True], "snippet (d)"),
        ([False, True, True, False, False, True], "comparison"),
        ([False, True, True], "got 3 values"),
        ([0, 1, 1, 0, 1, None], "snippet (f)"),
    ],
    "q2": [
        (16.0, "dz/dy"),
        (12.0, "dy/dx"),
        (64.0, "z = x^6"),
        (None, "None"),
    ],
    "q3": [
        (10.0, "value f(2)"),
        (8.0, "dropped the last step"),
        (6.0, "starts at i = 0"),
        (-9.0, "wrong sign"),
    ],
    "q4": [
        ((4, 2, 4, 3), "tape.jacobian"),
        ((4, 3), "shape of x"),
        ((2, 3), "one example's block"),
        ((4, 3, 2), "outputs come before the inputs"),
    ],
    "q5": [
        (16.0, "stop_recording"),
        (12.0, "value of w"),
        (8.0, "value of z"),
        (None, "None"),
    ],
    "q6": [
        (formula, "never called f"),
        (plain_differences, "a plain number"),
        (tensor_differences, "finite differences"),
        (int_tape, "int32"),
        (lambda f, x0: None, "never called f"),
        (12.0, "expected a function"),
    ],
    "q7": [
        (forward_before_tape, "returned None"),
        (grad_at, "multiply by 2 f(x)"),
        (plain_differences, "a plain number"),
    ],
    "q8": [
        (int_tape, "int32"),
        (tensor_differences, "finite differences"),
        (formula, "never called f"),
    ],
    "q9": [
        (numpy_clip, "no path from x to the clipped y"),
        (grad_at, "its gradient is 0"),
        (plain_differences, "a plain number"),
    ],
}


@pytest.mark.parametrize("name", ["q6", "q7", "q8", "q9"])
def test_a_stub_is_not_answered_yet(name):
    verdict = getattr(q, name).verdict(not_written)
    assert not verdict and "not answered yet" in verdict.message


@pytest.mark.parametrize("name", ["q6", "q7", "q8", "q9"])
def test_an_answer_that_changes_its_point_still_passes(name):
    right = RIGHT[name]

    def scribbler(f, x0):
        result = right(f, x0)
        if isinstance(x0, list):
            x0[:] = [123.0] * len(x0)
        return result

    assert getattr(q, name).verdict(scribbler)
    assert getattr(q, name).verdict(right)


def test_each_unseen_function_differs_from_its_plausible_mistakes():
    """The test points separate the answer from each known mistake."""
    for case in q.Q7_CASES:
        right = np.asarray(case.want)
        assert not np.allclose(right, q._only_f_prime(case.f, *case.args))
        assert not np.allclose(right, q._forgot_chain(case.f, *case.args))
    clipped = [c for c in q.Q9_CASES if not np.any(np.asarray(c.want))]
    assert len(clipped) == 2, "the check must try clipped points"


def test_predict_reveals_only_after_an_answer(capsys, monkeypatch, tmp_path):
    """An unanswered stub reveals nothing; a committed answer does."""
    monkeypatch.setenv("AUTODIFF_COURSE_PROGRESS", str(tmp_path / "p"))
    q.q4.check(...)
    assert "Ran it" not in capsys.readouterr().out
    q.q4.check((4, 2, 3))
    out = capsys.readouterr().out
    assert "TensorShape([4, 2, 3])" in out


def test_snippets_are_shown_in_the_notebook_as_written():
    path = ROOT / "solutions" / "07_gradient_tape.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n".join(
        "".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
    )
    for question in (q.q1, q.q2, q.q3, q.q4, q.q5):
        for _, code in question.snippets:
            assert f"```python\n{code}\n```" in text


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_odd_input_gets_a_cross_not_an_exception(name):
    for answer in [None, "yes", [], float("nan"), {"a": 1}, lambda: 1]:
        verdict = getattr(q, name).verdict(answer)
        assert not verdict
        assert verdict.message.startswith("✗")


def test_progress_knows_every_question_and_its_chapter():
    from helpers.tracking import questions

    names = [f"q{k}" for k in range(1, 10)]
    assert questions()["07"] == names
    assert {getattr(q, name).chapter for name in names} == {"07"}
