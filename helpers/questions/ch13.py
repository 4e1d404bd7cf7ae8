"""Practice questions for chapter 13, gradient descent by hand.

Predictions first (q1-q5), then implementations (q6-q9) that extend the
chapter's code: a gradient for d features, a mini-batch epoch with a
partial last batch, SGD with (Nesterov) momentum and AdamW as optimizer
classes. The optimizer checks run ``torch.optim`` (imported only when
such a check runs) on fresh parameters and gradients.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers._convert import describe, to_array
from helpers.quiz import (
    NotAnswered,
    Question,
    apart,
    array,
    choice,
    number,
)

Path = list[list[np.ndarray]]  # parameters after every step


def _options(options: dict[str, Any]) -> str:
    return ", ".join(f"{key} = {value}" for key, value in options.items())


# ---------------------------------------------------------------- q6


def linear_grad(W: Any, b: Any, X: Any, y: Any) -> tuple[np.ndarray, float]:
    """Reference: (dL/dW, dL/db) of L = mean((X W + b - y)^2)."""
    r = X @ W + b - y
    return 2 * X.T @ r / len(y), float(2 * np.mean(r))


def _linear_variants() -> list[tuple[Callable[..., Any], str]]:
    """Plausible wrong gradients, each with the reason a learner gets."""

    def half(W: Any, b: Any, X: Any, y: Any) -> Any:
        dW, db = linear_grad(W, b, X, y)
        return dW / 2, db / 2

    def summed(W: Any, b: Any, X: Any, y: Any) -> Any:
        dW, db = linear_grad(W, b, X, y)
        return dW * len(y), db * len(y)

    def flipped(W: Any, b: Any, X: Any, y: Any) -> Any:
        dW, db = linear_grad(W, b, X, y)
        return -dW, -db

    def by_features(W: Any, b: Any, X: Any, y: Any) -> Any:
        dW, db = linear_grad(W, b, X, y)
        return dW * len(y) / X.shape[1], db

    return [
        (half, "the factor 2 is missing: d(r^2)/dr = 2r."),
        (summed, "divide by the number of examples n: the loss is a mean."),
        (
            flipped,
            "both have the wrong sign: r = X W + b - y, and the step "
            "goes against the gradient.",
        ),
        (
            by_features,
            "average over the n examples (rows), not over the d features.",
        ),
    ]


LINEAR_PROBES = [(1, 5), (3, 4), (4, 7)]  # (features d, examples n)


def _linear_data(d: int, n: int) -> tuple[Any, ...]:
    rng = np.random.default_rng(100 * d + n)
    X = rng.normal(size=(n, d))
    y = rng.normal(size=n) * 3 + 1
    W = rng.normal(size=d)
    b = rng.normal()
    return W, np.float64(b), X, y


def _read_pair(result: Any, d: int) -> tuple[Any, str]:
    """(dW as an array, db as a float), or (None, the reason)."""
    if result is None:
        return None, "returned None; did you forget `return`?"
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return None, f"returned {describe(result)}; expected a pair (dW, db)."
    try:
        dW = to_array(result[0], "dW")
        db = to_array(result[1], "db")
    except (TypeError, ValueError) as error:
        return None, f"returned something that is not numbers: {error}"
    if dW.shape != (d,):
        return None, (
            f"returned dW of shape {dW.shape}; it must have W's shape ({d},) "
            "so that W - lr * dW keeps its shape."
        )
    if db.size != 1:
        return None, f"returned db of shape {db.shape}; expected one number."
    return (dW, float(db.reshape(()))), ""


def _check_linear_grad(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, f"expected a function; got {describe(answer)}."
    for d, n in LINEAR_PROBES:
        W, b, X, y = _linear_data(d, n)
        want_dW, want_db = linear_grad(W.copy(), b, X.copy(), y.copy())
        where = f"with d = {d} features and n = {n} examples, your function"
        try:
            result = answer(W.copy(), b, X.copy(), y.copy())
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return False, f"{where} raised {type(error).__name__}: {error}"
        pair, reason = _read_pair(result, d)
        if pair is None:
            return False, f"{where} {reason}"
        dW, db = pair
        if np.allclose(dW, want_dW, rtol=1e-6, atol=1e-9) and np.isclose(
            db, want_db, rtol=1e-6, atol=1e-9
        ):
            continue
        got_dW, right_dW = apart(dW, want_dW)
        got_db, right_db = apart(db, want_db)
        message = (
            f"{where} returned dW = {got_dW}, db = {got_db}; expected "
            f"dW = {right_dW}, db = {right_db}."
        )
        for wrong, why in _linear_variants():
            bad_dW, bad_db = wrong(W, b, X, y)
            if np.allclose(dW, bad_dW, rtol=1e-6) and np.isclose(
                db, bad_db, rtol=1e-6
            ):
                return False, f"{message} Check: {why}"
        return False, message
    return True, ""


# ---------------------------------------------------------------- q7


def mse_grad(w: float, b: float, x: Any, y: Any) -> tuple[float, float]:
    """(dL/dw, dL/db) of L = mean((w x + b - y)^2), the chapter's."""
    r = w * x + b - y
    return float(2 * np.mean(r * x)), float(2 * np.mean(r))


def minibatch_epoch(
    w: float,
    b: float,
    x: Any,
    y: Any,
    order: Any,
    batch_size: int,
    lr: float,
    drop_last: bool = False,
    grad: Callable[..., Any] = mse_grad,
) -> tuple[float, float]:
    """Reference: one epoch over ``order``, a short last batch included
    unless ``drop_last``."""
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        if drop_last and len(batch) < batch_size:
            break
        dw, db = grad(w, b, x[batch], y[batch])
        w, b = w - lr * dw, b - lr * db
    return w, b


# (n examples, batch size, drop_last): short last batches, an even split,
# a batch larger than the data set
EPOCH_PROBES = [
    (23, 5, False),
    (23, 5, True),
    (10, 3, False),
    (12, 4, True),
    (6, 8, False),
    (6, 8, True),
]


def _expected_sizes(n: int, size: int, drop_last: bool) -> list[int]:
    sizes = [min(size, n - start) for start in range(0, n, size)]
    return [s for s in sizes if s == size] if drop_last else sizes


def _sizes_reason(n: int, size: int, drop_last: bool, got: list[int]) -> str:
    want = _expected_sizes(n, size, drop_last)
    rest = n % size
    text = (
        f"your loop made {len(got)} updates with batches of {got}; "
        f"expected {len(want)}: {want}."
    )
    if not drop_last and rest and got == want[:-1]:
        return f"{text} The last {rest} examples form a shorter batch."
    if drop_last and rest and got == want + [rest]:
        return f"{text} drop_last=True skips the short batch of {rest}."
    if not drop_last and size > n and not got:
        return f"{text} A batch larger than the data set takes all {n}."
    return text


def _check_epoch(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, f"expected a function; got {describe(answer)}."
    for n, size, drop_last in EPOCH_PROBES:
        rng = np.random.default_rng(10 * n + size)
        x = rng.uniform(-3, 3, n)
        y = 2 * x + 1 + rng.normal(0, 0.5, n)
        order = rng.permutation(n)
        w0, b0, lr = float(rng.normal()), float(rng.normal()), 0.05
        want = minibatch_epoch(w0, b0, x, y, order, size, lr, drop_last)
        log: list[np.ndarray] = []

        def spy(
            w: Any, b: Any, x_batch: Any, y_batch: Any, log: list = log
        ) -> Any:
            xs = np.array(x_batch, dtype=float)
            log.append(xs.copy())
            return mse_grad(float(w), float(b), xs, np.array(y_batch, float))

        where = f"with n = {n}, batch_size = {size}, drop_last = {drop_last}"
        try:
            result = answer(
                w0,
                b0,
                x.copy(),
                y.copy(),
                order.copy(),
                size,
                lr,
                drop_last=drop_last,
                grad=spy,
            )
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return False, (
                f"{where} your function raised {type(error).__name__}: {error}"
            )
        sizes = [len(batch) for batch in log]
        if log and sizes != _expected_sizes(n, size, drop_last):
            return False, f"{where} " + _sizes_reason(
                n, size, drop_last, sizes
            )
        for k, batch in enumerate(log):
            expected = np.sort(x[order[k * size : (k + 1) * size]])
            if not np.array_equal(np.sort(batch), expected):
                return False, (
                    f"{where} batch {k} holds the wrong examples: take them "
                    f"in the given order, order[{k * size}:"
                    f"{(k + 1) * size}]."
                )
        pair, reason = _read_pair_numbers(result)
        if pair is None:
            return False, f"{where} your function {reason}"
        if not np.allclose(pair, want, rtol=1e-9, atol=1e-12):
            got_pair, right_pair = apart(pair, np.array(want))
            shown = f"(w, b) = {got_pair}"
            expected_text = right_pair
            if log:
                return False, (
                    f"{where} your batches are right but you returned "
                    f"{shown}; expected {expected_text}: after each batch "
                    "step w - lr * dw and b - lr * db with that batch's "
                    "gradient, and return the final (w, b)."
                )
            return False, (
                f"{where} you returned {shown}; expected {expected_text}. "
                "Compute each batch's gradient with grad(w, b, x_batch, "
                "y_batch)."
            )
    return True, ""


def _read_pair_numbers(result: Any) -> tuple[Any, str]:
    if result is None:
        return None, "returned None; did you forget `return w, b`?"
    try:
        values = to_array(result, "the result")
    except (TypeError, ValueError) as error:
        return None, f"returned something that is not numbers: {error}"
    if values.shape != (2,):
        return None, (
            f"returned {describe(result)}; expected the pair (w, b)."
        )
    return values, ""


# ---------------------------------------------------------- q8 and q9

SHAPES = [(3,), (2, 2)]
STEPS = 20


def _probe(seed: int, spread: bool) -> tuple[list[np.ndarray], Path]:
    """Fresh parameters and 20 steps of gradients. With ``spread`` every
    entry has its own scale, from 1e-4 to 1e2, as Adam is built for."""
    rng = np.random.default_rng(seed)
    init = [rng.normal(size=shape) for shape in SHAPES]
    scales = [
        10 ** rng.uniform(-4, 2, size=shape) if spread else np.ones(shape)
        for shape in SHAPES
    ]
    grads = [
        [
            rng.normal(size=shape) * scale
            for shape, scale in zip(SHAPES, scales)
        ]
        for _ in range(STEPS)
    ]
    return init, grads


def _torch_path(
    name: str, init: list[np.ndarray], grads: Path, options: dict[str, Any]
) -> Path:
    """The parameters after every step of ``torch.optim.<name>``."""
    import torch

    params = [torch.tensor(p, dtype=torch.float64) for p in init]
    for p in params:
        p.requires_grad_(True)
    optimizer = getattr(torch.optim, name)(params, **options)
    path = []
    for step in grads:
        for p, g in zip(params, step):
            p.grad = torch.tensor(g, dtype=torch.float64)
        optimizer.step()
        path.append([p.detach().numpy().copy() for p in params])
    return path


def _learner_path(
    cls: Any, init: list[np.ndarray], grads: Path, options: dict[str, Any]
) -> tuple[Path | None, str]:
    """The parameters after every step of the learner's class, or the
    reason it could not run."""
    params = [p.copy() for p in init]
    name = getattr(cls, "__name__", "your class")
    try:
        optimizer = cls(params, **options)
    except NotImplementedError:
        raise NotAnswered from None
    except Exception as error:
        return None, (
            f"{name}(params, {', '.join(f'{k}=…' for k in options)}) raised "
            f"{type(error).__name__}: {error}"
        )
    path: Path = []
    for step, step_grads in enumerate(grads, 1):
        try:
            optimizer.step([g.copy() for g in step_grads])
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return None, (
                f"step {step} raised {type(error).__name__}: {error}"
            )
        current = getattr(optimizer, "params", params)
        try:
            path.append([to_array(p, "a parameter").copy() for p in current])
        except (TypeError, ValueError) as error:
            return None, f"after step {step}, self.params holds {error}"
    return path, ""


def _difference(got: Path, want: Path, tol: float, name: str = "") -> str:
    """Where ``got`` first leaves ``want`` ("" if never)."""
    for step, (got_step, want_step) in enumerate(zip(got, want), 1):
        if len(got_step) != len(want_step):
            return (
                f"after step {step} self.params holds {len(got_step)} "
                f"arrays; expected {len(want_step)}."
            )
        for i, (g, w) in enumerate(zip(got_step, want_step)):
            if g.shape != w.shape:
                return (
                    f"after step {step} parameter {i} has shape {g.shape}; "
                    f"expected {w.shape}."
                )
            bad = ~np.isclose(g, w, rtol=tol, atol=tol)
            if bad.any():
                at = tuple(int(k) for k in np.argwhere(bad)[0])
                shown, right = apart(g[at], w[at])
                return (
                    f"your parameters first differ from {name} at step "
                    f"{step} of {STEPS}: parameter {i} entry {list(at)} is "
                    f"{shown}; {name} gives {right} (difference "
                    f"{abs(g[at] - w[at]):.1e})."
                )
    return ""


def _optimizer_checker(
    torch_name: Callable[[dict[str, Any]], str],
    configs: Sequence[dict[str, Any]],
    variants: Sequence[tuple[Any, str]],
    *,
    spread: bool,
) -> Callable[[Any], tuple[bool, str]]:
    """Run the learner's optimizer class and ``torch.optim`` side by side
    for 20 steps per configuration; report the first step that differs."""

    def checker(answer: Any) -> tuple[bool, str]:
        if not isinstance(answer, type):
            return False, (
                f"expected a class (class ...:); got {describe(answer)}."
            )
        for seed, options in enumerate(configs):
            init, grads = _probe(seed, spread)
            want = _torch_path(torch_name(options), init, grads, options)
            got, reason = _learner_path(answer, init, grads, options)
            where = f"with {_options(options)}"
            if got is None:
                return False, f"{where}: {reason}"
            if all(np.array_equal(p, q) for p, q in zip(got[0], init)) and len(
                got[0]
            ) == len(init):
                return False, (
                    f"{where}: step() did not change the parameters. Update "
                    "each array in place (p -= ...) or store the new arrays "
                    "in self.params."
                )
            name = f"torch.optim.{torch_name(options)}"
            reason = _difference(got, want, 1e-12, name)
            if not reason:
                continue
            message = f"{where}: {reason}"
            for wrong, why in variants:
                bad, _ = _learner_path(wrong, init, grads, options)
                if bad is not None and not _difference(got, bad, 1e-9):
                    return False, f"{message} Check: {why}"
            return False, message
        return True, ""

    return checker


class _SGDRule:
    """SGD with momentum, the way torch.optim.SGD does it."""

    def __init__(
        self,
        params: list[np.ndarray],
        lr: float,
        momentum: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        self.params, self.lr = params, lr
        self.momentum, self.nesterov = momentum, nesterov
        self.velocity = [np.zeros_like(p) for p in params]

    def direction(self, grad: np.ndarray, v: np.ndarray) -> np.ndarray:
        v *= self.momentum
        v += grad
        return grad + self.momentum * v if self.nesterov else v

    def step(self, grads: list[np.ndarray]) -> None:
        for p, grad, v in zip(self.params, grads, self.velocity):
            p -= self.lr * self.direction(grad, v)


class _NoMomentum(_SGDRule):
    def direction(self, grad: np.ndarray, v: np.ndarray) -> np.ndarray:
        return grad


class _Dampened(_SGDRule):
    def direction(self, grad: np.ndarray, v: np.ndarray) -> np.ndarray:
        v *= self.momentum
        v += (1 - self.momentum) * grad
        return grad + self.momentum * v if self.nesterov else v


class _NesterovIgnored(_SGDRule):
    def direction(self, grad: np.ndarray, v: np.ndarray) -> np.ndarray:
        v *= self.momentum
        v += grad
        return v


class _Uphill(_SGDRule):
    def direction(self, grad: np.ndarray, v: np.ndarray) -> np.ndarray:
        return -super().direction(grad, v)


SGD_CONFIGS = [
    {"lr": 0.05, "momentum": 0.0, "nesterov": False},
    {"lr": 0.1, "momentum": 0.9, "nesterov": False},
    {"lr": 0.03, "momentum": 0.8, "nesterov": True},
]

SGD_VARIANTS = [
    (
        _NoMomentum,
        "the velocity never enters the step: v <- momentum * v "
        "+ grad, then p <- p - lr * v.",
    ),
    (
        _Dampened,
        "torch.optim.SGD adds the whole gradient, v <- momentum * "
        "v + grad, with no factor (1 - momentum).",
    ),
    (
        _NesterovIgnored,
        "with nesterov=True the step is p <- p - lr * (grad "
        "+ momentum * v), using the new v.",
    ),
    (_Uphill, "the step goes uphill: subtract lr * v."),
]


class _AdamWRule:
    """AdamW, the way torch.optim.AdamW does it (torch.optim.Adam when
    weight_decay is 0)."""

    def __init__(
        self,
        params: list[np.ndarray],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.01,
    ) -> None:
        self.params, self.lr, self.betas = params, lr, betas
        self.eps, self.weight_decay = eps, weight_decay
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def decay(self, p: np.ndarray) -> None:
        p *= 1 - self.lr * self.weight_decay

    def gradient(self, p: np.ndarray, grad: np.ndarray) -> np.ndarray:
        return grad

    def update(self, m_hat: Any, v_hat: Any, v: Any, t: int) -> Any:
        return self.lr * m_hat / (np.sqrt(v_hat) + self.eps)

    def step(self, grads: list[np.ndarray]) -> None:
        self.t += 1
        beta1, beta2 = self.betas
        for p, grad, m, v in zip(self.params, grads, self.m, self.v):
            self.decay(p)
            grad = self.gradient(p, grad)
            m += (1 - beta1) * (grad - m)
            v *= beta2
            v += (1 - beta2) * grad * grad
            m_hat = m / (1 - beta1**self.t)
            v_hat = v / (1 - beta2**self.t)
            p -= self.update(m_hat, v_hat, v, self.t)


class _L2(_AdamWRule):
    def decay(self, p: np.ndarray) -> None:
        pass

    def gradient(self, p: np.ndarray, grad: np.ndarray) -> np.ndarray:
        return grad + self.weight_decay * p


class _DecayWithoutLr(_AdamWRule):
    def decay(self, p: np.ndarray) -> None:
        p *= 1 - self.weight_decay


class _DecayAfter(_AdamWRule):
    def decay(self, p: np.ndarray) -> None:
        pass

    def step(self, grads: list[np.ndarray]) -> None:
        super().step(grads)
        for p in self.params:
            p *= 1 - self.lr * self.weight_decay


class _NoBiasCorrection(_AdamWRule):
    def update(self, m_hat: Any, v_hat: Any, v: Any, t: int) -> Any:
        beta1, beta2 = self.betas
        m, v_raw = m_hat * (1 - beta1**t), v_hat * (1 - beta2**t)
        return self.lr * m / (np.sqrt(v_raw) + self.eps)


class _EpsOnRawV(_AdamWRule):
    def update(self, m_hat: Any, v_hat: Any, v: Any, t: int) -> Any:
        return self.lr * m_hat / (np.sqrt(v) + self.eps)


class _EpsInsideRoot(_AdamWRule):
    def update(self, m_hat: Any, v_hat: Any, v: Any, t: int) -> Any:
        return self.lr * m_hat / np.sqrt(v_hat + self.eps)


class _DefaultBetas(_AdamWRule):
    def step(self, grads: list[np.ndarray]) -> None:
        self.betas = (0.9, 0.999)
        super().step(grads)


ADAMW_CONFIGS = [
    {"lr": 0.01, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0},
    {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1},
]

ADAMW_VARIANTS = [
    (
        _L2,
        "that is Adam with an L2 penalty (torch.optim.Adam(weight_decay="
        "...)), adding weight_decay * p to the gradient. AdamW shrinks the "
        "parameter itself, p <- p * (1 - lr * weight_decay), and leaves the "
        "gradient alone.",
    ),
    (
        _DecayWithoutLr,
        "shrink by 1 - lr * weight_decay, not by 1 - weight_decay.",
    ),
    (
        _DecayAfter,
        "torch.optim.AdamW shrinks the parameter before the Adam "
        "step, not after it.",
    ),
    (
        _NoBiasCorrection,
        "divide m by 1 - beta1**t and v by 1 - beta2**t "
        "(bias correction), with t counting steps from 1.",
    ),
    (
        _EpsOnRawV,
        "add eps to the root of the corrected v_hat, not of v "
        "(that is Keras's placement).",
    ),
    (_EpsInsideRoot, "add eps after the square root: sqrt(v_hat) + eps."),
    (
        _DefaultBetas,
        "use the betas you are given (self.betas); the check "
        "also passes betas = (0.8, 0.99).",
    ),
]


def _adam_name(options: dict[str, Any]) -> str:
    return "AdamW" if options["weight_decay"] else "Adam"


# ------------------------------------------------------------ questions

q1 = Question(
    "q1",
    choice(
        "a",
        ["a", "b", "c"],
        feedback={
            "b": "at x = 1 and x = 2 the line 3x + 1 predicts 4 and 7, above "
            "the targets 3 and 5: the residuals are positive and so is "
            "each r x.",
            "c": "dL/dw is zero only at the best w for this b; a slope of 3 "
            "is too steep for points on y = 2x + 1.",
        },
    ),
    hint="dL/dw = 2 mean(r x) with r = w x + b - y. Find the sign of each "
    "residual at w = 3, b = 1.",
    solution="(a): r = 3x + 1 - (2x + 1) = x, so dL/dw = 2 mean(x^2) = "
    "2 (1 + 4) / 2 = 5 > 0. Decreasing w lowers the loss.",
)

q2 = Question(
    "q2",
    number(
        1 / 3,
        rtol=2e-3,
        mistakes={
            2 / 3: "the second derivative of 3(x - 1)^2 is 6, not 3; the "
            "threshold is 2 / 6.",
            1 / 6: "1 / f'' = 1/6 reaches the minimum in one step, but "
            "descent still converges for rates up to 2 / f''.",
            3.0: "that is f'' / 2; the threshold is 2 / f''.",
        },
    ),
    hint="For f(x) = a (x - c)^2 + d one step maps x - c to "
    "(1 - lr f'') (x - c). When is |1 - lr f''| < 1?",
    solution="f''(x) = 6, and |1 - 6 lr| < 1 means 0 < lr < 2/6 = 1/3. "
    "Answer 1/3.",
)

q3 = Question(
    "q3",
    array(
        [8, 26, 7],
        mistakes=[
            (
                [7, 32, 7],
                "250 // 32 = 7 counts only the full batches; "
                "without drop_last the 26 examples left over make an 8th.",
            ),
            ([8, 32, 7], "the last batch holds what is left: 250 - 7 * 32."),
            (
                [8, 6, 7],
                "6 examples are missing from a full batch; the last "
                "batch holds the other 26.",
            ),
            (
                [8, 26, 8],
                "drop_last=True drops the short batch, so one update fewer.",
            ),
        ],
    ),
    hint="Fill batches of 32 until fewer than 32 examples are left; those "
    "form one more, shorter batch, unless drop_last=True.",
    solution="250 = 7 * 32 + 26: 8 updates, the last on 26 examples; with "
    "drop_last=True 7 updates. Answer [8, 26, 7].",
)

q4 = Question(
    "q4",
    number(
        0.44,
        mistakes={
            0.64: "that is the result with zero_grad(): without it the "
            "second backward() adds 1.6 to the 2.0 already in w.grad.",
            0.8: "that is w after one step; run the loop twice.",
            0.4: "the second backward() adds dL/dw = 2 * 0.8 = 1.6 (at the "
            "new w), not another 2.0.",
        },
    ),
    hint="backward() adds into w.grad. After step 1, what is w.grad, and "
    "what does the second backward() add to it?",
    solution="Step 1: w.grad = 2.0, w = 1 - 0.1 * 2.0 = 0.8. Step 2: "
    "backward() adds 2 * 0.8 = 1.6, so w.grad = 3.6 and "
    "w = 0.8 - 0.36 = 0.44.",
)

q5 = Question(
    "q5",
    array(
        [1 - 0.1 * 0.002 / (0.002 + 1e-8), 1 + 0.1 * 40 / (40 + 1e-8)],
        rtol=1e-4,
        mistakes=[
            (
                [0.9998, 5.0],
                "that is plain SGD, p - lr * grad. Adam divides "
                "by the root of the running mean of grad squared.",
            ),
            (
                [
                    1 - 0.1 * 0.1 / np.sqrt(0.001),
                    1 + 0.1 * 0.1 / np.sqrt(0.001),
                ],
                "without bias correction m = 0.1 g and v = 0.001 g^2 at "
                "step 1; dividing by 1 - beta^1 turns them back into g and "
                "g^2.",
            ),
            (
                [1 - 0.1 / np.sqrt(0.001), 1 + 0.1 / np.sqrt(0.001)],
                "correct both m and v: v_hat = v / (1 - beta2) = g^2.",
            ),
            (
                [1.1, 0.9],
                "Adam steps against the gradient, like every descent method.",
            ),
        ],
    ),
    hint="At step 1, m = (1 - beta1) g and v = (1 - beta2) g^2. What do "
    "the bias corrections make of them, and what is m_hat / sqrt(v_hat)?",
    solution="m_hat = g and v_hat = g^2, so each parameter moves by "
    "lr * g / (|g| + eps), about lr against the sign of its gradient: "
    "[1 - 0.1, 1 + 0.1] = [0.9, 1.1] (0.9000005 with eps = 1e-8).",
)

q6 = Question(
    "q6",
    _check_linear_grad,
    hint="Work with the residual vector r = X W + b - y, one entry per "
    "example. Each example adds 2 r_i x_i to dW and 2 r_i to db; the loss "
    "averages over the n examples. A matrix product with X transposed "
    "sums over the examples for every feature at once.",
    solution="def linear_grad(W, b, X, y):\n"
    "    r = X @ W + b - y\n"
    "    return 2 * X.T @ r / len(y), 2 * np.mean(r)",
)

q7 = Question(
    "q7",
    _check_epoch,
    hint="Step through `order` in strides of batch_size; slicing past the "
    "end gives the shorter last batch by itself. With drop_last, stop "
    "when a batch comes out shorter than batch_size.",
    solution="def minibatch_epoch(w, b, x, y, order, batch_size, lr,\n"
    "                    drop_last=False, grad=mse_grad):\n"
    "    for start in range(0, len(order), batch_size):\n"
    "        batch = order[start:start + batch_size]\n"
    "        if drop_last and len(batch) < batch_size:\n"
    "            break\n"
    "        dw, db = grad(w, b, x[batch], y[batch])\n"
    "        w, b = w - lr * dw, b - lr * db\n"
    "    return w, b",
)

q8 = Question(
    "q8",
    _optimizer_checker(
        lambda options: "SGD", SGD_CONFIGS, SGD_VARIANTS, spread=False
    ),
    hint="Each parameter has its velocity array from __init__, and it must "
    "carry over from one step to the next, so update it in place. The new "
    "velocity is the old one scaled by momentum plus the gradient; the "
    "parameter moves lr times the velocity against it, or, with Nesterov, "
    "lr times (gradient + momentum times the new velocity). Change the "
    "parameter arrays themselves, not copies.",
    solution="class SGD:\n"
    "    def __init__(self, params, lr, momentum=0.0, nesterov=False):\n"
    "        self.params, self.lr = params, lr\n"
    "        self.momentum, self.nesterov = momentum, nesterov\n"
    "        self.velocity = [np.zeros_like(p) for p in params]\n"
    "\n"
    "    def step(self, grads):\n"
    "        for p, grad, v in zip(self.params, grads, self.velocity):\n"
    "            v *= self.momentum\n"
    "            v += grad\n"
    "            if self.nesterov:\n"
    "                p -= self.lr * (grad + self.momentum * v)\n"
    "            else:\n"
    "                p -= self.lr * v",
)

q9 = Question(
    "q9",
    _optimizer_checker(_adam_name, ADAMW_CONFIGS, ADAMW_VARIANTS, spread=True),
    hint="Advance the step counter first, so that step 1 has t = 1. For "
    "each parameter: shrink it by the factor 1 - lr * weight_decay; update "
    "the two running means from the gradient alone, in place; divide them "
    "by 1 - beta**t (bias correction); move by lr * m_hat over "
    "(sqrt(v_hat) + eps).",
    solution="class AdamW:\n"
    "    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8,\n"
    "                 weight_decay=0.01):\n"
    "        self.params, self.lr, self.betas = params, lr, betas\n"
    "        self.eps, self.weight_decay = eps, weight_decay\n"
    "        self.m = [np.zeros_like(p) for p in params]\n"
    "        self.v = [np.zeros_like(p) for p in params]\n"
    "        self.t = 0\n"
    "\n"
    "    def step(self, grads):\n"
    "        self.t += 1\n"
    "        beta1, beta2 = self.betas\n"
    "        for p, grad, m, v in zip(self.params, grads, self.m, self.v):\n"
    "            p *= 1 - self.lr * self.weight_decay  # decoupled decay\n"
    "            m[...] = beta1 * m + (1 - beta1) * grad\n"
    "            v[...] = beta2 * v + (1 - beta2) * grad**2\n"
    "            m_hat = m / (1 - beta1**self.t)\n"
    "            v_hat = v / (1 - beta2**self.t)\n"
    "            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)",
)
