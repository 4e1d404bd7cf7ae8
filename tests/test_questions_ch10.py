"""Chapter 10 questions: each solution passes, plausible mistakes fail
with a specific reason. No PyTorch here: answers are plain numbers,
strings and NumPy functions."""

import copy

import numpy as np
import pytest
from fakes import FakeTorchTensor
from question_checks import (  # noqa: F401  (collected here)
    test_every_known_mistake_is_judged_wrong,
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_odd_input_never_raises_and_is_never_right,
    test_solution_is_accepted,
)

import helpers
from helpers.questions import ch10 as q

pytestmark = pytest.mark.ch10


def relative_error(a, b):
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return np.linalg.norm(a - b) / denominator


def df(x):
    t = np.tanh(x)
    return t * (1 - t**2)


def no_zero_case(a, b):
    with np.errstate(invalid="ignore"):
        return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def overwrites_b(a, b):  # the cheat of the quiz-integrity issue
    b[...] = a
    return 0.0


def raises(*args):
    raise ValueError("oops")


def FakeTensor(value):  # a float64 PyTorch scalar
    return FakeTorchTensor(value, dtype=np.float64)


# ---- q9: the learner's gradient checker -----------------------------------


def grad_check(f, x, grad, *, h=1e-5, dtype=np.float64, central=True):
    x = np.asarray(x, dtype=dtype)
    numerical = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        step = h * max(1.0, abs(float(x[i])))
        plus, minus = x.copy(), x.copy()
        plus[i] += step
        minus[i] -= step
        if central:
            numerical[i] = (f(plus) - f(minus)) / (2 * step)
        else:
            numerical[i] = (f(plus) - f(x)) / step
    return relative_error(grad, numerical)


def grad_check_forward(f, x, grad):
    return grad_check(f, x, grad, central=False)


def grad_check_float32(f, x, grad):
    return grad_check(f, x, grad, dtype=np.float32)


def grad_check_first_axis_only(f, x, grad):
    numerical = np.zeros_like(x)
    for i in range(len(x)):  # rows of a matrix, not entries
        plus, minus = x.copy(), x.copy()
        plus[i] += 1e-5
        minus[i] -= 1e-5
        numerical[i] = (f(plus) - f(minus)) / 2e-5
    return relative_error(grad, numerical)


def grad_check_absolute(f, x, grad):
    numerical = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += 1e-5
        minus[i] -= 1e-5
        numerical[i] = (f(plus) - f(minus)) / 2e-5
    return np.max(np.abs(grad - numerical))


def grad_check_returns_gradient(f, x, grad):
    return np.array([f(x)] * 3)


def grad_check_perturbs_in_place(f, x, grad):
    numerical = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += 1e-5
        up = f(x)
        x[i] -= 2e-5
        numerical[i] = (up - f(x)) / 2e-5  # x is left shifted: no restore
    return relative_error(grad, numerical)


# ---- q10: the bug finder --------------------------------------------------


def find_bug(loss, params, grads, *, line=1e-5, checker=grad_check):
    wrong = []
    for name in params:

        def f(value, name=name):
            return loss({**params, name: value})

        if checker(f, params[name], grads[name]) > line:
            wrong.append(name)
    return sorted(wrong)


def find_bug_line_1e3(loss, params, grads):
    return find_bug(loss, params, grads, line=1e-3)


def find_bug_inverted(loss, params, grads):
    flagged = find_bug(loss, params, grads)
    return sorted(set(params) - set(flagged))


def find_bug_first_only(loss, params, grads):
    return find_bug(loss, params, grads)[:1]


def find_bug_one_string(loss, params, grads):
    return " ".join(find_bug(loss, params, grads))


# ---- q11: the fixed backward ----------------------------------------------


def sigmoid(t):
    return 1 / (1 + np.exp(-t))


def backward_fixed(params, X, y):
    Z = X @ params["W1"] + params["b1"]
    H = np.logaddexp(0.0, Z)
    s = H @ params["W2"] + params["b2"]
    ds = (sigmoid(s) - y) / len(X)
    dZ = ds @ params["W2"].T * sigmoid(Z)
    return {
        "W1": X.T @ dZ,
        "b1": dZ.sum(axis=0),
        "W2": H.T @ ds,
        "b2": ds.sum(axis=0),
    }


def backward_still_buggy(params, X, y):
    return q.softplus_net_backward(params, X, y, bug=True)


def backward_no_mean(params, X, y):
    grads = backward_fixed(params, X, y)
    return {name: len(X) * g for name, g in grads.items()}


def backward_missing_key(params, X, y):
    grads = backward_fixed(params, X, y)
    del grads["b2"]
    return grads


RIGHT = {
    "q1": 2 / 3,
    "q2": "b",
    "q3": "c",
    "q4": "b1",
    "q5": "b",
    "q6": "c",
    "q7": relative_error,
    "q8": df,
    "q9": grad_check,
    "q10": find_bug,
    "q11": backward_fixed,
}

ALSO_RIGHT = [
    ("q1", 0.667),
    ("q1", FakeTensor(2 / 3)),
    ("q4", "B1"),
    ("q7", lambda a, b: FakeTensor(relative_error(a, b))),
    ("q8", lambda x: np.tanh(x) / np.cosh(x) ** 2),
    ("q9", lambda f, x, g: FakeTensor(grad_check(f, x, g))),
    ("q9", lambda f, x, g: grad_check(f, x, g, h=1e-6)),
    ("q10", lambda loss, params, grads: tuple(find_bug(loss, params, grads))),
    ("q10", lambda loss, params, grads: set(find_bug(loss, params, grads))),
    (
        "q11",
        lambda params, X, y: {
            k: FakeTensor(v) for k, v in backward_fixed(params, X, y).items()
        },
    ),
]

WRONG = {
    "q1": [
        (4.0, "absolute difference"),
        (4 / 3, "divided by ||a|| = 3 only"),
        (0.0, "differ in their last entry"),
        (1.0, "opposite gradients"),
        (None, "None"),
    ],
    "q2": [
        ("a", "Rule out float32 first"),
        ("c", "makes float32 worse"),
        ("d", "lets real bugs through"),
        ("e", "expected one of"),
    ],
    "q3": [
        ("a", "same sign"),
        ("b", "diagonal entries agree"),
        ("d", "wrong place"),
    ],
    "q4": [
        ("W1", "indices 0-19"),
        ("W2", "index 25"),
        ("b2", "indices 40-42"),
        ("b3", "index 46"),
        (23, "as a string"),
    ],
    "q5": [
        ("a", "too lax"),
        ("c", "would fail"),
        ("d", "the float32 line"),
        ("1e-7", "expected one of"),
    ],
    "q6": [
        ("a", "requires grad"),
        ("b", "warning"),
        ("d", "expected one of"),
    ],
    "q7": [
        (
            lambda a, b: np.linalg.norm(a - b),
            "(a, b) = ([3., 4.], [6., 8.]) your relative_error returned 5",
        ),
        (
            lambda a, b: np.linalg.norm(a - b) / np.linalg.norm(a),
            "returned 1; expected 0.333333",
        ),
        (
            lambda a, b: (
                np.max(np.abs(a - b)) / (np.max(np.abs(a)) + np.max(np.abs(b)))
            ),
            "(a, b) = ([1., 0.], [0., 1.])",
        ),
        (no_zero_case, "expected 0"),
        (overwrites_b, "returned 0; expected 0.333333"),
        (raises, "raised ValueError: oops"),
        ("relative_error", "expected a function"),
    ],
    "q8": [
        (lambda x: np.tanh(x) * (1 - x**2), "that is df_wrong"),
        (lambda x: np.tanh(x), "the outer derivative alone"),
        (lambda x: 1 - np.tanh(x) ** 2, "tanh'(x) alone"),
        (lambda x: 2 * df(x), "twice the gradient"),
        (lambda x: np.tanh(x) * (1 - np.tanh(x)), "the tanh is squared"),
        (lambda x: np.tanh(x) * (1 - x), "your df returned"),
        (lambda x: float(df(x)[0]), "shape"),
    ],
    "q9": [
        (grad_check_forward, "should come out below 1e-7"),
        (
            lambda f, x, grad: (
                helpers.check_gradient(f, x, grad).relative_error
            ),
            "called helpers.check_gradient",
        ),
        (grad_check_float32, "should come out below 1e-7"),
        (grad_check_first_axis_only, "at a 2 x 3 W"),
        (grad_check_absolute, "the relative error is 0.568042"),
        (grad_check_returns_gradient, "expected one number"),
        (grad_check_perturbs_in_place, "should come out below 1e-7"),
        (lambda f, x, grad: None, "forget `return`"),
        (raises, "raised ValueError"),
    ],
    "q10": [
        (find_bug_line_1e3, "on ridge regression"),
        (find_bug_inverted, "on a tanh network, no bug"),
        (find_bug_first_only, "expected ['W1', 'W2', 'b1']"),
        (find_bug_one_string, "expected a list of parameter names"),
        (
            lambda loss, params, grads: find_bug(
                loss, params, grads, checker=grad_check_forward
            ),
            "The scale",
        ),
        (raises, "raised ValueError"),
    ],
    "q11": [
        (backward_still_buggy, "the planted bug, still there"),
        (backward_no_mean, "gave a wrong"),
        (backward_missing_key, "expected a dictionary"),
        (lambda params, X, y: None, "forget `return`"),
        ("backward", "expected a function"),
    ],
}


@pytest.mark.parametrize("name, answer", ALSO_RIGHT)
def test_equivalent_answers_are_accepted(name, answer):
    verdict = getattr(q, name).verdict(answer)
    assert verdict, verdict.message


def stub(*args):
    raise NotImplementedError("your code here")


@pytest.mark.parametrize("name", ["q7", "q8", "q9", "q10", "q11"])
def test_an_untouched_function_stub_is_not_answered(name):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered" in verdict.message


def test_a_cheat_that_overwrites_its_input_poisons_nothing():
    """`b[...] = a; return 0.0` gets ✗, and the wrong answers checked
    after it still get ✗ (the check keeps its own copies)."""
    assert not q.q7.verdict(overwrites_b)
    assert not q.q7.verdict(lambda a, b: 0.0)
    assert not q.q7.verdict(lambda a, b: np.linalg.norm(a - b))
    assert q.q7.verdict(relative_error)


def test_checks_that_scribble_on_their_inputs_poison_nothing():
    def scribbles(answer):
        def wrapped(*args):
            result = copy.deepcopy(answer(*args))
            for arg in args:
                if isinstance(arg, np.ndarray):
                    arg[...] = 123.0
                if isinstance(arg, dict):
                    for value in arg.values():
                        value[...] = 123.0
            return result

        return wrapped

    for name in ["q9", "q10", "q11"]:
        question = getattr(q, name)
        assert question.verdict(scribbles(RIGHT[name])), name
        assert question.verdict(RIGHT[name]), name


@pytest.mark.parametrize("case", q.BUG_CASES, ids=lambda c: c[0])
def test_each_planted_bug_shows_on_the_scale_and_only_there(case):
    _, build, seed, bugs, expected = case
    errors = q.reference_errors(build(seed, bugs))
    assert sorted(n for n, e in errors.items() if e > 1e-5) == expected
    assert all(e < 1e-7 for n, e in errors.items() if n not in expected)


def test_the_ridge_bug_sits_between_the_scale_and_a_lax_line():
    _, build, seed, bugs, _ = q.BUG_CASES[2]
    assert 1e-5 < q.reference_errors(build(seed, bugs))["w"] < 1e-3


def test_the_practice_model_has_its_bug_where_the_exercise_says():
    params, X, y = q._softplus_data(0, 10)
    right = q.softplus_net_backward(params, X, y)
    buggy = q.softplus_net_backward(params, X, y, bug=True)
    differs = sorted(n for n in right if not np.allclose(right[n], buggy[n]))
    assert differs == ["W1", "b1"]

    def f(theta, name):
        return q.softplus_net_loss({**params, name: theta}, X, y)

    for name in right:
        numerical = q._central(lambda t, n=name: f(t, n), params[name])
        assert q._relative_error(right[name], numerical) < 1e-7
