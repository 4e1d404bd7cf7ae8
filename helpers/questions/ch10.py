"""Practice questions for chapter 10, gradient checking.

q1-q6 ask for numbers and options. q7-q11 ask for functions: a relative
error, a gradient, the learner's own gradient checker (q9), a bug finder
built on it (q10), and the fixed backward pass of a model the chapter did
not show (q11). Their checks run on fresh functions, models and data,
compute the reference first and hand the learner private copies.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from helpers._convert import NotNumbers, describe, read
from helpers.quiz import NotAnswered, Question, array, choice, function, number


def _relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denominator)


def _dsquash(x):
    """Gradient of f(x) = 1/2 * sum(tanh(x)**2)."""
    t = np.tanh(x)
    return t * (1 - t**2)


def _central(f: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray:
    """The reference: central differences in float64, entry by entry."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    h = np.finfo(float).eps ** (1 / 3) * np.maximum(1.0, np.abs(x))
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += h[i]
        minus[i] -= h[i]
        grad[i] = (f(plus) - f(minus)) / (plus[i] - minus[i])
    return grad


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


q1 = Question(
    "q1",
    number(
        2 / 3,
        rtol=1e-3,
        mistakes={
            4.0: "that is the absolute difference ||a - b||; divide by "
            "||a|| + ||b|| = 6.",
            4 / 3: "you divided by ||a|| = 3 only; the denominator is "
            "||a|| + ||b|| = 6.",
            0.0: "the two gradients differ in their last entry.",
            1.0: "1 is what two opposite gradients (b = -a) give; here only "
            "one entry flips.",
        },
    ),
    hint="a - b = (0, 0, 4). ||a|| = sqrt(1 + 4 + 4) = 3, and ||b|| too.",
    solution="||a - b|| = 4, ||a|| = ||b|| = 3, relative error = "
    "4 / (3 + 3) = 2/3 ~ 0.667: one wrong sign is a glaring bug.",
)

q2 = Question(
    "q2",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "the gradient may well be right: in float32 the scale "
            "gives no verdict. The chapter's correct float32 MLP measured "
            "2.7e-2. Rule out float32 first.",
            "c": "a smaller h makes float32 worse: round-off grows like "
            "eps / h, and at h = 1e-10 float32 gave relative error 1.",
            "d": "a threshold loose enough for float32 noise also lets real "
            "bugs through: the chapter's weight-decay bug measured 1.7e-4.",
        },
    ),
    hint="Which part of the check is the model's float32 spoiling: the "
    "gradient, or the central differences?",
    solution="(b): call model.double() (and use float64 data), then check "
    "again. In float32 the central differences themselves are off by about "
    "eps32 / h, so even a correct gradient fails.",
)

q3 = Question(
    "q3",
    choice(
        "c",
        ["a", "b", "c", "d"],
        feedback={
            "a": "a sign error would flip the sign of entries; here every "
            "value appears in both matrices with the same sign.",
            "b": "a missing factor would scale every entry; here the "
            "diagonal entries agree exactly.",
            "d": "float32 noise changes the last digits; here whole entries "
            "sit in the wrong place.",
        },
    ),
    hint="Compare entry [0, 1] of yours with entry [1, 0] of the numerical "
    "gradient, and look at the diagonal.",
    solution="(c): yours is the numerical gradient transposed (the "
    "diagonals agree, entry [i, j] of one is entry [j, i] of the other). "
    "For f(W) = u^T W v the gradient is the outer product u v^T, not "
    "v u^T.",
)

q4 = Question(
    "q4",
    choice(
        "b1",
        ["W1", "b1", "W2", "b2", "W3", "b3"],
        feedback={
            "w1": "W1 (5 x 4) holds the first 20 entries, indices 0-19.",
            "w2": "W2 (3 x 5) starts after W1 and b1, at index 25.",
            "b2": "b2 holds indices 40-42.",
            "w3": "W3 holds indices 43-45.",
            "b3": "b3 is the last entry, index 46.",
        },
    ),
    hint="parameters_to_vector follows model.parameters(): W1 (20 "
    "numbers), b1 (5), W2 (15), b2 (3), W3 (3), b3 (1).",
    solution="b1: W1 takes indices 0-19 and b1 indices 20-24, so index 23 "
    "is b1[3]. Look at the backward step of the first layer's bias.",
)

q5 = Question(
    "q5",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "too lax: the chapter's weight-decay bug measured 1.7e-4 "
            "and would pass.",
            "c": "central differences carry their own error, about 1e-10 in "
            "float64 and more near curvature; a correct gradient would "
            "fail.",
            "d": "1e-5 is the float32 line (float32 reaches about 5e-6 at "
            "its best step). In float64 a correct gradient gives about "
            "1e-10, and a bug hidden in tiny entries measured 8.7e-7: 1e-5 "
            "would call it correct.",
        },
    ),
    hint="A correct float64 gradient checked against central differences "
    "gave 1e-12 to 1e-10 in the chapter; the bugs gave 8.7e-7 and more.",
    solution="(b) 1e-7: far above the ~1e-10 a correct gradient gives, and "
    "below every bug the chapter planted (the smallest, 8.7e-7, lands in "
    "'look closer').",
)

q6 = Question(
    "q6",
    choice(
        "c",
        ["a", "b", "c"],
        feedback={
            "a": "without requires_grad=True there is nothing to check: "
            "gradcheck raises a ValueError asking for an input that "
            "requires grad.",
            "b": "a float32 input draws a warning, and the check of a "
            "correct function usually fails: its central differences are "
            "too noisy.",
        },
    ),
    hint="gradcheck needs the inputs it differentiates to require grad, and "
    "float64 for accurate central differences.",
    solution="(c): torch.tensor([1.0, 2.0], dtype=torch.float64, "
    "requires_grad=True), passed in a tuple.",
)

q7 = Question(
    "q7",
    function(
        _relative_error,
        [
            (np.array([3.0, 4.0]), np.array([6.0, 8.0])),
            (np.array([1.0, 0.0]), np.array([0.0, 1.0])),
            (np.array([1.0, 2.0, 2.0]), np.array([1.0, 2.0, 2.0])),
            (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1, 2], [3, 5.0]])),
            (np.array([0.0, 0.0]), np.array([0.0, 0.0])),
        ],
        names=("a", "b"),
        what="your relative_error",
    ),
    hint="The norm of the difference over the sum of the two norms "
    "(np.linalg.norm); decide what two all-zero arrays should give before "
    "dividing.",
    solution="def relative_error(a, b):\n"
    "    denominator = np.linalg.norm(a) + np.linalg.norm(b)\n"
    "    if denominator == 0:\n"
    "        return 0.0\n"
    "    return np.linalg.norm(a - b) / denominator",
)

q8 = Question(
    "q8",
    function(
        _dsquash,
        [
            np.array([0.5, -1.0, 2.0]),
            np.array([0.0, 0.3]),
            np.array([-2.5, 1.5, 0.1, 0.7]),
            np.array([3.0]),
        ],
        what="your df",
        mistakes=[
            (
                lambda x: np.tanh(x) * (1 - x**2),
                "that is df_wrong: tanh'(x) is 1 - tanh(x)^2, written "
                "with tanh(x), not with x",
            ),
            (
                lambda x: np.tanh(x) * (1 - np.tanh(x)),
                "tanh'(x) is 1 - tanh(x)^2: the tanh is squared",
            ),
            (
                lambda x: 1 - np.tanh(x) ** 2,
                "that is tanh'(x) alone; the chain rule multiplies it by "
                "the outer derivative, tanh(x)",
            ),
            (
                np.tanh,
                "that is the outer derivative alone; the chain rule "
                "multiplies it by tanh'(x) = 1 - tanh(x)^2",
            ),
            (
                lambda x: 2 * _dsquash(x),
                "that is twice the gradient: the 1/2 in front cancels the "
                "2 of the square",
            ),
        ],
    ),
    hint="Chain rule: d/dx (1/2 tanh(x)^2) = tanh(x) * tanh'(x), and "
    "tanh'(x) = 1 - tanh(x)^2, written with tanh(x), not with x.",
    solution="def df(x):\n    t = np.tanh(x)\n    return t * (1 - t**2)",
)


# ---- q9: your own gradient checker ----------------------------------------


def _checker_cases() -> list[tuple[str, Callable[..., float], Any, Any, str]]:
    """(formula, f, x, gradient under test, 'correct' or what is wrong)."""
    rng = np.random.default_rng(10)
    u, v = rng.normal(size=2), rng.normal(size=3)
    W = rng.normal(size=(2, 3))
    x = np.array([0.5, -1.2, 2.0, 0.3])

    def f_sin(x: np.ndarray) -> float:
        return float(np.sum(np.sin(x) * x**2))

    def df_sin(x: np.ndarray) -> np.ndarray:
        return np.cos(x) * x**2 + 2 * x * np.sin(x)

    def f_mat(W: np.ndarray) -> float:
        return float(u @ np.tanh(W) @ v)

    def df_mat(W: np.ndarray) -> np.ndarray:
        return np.outer(u, v) * (1 - np.tanh(W) ** 2)

    def f_lse(x: np.ndarray) -> float:
        return float(np.log(np.sum(np.exp(x))))

    softmax = np.exp(x) / np.sum(np.exp(x))
    flipped = df_sin(x) * np.array([1.0, 1.0, -1.0, 1.0])
    return [
        ("sum(sin(x) * x**2)", f_sin, x, df_sin(x), "correct"),
        ("u @ tanh(W) @ v", f_mat, W, df_mat(W), "correct"),
        ("log(sum(exp(x)))", f_lse, x, softmax, "correct"),
        ("sum(sin(x) * x**2)", f_sin, x, flipped, "one sign flipped"),
        ("u @ tanh(W) @ v", f_mat, W, df_mat(W) / 2, "half the true values"),
        (
            "log(sum(exp(x)))",
            f_lse,
            x,
            softmax * (1 - softmax),
            "softmax' for softmax",
        ),
    ]


@contextlib.contextmanager
def _watching_helpers() -> Iterator[list[str]]:
    """Record which of the course's own gradient helpers get called."""
    import helpers

    used: list[str] = []
    saved = {
        name: getattr(helpers, name)
        for name in ("check_gradient", "gradient", "gradcheck")
        if hasattr(helpers, name)
    }

    def spy(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def watched(*args: Any, **kwargs: Any) -> Any:
            used.append(name)
            return original(*args, **kwargs)

        return watched

    for name, original in saved.items():
        setattr(helpers, name, spy(name, original))
    try:
        yield used
    finally:
        for name, original in saved.items():
            setattr(helpers, name, original)


def _grad_check(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            f"expected a function grad_check(f, x, grad); got "
            f"{describe(answer)}."
        )
    for label, f, x, grad, status in _checker_cases():
        want = _relative_error(grad, _central(f, x))  # first
        shape = "x" if x.ndim == 1 else f"a {x.shape[0]} x {x.shape[1]} W"
        which = (
            "a correct gradient"
            if status == "correct"
            else f"a wrong gradient ({status})"
        )
        where = f"for f = {label} at {shape}, with {which}, your grad_check"
        with _watching_helpers() as used:
            result, reason = _call(
                answer, (f, x.copy(), np.array(grad, copy=True)), where
            )
        if used:
            return False, (
                f"{where} called helpers.{used[0]}: the exercise is to "
                "write the central differences yourself."
            )
        if reason:
            return False, reason
        try:
            values = read(result).values
        except NotNumbers as arrived:
            return False, f"{where} returned {arrived}; expected a number."
        if values.size != 1:
            return False, (
                f"{where} returned shape {values.shape}; expected one "
                "number, the relative error."
            )
        got = float(values.reshape(-1)[0])
        if not np.isfinite(got) or got < 0:
            return False, f"{where} returned {got}; expected a number >= 0."
        if status == "correct" and got >= 1e-7:
            return False, (
                f"{where} returned {got:.2g}; a correct gradient should "
                f"come out below 1e-7 (central differences in float64 "
                f"give {want:.1g} here). Forward differences, float32 or a "
                "step far from 1e-5 give more."
            )
        if status != "correct" and not np.isclose(got, want, rtol=1e-4):
            return False, (
                f"{where} returned {got:.6g}; the relative error is "
                f"{want:.6g}. Is it ||a - b|| / (||a|| + ||b||), with every "
                "entry of x perturbed?"
            )
    return True, ""


q9 = Question(
    "q9",
    _grad_check,
    hint="For each entry of x (np.ndindex(x.shape) walks them all, for any "
    "shape), nudge a copy of x up and down by a step near 1e-5 and take "
    "the central difference. Then compare with your relative_error.",
    solution="def grad_check(f, x, grad):\n"
    "    numerical = np.zeros_like(x)\n"
    "    for i in np.ndindex(x.shape):\n"
    "        h = 1e-5 * max(1.0, abs(x[i]))\n"
    "        plus, minus = x.copy(), x.copy()\n"
    "        plus[i] += h\n"
    "        minus[i] -= h\n"
    "        numerical[i] = (f(plus) - f(minus)) / (2 * h)\n"
    "    return relative_error(grad, numerical)",
)


# ---- q10: find the tensors whose gradient is wrong ------------------------

Model = tuple[
    Callable[[dict[str, np.ndarray]], float],
    dict[str, np.ndarray],
    dict[str, np.ndarray],
]


def _tanh_net(seed: int, bugs: tuple[str, ...] = ()) -> Model:
    """3 -> 4 -> 1 with tanh, mean squared error; backward by hand."""
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(6, 3)), rng.normal(size=(6, 1))
    params = {
        "W1": rng.normal(size=(3, 4)),
        "b1": rng.normal(size=4),
        "W2": rng.normal(size=(4, 1)),
        "b2": rng.normal(size=1),
    }

    def loss(p: dict[str, np.ndarray]) -> float:
        H = np.tanh(X @ p["W1"] + p["b1"])
        return float(0.5 * np.mean((H @ p["W2"] + p["b2"] - y) ** 2))

    H = np.tanh(X @ params["W1"] + params["b1"])
    r = (H @ params["W2"] + params["b2"] - y) / len(X)
    dZ = r @ params["W2"].T
    if "tanh'" not in bugs:
        dZ = dZ * (1 - H**2)
    grads = {
        "W1": X.T @ dZ,
        "b1": dZ.sum(axis=0),
        "W2": -(H.T @ r) if "W2 sign" in bugs else H.T @ r,
        "b2": r.mean(axis=0) if "b2 mean" in bugs else r.sum(axis=0),
    }
    return loss, params, grads


def _ridge(seed: int, bugs: tuple[str, ...] = ()) -> Model:
    """Linear regression with the penalty 1e-3 ||w||^2."""
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(8, 3)), rng.normal(size=8)
    params = {"w": rng.normal(size=3), "b": rng.normal(size=1)}
    lam = 1e-3

    def loss(p: dict[str, np.ndarray]) -> float:
        r = X @ p["w"] + p["b"] - y
        return float(0.5 * np.mean(r**2) + lam * np.sum(p["w"] ** 2))

    r = (X @ params["w"] + params["b"] - y) / len(X)
    penalty = (1 if "penalty" in bugs else 2) * lam * params["w"]
    return loss, params, {"w": X.T @ r + penalty, "b": r.sum(keepdims=True)}


def _softmax_regression(seed: int, bugs: tuple[str, ...] = ()) -> Model:
    """4 inputs, 3 classes, cross-entropy; backward by hand."""
    rng = np.random.default_rng(seed)
    X, labels = rng.normal(size=(5, 4)), rng.integers(0, 3, size=5)
    Y = np.eye(3)[labels]
    params = {"W": rng.normal(size=(4, 3)), "b": rng.normal(size=3)}

    def loss(p: dict[str, np.ndarray]) -> float:
        Z = X @ p["W"] + p["b"]
        Z = Z - Z.max(axis=1, keepdims=True)
        log_p = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
        return float(-np.mean(np.sum(Y * log_p, axis=1)))

    Z = X @ params["W"] + params["b"]
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    dZ = ((Y - P) if "sign" in bugs else (P - Y)) / len(X)
    return loss, params, {"W": X.T @ dZ, "b": dZ.sum(axis=0)}


# (what the model is, builder, seed, bugs planted, tensors they touch)
BUG_CASES: list[tuple[str, Callable[..., Model], int, tuple, list[str]]] = [
    ("a tanh network, no bug", _tanh_net, 1, (), []),
    ("a tanh network, dL/db2 averaged", _tanh_net, 2, ("b2 mean",), ["b2"]),
    (
        "ridge regression, penalty gradient lam*w",
        _ridge,
        3,
        ("penalty",),
        ["w"],
    ),
    ("a softmax regression, no bug", _softmax_regression, 4, (), []),
    (
        "a tanh network, tanh' forgotten and W2's sign flipped",
        _tanh_net,
        5,
        ("tanh'", "W2 sign"),
        ["W1", "W2", "b1"],
    ),
    (
        "a softmax regression, P - Y written Y - P",
        _softmax_regression,
        6,
        ("sign",),
        ["W", "b"],
    ),
]


def reference_errors(model: Model) -> dict[str, float]:
    """Relative error of each tensor's gradient against central
    differences, the others held fixed."""
    loss, params, grads = model
    errors = {}
    for name in params:

        def f(value: np.ndarray, name: str = name) -> float:
            return loss({**params, name: value})

        errors[name] = _relative_error(grads[name], _central(f, params[name]))
    return errors


def _names(result: Any) -> list[str] | None:
    if isinstance(result, (str, bytes)) or not isinstance(
        result, (list, tuple, set, frozenset)
    ):
        return None
    if not all(isinstance(item, str) for item in result):
        return None
    return sorted(result)


def _find_bug(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            f"expected a function find_bug(loss, params, grads); got "
            f"{describe(answer)}."
        )
    for label, build, seed, bugs, expected in BUG_CASES:
        model = build(seed, bugs)
        errors = reference_errors(model)  # first
        loss, params, grads = model
        where = f"on {label}, your find_bug"
        result, reason = _call(
            answer, (loss, copy.deepcopy(params), copy.deepcopy(grads)), where
        )
        if reason:
            return False, reason
        names = _names(result)
        if names is None:
            return False, (
                f"{where} returned {describe(result)}; expected a list of "
                "parameter names such as ['W1', 'b1'] ([] when all pass)."
            )
        if names != expected:
            shown = ", ".join(f"{n} {e:.1e}" for n, e in errors.items())
            return False, (
                f"{where} returned {names}; expected {expected}. The "
                f"relative errors per tensor are: {shown}. The scale: below "
                "1e-7 correct, above 1e-5 a bug."
            )
    return True, ""


q10 = Question(
    "q10",
    _find_bug,
    hint="For each name in params, make a function of that one tensor that "
    "puts it into a copy of the dictionary and returns the loss; check "
    "grads[name] against it with your grad_check. Flag the names above the "
    "scale's bug line.",
    solution="def find_bug(loss, params, grads):\n"
    "    wrong = []\n"
    "    for name in params:\n"
    "        def f(value, name=name):\n"
    "            return loss({**params, name: value})\n"
    "        if grad_check(f, params[name], grads[name]) > 1e-5:\n"
    "            wrong.append(name)\n"
    "    return wrong",
)


# ---- q11: the fixed backward of the practice notebook's model -------------


def softplus_net_loss(
    params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray
) -> float:
    """The practice model: softplus hidden layer, logistic output, mean
    binary cross-entropy computed from the logit s."""
    Z = X @ params["W1"] + params["b1"]
    H = np.logaddexp(0.0, Z)  # softplus
    s = H @ params["W2"] + params["b2"]
    return float(np.mean(np.logaddexp(0.0, s) - y * s))


def softplus_net_backward(
    params: dict[str, np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    *,
    bug: bool = False,
) -> dict[str, np.ndarray]:
    """Its gradients; ``bug=True`` evaluates softplus' at H instead of Z."""

    def sigmoid(t: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-t))

    Z = X @ params["W1"] + params["b1"]
    H = np.logaddexp(0.0, Z)
    s = H @ params["W2"] + params["b2"]
    ds = (sigmoid(s) - y) / len(X)
    dZ = ds @ params["W2"].T * sigmoid(H if bug else Z)
    return {
        "W1": X.T @ dZ,
        "b1": dZ.sum(axis=0),
        "W2": H.T @ ds,
        "b2": ds.sum(axis=0),
    }


def _softplus_data(seed: int, n: int) -> tuple[dict, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    params = {
        "W1": rng.normal(size=(2, 3)),
        "b1": rng.normal(size=3),
        "W2": rng.normal(size=(3, 1)),
        "b2": rng.normal(size=1),
    }
    X = rng.normal(size=(n, 2))
    y = (rng.random(size=(n, 1)) < 0.5).astype(float)
    return params, X, y


def _fixed_backward(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected a function backward_fixed(params, X, y); got "
            f"{describe(answer)}."
        )
    for seed, n in [(20, 5), (21, 8), (22, 12)]:
        params, X, y = _softplus_data(seed, n)
        want = softplus_net_backward(params, X, y)  # first
        where = (
            f"for fresh parameters and N = {n} examples your backward_fixed"
        )
        result, reason = _call(
            answer, (copy.deepcopy(params), X.copy(), y.copy()), where
        )
        if reason:
            return False, reason
        if not isinstance(result, dict) or set(result) != set(want):
            return False, (
                f"{where} returned {describe(result)}; expected a "
                "dictionary with the keys 'W1', 'b1', 'W2', 'b2'."
            )
        buggy = softplus_net_backward(params, X, y, bug=True)
        for name, target in want.items():
            ok, why = array(target, rtol=1e-6, atol=1e-9)(result[name])
            if ok:
                continue
            still = array(buggy[name], rtol=1e-6, atol=1e-9)(result[name])[0]
            note = (
                " That is the planted bug, still there: softplus' is "
                "sigmoid of the layer's input Z, not of its output H."
                if still
                else ""
            )
            return False, f"{where} gave a wrong {name!r}: {why}{note}"
    return True, ""


q11 = Question(
    "q11",
    _fixed_backward,
    hint="Your find_bug names the tensors; both sit before the hidden "
    "layer. Which quantity does the derivative of softplus take: the "
    "layer's input, or its output?",
    solution="def backward_fixed(params, X, y):\n"
    "    Z = X @ params['W1'] + params['b1']\n"
    "    H = np.logaddexp(0.0, Z)\n"
    "    s = H @ params['W2'] + params['b2']\n"
    "    ds = (sigmoid(s) - y) / len(X)\n"
    "    dZ = ds @ params['W2'].T * sigmoid(Z)  # fixed: Z, not H\n"
    "    return {'W1': X.T @ dZ, 'b1': dZ.sum(axis=0),\n"
    "            'W2': H.T @ ds, 'b2': ds.sum(axis=0)}",
)
