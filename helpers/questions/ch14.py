"""Practice questions for chapter 14, graphs and tf.function.

TensorFlow is imported only inside the checkers that need it (questions
6 to 9 run the learner's answer through TensorFlow the way the exercise
says it will be used), so importing this module stays cheap.
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers._convert import describe, to_array
from helpers.quiz import NotAnswered, Question, array, choice, number

_RTOL, _ATOL = 1e-4, 1e-5  # float32 answers against float64 references


def _tf() -> Any:
    import tensorflow as tf

    return tf


def _first_line(error: BaseException) -> str:
    """The first non-empty line of an error message, shortened. An error
    raised inside a graph starts with "in user code:" and a traceback;
    its own message is then the last line."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    if text == "in user code:" and len(lines) > 1:
        text = lines[-1].removeprefix(f"{type(error).__name__}: ")
    return text if len(text) <= 160 else text[:157] + "..."


def _values(result: Any) -> np.ndarray | None:
    """A learner's result as a float64 array, or None if it is not one."""
    try:
        return to_array(result, "the result")
    except Exception:
        return None


def _traces(fn: Any) -> int | None:
    """How many times a tf.function traced; None if fn is not one."""
    try:
        return int(fn.experimental_get_tracing_count())
    except Exception:
        return None


q1 = Question(
    "q1",
    number(
        6,
        mistakes={
            30: "scale was read while tracing, at the first call, and "
            "written into the graph as 2.0. Setting scale = 10.0 later "
            "changes the Python name, not the graph, and the second call "
            "(same dtype and shape) does not retrace.",
            10: "the second call multiplies x = 3.0 by the scale in the "
            "graph; which scale does the graph hold?",
            2: "that is the first call's result; the question prints the "
            "second call, with x = 3.0.",
        },
    ),
    hint="When is the Python name scale read: on every call, or once? "
    "Does the second call trace again?",
    solution="6.0: scale is read once, while the first call traces, and "
    "the graph keeps 2.0. The second call has the same dtype and shape, "
    "so it reuses that graph: 2.0 × 3.0. A tf.Variable would be read on "
    "every call.",
    success="Run it: the second call prints 6.0, since the graph kept "
    "scale = 2.0.",
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
    success="Run it: it prints P, T, T, T.",
)


q4 = Question(
    "q4",
    array(
        [2.0, 4.0],
        mistakes=[
            (
                [4, 4],
                "the list append is Python: it runs only while tracing, "
                "not on every call.",
            ),
            (
                [1, 4],
                "the call with shape (1,) is a new shape and traces "
                "again, so the append runs twice.",
            ),
            (
                [2, 2],
                "assign_add is a graph operation: it runs on every call, "
                "so the variable counts all four.",
            ),
            (
                [1, 1],
                "the variable's assign_add runs on every call (4), and the "
                "new shape (1,) traces a second time (2).",
            ),
            (
                [4, 2],
                "swapped: the list counts traces (2), the variable counts "
                "calls (4).",
            ),
        ],
    ),
    hint="calls.append is Python and runs once per trace; count.assign_add "
    "is in the graph and runs once per call. Which calls trace?",
    solution="[2, 4]: two traces (float32 scalars, then shape (1,)), four "
    "calls.",
    success="Run it: len(calls) is 2 and count is 4.",
)


q5 = Question(
    "q5",
    number(
        3,
        mistakes={
            6: "a Python argument is looked up by value, compared with ==, "
            "and 1.0 == 1 == True: those three share one trace, and so do "
            "2.0 and 2.",
            5: "1.0 == 1 == True in Python, so True is no new value either: "
            "the trace for 1.0 serves 1 and True alike.",
            4: "2 == 2.0, so f(2) reuses the trace of f(2.0).",
            1: "Python numbers are not turned into tensors: each value "
            "unequal to every earlier one (1.0, 2.0, 0.5) traces a graph.",
        },
    ),
    hint="A Python argument is part of the trace's key by value, compared "
    "with ==. Group the six values into classes of equal values.",
    solution="3: {1.0, 1, True}, {2.0, 2} and {0.5}. Python compares "
    "1.0 == 1 == True, so the graph traced for 1.0 also answers f(1) and "
    "f(True), and returns a float32 for them.",
    success="Run it: experimental_get_tracing_count() is 3.",
)


# ---- q6: an input signature, checked by using it ---------------------------


def _row_sums(X: Any) -> Any:
    return _tf().reduce_sum(X, axis=1)


def _spec_dims(item: Any) -> list[Any] | None:
    """The shape of a TensorSpec as a list (None for unknown sizes), or
    None when it has no known rank."""
    try:
        shape = item.shape
        if getattr(shape, "rank", 0) is None:
            return None
        dims = shape.as_list() if hasattr(shape, "as_list") else list(shape)
        return list(dims)
    except Exception:
        return None


def _why_refused(item: Any, error: BaseException) -> str:
    """Why a signature refused a float32 matrix with 3 columns."""
    tf = _tf()
    if isinstance(item, tf.RaggedTensorSpec):
        return (
            "a RaggedTensorSpec describes ragged tensors (rows of "
            "different lengths), so it refuses a dense matrix; use "
            "tf.TensorSpec."
        )
    dtype = getattr(item, "dtype", None)
    if dtype is not None and dtype != tf.float32:
        return (
            f"the dtype is {getattr(dtype, 'name', dtype)}; the data is "
            "float32, and this signature refuses it."
        )
    dims = _spec_dims(item)
    if dims == [3, None]:
        return (
            "the shape is (rows, columns): the number of rows varies, so "
            "None comes first: [None, 3]."
        )
    if dims is not None and len(dims) == 2 and None not in dims:
        return (
            f"shape {dims} fixes every size, so another number of rows "
            "is refused; use None for the axis that varies."
        )
    if dims is not None and len(dims) != 2:
        return (
            f"shape {dims} is not right: a matrix has two axes, rows (any "
            "number, None) and 3 columns."
        )
    return f"TensorFlow says: {_first_line(error)}"


def _why_accepted(item: Any, what: str) -> str:
    """Why a signature that lets ``what`` through is too loose."""
    dims = _spec_dims(item)
    if dims is None:
        return (
            f"it also accepts {what}: a TensorSpec without a shape (or "
            "shape None) accepts any rank. The question wants matrices "
            "with exactly 3 columns: give the shape."
        )
    if dims == [None, None]:
        return (
            f"it also accepts {what}: [None, None] accepts any number of "
            "columns too; the question fixes 3 columns."
        )
    return (
        f"it also accepts {what}; the question allows only float32 "
        "matrices with exactly 3 columns."
    )


def _signature(answer: Any) -> tuple[bool, str]:
    tf = _tf()
    if isinstance(answer, tf.TypeSpec) or (
        hasattr(answer, "shape") and hasattr(answer, "dtype")
        and not isinstance(answer, (list, tuple))
    ):
        return False, (
            "input_signature is a list with one TensorSpec per argument: "
            "write [tf.TensorSpec(...)]."
        )
    if not isinstance(answer, (list, tuple)):
        return False, (
            f"expected a list with one tf.TensorSpec; got {describe(answer)}."
        )
    if len(answer) != 1:
        return False, (
            "the function has one argument, so the list needs one "
            f"TensorSpec; yours has {len(answer)} entries."
        )
    item = answer[0]
    try:
        row_sums = tf.function(_row_sums, input_signature=list(answer))
    except Exception as error:
        note = ""
        if type(item).__name__ == "KerasTensor":
            note = (
                " keras.Input makes a symbolic Keras tensor for building "
                "models, not a TensorSpec."
            )
        return False, (
            "TensorFlow refuses this as an input_signature "
            f"({_first_line(error)}).{note} The entry should be a "
            "tf.TensorSpec(shape=..., dtype=...)."
        )
    rng = np.random.default_rng(14)
    for rows in (1, 4, 7):
        X = rng.normal(size=(rows, 3)).astype(np.float32)
        try:
            got = row_sums(tf.constant(X))
        except Exception as error:
            return False, (
                f"it refuses a float32 matrix of shape ({rows}, 3): "
                + _why_refused(item, error)
            )
        values = _values(got)
        if values is None or not np.allclose(values, X.sum(axis=1), 1e-5):
            return False, (
                f"row_sums gave {describe(got)} for a ({rows}, 3) matrix; "
                "the signature changed what the function receives."
            )
    traces = _traces(row_sums)
    if traces is not None and traces != 1:
        return False, (
            f"three matrices with 1, 4 and 7 rows traced {traces} graphs; "
            "one signature should serve them all."
        )
    refused = [
        ((4, 4), np.float32, "a float32 matrix of shape (4, 4)"),
        ((3,), np.float32, "a float32 vector of shape (3,)"),
        ((2, 2, 3), np.float32, "a float32 tensor of shape (2, 2, 3)"),
        ((2, 3), np.float64, "a float64 matrix"),
    ]
    for shape, dtype, what in refused:
        try:
            row_sums(tf.constant(np.ones(shape, dtype=dtype)))
        except TypeError:
            continue  # refused by the signature, as it should be
        except Exception:
            pass  # the signature let it in; the body then failed
        return False, _why_accepted(item, what)
    return True, ""


q6 = Question(
    "q6",
    _signature,
    hint="One tf.TensorSpec per argument, in a list. In a shape, None "
    "means any size; a matrix's shape is (rows, columns).",
    solution="[tf.TensorSpec(shape=[None, 3], dtype=tf.float32)]",
    success="The check used it: one graph served matrices with 1, 4 and 7 "
    "rows, and a (4, 4) matrix, a vector and float64 data were refused.",
)


# ---- q7: TensorArray in a graph loop ---------------------------------------

_ORBITS = [(0.2, 2.9, 5), (0.7, 3.2, 12), (0.55, 1.5, 1), (0.1, 3.5, 8)]


def _orbit(x0: float, r: float, n: int) -> np.ndarray:
    """x_1..x_n of x <- r x (1 - x), in float32 like the graph."""
    x, r32, out = np.float32(x0), np.float32(r), []
    for _ in range(n):
        x = r32 * x * (np.float32(1) - x)
        out.append(x)
    return np.array(out, dtype=np.float64)


def _check_orbit(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            f"expected the tf.function logistic_orbit; got {describe(answer)}."
        )
    before = _traces(answer)
    if before is None:
        return False, (
            "logistic_orbit is a plain Python function; the exercise is "
            "about a graph loop, so decorate it with @tf.function."
        )
    tf = _tf()
    for x0, r, n in _ORBITS:
        want = _orbit(x0, r, n)  # the reference first
        where = f"for x0 = {x0}, r = {r}, n = {n}"
        try:
            got = answer(
                tf.constant(x0, tf.float32),
                tf.constant(r, tf.float32),
                tf.constant(n, tf.int32),
            )
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            name = type(error).__name__
            note = ""
            if name == "InaccessibleTensorError":
                note = (
                    " A Python list cannot collect values from a "
                    "tf.range loop; write into a tf.TensorArray."
                )
            return False, (
                f"{where} it raised {name}: {_first_line(error)}.{note}"
            )
        values = _values(got)
        if values is None:
            return False, f"{where} it returned {describe(got)}."
        if values.shape != want.shape:
            return False, (
                f"{where} it returned shape {values.shape}; expected "
                f"({n},): the iterates x_1 to x_n, without x0."
            )
        if not np.allclose(values, want, rtol=_RTOL, atol=_ATOL):
            k = int(np.argmax(~np.isclose(values, want, _RTOL, _ATOL)))
            return False, (
                f"{where} entry {k} is {values[k]:.6f}; expected "
                f"{want[k]:.6f} (x_{k + 1})."
            )
    traced = (_traces(answer) or 0) - before
    if traced > 1:
        return False, (
            f"four calls with different n traced {traced} graphs; with n "
            "a tensor, one graph serves every length."
        )
    return True, ""


q7 = Question(
    "q7",
    _check_orbit,
    hint="Create a tf.TensorArray of float32 with size n before the loop, "
    "write each new x at index k inside it (write returns the updated "
    "array: assign it back), and stack it after the loop.",
    solution="@tf.function\n"
    "def logistic_orbit(x0, r, n):\n"
    "    xs = tf.TensorArray(tf.float32, size=n)\n"
    "    x = x0\n"
    "    for k in tf.range(n):\n"
    "        x = r * x * (1 - x)\n"
    "        xs = xs.write(k, x)\n"
    "    return xs.stack()",
)


# ---- q8: a learning-rate schedule inside one graph -------------------------

def _shifted_square(w: Any) -> Any:
    return (w - 3.0) ** 2


def _cosh(w: Any) -> Any:
    return _tf().cosh(w)


def _quartic(w: Any) -> Any:
    return w**4 / 4


# (loss for TensorFlow, its derivative for NumPy, w0, name in messages);
# named functions, since AutoGraph warns about lambdas it cannot read
_LOSSES: list[
    tuple[Callable[[Any], Any], Callable[[float], float], float, str]
] = [
    (_shifted_square, lambda w: 2 * (w - 3.0), 0.5, "(w - 3)²"),
    (_cosh, np.sinh, 1.5, "cosh(w)"),
    (_quartic, lambda w: w**3, 1.2, "w⁴ / 4"),
]
_STEPS = [7, 23, 1]


def _descend_reference(dloss: Callable[[float], float], w: float,
                       steps: int) -> float:
    for k in range(steps):
        w = w - 0.1 * 0.99**k * dloss(w)
    return float(w)


def _check_descend(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            f"expected the function make_descend; got {describe(answer)}."
        )
    tf = _tf()
    for loss, dloss, w0, name in _LOSSES:
        try:
            descend = answer(loss)
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return False, (
                f"make_descend(loss) raised {type(error).__name__}: "
                f"{_first_line(error)}"
            )
        before = _traces(descend)
        if before is None:
            return False, (
                "make_descend returned "
                f"{describe(descend)}, not a tf.function: decorate the "
                "inner function with @tf.function."
            )
        for steps in _STEPS:
            want = _descend_reference(dloss, w0, steps)
            w = tf.Variable(w0, dtype=tf.float32)
            where = f"for the loss {name} from w = {w0}, {steps} steps"
            try:
                descend(w, tf.constant(steps, tf.int32))
            except Exception as error:
                return False, (
                    f"{where}, descend raised {type(error).__name__}: "
                    f"{_first_line(error)}"
                )
            got = float(w.numpy())
            if not np.isclose(got, want, rtol=_RTOL, atol=_ATOL):
                return False, (
                    f"{where}, w ended at {got:.6f}; expected {want:.6f}. "
                    "Step k uses the learning rate 0.1 * 0.99**k and the "
                    "gradient at the current w."
                )
        traced = (_traces(descend) or 0) - before
        if traced > 1:
            return False, (
                f"for the loss {name}, three calls with 7, 23 and 1 steps "
                f"traced {traced} graphs: compute the learning rate from "
                "the loop's tensor counter, not from a Python number."
            )
    return True, ""


q8 = Question(
    "q8",
    _check_descend,
    hint="Inside the tf.function, loop with tf.range(steps); turn the "
    "loop counter into a float32 tensor to compute the learning rate; "
    "take the gradient of loss(w) with a GradientTape and assign_sub.",
    solution="def make_descend(loss):\n"
    "    @tf.function\n"
    "    def descend(w, steps):\n"
    "        for k in tf.range(steps):\n"
    "            lr = 0.1 * 0.99 ** tf.cast(k, tf.float32)\n"
    "            with tf.GradientTape() as tape:\n"
    "                value = loss(w)\n"
    "            w.assign_sub(lr * tape.gradient(value, w))\n"
    "    return descend",
)


# ---- q9: a training step with an input signature ---------------------------

_BATCHES = [3, 8, 21, 50, 1]
_SHAPES = [(1, 16), (16,), (16, 1), (1,)]


def _mlp_step(params: list[np.ndarray], X: np.ndarray, Y: np.ndarray,
              lr: float) -> tuple[float, list[np.ndarray]]:
    """The chapter's step by hand in float64: loss before, new params."""
    W1, b1, W2, b2 = params
    H = np.tanh(X @ W1 + b1)
    E = H @ W2 + b2 - Y
    loss = float(np.mean(E**2))
    dY = 2 * E / E.size  # d mean((y_hat - Y)^2) / d y_hat
    dW2, db2 = H.T @ dY, dY.sum(axis=0)
    dZ = (dY @ W2.T) * (1 - H**2)  # tanh' = 1 - tanh^2
    dW1, db1 = X.T @ dZ, dZ.sum(axis=0)
    grads = [dW1, db1, dW2, db2]
    return loss, [p - lr * g for p, g in zip(params, grads)]


def _check_train_step(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, (
            f"expected the function make_train_step; got {describe(answer)}."
        )
    tf = _tf()
    rng = np.random.default_rng(1414)
    start = [rng.normal(0, 0.5, size=s).astype(np.float32) for s in _SHAPES]
    lr = 0.05
    reference = [p.astype(np.float64) for p in start]
    params = [tf.Variable(p) for p in start]
    try:
        step = answer(params, lr)
    except NotImplementedError:
        raise NotAnswered from None
    except Exception as error:
        return False, (
            f"make_train_step raised {type(error).__name__}: "
            f"{_first_line(error)}"
        )
    if _traces(step) is None:
        return False, (
            f"make_train_step returned {describe(step)}, not a tf.function: "
            "wrap the step in tf.function with an input_signature."
        )
    names = ["W1", "b1", "W2", "b2"]
    for n in _BATCHES:
        X = rng.uniform(-1, 1, size=(n, 1)).astype(np.float32)
        Y = np.sin(3 * X) + rng.normal(0, 0.1, size=(n, 1)).astype(np.float32)
        want_loss, reference = _mlp_step(reference, X.astype(float),
                                         Y.astype(float), lr)
        where = f"for a batch of {n}"
        try:
            loss = step(tf.constant(X), tf.constant(Y))
        except Exception as error:
            return False, (
                f"{where} step raised {type(error).__name__}: "
                f"{_first_line(error)}"
            )
        got = _values(loss)
        if got is None or got.size != 1:
            return False, (
                f"{where} step returned {describe(loss)}; expected the "
                "loss, one number."
            )
        value = float(got.reshape(-1)[0])
        if not np.isclose(value, want_loss, rtol=_RTOL, atol=_ATOL):
            return False, (
                f"{where} step returned the loss {value:.6f}; "
                f"expected {want_loss:.6f}, the mean squared error before "
                "the update."
            )
        for name, p, want in zip(names, params, reference):
            if not np.allclose(p.numpy(), want, rtol=_RTOL, atol=_ATOL):
                return False, (
                    f"{where} {name} after the step differs from "
                    f"{name} - lr * grad (largest gap "
                    f"{np.max(np.abs(p.numpy() - want)):.2e})."
                )
    traces = _traces(step)
    if traces != 1:
        return False, (
            f"five batch sizes (3, 8, 21, 50, 1) traced {traces} graphs; "
            "an input_signature with None for the batch axis traces one."
        )
    return True, ""


q9 = Question(
    "q9",
    _check_train_step,
    hint="Define step(X, Y) inside make_train_step so that it sees params "
    "and lr; decorate it with tf.function and an input_signature of two "
    "TensorSpecs whose batch axis is None. Inside: the chapter's tape, "
    "gradient and assign_sub.",
    solution="def make_train_step(params, lr):\n"
    "    spec = tf.TensorSpec(shape=[None, 1], dtype=tf.float32)\n"
    "\n"
    "    @tf.function(input_signature=[spec, spec])\n"
    "    def step(X, Y):\n"
    "        with tf.GradientTape() as tape:\n"
    "            loss = tf.reduce_mean((mlp(params, X) - Y) ** 2)\n"
    "        grads = tape.gradient(loss, params)\n"
    "        for p, grad in zip(params, grads):\n"
    "            p.assign_sub(lr * grad)\n"
    "        return loss\n"
    "\n"
    "    return step",
)
