"""Chapter 15 questions: each solution passes, plausible mistakes fail
with a specific reason, and the counts the questions state are what
PyTorch really does."""

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

from helpers.questions import ch15 as q

torch = pytest.importorskip("torch")
checkpoint = pytest.importorskip("torch.utils.checkpoint")

pytestmark = pytest.mark.ch15


# ---- q7: jacobian(jvp, vjp, n, m) ------------------------------------------


def jacobian(jvp, vjp, n, m):
    if n <= m:
        return np.stack([jvp(e) for e in np.eye(n)], axis=1)
    return np.stack([vjp(e) for e in np.eye(m)])


def always_forward(jvp, vjp, n, m):
    return np.stack([jvp(e) for e in np.eye(n)], axis=1)


def always_reverse(jvp, vjp, n, m):
    return np.stack([vjp(e) for e in np.eye(m)])


def columns_as_rows(jvp, vjp, n, m):
    return np.stack([jvp(e) for e in np.eye(n)])


def one_call(jvp, vjp, n, m):
    return jvp(np.ones(n))


def rank_one(jvp, vjp, n, m):
    return np.outer(jvp(np.ones(n)), np.ones(n))  # one call, wrong entries


def jacobian_stub(jvp, vjp, n, m):
    raise NotImplementedError


# ---- q8: saved_bytes(fn, *inputs) ------------------------------------------


def saved_bytes(fn, *inputs):
    storages = {}

    def pack(t):
        storage = t.untyped_storage()
        storages[storage.data_ptr()] = storage.nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        fn(*inputs)
    return sum(storages.values())


def every_saved_tensor(fn, *inputs):
    sizes = []

    def pack(t):
        sizes.append(t.untyped_storage().nbytes())
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        fn(*inputs)
    return sum(sizes)


def input_bytes(fn, *inputs):
    return sum(t.numel() * t.element_size() for t in inputs)


def hooks_after_the_call(fn, *inputs):
    storages = {}
    fn(*inputs)

    def pack(t):
        storages[t.untyped_storage().data_ptr()] = t.nbytes
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        pass
    return sum(storages.values())


def saved_bytes_mutating(fn, *inputs):
    """Right, but it scribbles over its inputs afterwards."""
    result = saved_bytes(fn, *inputs)
    with torch.no_grad():
        for t in inputs:
            t.zero_()
    return result


# ---- q9: checkpointed_forward(layers, x, k) --------------------------------


def run(h, segment):
    for layer in segment:
        h = layer(h)
    return h


def checkpointed_forward(layers, x, k):
    for i in range(0, len(layers), k):
        x = checkpoint.checkpoint(run, x, layers[i:i + k], use_reentrant=False)
    return x


def plain_forward(layers, x, k):
    return run(x, layers)


def sequential_forward(layers, x, k):
    segments = -(-len(layers) // k)
    return checkpoint.checkpoint_sequential(
        layers, segments, x, use_reentrant=False
    )


def every_layer(layers, x, k):
    return checkpointed_forward(layers, x, 1)


def detached_output(layers, x, k):
    with torch.no_grad():
        return run(x, layers)


def forward_stub(layers, x, k):
    raise NotImplementedError


RIGHT = {
    "q1": "a",
    "q2": [3, 500],
    "q3": "b",
    "q4": 34.0,
    "q5": 81920,
    "q6": 200,
    "q7": jacobian,
    "q8": saved_bytes,
    "q9": checkpointed_forward,
}

WRONG = {
    "q1": [
        ("b", "1000 of them"),
        ("c", "factor of about 500"),
        ("forward", "expected one of"),
    ],
    "q2": [
        ([500, 3], "swapped"),
        ([1500, 1500], "not a single entry"),
        ([3, 3], "J has 500 rows"),
        ([500, 500], "J has 3 columns"),
        ([3], "expected shape (2,)"),
    ],
    "q3": [
        ("a", "one backward pass"),
        ("c", "does not depend on n"),
        ("d", "not free"),
    ],
    "q4": [
        (50, "derivative products alone"),
        (101 / 3, "two mv's, not one"),
        (51, "jacrev runs the forward pass too"),
        (3 / 102, "jacrev ÷ jacfwd"),
        (100 / 3, "2mn(n + 2)"),
    ],
    "q5": [
        (10 * 4096, "after the forward pass"),
        (100 * 4096, "plain network's peak"),
        (21 * 4096, "only what the layers compute"),
        (11 * 4096, "count the recomputed segment"),
    ],
    "q6": [
        (100, "each layer runs twice"),
        (110, "the last segment too"),
        (190, "recomputed as well"),
        (1000, "not once per layer"),
    ],
    "q7": [
        (always_forward, "2 VJP calls suffice"),
        (always_reverse, "2 JVP calls suffice"),
        (columns_as_rows, "It looks transposed"),
        (one_call, "returned shape (5,)"),
        (rank_one, "the entries are wrong"),
        (np.eye(2), "expected a function"),
    ],
    "q8": [
        (every_saved_tensor, "counts once"),
        (input_bytes, "autograd saved 0 bytes"),
        (hooks_after_the_call, "inside the saved_tensors_hooks block"),
        (lambda fn, *inputs: "80", "str"),
    ],
    "q9": [
        (plain_forward, "nothing was checkpointed"),
        (sequential_forward, "checkpoint_sequential leaves"),
        (every_layer, "around every single layer"),
        (detached_output, "torch.no_grad()"),
        (lambda layers, x, k: None, "expected the output"),
    ],
}


def test_an_untouched_stub_is_not_answered_yet():
    for name, stub in [("q7", jacobian_stub), ("q9", forward_stub)]:
        verdict = getattr(q, name).verdict(stub)
        assert "not answered yet" in verdict.message


def test_a_saved_bytes_that_changes_its_inputs_is_still_judged_right():
    assert q.q8.verdict(saved_bytes_mutating)
    assert q.q8.verdict(saved_bytes)  # and later checks are not spoiled


@pytest.mark.parametrize(
    "odd", [None, "word", float("nan"), [], len, True, 2 + 1j]
)
def test_odd_answers_get_a_reason_not_an_exception(odd):
    for name in RIGHT:
        verdict = getattr(q, name).verdict(odd)
        assert not verdict and verdict.message.startswith("✗")


def test_q4_and_q5_are_what_pytorch_measures():
    from torch.utils._python_dispatch import TorchDispatchMode
    from torch.utils.flop_counter import FlopCounterMode

    def mv_flops(a_shape, b_shape, *args, out_shape=None, **kwargs):
        return 2 * a_shape[0] * a_shape[1]

    A = torch.randn(2, 100, dtype=torch.float64)
    x = torch.randn(100, dtype=torch.float64)

    def total(fn):
        with FlopCounterMode(
            display=False, custom_mapping={torch.ops.aten.mv: mv_flops}
        ) as counter:
            fn()
        return counter.get_total_flops()

    f = lambda x: torch.tanh(A @ x)  # noqa: E731
    ratio = total(lambda: torch.func.jacfwd(f)(x)) / total(
        lambda: torch.func.jacrev(f)(x)
    )
    assert ratio == RIGHT["q4"]

    class Peak(TorchDispatchMode):
        now = peak = 0

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            import weakref

            out = func(*args, **(kwargs or {}))
            if func is torch.ops.aten.tanh.default:
                n = out.untyped_storage().nbytes()
                Peak.now += n
                Peak.peak = max(Peak.peak, Peak.now)
                weakref.finalize(out.untyped_storage(), Peak.free, n)
            return out

        @staticmethod
        def free(n):
            Peak.now -= n

    weights = [(torch.randn(64, 64) / 8).requires_grad_() for _ in range(100)]
    layers = [lambda h, W=W: torch.tanh(h @ W) for W in weights]
    with Peak():
        y = checkpointed_forward(layers, torch.randn(16, 64), 10)
        y.sum().backward()
    assert Peak.peak == RIGHT["q5"]
