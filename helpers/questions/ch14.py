"""Practice questions for chapter 14, graphs and tf.function.

No TensorFlow import here: a TensorSpec is recognised by its ``shape``
and ``dtype`` attributes, and the other answers are plain numbers and
letters.
"""

from collections.abc import Mapping
from typing import Any

import numpy as np

from helpers._convert import describe
from helpers.quiz import Question, array, choice, number

q1 = Question(
    "q1",
    number(
        5,
        mistakes={
            1: "only calls with the same dtype and shape reuse a graph: "
            "the shape (2,), the int32 dtype and each new Python number "
            "trace again.",
            3: "Python numbers are not tensors: f(2.0) and f(3.0) trace a "
            "graph each, with the number written in as a constant.",
            4: "2.0 and 3.0 are different Python values, and each new "
            "value traces its own graph.",
            6: "the second f(2.0) reuses the graph traced for 2.0.",
            7: "tf.constant(2.0) reuses the graph of tf.constant(1.0) (same "
            "dtype and shape), and the second f(2.0) reuses the graph of "
            "the first.",
        },
    ),
    hint="Go call by call and ask: has a call with this dtype and shape "
    "(for a tensor), or this exact value (for a Python number), been seen "
    "before?",
    solution="5: tf.constant(1.0) traces; tf.constant(2.0) reuses it; "
    "[1.0, 2.0] traces (shape (2,)); tf.constant(3) traces (int32); "
    "f(2.0) traces; f(2.0) again reuses; f(3.0) traces.",
)


q2 = Question(
    "q2",
    choice(
        "c",
        ["a", "b", "c", "d"],
        feedback={
            "a": "new values, same dtype float32 and shape (2,): the graph "
            "is reused.",
            "b": "tf.ones(2) * 10 is a float32 tensor of shape (2,), like "
            "the first argument: no new trace.",
            "d": "a float32 NumPy array of shape (2,) is converted to a "
            "float32 tensor of shape (2,): the graph is reused.",
        },
    ),
    hint="A tensor argument retraces when its dtype or shape is new; its "
    "values do not matter.",
    solution="(c): tf.constant([1, 2]) is int32, a dtype the function has "
    "not seen.",
)


q3 = Question(
    "q3",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "the Python print runs only while tracing, and the three "
            "calls share one trace.",
            "c": "tf.print is an operation in the graph: it runs on every "
            "call, not only the first.",
            "d": "the first call traces, and tracing runs the Python "
            "print once.",
        },
    ),
    hint="Which of the two is a Python side effect and which a TensorFlow "
    "operation? How many times is the function traced?",
    solution="(b) P T T T: one trace prints P (then the graph prints T); "
    "the next two calls run only the graph, which prints T.",
)


_Q4_MISTAKES = {
    (4, 4): "the list append is Python: it runs only while tracing, not "
    "on every call.",
    (1, 4): "the call with shape (1,) is a new shape and traces again, so "
    "the append runs twice.",
    (2, 2): "assign_add is a graph operation: it runs on every call, so "
    "the variable counts all four.",
    (1, 1): "the variable's assign_add runs on every call (4), and the new "
    "shape (1,) traces a second time (2).",
    (4, 2): "swapped: the list counts traces (2), the variable counts "
    "calls (4).",
}
_q4_array = array([2.0, 4.0])


def _q4(answer: Any) -> tuple[bool, str]:
    ok, reason = _q4_array(answer)
    if ok:
        return True, ""
    try:
        pair = tuple(float(v) for v in answer)
    except (TypeError, ValueError):
        return False, reason
    for wrong, why in _Q4_MISTAKES.items():
        if len(pair) == 2 and np.allclose(pair, wrong):
            return False, why
    return False, reason


q4 = Question(
    "q4",
    _q4,
    hint="calls.append is Python and runs once per trace; count.assign_add "
    "is in the graph and runs once per call. Which calls trace?",
    solution="[2, 4]: two traces (float32 scalars, then shape (1,)), four "
    "calls.",
)


def _spec_parts(item: Any) -> tuple[list[Any], str] | None:
    """(shape as a list, dtype name) of a TensorSpec, or None."""
    if not (hasattr(item, "shape") and hasattr(item, "dtype")):
        return None
    try:
        shape = item.shape
        dims = shape.as_list() if hasattr(shape, "as_list") else list(shape)
    except (TypeError, ValueError):
        return None
    name = getattr(item.dtype, "name", str(item.dtype))
    return dims, str(name)


def _signature(answer: Any) -> tuple[bool, str]:
    if _spec_parts(answer) is not None:
        return False, (
            "input_signature is a list with one TensorSpec per argument: "
            "write [tf.TensorSpec(...)]."
        )
    if not isinstance(answer, (list, tuple)):
        return False, (
            "expected a list with one tf.TensorSpec; got "
            f"{describe(answer)}."
        )
    if len(answer) != 1:
        return False, (
            f"the function has one argument, so the list needs one "
            f"TensorSpec; yours has {len(answer)} entries."
        )
    parts = _spec_parts(answer[0])
    if parts is None:
        return False, (
            "the entry should be a tf.TensorSpec(shape=..., dtype=...); got "
            f"{describe(answer[0])}."
        )
    dims, dtype = parts
    if dtype != "float32":
        return False, (
            f"the dtype is {dtype}; the data is float32, and a float32 "
            "tensor would be refused by this signature."
        )
    if dims == [None, 3]:
        return True, ""
    if dims == [3, None]:
        return False, (
            "the shape is (rows, columns): the number of rows varies, so "
            "None comes first: [None, 3]."
        )
    if dims == [None, None]:
        return False, (
            "[None, None] accepts any number of columns too; the question "
            "fixes 3 columns: [None, 3]."
        )
    if None not in dims:
        return False, (
            f"shape {dims} fixes every size, so another number of rows "
            "would not fit; use None for the axis that varies."
        )
    return False, (
        f"shape {dims} is not right: a matrix has two axes, rows (any "
        "number, None) and 3 columns."
    )


q5 = Question(
    "q5",
    _signature,
    hint="One tf.TensorSpec per argument, in a list. In a shape, None "
    "means any size; a matrix's shape is (rows, columns).",
    solution="[tf.TensorSpec(shape=[None, 3], dtype=tf.float32)]",
)


q6 = Question(
    "q6",
    number(
        100,
        mistakes={
            1: "that would hold for a tensor learning rate; a Python float "
            "is written into the graph, so each new value traces again.",
            2: "every step passes a different Python float, and each new "
            "value traces its own graph.",
            99: "the first step traces too: 100 different values, 100 "
            "traces.",
        },
    ),
    hint="0.1 * 0.99**step is a different Python float at every step. "
    "What does a new Python number do to a tf.function?",
    solution="100: the learning rate is a new Python float at every step, "
    "and every new Python value traces a new graph. Pass "
    "tf.constant(0.1 * 0.99**step) for one trace.",
)


q7 = Question(
    "q7",
    number(
        2,
        mistakes={
            1: "the first trace uses the exact shape (1,); TensorFlow "
            "generalises to (None,) only when a second shape arrives, "
            "with a second trace.",
            5: "that is without reduce_retracing; with it, the second trace "
            "has shape (None,) and serves every later length.",
            3: "after the trace with shape (None,) no further length "
            "traces.",
        },
    ),
    hint="The first call traces with shape (1,). What shape does the "
    "second trace use?",
    solution="2: one trace with shape (1,), one with shape (None,) that "
    "fits lengths 2 to 5.",
)


_WHERE: Mapping[str, str] = {
    "a": "one big matrix product spends its time inside the kernel; the "
    "Python cost that a graph saves is tiny next to it.",
    "c": "tracing takes time too, so a function called once gains nothing.",
    "d": ".numpy() needs a value, and a traced function has only symbolic "
    "tensors: it fails inside tf.function.",
}

q8 = Question(
    "q8",
    choice("b", ["a", "b", "c", "d"], feedback=_WHERE),
    hint="A graph saves the Python cost paid per operation, once per "
    "operation, on every call.",
    solution="(b): many small operations, run thousands of times. Eager "
    "execution pays Python's cost for each of them; the graph does not.",
)


_AUTOGRAPH: Mapping[str, str] = {
    "a": "n is a Python int, so n > 0 is a Python bool, decided while "
    "tracing: the graph contains only the branch taken.",
    "c": "DEBUG is a Python bool, decided while tracing: no StatelessIf.",
    "d": "only a condition that is a tensor becomes a graph operation; "
    "Python values are decided while tracing.",
}

q9 = Question(
    "q9",
    choice("b", ["a", "b", "c", "d"], feedback=_AUTOGRAPH),
    hint="AutoGraph converts an if statement only when its condition is a "
    "tensor.",
    solution="(b): tf.reduce_sum(x) > 0 is a tensor, so AutoGraph writes "
    "a StatelessIf with both branches.",
)
