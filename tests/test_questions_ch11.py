"""Chapter 11 questions: each solution passes, plausible mistakes fail
with a specific reason. The implementation exercises (q7-q10) are checked
by running TensorFlow and PyTorch code, so both are imported here."""

import math

import numpy as np
import pytest
import tensorflow as tf
import torch
from fakes import FakeTorchTensor
from question_checks import (  # noqa: F401  (collected here)
    test_every_known_mistake_is_judged_wrong,
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_odd_input_never_raises_and_is_never_right,
    test_solution_is_accepted,
)

from helpers.questions import ch11 as q

pytestmark = pytest.mark.ch11


# ---- q7: global-norm clipping ---------------------------------------------


def clip_by_global_norm(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    scale = min(1.0, max_norm / norm)
    return [g * scale for g in grads]


def clip_in_place_returning_nothing(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    for g in grads:
        g *= min(1.0, max_norm / norm)


def clip_each(grads, max_norm):
    return [g * min(1.0, max_norm / np.linalg.norm(g)) for g in grads]


def clip_always(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    return [g * max_norm / norm for g in grads]


def clip_values(grads, max_norm):
    return [np.clip(g, -max_norm, max_norm) for g in grads]


def clip_stub(grads, max_norm):
    raise NotImplementedError("your code here")


def clip_torch(grads, max_norm):
    """The learner's way with PyTorch tensors: accepted too."""
    params = [torch.zeros(g.shape, requires_grad=True) for g in grads]
    for p, g in zip(params, grads):
        p.grad = torch.tensor(g, dtype=torch.float64).float()
    torch.nn.utils.clip_grad_norm_(params, max_norm)
    return [p.grad for p in params]


# ---- q8: logsumexp with tf.custom_gradient --------------------------------


@tf.custom_gradient
def logsumexp(x):
    m = tf.reduce_max(x)
    e = tf.exp(x - m)
    s = tf.reduce_sum(e)

    def grad(upstream):
        return upstream * e / s

    return m + tf.math.log(s), grad


@tf.custom_gradient
def logsumexp_naive_gradient(x):
    m = tf.reduce_max(x)
    s = tf.reduce_sum(tf.exp(x - m))

    def grad(upstream):
        return upstream * tf.exp(x) / tf.reduce_sum(tf.exp(x))

    return m + tf.math.log(s), grad


@tf.custom_gradient
def logsumexp_naive_value(x):
    def grad(upstream):
        return upstream * tf.nn.softmax(x)

    return tf.math.log(tf.reduce_sum(tf.exp(x))), grad


@tf.custom_gradient
def logsumexp_ignores_upstream(x):
    m = tf.reduce_max(x)
    e = tf.exp(x - m)
    s = tf.reduce_sum(e)

    def grad(upstream):
        return e / s

    return m + tf.math.log(s), grad


@tf.custom_gradient
def logsumexp_stub(x):
    raise NotImplementedError("your code here")


def logsumexp_builtin(x):
    """Right values and gradients, but TensorFlow's gradient, not yours."""
    return tf.reduce_logsumexp(x)


# ---- q9: Sigmoid, q10: SignSTE --------------------------------------------


class Sigmoid(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return 1 / (1 + torch.exp(-x))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)

    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved_tensors
        return grad_output * y * (1 - y)


class SigmoidIgnoresGradOutput(Sigmoid):
    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved_tensors
        return y * (1 - y)


class SigmoidWrongForward(Sigmoid):
    @staticmethod
    def forward(x):
        return 1 / (1 + torch.exp(x))


class SigmoidOldStyle(torch.autograd.Function):
    """The chapter's first style: forward(ctx, x), no setup_context."""

    @staticmethod
    def forward(ctx, x):
        y = 1 / (1 + torch.exp(-x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved_tensors
        return grad_output * y * (1 - y)


class SigmoidTanhRule(Sigmoid):
    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved_tensors
        return grad_output * (1 - y**2)


class SigmoidStub(torch.autograd.Function):
    @staticmethod
    def forward(x):
        raise NotImplementedError("your code here")

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("your code here")

    @staticmethod
    def backward(ctx, grad_output):
        raise NotImplementedError("your code here")


class SignSTE(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return torch.sign(x)

    @staticmethod
    def setup_context(ctx, inputs, output):
        (x,) = inputs
        ctx.save_for_backward(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * (x.abs() <= 1).to(grad_output.dtype)


class SignPlainSTE(SignSTE):
    @staticmethod
    def backward(ctx, grad_output):
        return grad_output


class SignTrueDerivative(SignSTE):
    @staticmethod
    def backward(ctx, grad_output):
        return torch.zeros_like(grad_output)


class SignInvertedMask(SignSTE):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * (x.abs() > 1).to(grad_output.dtype)


class SignSTEIgnoresGradOutput(SignSTE):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return (x.abs() <= 1).to(grad_output.dtype)


class SignSTEWrongForward(SignSTE):
    @staticmethod
    def forward(x):
        return torch.where(x >= 0, 1.0, -1.0).to(x.dtype) * 0.5


RIGHT = {
    "q1": 0.2,
    "q2": 6.0,
    "q3": 0.75,
    "q4": "b",
    "q5": FakeTorchTensor(-1.0),
    "q6": [1.6, -1.2],
    "q7": clip_by_global_norm,
    "q8": logsumexp,
    "q9": Sigmoid,
    "q10": SignSTE,
}

WRONG = {
    "q1": [
        (1.0, "slope on the right"),
        (0.6, "midpoint"),
        (0.5, "splits a tie"),
        (0.0, "torch.relu's value"),
        (-0.2, "wrong sign"),
    ],
    "q2": [
        (5.2, "that is 2x"),
        (0.0, "true derivative of round"),
        (1.0, "STE's own local gradient"),
        (9.0, "the loss"),
        (None, "None"),
    ],
    "q3": [
        (0.25, "sigma(-x)"),
        (math.log(4.0), "the value"),
        (3.0, "e^x alone"),
        (-0.75, "wrong sign"),
    ],
    "q4": [
        ("a", "always positive"),
        ("c", "tf.math.log has a gradient"),
        ("d", "stored exactly"),
        ("nan", "expected one of"),
    ],
    "q5": [
        (-6.0, "unclipped"),
        (FakeTorchTensor(1.0), "keeps the sign"),
        (9.0, "the loss"),
        (6.0, "negative"),
    ],
    "q6": [
        ([4.0, -3.0], "its own norm"),
        ([4.8, -3.6], "never scales up"),
        ([4 / 15, -0.2], "divides by the global norm"),
        ([2.4, -1.8], "w2's gradient alone"),
        (1.6, "shape"),
    ],
    "q7": [
        (clip_in_place_returning_nothing, "returned None"),
        (clip_each, "its own norm"),
        (clip_always, "only ever shrinks"),
        (clip_values, "clip by value"),
        (lambda grads, max_norm: grads[0], "expected a list of 2 arrays"),
        (lambda grads, max_norm: [g.ravel() for g in grads], "has shape (4,)"),
        (np.linalg.norm, "raised"),
        (3.0, "expected a function"),
    ],
    "q8": [
        (logsumexp_naive_gradient, "overflows float32"),
        (logsumexp_naive_value, "returned inf"),
        (logsumexp_ignores_upstream, "multiply it by upstream"),
        (logsumexp_builtin, "not decorated with @tf.custom_gradient"),
        (tf.reduce_logsumexp, "not decorated"),
        ("logsumexp", "expected the function logsumexp"),
    ],
    "q9": [
        (SigmoidIgnoresGradOutput, "ignores grad_output"),
        (SigmoidWrongForward, "the forward pass returned"),
        (SigmoidOldStyle, "has no setup_context"),
        (SigmoidTanhRule, "tanh's derivative"),
        (torch.sigmoid, "subclass of torch.autograd.Function"),
        (lambda x: 1 / (1 + torch.exp(-x)), "expected the class Sigmoid"),
        (torch.nn.Sigmoid, "subclass of torch.autograd.Function"),
    ],
    "q10": [
        (SignPlainSTE, "plain straight-through"),
        (SignTrueDerivative, "true derivative of sign"),
        (SignInvertedMask, "inverted"),
        (SignSTEIgnoresGradOutput, "ignores grad_output"),
        (SignSTEWrongForward, "the forward pass returned"),
        (torch.sign, "expected the class SignSTE"),
    ],
}


@pytest.mark.parametrize("name", sorted(RIGHT, key=lambda n: int(n[1:])))
def test_unanswered_is_not_an_error(name):
    verdict = getattr(q, name).verdict(...)
    assert not verdict and "not answered yet" in verdict.message


@pytest.mark.parametrize(
    "name, stub",
    [
        ("q7", clip_stub),
        ("q8", logsumexp_stub),
        ("q9", SigmoidStub),
        ("q10", type("SignStub", (SigmoidStub,), {})),
    ],
)
def test_an_untouched_stub_is_not_answered_yet(name, stub):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered yet" in verdict.message


def test_global_norm_clipping_accepts_torch_tensors():
    assert q.q7.verdict(clip_torch)


def test_clipping_gets_private_copies():
    """A right function that scales its inputs in place and returns them
    passes, and the next check still sees the original gradients."""

    def clip_in_place(grads, max_norm):
        clip_in_place_returning_nothing(grads, max_norm)
        return grads

    assert q.q7.verdict(clip_in_place)
    assert q.q7.verdict(clip_by_global_norm)


def test_float32_torch_answer_to_the_clipping_prediction_is_accepted():
    assert q.q6.verdict(torch.tensor([1.6, -1.2]) * (6 / (15 + 1e-6)) / 0.4)


def test_sigmoid_checker_runs_torch_func_grad():
    """The checker's message for the old style comes from its own test,
    not from torch; the new style passes under torch.func.grad."""
    old = q.q9.verdict(SigmoidOldStyle)
    assert "setup_context" in old.message
    assert q.q9.verdict(Sigmoid)
