"""Practice questions for chapter 15, the cost of autodiff.

PyTorch is imported only inside the checkers that run the learner's code
(questions 8 and 9), so importing this module stays cheap.
"""

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from helpers._convert import describe, to_array
from helpers.quiz import NotAnswered, Question, array, choice, number


def _torch() -> Any:
    import torch

    return torch


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _raised(where: str, error: BaseException) -> tuple[bool, str]:
    name = type(error).__name__
    return False, f"{where} raised {name}: {_first_line(error)}"


q1 = Question(
    "q1",
    choice(
        "a",
        ["a", "b", "c"],
        feedback={
            "b": "reverse mode needs one VJP per output: 1000 of them. "
            "Forward mode needs one JVP per input: 2.",
            "c": "the costs differ by a factor of about 500: n = 2 JVPs "
            "against m = 1000 VJPs.",
        },
    ),
    hint="A full Jacobian takes n JVPs (forward) or m VJPs (reverse). "
    "Here n = 2 and m = 1000.",
    solution="(a) forward mode: the Jacobian is 1000 × 2, so 2 JVPs (one "
    "per column) instead of 1000 VJPs (one per row).",
)

q2 = Question(
    "q2",
    array(
        [3, 500],
        mistakes=[
            (
                [500, 3],
                "swapped: a JVP gives a column of J (3 columns), a VJP a "
                "row (500 rows).",
            ),
            (
                [1500, 1500],
                "one JVP gives a whole column and one VJP a whole row, not "
                "a single entry.",
            ),
            (
                [3, 3],
                "a VJP gives one row u^T J, and J has 500 rows.",
            ),
            (
                [500, 500],
                "a JVP gives one column J e_j, and J has 3 columns.",
            ),
        ],
    ),
    hint="Forward mode: one JVP with the seed e_j gives column j of J. "
    "Reverse mode: one VJP with u = e_i gives row i. What are the shape's "
    "rows and columns?",
    solution="[3, 500]: J is 500 × 3; forward mode needs one JVP per "
    "column (3), reverse mode one VJP per row (500).",
)

q3 = Question(
    "q3",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "that would be one pass per input, like forward mode or "
            "finite differences; reverse mode gets all 10⁶ partial "
            "derivatives from one backward pass.",
            "c": "the cost does not depend on n at all: the backward pass "
            "visits each operation of f once.",
            "d": "the gradient is cheap, not free: the backward pass does "
            "work at every operation, and the forward pass runs too.",
        },
    ),
    hint="The cheap-gradient principle: the cost of f with its gradient "
    "divided by the cost of f is a small constant, whatever the number of "
    "inputs.",
    solution="(b) a few times 10 ms: Griewank and Walther bound the work "
    "of f with its reverse-mode gradient by a small constant (about 4 to "
    "5) times the work of f; the chapter counted 18/7 ≈ 2.6 for every n.",
)

q4 = Question(
    "q4",
    number(
        34,
        mistakes={
            50: "that is n / m, the derivative products alone; count the "
            "primal pass of both, and jacfwd's product with A's zero "
            "tangent.",
            101 / 3: "jacfwd runs two mv's, not one: the primal pass and "
            "the product of x with A's zero tangent.",
            51: "jacrev runs the forward pass too: 2mn in its mv.",
            3 / 102: "that is jacrev ÷ jacfwd; the question asks how many "
            "times more jacfwd does.",
            100 / 3: "jacfwd's count has two mv's of 2mn each besides its "
            "2mn² in mm: 2mn(n + 2).",
        },
    ),
    hint="jacfwd: one mm of 2mn², plus two mv's of 2mn. jacrev: one mv of "
    "2mn plus one mm of 2m²n. Here m = 2, n = 100.",
    solution="jacfwd 2mn(n + 2) = 400 · 102 = 40800; jacrev 2mn(m + 1) = "
    "400 · 3 = 1200; 40800 / 1200 = (n + 2)/(m + 1) = 34.",
)

q5 = Question(
    "q5",
    number(
        20 * 4096,
        mistakes={
            10 * 4096: "that is what stays alive after the forward pass; "
            "while the backward pass recomputes a segment, its 10 "
            "activations exist again.",
            100 * 4096: "that is the plain network's peak; with "
            "checkpoints only the segment boundaries stay.",
            21 * 4096: "the meter counts only what the layers compute "
            "(tanh outputs), and recomputed activations are freed as the "
            "backward pass uses them: 10 + 10.",
            11 * 4096: "count the recomputed segment: 10 boundaries plus "
            "its 10 activations.",
        },
    ),
    hint="After the forward pass only the 10 segment outputs are alive. "
    "What exists again while the backward pass recomputes one segment?",
    solution="20 · 4096 = 81920 bytes: 10 segment outputs plus the 10 "
    "activations of the segment being recomputed, 2√L.",
)

q6 = Question(
    "q6",
    number(
        200,
        mistakes={
            100: "the backward pass reruns every checkpointed segment to "
            "get its activations back: each layer runs twice.",
            110: "every segment is recomputed with all of its 10 layers, "
            "the last segment too.",
            190: "the last segment is recomputed as well: 10 segments of "
            "10 layers each run again.",
            1000: "each segment is recomputed once, not once per layer.",
        },
    ),
    hint="The forward pass runs each layer once; the backward pass reruns "
    "each checkpointed segment once.",
    solution="100 layer calls in the forward pass + 100 while the backward "
    "pass recomputes the 10 segments = 200 (2L).",
)


# ---- q7: the cheapest Jacobian from JVPs or VJPs ---------------------------

_MATRICES = [
    np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [-1.0, 0.5], [2.0, 0.0]]),
    np.array([[1.0, -2.0, 0.5, 3.0, 0.0], [0.0, 1.0, 4.0, -1.0, 2.0]]),
    np.array([[2.0, -1.0, 0.0], [0.5, 3.0, 1.0], [1.0, 1.0, -2.0]]),
    np.array([[1.5, -0.5, 2.5, 0.0, 1.0, -3.0]]),
    np.array([[0.25], [-1.0], [2.0], [4.0]]),
]


def _check_jacobian(answer: Any) -> tuple[bool, str]:
    """Call the learner's jacobian(jvp, vjp, n, m) with counting
    products of known matrices."""
    if not callable(answer):
        return False, (
            "expected a function jacobian(jvp, vjp, n, m); "
            f"got {describe(answer)}."
        )
    for J in _MATRICES:
        m, n = J.shape
        calls = {"jvp": 0, "vjp": 0}

        def jvp(v: Any, J: np.ndarray = J, calls: dict = calls) -> Any:
            v = np.array(v, dtype=float)  # a private copy
            if v.shape != (J.shape[1],):
                raise ValueError(
                    f"jvp takes a vector of length n = {J.shape[1]}; "
                    f"it got shape {v.shape}"
                )
            calls["jvp"] += 1
            return J @ v

        def vjp(u: Any, J: np.ndarray = J, calls: dict = calls) -> Any:
            u = np.array(u, dtype=float)
            if u.shape != (J.shape[0],):
                raise ValueError(
                    f"vjp takes a vector of length m = {J.shape[0]}; "
                    f"it got shape {u.shape}"
                )
            calls["vjp"] += 1
            return u @ J

        where = f"for a {m} × {n} Jacobian (n = {n} inputs, m = {m} outputs)"
        try:
            result = answer(jvp, vjp, n, m)
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return _raised(f"{where} your function", error)
        try:
            got = to_array(result, "your result")
        except (TypeError, ValueError):
            return False, f"{where} it returned {describe(result)}."
        if got.shape != J.shape:
            note = ""
            if got.shape == J.shape[::-1]:
                note = " It looks transposed: J has one row per output."
            return False, (
                f"{where} it returned shape {got.shape}; expected "
                f"{J.shape}.{note}"
            )
        if not np.allclose(got, J):
            note = ""
            if m == n and np.allclose(got.T, J):
                note = (
                    " It looks transposed: a JVP is a column of J, a VJP "
                    "a row."
                )
            return False, f"{where} the entries are wrong.{note}"
        made = calls["jvp"] + calls["vjp"]
        if made > min(n, m):
            cheap = "JVP" if n <= m else "VJP"
            return False, (
                f"{where} your function made {calls['jvp']} JVP and "
                f"{calls['vjp']} VJP calls; {min(n, m)} {cheap} calls "
                "suffice."
            )
    return True, ""


q7 = Question(
    "q7",
    _check_jacobian,
    hint="Compare n and m. jvp(e_j) is column j of J, vjp(e_i) is row i; "
    "build J from whichever needs fewer calls, stacking columns along "
    "axis 1 or rows along axis 0.",
    solution="def jacobian(jvp, vjp, n, m):\n"
    "    if n <= m:  # forward mode: one JVP per column\n"
    "        return np.stack([jvp(e) for e in np.eye(n)], axis=1)\n"
    "    return np.stack([vjp(e) for e in np.eye(m)])  # one VJP per row",
)


# ---- q8: measure what autograd saves ---------------------------------------


def _probes() -> list[tuple[str, Callable[..., Any], list[Any]]]:
    """(description, function, inputs) of functions the learner has not
    seen; fresh tensors every call."""
    torch = _torch()
    g = torch.Generator().manual_seed(15)

    def tensor(*shape: int, dtype: Any = torch.float64) -> Any:
        return torch.randn(*shape, generator=g, dtype=dtype).requires_grad_()

    return [
        ("x.sum() for x of shape (10,)", lambda x: x.sum(), [tensor(10)]),
        ("(x * x).sum()", lambda x: (x * x).sum(), [tensor(10)]),
        (
            "torch.exp(x ** 2).sum()",
            lambda x: torch.exp(x**2).sum(),
            [tensor(6)],
        ),
        (
            "torch.tanh(x @ W).sum() with float32 x (4, 3) and W (3, 5)",
            lambda x, W: torch.tanh(x @ W).sum(),
            [tensor(4, 3, dtype=torch.float32),
             tensor(3, 5, dtype=torch.float32)],
        ),
    ]


def _saved_reference(fn: Callable[..., Any], inputs: list[Any]) -> int:
    torch = _torch()
    storages: dict[int, int] = {}

    def pack(t: Any) -> Any:
        storage = t.untyped_storage()
        storages[storage.data_ptr()] = storage.nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        fn(*inputs)
    return sum(storages.values())


def _check_saved_bytes(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected a function saved_bytes(fn, *inputs); "
            f"got {describe(answer)}."
        )
    for (what, fn, inputs), (_, _, copies) in zip(_probes(), _probes()):
        want = _saved_reference(fn, inputs)  # the reference first
        where = f"for {what}"
        try:
            got = answer(fn, *copies)
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return _raised(f"{where} saved_bytes", error)
        try:
            value = to_array(got, "your count")
        except (TypeError, ValueError):
            return False, f"{where} it returned {describe(got)}."
        if value.size != 1:
            return False, (
                f"{where} it returned {describe(got)}; expected one number."
            )
        count = float(value.reshape(-1)[0])
        if count != want:
            note = ""
            if want and count > want and count % want == 0:
                note = (
                    " A storage saved twice (x * x saves x as both "
                    "factors) counts once."
                )
            elif count == 0 and want:
                note = (
                    " Did the function run inside the "
                    "saved_tensors_hooks block?"
                )
            return False, (
                f"{where} your count is {count:g} bytes; autograd saved "
                f"{want} bytes.{note}"
            )
    return True, ""


q8 = Question(
    "q8",
    _check_saved_bytes,
    hint="Run fn(*inputs) inside torch.autograd.graph.saved_tensors_hooks"
    "(pack, unpack). In pack, note the tensor's untyped_storage(): its "
    "data_ptr() tells one storage from another and nbytes() its size; "
    "pack returns the tensor and unpack returns what pack gave.",
    solution="def saved_bytes(fn, *inputs):\n"
    "    storages = {}\n"
    "\n"
    "    def pack(t):\n"
    "        storage = t.untyped_storage()\n"
    "        storages[storage.data_ptr()] = storage.nbytes()\n"
    "        return t\n"
    "\n"
    "    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):\n"
    "        fn(*inputs)\n"
    "    return sum(storages.values())",
)


# ---- q9: a checkpointed forward pass ---------------------------------------

_CHAINS = [(12, 4), (9, 4), (6, 2)]  # (L, k): layers and segment length


def _chain(L: int, seed: int) -> tuple[Any, list[Any], list[Any], list[int]]:
    """x, weights, layer functions (counting their calls) and the count."""
    torch = _torch()
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(16, 32, generator=g)
    weights = [
        (torch.randn(32, 32, generator=g) / 6).requires_grad_()
        for _ in range(L)
    ]
    calls = [0]

    def make(W: Any) -> Callable[[Any], Any]:
        def layer(h: Any) -> Any:
            calls[0] += 1
            return torch.tanh(h @ W)

        return layer

    return x, weights, [make(W) for W in weights], calls


def _check_checkpointed(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            "expected a function checkpointed_forward(layers, x, k); "
            f"got {describe(answer)}."
        )
    torch = _torch()
    for L, k in _CHAINS:
        segments = math.ceil(L / k)
        where = f"for L = {L} layers and k = {k}"
        x, weights, layers, _ = _chain(L, seed=L)  # the plain pass first
        y_plain = x
        for layer in layers:
            y_plain = layer(y_plain)
        y_plain.sum().backward()
        plain_grads = [W.grad.clone() for W in weights]
        x, weights, layers, calls = _chain(L, seed=L)
        skip = {W.untyped_storage().data_ptr() for W in weights}
        saved: dict[int, int] = {}

        def pack(t: Any, saved: dict = saved, skip: set = skip) -> Any:
            storage = t.untyped_storage()
            if storage.data_ptr() not in skip:  # weights cost nothing new
                saved[storage.data_ptr()] = storage.nbytes()
            return t

        try:
            with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
                y = answer(list(layers), x.clone(), k)
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return _raised(f"{where} your function", error)
        if not isinstance(y, torch.Tensor) or y.shape != y_plain.shape:
            return False, (
                f"{where} it returned {describe(y)}; expected the output, "
                f"a tensor of shape {tuple(y_plain.shape)}."
            )
        if not torch.allclose(y, y_plain.detach(), atol=1e-6):
            return False, (
                f"{where} the output differs from running the layers in "
                "order."
            )
        if not y.requires_grad:
            return False, (
                f"{where} the output does not require grad: it has no graph "
                "back to the weights. Did the forward pass run under "
                "torch.no_grad()?"
            )
        forward_calls = calls[0]
        if len(saved) != segments:
            act = 16 * 32 * 4
            note = ""
            if len(saved) == L + 1:
                note = " That is the plain network: nothing was checkpointed."
            elif len(saved) == L:
                note = " That is a checkpoint around every single layer."
            elif len(saved) == (segments - 1) + (L - (segments - 1) * k) + 1:
                note = (
                    " checkpoint_sequential leaves its last segment "
                    "without a checkpoint; wrap every segment yourself."
                )
            return False, (
                f"{where} the forward pass saved {len(saved)} activations "
                f"({sum(saved.values())} bytes); with a checkpoint every "
                f"{k} layers only the {segments} segment inputs stay "
                f"({segments * act} bytes).{note}"
            )
        try:
            y.sum().backward()
        except Exception as error:
            return _raised(f"{where} the backward pass", error)
        for i, (W, want) in enumerate(zip(weights, plain_grads)):
            if W.grad is None or not torch.allclose(W.grad, want, atol=1e-6):
                return False, (
                    f"{where} the gradient of layer {i}'s weight differs "
                    "from the plain pass."
                )
        if forward_calls != L or calls[0] != 2 * L:
            return False, (
                f"{where} the layers ran {forward_calls} times forward and "
                f"{calls[0]} times in all; expected {L} and {2 * L} (each "
                "checkpointed segment runs once more in the backward pass)."
            )
    return True, ""


q9 = Question(
    "q9",
    _check_checkpointed,
    hint="Loop over the segments layers[i:i + k]. For each, call "
    "torch.utils.checkpoint.checkpoint with a small function that runs a "
    "segment's layers in order, the current tensor, the segment, and "
    "use_reentrant=False.",
    solution="def checkpointed_forward(layers, x, k):\n"
    "    def run(h, segment):\n"
    "        for layer in segment:\n"
    "            h = layer(h)\n"
    "        return h\n"
    "\n"
    "    for i in range(0, len(layers), k):\n"
    "        x = torch.utils.checkpoint.checkpoint(\n"
    "            run, x, layers[i:i + k], use_reentrant=False)\n"
    "    return x",
)
