"""Practice questions for chapter 12, backpropagation in neural networks.

The implementation exercises (q8-q11) get test batches of shapes the
notebook never shows, each argument as a private copy, with the reference
computed first; a backward pass is compared tensor by tensor, and the
message names the first tensor that differs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers._convert import describe, to_array
from helpers.quiz import (
    NotAnswered,
    Question,
    array,
    choice,
    number,
    shape,
)

Arrays = dict[str, np.ndarray]


def _show(value: np.ndarray) -> str:
    return np.array2string(
        np.asarray(value, dtype=float), separator=", ", precision=6
    )


def _close(got: np.ndarray, want: np.ndarray) -> bool:
    return (
        got.shape == want.shape
        and bool(np.all(np.isfinite(got)))
        and bool(np.allclose(got, want, rtol=1e-6, atol=1e-10))
    )


def _call(answer: Any, args: Sequence[Any], where: str, what: str) -> Any:
    """Run the learner's function on copies; (result, "") or (None, why)."""
    copies = [
        {k: v.copy() for k, v in a.items()}
        if isinstance(a, dict)
        else a.copy()
        for a in args
    ]
    try:
        return answer(*copies), ""
    except NotImplementedError:
        raise NotAnswered from None
    except Exception as error:
        return None, f"{where} {what} raised {type(error).__name__}: {error}"


def _array_or_reason(value: Any, where: str, name: str) -> Any:
    """(array, "") or (None, the reason ``value`` is not one)."""
    if value is None:
        return None, f"{where} {name} is None; did you forget `return`?"
    try:
        return to_array(value, name), ""
    except (TypeError, ValueError):
        return None, f"{where} {name} is {describe(value)}; expected an array."


def _compare(got: np.ndarray, want: np.ndarray, where: str, name: str) -> str:
    """ "" if ``got`` is ``want``, else what differs (shape, sign, entry)."""
    if got.shape != want.shape:
        note = " It looks transposed." if got.shape == want.T.shape else ""
        return (
            f"{where} {name} has shape {got.shape}; expected {want.shape}."
            f"{note}"
        )
    if not np.all(np.isfinite(got)):
        return f"{where} {name} contains NaN or infinity."
    if _close(got, want):
        return ""
    if _close(-got, want):
        return f"{where} {name} has the wrong sign."
    index = tuple(
        int(i) for i in np.argwhere(~np.isclose(got, want, 1e-6, 1e-10))[0]
    )
    return (
        f"{where} {name} differs: entry {list(index)} is "
        f"{float(got[index]):.6g}, expected {float(want[index]):.6g}."
    )


# ---- q1-q7: predict and derive by hand ------------------------------------


def _sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


q1 = Question(
    "q1",
    number(
        0.1875,
        mistakes={
            0.75: "that is sigma(ln 3) itself; the derivative is "
            "sigma(z) * (1 - sigma(z)).",
            0.25: "that is sigma'(0), the largest value sigma' takes; here "
            "z = ln 3, where sigma(z) = 0.75.",
            0.4375: "1 - sigma^2 is the rule for tanh; for the sigmoid, "
            "sigma' = sigma * (1 - sigma).",
            0.5625: "sigma' = sigma * (1 - sigma), not sigma^2.",
        },
    ),
    hint="sigma(ln 3) = 1 / (1 + e^(-ln 3)) = 1 / (1 + 1/3). Then use "
    "sigma'(z) = sigma(z) * (1 - sigma(z)).",
    solution="sigma(ln 3) = 1 / (1 + 1/3) = 3/4, so "
    "sigma'(ln 3) = 3/4 * 1/4 = 3/16 = 0.1875.",
)

q2 = Question(
    "q2",
    array(
        [0.3, 0.2],
        mistakes=[
            (
                [0.1, 0.2 / 3],
                "the 1/N of the mean loss is already inside the deltas: "
                "sum the rows, do not average them",
            ),
            (
                [-0.1, 0.3, 0.3],
                "that sums each example's row; sum over the examples "
                "(axis 0) instead, one entry per hidden unit",
            ),
            (
                [-0.3, -0.2],
                "the bias enters z with a plus sign, so dL/db1 is the sum "
                "of the deltas, not minus it",
            ),
        ],
    ),
    hint="z1 = W1 x + b1, so dl/db1 = delta1 for one example. How do the "
    "examples of a batch combine?",
    solution="dL/db1 = Delta1.sum(axis=0) = [0.1 + 0.3 - 0.1, "
    "-0.2 + 0.0 + 0.4] = [0.3, 0.2].",
)

q3 = Question(
    "q3",
    shape(
        (5, 3),
        mistakes={
            (3, 5): "that is the (in, out) layout; here W1 is stored as "
            "(out, in) = (5, 3), and a gradient has its parameter's shape.",
            (10, 5): "that is the shape of Delta1 = dL/dZ1, one row per "
            "example; Delta1^T X sums over the batch and removes that axis.",
            (10, 3): "that is the shape of X, one row per example; the "
            "gradient of W1 has the shape of W1.",
            (10, 5, 3): "that stacks one gradient per example; the batch "
            "gradient is their sum, with the shape of W1.",
        },
    ),
    hint="A gradient has the shape of the parameter it belongs to. What is "
    "the shape of W1 when weights are stored (out, in)?",
    solution="(5, 3): W1 maps 3 inputs to 5 hidden units and is stored "
    "(out, in); dL/dW1 = Delta1^T X is (5, 10) @ (10, 3) = (5, 3).",
)

q4 = Question(
    "q4",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "Delta^T X has shape (out, in): that is the torch.nn.Linear "
            "layout. Here W is (in, out).",
            "c": "X Delta^T has shape (N, N): one entry per pair of "
            "examples, not per weight.",
            "d": "Delta X^T does not even multiply: (N, out) @ (in, N) needs "
            "out = in.",
        },
    ),
    hint="Check shapes: X is (N, in), Delta = dL/dZ is (N, out), and the "
    "answer must have W's shape (in, out).",
    solution="(b) X^T Delta: (in, N) @ (N, out) = (in, out), the sum over "
    "examples of the outer products x_n delta_n^T. It is the transpose of "
    "Delta^T X, the formula for the (out, in) layout.",
)

q5 = Question(
    "q5",
    array(
        [[-0.5, -1.0], [0.5, 1.0]],
        mistakes=[
            (
                [[-2.0, -4.0], [2.0, 4.0]],
                "you left out sigma'(a) = h(1 - h) = 0.25 on the way "
                "through the hidden layer",
            ),
            (
                [[-0.5, 0.5], [-1.0, 1.0]],
                "that is x delta^T, the transpose; dL/dW1 = delta x^T has a "
                "row per hidden unit",
            ),
            (
                [[-0.25, -0.5], [0.25, 0.5]],
                "dL/dy = 2(y - t): the square brings a factor 2",
            ),
            (
                [[0.5, 1.0], [-0.5, -1.0]],
                "dL/dy = 2(y - t) = -2 here (y - t, not t - y)",
            ),
        ],
    ),
    hint="Go forward first: a = W1 x, h = sigma(a), y = W2 h. Then back, "
    "one local derivative at a time: dL/dy, dL/dh, dL/da (sigma' enters "
    "here), and last the outer product with x.",
    solution="a = 0, h = (0.5, 0.5), y = 0.5 - 0.5 = 0, dL/dy = 2(0 - 1) = "
    "-2, dL/dh = W2^T (-2) = (-2, 2), dL/da = (-2, 2) * 0.25 = "
    "(-0.5, 0.5), dL/dW1 = dL/da x^T = [[-0.5, -1], [0.5, 1]].",
)

q6 = Question(
    "q6",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "the 1/N is there, in delta2 = (P - Y) / N, and every "
            "later gradient inherits it.",
            "c": "delta2 @ W2 is right with W2 stored (out, in) = (1, H): "
            "(N, 1) @ (1, H) = (N, H), the batch form of W2^T delta2.",
            "d": "something is missing: a gradient check of this code fails "
            "on W1 and b1.",
        },
    ),
    hint="Follow the delta through each operation of the forward pass. "
    "Which operation between Z1 and Z2 has no step in the backward code?",
    solution="(b): A1 = tanh(Z1) is skipped. delta1 must be multiplied "
    "elementwise by tanh'(Z1) = 1 - A1**2: "
    "delta1 = (delta2 @ W2) * (1 - A1**2).",
)

q7 = Question(
    "q7",
    array(
        [0.125, -0.75, 0.625],
        mistakes=[
            (
                [0.125, 0.25, 0.625],
                "that is the softmax P itself; the gradient is P - Y",
            ),
            (
                [-0.125, 0.75, -0.625],
                "that is Y - P; the gradient of the loss is P - Y",
            ),
            (
                [0.0, -4.0, 0.0],
                "that is dl/dp = -y/p, one step short: the softmax's "
                "Jacobian turns it into p - y",
            ),
            (
                [0.125, 0.25, -0.375],
                "that puts the 1 at index 2; the true class is index 1, the "
                "second entry",
            ),
            (
                [-0.875, 0.25, 0.625],
                "that puts the 1 at index 0; the true class is index 1, the "
                "second entry",
            ),
        ],
    ),
    hint="Compute the softmax first: e^0, e^(ln 2), e^(ln 5) are 1, 2, 5. "
    "Then use the fused gradient of softmax with cross-entropy for one "
    "example.",
    solution="P = (1, 2, 5) / 8 = (0.125, 0.25, 0.625), Y = (0, 1, 0), so "
    "dl/dz = P - Y = (0.125, -0.75, 0.625).",
)


# ---- q8: the backward pass of one linear layer ----------------------------


def _linear_reference(
    dZ: np.ndarray, X: np.ndarray, W: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return dZ @ W, dZ.T @ X, dZ.sum(axis=0)


def _linear_cases() -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(1212)
    cases = []
    for n, n_in, n_out in ((4, 3, 2), (1, 5, 3), (6, 2, 4)):
        cases.append(
            (
                rng.normal(size=(n, n_out)),
                rng.normal(size=(n, n_in)),
                rng.normal(size=(n_out, n_in)),
            )
        )
    return cases


_LINEAR_CASES = _linear_cases()
_LINEAR_NOTES = {
    "dW": [
        (
            lambda dZ, X, W: (dZ.T @ X) / len(X),
            "It is N times too small: the 1/N of the mean is already "
            "inside dZ, so sum over the batch.",
        ),
    ],
    "db": [
        (
            lambda dZ, X, W: dZ.mean(axis=0),
            "It is the mean over the batch; the 1/N is already inside dZ, "
            "so db is the sum of the rows of dZ.",
        ),
    ],
    "dX": [
        (
            lambda dZ, X, W: dZ @ W / len(X),
            "Each example's dX depends on its own row of dZ only: no 1/N.",
        ),
    ],
}


def _linear_checker(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected a function linear_backward(dZ, X, W); got "
            f"{describe(answer)}."
        )
    for dZ, X, W in _LINEAR_CASES:
        want = _linear_reference(dZ.copy(), X.copy(), W.copy())
        n, n_in = X.shape
        where = f"with N = {n}, {n_in} inputs and {W.shape[0]} outputs,"
        result, why = _call(answer, (dZ, X, W), where, "linear_backward")
        if why:
            return False, why
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            return False, (
                f"{where} linear_backward returned {describe(result)}; "
                "expected three arrays (dX, dW, db)."
            )
        for name, got_raw, right in zip(("dX", "dW", "db"), result, want):
            got, why = _array_or_reason(got_raw, where, name)
            if got is None:
                return False, why
            why = _compare(got, right, where, name)
            if why:
                for wrong, note in _LINEAR_NOTES[name]:
                    if _close(got, wrong(dZ, X, W)):
                        return False, f"{why} {note}"
                return False, why
    return True, ""


q8 = Question(
    "q8",
    _linear_checker,
    hint="Z = X W^T + b, examples as rows. Each output needs a matrix "
    "product with dZ (check the shapes: dX like X, dW like W, db like b); "
    "the bias gradient adds up the examples.",
    solution="def linear_backward(dZ, X, W):\n"
    "    dX = dZ @ W  # (N, out) @ (out, in) = (N, in)\n"
    "    dW = dZ.T @ X  # sum over n of dz_n x_n^T\n"
    "    db = dZ.sum(axis=0)\n"
    "    return dX, dW, db",
)


# ---- q9: the fused softmax-cross-entropy gradient -------------------------


def _softmax(Z: np.ndarray) -> np.ndarray:
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return np.asarray(E / E.sum(axis=1, keepdims=True))


def _ce_reference(Z: np.ndarray, labels: np.ndarray) -> np.ndarray:
    Y = np.eye(Z.shape[1])[labels]
    return np.asarray((_softmax(Z) - Y) / len(Z))


def _ce_cases() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(12)
    moderate = rng.normal(size=(4, 3)) * 2
    extreme = rng.normal(size=(3, 5)) * 3
    extreme[0, 1], extreme[1, 4], extreme[2, 0] = 1000.0, -1000.0, 800.0
    wide = rng.normal(size=(5, 2)) * 50
    return [
        (moderate, np.array([2, 0, 1, 1])),
        (extreme, np.array([1, 3, 4])),
        (wide, np.array([0, 1, 1, 0, 1])),
    ]


_CE_CASES = _ce_cases()


def _ce_two_step(Z: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The unfused route: dL/dP = -Y / (N P), then the softmax's VJP."""
    P = _softmax(Z)
    Y = np.eye(Z.shape[1])[labels]
    with np.errstate(all="ignore"):
        grad_P = -Y / P / len(Z)
        return np.asarray(
            P * (grad_P - np.sum(grad_P * P, axis=1, keepdims=True))
        )


def _same_failure(got: np.ndarray, other: np.ndarray) -> bool:
    """True if ``got`` is non-finite exactly where ``other`` is, and equal
    to it elsewhere: the learner computed ``other``'s way."""
    finite = np.isfinite(other)
    return (
        got.shape == other.shape
        and bool(np.array_equal(np.isfinite(got), finite))
        and bool(np.allclose(got[finite], other[finite], 1e-6, 1e-10))
    )


_CE_NOTES: list[tuple[Callable[[np.ndarray, np.ndarray], Any], str]] = [
    (
        lambda Z, labels: _ce_reference(Z, labels) * len(Z),
        "It is N times too large: the loss is a mean over the batch, so "
        "divide by N.",
    ),
    (
        lambda Z, labels: _softmax(Z) / len(Z),
        "That is P / N: subtract the one-hot labels, (P - Y) / N.",
    ),
    (
        lambda Z, labels: (
            (
                np.exp(Z - Z.max(axis=0))
                / np.exp(Z - Z.max(axis=0)).sum(axis=0)
                - np.eye(Z.shape[1])[labels]
            )
            / len(Z)
        ),
        "The softmax runs over the classes of each example, along axis 1 "
        "(each row sums to 1), not down the batch.",
    ),
]


def _ce_checker(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected a function softmax_ce_grad(Z, labels); got "
            f"{describe(answer)}."
        )
    for Z, labels in _CE_CASES:
        want = _ce_reference(Z.copy(), labels.copy())
        n, k = Z.shape
        big = float(np.abs(Z).max())
        where = f"on a batch of N = {n}, K = {k} (largest |logit| {big:.4g}),"
        result, why = _call(answer, (Z, labels), where, "softmax_ce_grad")
        if why:
            return False, why
        got, why = _array_or_reason(result, where, "your gradient")
        if got is None:
            return False, why
        why = _compare(got, want, where, "your gradient")
        if not why:
            continue
        if _same_failure(got, _ce_two_step(Z, labels)):
            return False, (
                f"{why} That is the two-step route through dL/dP = -Y / P: "
                "the true class's probability underflows to 0 and the "
                "division gives NaN. Use the fused form (P - Y) / N, which "
                "never divides by a probability."
            )
        if got.shape == want.shape and not np.all(np.isfinite(got)):
            return False, (
                f"{why} e^z overflows for large logits: subtract each row's "
                "largest logit before np.exp."
            )
        for wrong, note in _CE_NOTES:
            with np.errstate(all="ignore"):
                other = wrong(Z, labels)
            if _close(got, np.asarray(other)):
                return False, f"{why} {note}"
        return False, why
    return True, ""


q9 = Question(
    "q9",
    _ce_checker,
    hint="Build the softmax row by row after shifting each row by its "
    "largest logit, turn the labels into one-hot rows, and use the fused "
    "gradient of the mean loss.",
    solution="def softmax_ce_grad(Z, labels):\n"
    "    E = np.exp(Z - Z.max(axis=1, keepdims=True))  # no overflow\n"
    "    P = E / E.sum(axis=1, keepdims=True)\n"
    "    Y = np.eye(Z.shape[1])[labels]  # one-hot rows\n"
    "    return (P - Y) / len(Z)",
)


# ---- q10: the chapter's network with a squared-error loss ----------------

MSE_ORDER = ("W2", "b2", "W1", "b1")


def _moons_forward(params: Arrays, X: np.ndarray) -> Arrays:
    """The chapter's network: tanh hidden layer, sigmoid output."""
    A1 = np.tanh(X @ params["W1"].T + params["b1"])
    Z2 = A1 @ params["W2"].T + params["b2"]
    return {"X": X, "A1": A1, "Z2": Z2}


def _mse_grads(
    params: Arrays,
    c: Arrays,
    Y: np.ndarray,
    delta2: np.ndarray,
    tanh_prime: bool = True,
) -> Arrays:
    delta1 = delta2 @ params["W2"]
    if tanh_prime:
        delta1 = delta1 * (1 - c["A1"] ** 2)
    return {
        "W2": delta2.T @ c["A1"],
        "b2": delta2.sum(axis=0),
        "W1": delta1.T @ c["X"],
        "b1": delta1.sum(axis=0),
    }


def _mse_variants(params: Arrays, c: Arrays, Y: np.ndarray) -> dict[str, Any]:
    """The right gradients and the known wrong ones, by name."""
    P, N = _sigmoid(c["Z2"]), len(Y)
    right = 2 * (P - Y) / N * P * (1 - P)
    return {
        "right": _mse_grads(params, c, Y, right),
        "It is the binary cross-entropy's delta (P - Y) / N: sigma' cancels "
        "only with cross-entropy. With a squared error, "
        "dL/dZ2 = 2 (P - Y) / N * P (1 - P).": _mse_grads(
            params, c, Y, (P - Y) / N
        ),
        "It is half the gradient: the square brings a factor 2, "
        "d(p - y)^2/dp = 2 (p - y).": _mse_grads(params, c, Y, right / 2),
        "It is N times too large: the loss is a mean over the batch, so "
        "divide by N.": _mse_grads(params, c, Y, right * N),
        "sigma' is missing at the output: with a squared error it does not "
        "cancel, so multiply by P (1 - P).": _mse_grads(
            params, c, Y, 2 * (P - Y) / N
        ),
        "tanh' is missing on the way through the hidden layer: multiply "
        "by 1 - A1**2 elementwise.": _mse_grads(
            params, c, Y, right, tanh_prime=False
        ),
    }


def _mse_cases() -> list[tuple[Arrays, Arrays, np.ndarray]]:
    rng = np.random.default_rng(1210)
    cases = []
    for n, h in ((5, 3), (2, 6), (7, 4)):
        params = {
            "W1": rng.normal(size=(h, 2)),
            "b1": rng.normal(size=h) * 0.5,
            "W2": rng.normal(size=(1, h)),
            "b2": rng.normal(size=1) * 0.5,
        }
        X = rng.normal(size=(n, 2))
        Y = (np.arange(n) % 2).astype(float)[:, None]
        cases.append((params, _moons_forward(params, X), Y))
    return cases


_MSE_CASES = _mse_cases()


def _mse_checker(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected a function backward_mse(params, cache, Y); got "
            f"{describe(answer)}."
        )
    for params, cache, Y in _MSE_CASES:
        variants = _mse_variants(params, cache, Y)
        want = variants.pop("right")
        n, h = len(Y), params["W1"].shape[0]
        where = f"on a batch of N = {n} with H = {h} hidden units,"
        result, why = _call(answer, (params, cache, Y), where, "backward_mse")
        if why:
            return False, why
        if not isinstance(result, dict):
            return False, (
                f"{where} backward_mse returned {describe(result)}; expected "
                "a dict with the keys " + ", ".join(MSE_ORDER) + "."
            )
        missing = [name for name in MSE_ORDER if name not in result]
        if missing:
            return False, (
                f"{where} your dict has no gradient for "
                + ", ".join(missing)
                + "."
            )
        got: Arrays = {}
        for name in MSE_ORDER:
            array_, why = _array_or_reason(result[name], where, f"d{name}")
            if array_ is None:
                return False, why
            got[name] = array_
        for name in MSE_ORDER:
            why = _compare(got[name], want[name], where, f"d{name}")
            if not why:
                continue
            for note, wrong in variants.items():
                if all(_close(got[k], wrong[k]) for k in MSE_ORDER):
                    return False, f"{why} {note}"
            return False, why
    return True, ""


q10 = Question(
    "q10",
    _mse_checker,
    hint="Only the output delta changes. Differentiate (p - y)^2 with "
    "respect to p, then chain through p = sigma(z2): with a squared error "
    "sigma' no longer cancels. Below the output, the chapter's steps are "
    "unchanged.",
    solution="def backward_mse(params, cache, Y):\n"
    "    X, A1, Z2 = cache['X'], cache['A1'], cache['Z2']\n"
    "    P = 1 / (1 + np.exp(-Z2))\n"
    "    delta2 = 2 * (P - Y) / len(Y) * P * (1 - P)  # sigma' stays\n"
    "    delta1 = (delta2 @ params['W2']) * (1 - A1**2)\n"
    "    return {'W2': delta2.T @ A1, 'b2': delta2.sum(axis=0),\n"
    "            'W1': delta1.T @ X, 'b1': delta1.sum(axis=0)}",
)


# ---- q11: the whole backward pass of a two-hidden-layer ReLU network -----

ORDER = ("Z3", "W3", "b3", "H2", "Z2", "W2", "b2", "H1", "Z1", "W1", "b1")


def _relu_forward(params: Arrays, X: np.ndarray) -> Arrays:
    """The practice network: two ReLU hidden layers, then logits Z3."""
    c = {"X": X}
    c["Z1"] = X @ params["W1"].T + params["b1"]
    c["H1"] = np.maximum(c["Z1"], 0.0)
    c["Z2"] = c["H1"] @ params["W2"].T + params["b2"]
    c["H2"] = np.maximum(c["Z2"], 0.0)
    c["Z3"] = c["H2"] @ params["W3"].T + params["b3"]
    return c


def _relu_backward(params: Arrays, c: Arrays, labels: np.ndarray) -> Arrays:
    g = {"Z3": _ce_reference(c["Z3"], labels)}
    g["W3"], g["b3"] = g["Z3"].T @ c["H2"], g["Z3"].sum(axis=0)
    g["H2"] = g["Z3"] @ params["W3"]
    g["Z2"] = g["H2"] * (c["Z2"] > 0)
    g["W2"], g["b2"] = g["Z2"].T @ c["H1"], g["Z2"].sum(axis=0)
    g["H1"] = g["Z2"] @ params["W2"]
    g["Z1"] = g["H1"] * (c["Z1"] > 0)
    g["W1"], g["b1"] = g["Z1"].T @ c["X"], g["Z1"].sum(axis=0)
    return g


def _relu_cases() -> list[tuple[Arrays, Arrays, np.ndarray]]:
    rng = np.random.default_rng(1201)
    cases = []
    for n, d, h1, h2, k in ((5, 2, 4, 3, 3), (3, 3, 2, 5, 4), (7, 2, 3, 3, 2)):
        sizes = [d, h1, h2, k]
        params = {}
        for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
            params[f"W{i}"] = rng.normal(size=(b, a))
            params[f"b{i}"] = rng.normal(size=b) * 0.5
        X = rng.normal(size=(n, d))
        labels = rng.integers(0, k, size=n)
        cases.append((params, _relu_forward(params, X), labels))
    return cases


_RELU_CASES = _relu_cases()


def _relu_checker(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected a function backward(params, cache, labels); got "
            f"{describe(answer)}."
        )
    for params, cache, labels in _RELU_CASES:
        want = _relu_backward(params, cache, labels)
        n, d = cache["X"].shape
        sizes = (d, params["W1"].shape[0], params["W2"].shape[0])
        where = (
            f"on a batch of N = {n} (layer sizes {sizes[0]}, {sizes[1]}, "
            f"{sizes[2]}, {params['W3'].shape[0]}),"
        )
        result, why = _call(answer, (params, cache, labels), where, "backward")
        if why:
            return False, why
        if not isinstance(result, dict):
            return False, (
                f"{where} backward returned {describe(result)}; expected a "
                "dict with one gradient per tensor: " + ", ".join(ORDER) + "."
            )
        missing = [name for name in ORDER if name not in result]
        if missing:
            return False, (
                f"{where} your dict has no gradient for "
                + ", ".join(missing)
                + "."
            )
        right: list[str] = []
        for name in ORDER:
            got, why = _array_or_reason(result[name], where, f"d{name}")
            if got is None:
                return False, why
            why = _compare(got, want[name], where, f"d{name}")
            if why:
                done = ", ".join(f"d{r}" for r in right) or "nothing before"
                note = ""
                if name == "Z3":
                    for wrong, ce_note in _CE_NOTES:
                        with np.errstate(all="ignore"):
                            other = np.asarray(wrong(cache["Z3"], labels))
                        if _close(got, other):
                            note = f" {ce_note}"
                            break
                if name in ("Z2", "Z1"):
                    H = cache["H" + name[1]]
                    dH = want["H" + name[1]]
                    if _close(got, dH * H * (1 - H)):
                        note = (
                            " That is the sigmoid's derivative; ReLU's is 1 "
                            "where Z > 0 and 0 elsewhere."
                        )
                    elif _close(got, dH):
                        note = (
                            " The ReLU's derivative is missing: zero the "
                            "gradient where Z <= 0."
                        )
                return False, f"{why}{note} (Right so far: {done}.)"
            right.append(name)
    return True, ""


q11 = Question(
    "q11",
    _relu_checker,
    hint="Walk the forward pass backwards: the fused output delta at Z3, "
    "then for each layer its weight and bias gradients and the gradient "
    "sent down; a ReLU lets the gradient through only where its input was "
    "positive. Your linear_backward and softmax_ce_grad do most of it.",
    solution="def backward(params, cache, labels):\n"
    "    g = {'Z3': softmax_ce_grad(cache['Z3'], labels)}\n"
    "    g['H2'], g['W3'], g['b3'] = linear_backward(\n"
    "        g['Z3'], cache['H2'], params['W3'])\n"
    "    g['Z2'] = g['H2'] * (cache['Z2'] > 0)  # relu' = [z > 0]\n"
    "    g['H1'], g['W2'], g['b2'] = linear_backward(\n"
    "        g['Z2'], cache['H1'], params['W2'])\n"
    "    g['Z1'] = g['H1'] * (cache['Z1'] > 0)\n"
    "    _, g['W1'], g['b1'] = linear_backward(\n"
    "        g['Z1'], cache['X'], params['W1'])\n"
    "    return g",
)
