"""Chapter 14 questions: each solution passes, plausible mistakes fail
with a specific reason, and each predict-first answer is what TensorFlow
really does (the snippets run here)."""

import sys

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

import helpers  # noqa: F401  (quiets TensorFlow before its import)
from helpers.questions import ch14 as q

tf = pytest.importorskip("tensorflow")

pytestmark = pytest.mark.ch14


def spec(shape, dtype=tf.float32):
    return tf.TensorSpec(shape=shape, dtype=dtype)


# ---- q7: logistic_orbit --------------------------------------------------


@tf.function
def orbit(x0, r, n):
    xs = tf.TensorArray(tf.float32, size=n)
    x = x0
    for k in tf.range(n):
        x = r * x * (1 - x)
        xs = xs.write(k, x)
    return xs.stack()


@tf.function
def orbit_with_a_list(x0, r, n):
    xs = []
    x = x0
    for _ in tf.range(n):
        x = r * x * (1 - x)
        xs.append(x)
    return tf.stack(xs)


def orbit_eager(x0, r, n):
    xs, x = [], x0
    for _ in range(int(n)):
        x = r * x * (1 - x)
        xs.append(x)
    return tf.stack(xs)


@tf.function
def orbit_with_x0(x0, r, n):
    xs = tf.TensorArray(tf.float32, size=n + 1)
    xs = xs.write(0, x0)
    x = x0
    for k in tf.range(n):
        x = r * x * (1 - x)
        xs = xs.write(k + 1, x)
    return xs.stack()


@tf.function
def orbit_wrong_map(x0, r, n):
    xs = tf.TensorArray(tf.float32, size=n)
    x = x0
    for k in tf.range(n):
        x = r * x * (1 + x)
        xs = xs.write(k, x)
    return xs.stack()


@tf.function
def orbit_stub(x0, r, n):
    raise NotImplementedError("your code here")


# ---- q8: make_descend -----------------------------------------------------


def make_descend(loss):
    @tf.function
    def descend(w, steps):
        for k in tf.range(steps):
            lr = 0.1 * 0.99 ** tf.cast(k, tf.float32)
            with tf.GradientTape() as tape:
                value = loss(w)
            w.assign_sub(lr * tape.gradient(value, w))

    return descend


def descend_constant_rate(loss):
    @tf.function
    def descend(w, steps):
        for _ in tf.range(steps):
            with tf.GradientTape() as tape:
                value = loss(w)
            w.assign_sub(0.1 * tape.gradient(value, w))

    return descend


def descend_eagerly(loss):
    def descend(w, steps):
        for k in range(int(steps)):
            with tf.GradientTape() as tape:
                value = loss(w)
            w.assign_sub(0.1 * 0.99**k * tape.gradient(value, w))

    return descend


def descend_python_range(loss):
    @tf.function
    def descend(w, steps):
        for k in range(steps):  # a tensor is no Python int
            w.assign_sub(0.1 * 0.99**k * w)

    return descend


def descend_stub(loss):
    raise NotImplementedError


# ---- q9: make_train_step --------------------------------------------------


def mlp(params, X):
    W1, b1, W2, b2 = params
    return tf.tanh(X @ W1 + b1) @ W2 + b2


def train_step_maker(signature=True, reduce_retracing=False, after=False,
                     skip_bias=False, total=False):
    """make_train_step, right by default; each flag plants one mistake."""

    def make_train_step(params, lr):
        s = tf.TensorSpec(shape=[None, 1], dtype=tf.float32)
        options = {"input_signature": [s, s]} if signature else {}
        if reduce_retracing:
            options["reduce_retracing"] = True

        @tf.function(**options)
        def step(X, Y):
            with tf.GradientTape() as tape:
                errors = (mlp(params, X) - Y) ** 2
                loss = tf.reduce_sum(errors) if total else tf.reduce_mean(
                    errors)
            grads = tape.gradient(loss, params)
            for i, (p, grad) in enumerate(zip(params, grads)):
                if not (skip_bias and i == 3):
                    p.assign_sub(lr * grad)
            if after:
                return tf.reduce_mean((mlp(params, X) - Y) ** 2)
            return loss

        return step

    return make_train_step


def plain_python_step(params, lr):
    def step(X, Y):
        return tf.constant(0.0)

    return step


RIGHT = {
    "q1": 6.0,
    "q2": "c",
    "q3": "b",
    "q4": [2, 4],
    "q5": 3,
    "q6": [spec([None, 3])],
    "q7": orbit,
    "q8": make_descend,
    "q9": train_step_maker(),
}

WRONG = {
    "q1": [
        (30, "read while tracing"),
        (10, "which scale"),
        (2, "first call's result"),
        (6.5, "too large"),
    ],
    "q2": [
        ("a", "same dtype float32 and shape (2,)"),
        ("b", "no new trace"),
        ("d", "NumPy array"),
        ("e", "expected one of"),
    ],
    "q3": [
        ("a", "only while tracing"),
        ("c", "runs on every call"),
        ("d", "runs the Python print once"),
    ],
    "q4": [
        ([4, 4], "runs only while tracing"),
        ([1, 4], "new shape and traces again"),
        ([2, 2], "assign_add is a graph operation"),
        ([4, 2], "swapped"),
        ([2, 4, 0], "expected shape (2,)"),
    ],
    "q5": [
        (6, "looked up by value"),
        (5, "True is no new value"),
        (4, "f(2) reuses"),
        (1, "not turned into tensors"),
    ],
    "q6": [
        (spec([None, 3]), "a list with one TensorSpec"),
        ([tf.keras.Input(shape=(3,))], "keras.Input"),
        ([tf.RaggedTensorSpec([None, 3], tf.float32)], "RaggedTensorSpec"),
        ([spec(None)], "any rank"),
        ([spec([3, None])], "None comes first"),
        ([spec([None, None])], "any number of columns"),
        ([spec([None, 3], tf.float64)], "the dtype is float64"),
        ([spec([None, 3], tf.int32)], "the dtype is int32"),
        ([spec([4, 3])], "fixes every size"),
        ([spec([None])], "two axes"),
        ([spec([None, 3]), spec([None, 3])], "2 entries"),
        ([[None, 3]], "refuses this as an input_signature"),
    ],
    "q7": [
        (orbit_with_a_list, "tf.TensorArray"),
        (orbit_eager, "plain Python function"),
        (orbit_with_x0, "without x0"),
        (orbit_wrong_map, "entry 0 is"),
        (np.ones(3), "expected the tf.function"),
    ],
    "q8": [
        (descend_constant_rate, "w ended at"),
        (descend_eagerly, "not a tf.function"),
        (descend_python_range, "raised TypeError: Expected int32"),
        (len, "make_descend(loss) raised"),
    ],
    "q9": [
        (train_step_maker(signature=False), "traced 5 graphs"),
        (train_step_maker(False, reduce_retracing=True), "traced 2 graphs"),
        (train_step_maker(after=True), "before the update"),
        (train_step_maker(skip_bias=True), "b2 after the step"),
        (train_step_maker(total=True), "returned the loss"),
        (plain_python_step, "not a tf.function"),
    ],
}


def test_choices_accept_parentheses_and_capitals():
    assert q.q2.verdict("(C)") and q.q3.verdict(" b ")


def test_q6_accepts_a_tuple_and_a_shape_given_as_a_tuple():
    assert q.q6.verdict((spec([None, 3]),))
    assert q.q6.verdict([tf.TensorSpec((None, 3), tf.float32)])


@pytest.mark.parametrize(
    "name, stub",
    [("q6", ...), ("q7", orbit_stub), ("q8", descend_stub)],
)
def test_an_untouched_stub_is_not_answered_yet(name, stub):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered yet" in verdict.message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_odd_input_gets_a_cross_not_an_exception(name):
    for answer in [None, "yes", [], float("nan"), {"a": 1}, lambda: 1,
                   True, 3 + 4j]:
        verdict = getattr(q, name).verdict(answer)
        assert not verdict
        assert verdict.message.startswith("✗")


# ---- the predict-first answers are what TensorFlow does -------------------


def test_q1_the_graph_keeps_the_value_read_while_tracing():
    scale = 2.0

    @tf.function
    def f(x):
        return scale * x

    f(tf.constant(1.0))
    scale = 10.0  # noqa: F841  (the point: the graph does not see it)
    assert float(f(tf.constant(3.0))) == RIGHT["q1"]


def test_q2_only_the_int32_call_retraces():
    @tf.function
    def f(x):
        return x + 1

    f(tf.constant([1.0, 2.0]))
    calls = {
        "a": lambda: f(tf.constant([3.0, 4.0])),
        "b": lambda: f(tf.ones(2) * 10),
        "c": lambda: f(tf.constant([1, 2])),
        "d": lambda: f(np.array([5.0, 6.0], dtype=np.float32)),
    }
    retraced = []
    for key, call in calls.items():
        before = f.experimental_get_tracing_count()
        call()
        if f.experimental_get_tracing_count() > before:
            retraced.append(key)
    assert retraced == [RIGHT["q2"]]


def test_q3_prints_p_once_and_t_three_times(capfd):
    @tf.function
    def f(x):
        print("P")
        tf.print("T", output_stream=sys.stdout)
        return x

    for v in [1.0, 2.0, 3.0]:
        f(tf.constant(v))
    assert capfd.readouterr().out.split() == ["P", "T", "T", "T"]


def test_q4_two_traces_four_calls():
    calls, count = [], tf.Variable(0)

    @tf.function
    def f(x):
        calls.append(1)
        count.assign_add(1)
        return x

    for x in [1.0, 2.0, [1.0], 3.0]:
        f(tf.constant(x))
    assert [len(calls), int(count.numpy())] == RIGHT["q4"]


def test_q5_equal_python_values_share_a_trace():
    @tf.function
    def f(x):
        return 2 * x

    for v in [1.0, 1, True, 2.0, 2, 0.5]:
        f(v)
    assert f.experimental_get_tracing_count() == RIGHT["q5"]
