"""Chapter 13 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_known_mistake_is_judged_wrong,
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_odd_input_never_raises_and_is_never_right,
    test_solution_is_accepted,
)

from helpers.questions import ch13 as q

pytestmark = pytest.mark.ch13


# ------------------------------------------------ q6: gradient, d features


def linear_grad(W, b, X, y):
    r = X @ W + b - y
    return 2 * X.T @ r / len(y), 2 * np.mean(r)


def residual(W, b, X, y):
    return X @ W + b - y


# ------------------------------------------------- q7: a mini-batch epoch


def mse_grad(w, b, x, y):
    r = w * x + b - y
    return 2 * np.mean(r * x), 2 * np.mean(r)


def epoch(w, b, x, y, order, batch_size, lr, drop_last=False, grad=mse_grad):
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        if drop_last and len(batch) < batch_size:
            break
        dw, db = grad(w, b, x[batch], y[batch])
        w, b = w - lr * dw, b - lr * db
    return w, b


def epoch_full_batches_only(
    w, b, x, y, order, batch_size, lr, drop_last=False, grad=mse_grad
):
    for k in range(len(order) // batch_size):
        batch = order[k * batch_size : (k + 1) * batch_size]
        dw, db = grad(w, b, x[batch], y[batch])
        w, b = w - lr * dw, b - lr * db
    return w, b


def epoch_ignoring_drop_last(
    w, b, x, y, order, batch_size, lr, drop_last=False, grad=mse_grad
):
    return epoch(w, b, x, y, order, batch_size, lr, False, grad)


def epoch_in_index_order(
    w, b, x, y, order, batch_size, lr, drop_last=False, grad=mse_grad
):
    everyone = np.arange(len(order))
    return epoch(w, b, x, y, everyone, batch_size, lr, drop_last, grad)


def epoch_dividing_by_batch_size(
    w, b, x, y, order, batch_size, lr, drop_last=False, grad=mse_grad
):
    # its own gradient, averaged over batch_size even for the short batch
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        if drop_last and len(batch) < batch_size:
            break
        r = w * x[batch] + b - y[batch]
        w = w - lr * 2 * np.sum(r * x[batch]) / batch_size
        b = b - lr * 2 * np.sum(r) / batch_size
    return w, b


def epoch_returning_only_w(
    w, b, x, y, order, batch_size, lr, drop_last=False, grad=mse_grad
):
    return epoch(w, b, x, y, order, batch_size, lr, drop_last, grad)[0]


def epoch_mutating_its_inputs(
    w, b, x, y, order, batch_size, lr, drop_last=False, grad=mse_grad
):
    result = epoch(w, b, x, y, order, batch_size, lr, drop_last, grad)
    x[:], y[:], order[:] = 0.0, 0.0, 0
    return result


# ---------------------------------------------------- q8: SGD, momentum


class SGD:
    def __init__(self, params, lr, momentum=0.0, nesterov=False):
        self.params, self.lr = params, lr
        self.momentum, self.nesterov = momentum, nesterov
        self.velocity = [np.zeros_like(p) for p in params]

    def step(self, grads):
        for p, grad, v in zip(self.params, grads, self.velocity):
            v *= self.momentum
            v += grad
            p -= self.lr * (grad + self.momentum * v if self.nesterov else v)


class KerasStyleSGD(SGD):
    """v <- mu v - lr g, p <- p + v: the same rule for a fixed rate."""

    def step(self, grads):
        for i, grad in enumerate(grads):
            self.velocity[i] = (
                self.momentum * self.velocity[i] - self.lr * grad
            )
            if self.nesterov:
                shift = self.momentum * self.velocity[i] - self.lr * grad
            else:
                shift = self.velocity[i]
            self.params[i] = self.params[i] + shift


class PlainSGD(SGD):
    def step(self, grads):
        for p, grad in zip(self.params, grads):
            p -= self.lr * grad


class DampenedSGD(SGD):
    def step(self, grads):
        for p, grad, v in zip(self.params, grads, self.velocity):
            v *= self.momentum
            v += (1 - self.momentum) * grad
            p -= self.lr * (grad + self.momentum * v if self.nesterov else v)


class NoNesterovSGD(SGD):
    def step(self, grads):
        for p, grad, v in zip(self.params, grads, self.velocity):
            v *= self.momentum
            v += grad
            p -= self.lr * v


class UphillSGD(SGD):
    def step(self, grads):
        super().step([-g for g in grads])


class RebindingSGD(SGD):
    def step(self, grads):
        for p, grad in zip(self.params, grads):
            p = p - self.lr * grad  # the mistake: rebinds p


class UnfinishedSGD(SGD):
    def step(self, grads):
        raise NotImplementedError("your code here")


def sgd_as_a_function(params, lr, momentum=0.0, nesterov=False):
    return SGD(params, lr, momentum, nesterov)


# ------------------------------------------------------------ q9: AdamW


class AdamW:
    def __init__(
        self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01
    ):
        self.params, self.lr, self.betas = params, lr, betas
        self.eps, self.weight_decay = eps, weight_decay
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def shrink(self, p):
        p *= 1 - self.lr * self.weight_decay

    def direction(self, m_hat, v_hat, v):
        return m_hat / (np.sqrt(v_hat) + self.eps)

    def step(self, grads):
        self.t += 1
        beta1, beta2 = self.betas
        for p, grad, m, v in zip(self.params, grads, self.m, self.v):
            self.shrink(p)
            m[...] = beta1 * m + (1 - beta1) * grad
            v[...] = beta2 * v + (1 - beta2) * grad**2
            m_hat, v_hat = m / (1 - beta1**self.t), v / (1 - beta2**self.t)
            p -= self.lr * self.direction(m_hat, v_hat, v)


class TorchStyleAdamW(AdamW):
    """torch's own arrangement: step size lr / bc1, denominator
    sqrt(v) / sqrt(bc2) + eps, new arrays stored in self.params."""

    def step(self, grads):
        self.t += 1
        beta1, beta2 = self.betas
        for i, grad in enumerate(grads):
            p = self.params[i] * (1 - self.lr * self.weight_decay)
            self.m[i] = self.m[i] + (grad - self.m[i]) * (1 - beta1)
            self.v[i] = beta2 * self.v[i] + (1 - beta2) * grad * grad
            denom = np.sqrt(self.v[i]) / np.sqrt(1 - beta2**self.t) + self.eps
            step_size = self.lr / (1 - beta1**self.t)
            self.params[i] = p - step_size * self.m[i] / denom


class L2AdamW(AdamW):
    def shrink(self, p):
        pass

    def step(self, grads):
        grads = [g + self.weight_decay * p for g, p in zip(grads, self.params)]
        super().step(grads)


class ShrinkWithoutLr(AdamW):
    def shrink(self, p):
        p *= 1 - self.weight_decay


class ShrinkAfterTheStep(AdamW):
    def shrink(self, p):
        pass

    def step(self, grads):
        super().step(grads)
        for p in self.params:
            p *= 1 - self.lr * self.weight_decay


class NoBiasCorrection(AdamW):
    def direction(self, m_hat, v_hat, v):
        beta1, beta2 = self.betas
        m = m_hat * (1 - beta1**self.t)
        return m / (np.sqrt(v) + self.eps)


class KerasEpsilon(AdamW):
    def direction(self, m_hat, v_hat, v):
        return m_hat / (np.sqrt(v) + self.eps)


class EpsilonInsideTheRoot(AdamW):
    def direction(self, m_hat, v_hat, v):
        return m_hat / np.sqrt(v_hat + self.eps)


class DefaultBetas(AdamW):
    def step(self, grads):
        self.betas = (0.9, 0.999)
        super().step(grads)


class UnfinishedAdamW(AdamW):
    def step(self, grads):
        raise NotImplementedError("your code here")


RIGHT = {
    "q1": "a",
    "q2": 1 / 3,
    "q3": [8, 26, 7],
    "q4": 0.44,
    "q5": [0.9, 1.1],
    "q6": linear_grad,
    "q7": epoch,
    "q8": SGD,
    "q9": AdamW,
}

WRONG = {
    "q1": [
        ("b", "residuals are positive"),
        ("c", "too steep"),
        ("positive", "expected one of"),
    ],
    "q2": [
        (2 / 3, "second derivative"),
        (1 / 6, "one step"),
        (3.0, "f'' / 2"),
        (-1 / 3, "wrong sign"),
    ],
    "q3": [
        ([7, 32, 7], "only the full batches"),
        ([8, 32, 7], "what is left"),
        ([8, 6, 7], "missing from a full batch"),
        ([8, 26, 8], "one update fewer"),
        (8, "shape"),
    ],
    "q4": [
        (0.64, "zero_grad()"),
        (0.8, "after one step"),
        (0.4, "not another 2.0"),
        (None, "None"),
    ],
    "q5": [
        ([0.9998, 5.0], "plain SGD"),
        (
            [1 - 0.1 * 0.1 / np.sqrt(0.001), 1 + 0.1 * 0.1 / np.sqrt(0.001)],
            "without bias correction",
        ),
        (
            [1 - 0.1 / np.sqrt(0.001), 1 + 0.1 / np.sqrt(0.001)],
            "correct both m and v",
        ),
        ([1.1, 0.9], "against the gradient"),
    ],
    "q6": [
        (
            lambda W, b, X, y: (
                X.T @ residual(W, b, X, y) / len(y),
                np.mean(residual(W, b, X, y)),
            ),
            "factor 2 is missing",
        ),
        (
            lambda W, b, X, y: (
                2 * X.T @ residual(W, b, X, y),
                2 * np.sum(residual(W, b, X, y)),
            ),
            "divide by the number of examples",
        ),
        (
            lambda W, b, X, y: (
                2 * X.T @ (y - X @ W - b) / len(y),
                2 * np.mean(y - X @ W - b),
            ),
            "wrong sign",
        ),
        (
            lambda W, b, X, y: (
                2 * X.T @ residual(W, b, X, y) / X.shape[1],
                2 * np.mean(residual(W, b, X, y)),
            ),
            "not over the d features",
        ),
        (
            lambda W, b, X, y: (
                (2 * X.T @ residual(W, b, X, y) / len(y))[None, :],
                2 * np.mean(residual(W, b, X, y)),
            ),
            "W's shape",
        ),
        (lambda W, b, X, y: linear_grad(W, b, X, y)[::-1], "W's shape"),
        (lambda W, b, X, y: None, "forget `return`"),
        (lambda W, b: (0.0, 0.0), "raised TypeError"),
        (3.0, "expected a function"),
    ],
    "q7": [
        (epoch_full_batches_only, "form a shorter batch"),
        (epoch_ignoring_drop_last, "skips the short batch"),
        (epoch_in_index_order, "in the given order"),
        (epoch_dividing_by_batch_size, "each batch's gradient"),
        (epoch_returning_only_w, "the pair (w, b)"),
        (lambda w, b, x, y, order, batch_size, lr: (w, b), "raised TypeError"),
        ("epoch", "expected a function"),
    ],
    "q8": [
        (PlainSGD, "never enters the step"),
        (DampenedSGD, "no factor (1 - momentum)"),
        (NoNesterovSGD, "with nesterov=True"),
        (UphillSGD, "uphill"),
        (RebindingSGD, "did not change the parameters"),
        (sgd_as_a_function, "expected a class"),
        (AdamW, "raised TypeError"),
        (True, "expected a class"),
    ],
    "q9": [
        (L2AdamW, "L2 penalty"),
        (ShrinkWithoutLr, "not by 1 - weight_decay"),
        (ShrinkAfterTheStep, "before the Adam step"),
        (NoBiasCorrection, "bias correction"),
        (KerasEpsilon, "Keras's placement"),
        (EpsilonInsideTheRoot, "after the square root"),
        (DefaultBetas, "the betas you are given"),
        (SGD, "raised TypeError"),
    ],
}


@pytest.mark.parametrize(
    "name, stub",
    [
        ("q6", lambda W, b, X, y: (_ for _ in ()).throw(NotImplementedError)),
        ("q8", UnfinishedSGD),
        ("q9", UnfinishedAdamW),
    ],
)
def test_an_untouched_stub_is_not_answered_yet(name, stub):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict
    assert "not answered yet" in verdict.message


def test_an_untouched_epoch_is_not_answered_yet():
    def minibatch_epoch(
        w, b, x, y, order, batch_size, lr, drop_last=False, grad=mse_grad
    ):
        raise NotImplementedError("your code here")

    assert "not answered yet" in q.q7.verdict(minibatch_epoch).message


def test_equivalent_arrangements_of_the_update_pass():
    assert q.q8.verdict(KerasStyleSGD)
    assert q.q9.verdict(TorchStyleAdamW)


def test_a_learner_that_changes_its_inputs_changes_nothing():
    assert q.q7.verdict(epoch_mutating_its_inputs)
    assert q.q7.verdict(epoch)

    def mutating_grad(W, b, X, y):
        result = linear_grad(W, b, X, y)
        X[...], y[...] = 0.0, 0.0
        return result

    assert q.q6.verdict(mutating_grad)
    assert q.q6.verdict(linear_grad)


def test_a_mistake_reports_the_first_step_that_differs():
    message = q.q8.verdict(DampenedSGD).message
    assert "first differ from torch.optim.SGD at step 1 of 20" in message
    message = q.q9.verdict(DefaultBetas).message
    assert "torch.optim.AdamW at step 2 of 20" in message


def test_answers_in_other_forms_pass():
    assert q.q3.verdict((8, 26, 7))
    assert q.q3.verdict(np.array([8, 26, 7]))
    assert q.q5.verdict([1 - 0.1 * 0.002 / (0.002 + 1e-8), 1.1])
    assert q.q6.verdict(
        lambda W, b, X, y: (
            2 * residual(W, b, X, y) @ X / len(y),
            np.array([2 * np.mean(residual(W, b, X, y))]),
        )
    )


def test_q2_accepts_a_rounded_third():
    assert q.q2.verdict(0.333)
