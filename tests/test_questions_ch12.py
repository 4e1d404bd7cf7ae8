"""Chapter 12 questions: each solution passes, plausible mistakes fail
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

from helpers.questions import ch12 as q

pytestmark = pytest.mark.ch12


# ---- q8: linear_backward ---------------------------------------------------


def linear_backward(dZ, X, W):
    return dZ @ W, dZ.T @ X, dZ.sum(axis=0)


def linear_dW_transposed(dZ, X, W):
    return dZ @ W, X.T @ dZ, dZ.sum(axis=0)


def linear_db_mean(dZ, X, W):
    return dZ @ W, dZ.T @ X, dZ.mean(axis=0)


def linear_dW_mean(dZ, X, W):
    return dZ @ W, dZ.T @ X / len(X), dZ.sum(axis=0)


def linear_dX_wrong(dZ, X, W):
    return dZ @ W / len(X), dZ.T @ X, dZ.sum(axis=0)


def linear_scribbles(dZ, X, W):
    """Right, but overwrites its inputs: later tests must not care."""
    result = tuple(r.copy() for r in linear_backward(dZ, X, W))
    dZ *= 0
    X *= 0
    W *= 0
    return result


# ---- q9: softmax_ce_grad ---------------------------------------------------


def softmax_ce_grad(Z, labels):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    return (P - np.eye(Z.shape[1])[labels]) / len(Z)


def softmax_ce_grad_naive(Z, labels):
    with np.errstate(all="ignore"):
        E = np.exp(Z)
        P = E / E.sum(axis=1, keepdims=True)
    return (P - np.eye(Z.shape[1])[labels]) / len(Z)


def softmax_ce_grad_two_step(Z, labels):
    """Through dL/dP = -Y / (N P) and the softmax's VJP: NaN where the
    true class's probability underflows to 0."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    with np.errstate(all="ignore"):
        grad_P = -np.eye(Z.shape[1])[labels] / P / len(Z)
        return P * (grad_P - np.sum(grad_P * P, axis=1, keepdims=True))


def softmax_ce_grad_no_mean(Z, labels):
    return softmax_ce_grad(Z, labels) * len(Z)


def softmax_only(Z, labels):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True) / len(Z)


def softmax_wrong_axis(Z, labels):
    E = np.exp(Z - Z.max(axis=0))
    P = E / E.sum(axis=0)
    return (P - np.eye(Z.shape[1])[labels]) / len(Z)


# ---- q10: the chapter's network with a squared-error loss -----------------


def backward_mse(params, cache, Y, *, delta="right", tanh_prime=True):
    X, A1, Z2 = cache["X"], cache["A1"], cache["Z2"]
    P = 1 / (1 + np.exp(-Z2))
    N = len(Y)
    delta2 = {
        "right": 2 * (P - Y) / N * P * (1 - P),
        "bce": (P - Y) / N,
        "no 2": (P - Y) / N * P * (1 - P),
        "no mean": 2 * (P - Y) * P * (1 - P),
        "no sigma'": 2 * (P - Y) / N,
    }[delta]
    delta1 = delta2 @ params["W2"]
    if tanh_prime:
        delta1 = delta1 * (1 - A1**2)
    return {
        "W2": delta2.T @ A1,
        "b2": delta2.sum(axis=0),
        "W1": delta1.T @ X,
        "b1": delta1.sum(axis=0),
    }


def backward_mse_tf_layout(params, cache, Y):
    g = backward_mse(params, cache, Y)
    g["W1"] = g["W1"].T
    return g


# ---- q11: the ReLU network's backward pass ---------------------------------


def backward(params, cache, labels):
    g = {"Z3": softmax_ce_grad(cache["Z3"], labels)}
    g["H2"], g["W3"], g["b3"] = linear_backward(
        g["Z3"], cache["H2"], params["W3"]
    )
    g["Z2"] = g["H2"] * (cache["Z2"] > 0)
    g["H1"], g["W2"], g["b2"] = linear_backward(
        g["Z2"], cache["H1"], params["W2"]
    )
    g["Z1"] = g["H1"] * (cache["Z1"] > 0)
    _, g["W1"], g["b1"] = linear_backward(g["Z1"], cache["X"], params["W1"])
    return g


def backward_sigmoid_rule(params, cache, labels):
    g = backward(params, cache, labels)
    H2 = cache["H2"]
    g["Z2"] = g["H2"] * H2 * (1 - H2)
    return g


def backward_no_relu_prime(params, cache, labels):
    g = backward(params, cache, labels)
    g["Z1"] = g["H1"]
    return g


def backward_no_mean(params, cache, labels):
    g = backward(params, cache, labels)
    g["Z3"] = g["Z3"] * len(labels)
    return g


def backward_missing_key(params, cache, labels):
    g = backward(params, cache, labels)
    del g["H1"]
    return g


def backward_transposed_W2(params, cache, labels):
    g = backward(params, cache, labels)
    g["W2"] = g["W2"].T
    return g


def backward_parameters_only(params, cache, labels):
    g = backward(params, cache, labels)
    return [g[name] for name in ("W1", "b1", "W2", "b2", "W3", "b3")]


def stub(*args):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": 3 / 16,
    "q2": np.array([[0.1, -0.2], [0.3, 0.0], [-0.1, 0.4]]).sum(axis=0),
    "q3": (5, 3),
    "q4": "b",
    "q5": [[-0.5, -1.0], [0.5, 1.0]],
    "q6": "b",
    "q7": [0.125, -0.75, 0.625],
    "q8": linear_backward,
    "q9": softmax_ce_grad,
    "q10": backward_mse,
    "q11": backward,
}

WRONG = {
    "q1": [
        (0.75, "sigma(ln 3) itself"),
        (0.25, "largest value"),
        (0.4375, "rule for tanh"),
        (0.5625, "not sigma^2"),
        ("0.1875", "str"),
    ],
    "q2": [
        ([0.1, 0.2 / 3], "do not average"),
        ([-0.1, 0.3, 0.3], "axis 0"),
        ([-0.3, -0.2], "plus sign"),
        ([], "shape"),
    ],
    "q3": [
        ((3, 5), "(in, out) layout"),
        ((10, 5), "shape of Delta1"),
        ((10, 3), "shape of X"),
        ((10, 5, 3), "stacks one gradient per example"),
        ((5, 2), "axis 1"),
        ("5, 3", "tuple of ints"),
    ],
    "q4": [
        ("a", "torch.nn.Linear layout"),
        ("c", "(N, N)"),
        ("d", "does not even multiply"),
        ("e", "expected one of"),
    ],
    "q5": [
        ([[-2.0, -4.0], [2.0, 4.0]], "left out sigma'(a)"),
        ([[-0.5, 0.5], [-1.0, 1.0]], "the transpose"),
        ([[-0.25, -0.5], [0.25, 0.5]], "factor 2"),
        ([[0.5, 1.0], [-0.5, -1.0]], "not t - y"),
        ([-0.5, -1.0, 0.5, 1.0], "shape"),
    ],
    "q6": [
        ("a", "the 1/N is there"),
        ("c", "delta2 @ W2 is right"),
        ("d", "something is missing"),
        (2, "string"),
    ],
    "q7": [
        ([0.125, 0.25, 0.625], "the softmax P itself"),
        ([-0.125, 0.75, -0.625], "that is Y - P"),
        ([0.0, -4.0, 0.0], "one step short"),
        ([0.125, 0.25, -0.375], "index 2"),
        ([-0.875, 0.25, 0.625], "index 0"),
    ],
    "q8": [
        (linear_dW_transposed, "dW has shape (3, 2)"),
        (linear_db_mean, "db differs"),
        (linear_dW_mean, "N times too small"),
        (linear_dX_wrong, "no 1/N"),
        (lambda dZ, X, W: dZ.T @ X, "expected three arrays"),
        (lambda dZ, X, W: (None, None, None), "dX is None"),
        ("dZ @ W", "expected a function"),
    ],
    "q9": [
        (softmax_ce_grad_naive, "subtract each row's largest logit"),
        (softmax_ce_grad_no_mean, "N times too large"),
        (softmax_ce_grad_two_step, "never divides by a probability"),
        (softmax_only, "subtract the one-hot labels"),
        (softmax_wrong_axis, "along axis 1"),
        (lambda Z, labels: -softmax_ce_grad(Z, labels), "wrong sign"),
        (lambda Z, labels: softmax_ce_grad(Z, labels).T, "transposed"),
        (lambda Z, labels: None, "forget `return`"),
    ],
    "q10": [
        (
            lambda p, c, Y: backward_mse(p, c, Y, delta="bce"),
            "sigma' cancels only with cross-entropy",
        ),
        (lambda p, c, Y: backward_mse(p, c, Y, delta="no 2"), "factor 2"),
        (
            lambda p, c, Y: backward_mse(p, c, Y, delta="no mean"),
            "N times too large",
        ),
        (
            lambda p, c, Y: backward_mse(p, c, Y, delta="no sigma'"),
            "multiply by P (1 - P)",
        ),
        (
            lambda p, c, Y: backward_mse(p, c, Y, tanh_prime=False),
            "tanh' is missing",
        ),
        (backward_mse_tf_layout, "It looks transposed"),
        (lambda p, c, Y: [1.0, 2.0], "expected a dict"),
    ],
    "q11": [
        (backward_sigmoid_rule, "sigmoid's derivative"),
        (backward_no_relu_prime, "derivative is missing"),
        (backward_no_mean, "N times too large"),
        (backward_missing_key, "no gradient for H1"),
        (backward_transposed_W2, "dW2 has shape"),
        (backward_parameters_only, "expected a dict"),
        (lambda params, cache, labels: params["w1"], "raised KeyError"),
    ],
}


def test_functions_that_change_their_inputs_do_not_spoil_the_check():
    assert q.q8.verdict(linear_scribbles)
    assert q.q8.verdict(linear_backward)


def test_the_first_wrong_tensor_is_named_after_the_right_ones():
    message = q.q11.verdict(backward_sigmoid_rule).message
    assert "dZ2 differs" in message
    assert "Right so far: dZ3, dW3, db3, dH2." in message


@pytest.mark.parametrize("name", ["q8", "q9", "q10", "q11"])
def test_an_untouched_stub_is_not_answered_yet(name):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered yet" in verdict.message
