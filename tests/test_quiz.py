"""The quiz engine: never raises, never a ✓ for nonsense, says why."""

import math

import numpy as np
import pytest

from helpers.quiz import Question, array, choice, function, number, shape

CONFUSED = [
    None,
    "four",
    "",
    [],
    {},
    float("nan"),
    math.inf,
    True,
    object(),
    [1, "a"],
    lambda: 1,
    np.array([]),
    (1, 2),
    [[1], [2, 3]],
]


def make(checker):
    return Question("qx", checker, hint="think", solution="the answer")


QUESTIONS = {
    "number": make(number(4.5)),
    "array": make(array([[1.0, 2.0], [3.0, 4.0]])),
    "shape": make(shape((2, 3))),
    "choice": make(choice("b", ["a", "b", "c"])),
    "function": make(function(lambda x: 2 * x, [0.5, 1.5])),
}


@pytest.mark.parametrize("kind", QUESTIONS)
@pytest.mark.parametrize(
    "answer", CONFUSED, ids=[f"confused{i}" for i in range(len(CONFUSED))]
)
def test_confused_answers_get_a_cross_and_a_reason(kind, answer, capsys):
    verdict = QUESTIONS[kind].check(answer)
    printed = capsys.readouterr().out
    assert not verdict
    assert printed.startswith("✗ qx: ") or "not answered" in printed
    assert "Traceback" not in printed
    assert printed.count("\n") == 1


@pytest.mark.parametrize("kind", QUESTIONS)
def test_the_stub_is_not_answered_yet(kind, capsys):
    def stub(*args):
        raise NotImplementedError("your code here")

    for answer in (..., stub, (..., ...)):
        if kind != "function" and answer is stub:
            continue
        verdict = QUESTIONS[kind].check(answer)
        assert not verdict
        assert capsys.readouterr().out == "… qx: not answered yet.\n"


def test_number_accepts_tensors_and_numpy_scalars():
    q = QUESTIONS["number"]
    assert q.verdict(4.5) and q.verdict(np.float32(4.5))
    assert q.verdict(np.array(4.5)) and q.verdict([4.5])


@pytest.mark.parametrize(
    "answer, words",
    [
        (-4.5, "wrong sign"),
        (9.0, "factor of 2"),
        (2.25, "factor of 0.5"),
        (5.0, "too large"),
        (4.0, "too small"),
        ([4.5, 4.5], "one number"),
    ],
)
def test_number_reasons(answer, words):
    assert words in QUESTIONS["number"].verdict(answer).message


def test_number_known_mistakes_explain_themselves():
    q = make(number(70.0, mistakes={14.0: "multiply by dy/dx = 5."}))
    assert "dy/dx = 5" in q.verdict(14).message


def test_array_reports_shape_transpose_and_entry():
    q = QUESTIONS["array"]
    assert q.verdict(np.array([[1, 2], [3, 4]]))
    msg = q.verdict(np.array([[1, 2], [3, 5]])).message
    assert "entry [1, 1] is 5, expected 4 (3 of 4 entries right)" in msg
    msg = q.verdict(np.ones((3, 2))).message
    assert "expected shape (2, 2)" in msg


def test_array_transposed_shape_is_named():
    q = make(array(np.zeros((2, 3))))
    assert "transposed" in q.verdict(np.zeros((3, 2))).message


def test_shape_reasons():
    q = QUESTIONS["shape"]
    assert q.verdict((2, 3)) and q.verdict([2, 3])
    assert "wrong order" in q.verdict((3, 2)).message
    assert "2 dimensions" not in q.verdict((2, 3, 1)).message
    assert "3 dimensions" in q.verdict((2, 3, 1)).message
    assert "axis 1" in q.verdict((2, 4)).message


def test_choice_is_case_and_space_insensitive_with_feedback():
    q = make(choice("b", ["a", "b"], feedback={"a": "a is the slope."}))
    assert q.verdict(" B ") and q.verdict("(b)")
    assert "a is the slope." in q.verdict("a").message
    assert "expected one of 'a', 'b'" in q.verdict("z").message


def test_function_reports_the_first_point_that_differs():
    q = QUESTIONS["function"]
    assert q.verdict(lambda x: x + x)
    msg = q.verdict(lambda x: x * x).message
    assert msg == "✗ qx: at x = 0.5 your function returned 0.25; expected 1."


def test_function_reports_what_the_learner_function_raised():
    msg = QUESTIONS["function"].verdict(lambda x: 1 / 0).message
    assert "raised ZeroDivisionError" in msg


def test_function_notices_a_missing_return():
    def df(x):
        2 * x

    assert "forget `return`" in QUESTIONS["function"].verdict(df).message


def test_function_of_two_arguments_names_both():
    q = make(
        function(
            lambda x, y: x * y, [(1.0, 2.0), (3.0, 4.0)], names=("x", "y")
        )
    )
    msg = q.verdict(lambda x, y: x + y).message
    assert "at (x, y) = (1, 2) your function returned 3; expected 2" in msg


def test_hint_and_solution_print(capsys):
    q = QUESTIONS["number"]
    q.hint()
    q.solution()
    out = capsys.readouterr().out
    assert "Hint (qx): think" in out and "the answer" in out


def test_a_broken_checker_never_raises():
    def broken(answer):
        raise KeyError("oops")

    verdict = make(broken).verdict(1)
    assert not verdict and "could not be checked" in verdict.message


def test_verdict_compares_like_a_bool():
    assert QUESTIONS["number"].verdict(4.5) == True  # noqa: E712
    assert QUESTIONS["number"].verdict(1.0) == False  # noqa: E712


def test_array_known_mistakes_explain_themselves():
    q = make(array([6.0, 1.0], mistakes=[([30.0, 5.0], "divide by 5.")]))
    message = q.verdict([30.0, 5.0]).message
    assert "divide by 5." in message and "entry [0] is 30" in message
    assert "divide by 5." not in q.verdict([7.0, 1.0]).message
    assert q.verdict([6.0, 1.0])
    assert "expected an array" in q.verdict("six").message


def test_shape_known_mistakes_explain_themselves():
    q = make(shape((2, 3), mistakes={(3, 2): "rows are outputs."}))
    assert "(3, 2): rows are outputs." in q.verdict((3, 2)).message
    assert "rows are outputs" not in q.verdict((2, 4)).message
    assert q.verdict([2, 3]) and not q.verdict("2, 3")


# ---- issue 12: one conversion path, refusals, forms, float32, copies ----

import io  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import tensorflow as tf  # noqa: E402
import torch  # noqa: E402

from helpers._convert import describe  # noqa: E402
from helpers.quiz import Check, booleans  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "answer",
    [
        4.5 + 0j,
        np.complex128(4.5),
        np.array([4.5 + 0j]),
        torch.tensor(4.5 + 0j),
        tf.constant(4.5 + 0j),
        [4.5, 1j],
    ],
    ids=["python", "numpy scalar", "numpy array", "torch", "tf", "list"],
)
def test_complex_is_refused_without_a_warning(answer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        message = QUESTIONS["number"].verdict(answer).message
    assert message.startswith("✗ qx: expected a number; got ")
    assert "complex" in message


BOOLS = [
    True,
    np.True_,
    np.array(True),
    np.array([True]),
    torch.tensor(True),
    tf.constant(True),
    [True],
    [1.0, True],
]


@pytest.mark.parametrize("answer", BOOLS, ids=[repr(b)[:20] for b in BOOLS])
def test_bools_are_refused_even_where_the_answer_is_one(answer):
    for checker in (number(1.0), array([1.0]), array([1.0, 1.0])):
        message = make(checker).verdict(answer).message
        assert message.startswith("✗") and "bool" in message


@pytest.mark.parametrize(
    "answer",
    ["3", tf.constant("3"), tf.constant(["3"]), np.array(["3"]), [3, "3"]],
    ids=["str", "tf string", "tf strings", "numpy strings", "mixed list"],
)
def test_strings_are_refused_also_inside_tensors(answer):
    message = make(number(3.0)).verdict(answer).message
    assert message.startswith("✗ qx: expected a number; got ")
    assert "str" in message


@pytest.mark.parametrize(
    "result", [str, lambda v: v > 0, lambda v: v + 0j, lambda v: [v, True]]
)
def test_function_results_that_are_not_numbers_are_refused(result):
    q = make(function(lambda x: 2 * x, [1.5]))
    message = q.verdict(lambda x: result(2 * x)).message
    assert message.startswith("✗ qx: at x = 1.5 your function returned ")


def test_booleans_accept_every_framework_and_refuse_strings():
    q = make(booleans([True, False], labels=["(a)", "(b)"]))
    for answer in (
        [True, False],
        (np.True_, np.False_),
        np.array([1, 0]),
        torch.tensor([True, False]),
        [torch.tensor(True), torch.tensor(False)],
        [tf.constant(True), tf.constant(False)],
    ):
        assert q.verdict(answer), answer
    assert "entry 1 ((b)) is None" in q.verdict([True, None]).message
    assert "str 'TF'" in q.verdict("TF").message
    assert "entry 0 ((a))" in q.verdict([False, False]).message
    assert make(array([True, False])).checker.kind == "booleans"


@pytest.mark.parametrize(
    "form",
    [np.array([2.0]), [2.0], (2.0,), torch.tensor([2.0]), np.array([[2.0]])],
    ids=["(1,) array", "list", "tuple", "(1,) tensor", "(1, 1) array"],
)
def test_one_number_is_one_number_in_every_checker(form):
    assert make(number(2.0)).verdict(form)
    assert make(array(2.0)).verdict(form)
    assert make(function(lambda x: 2 * x, [1.0])).verdict(lambda x: form)
    assert make(function(lambda x: np.array([2 * x]), [1.0])).verdict(
        lambda x: 2.0
    )


def test_a_column_where_two_numbers_are_asked_says_what_to_change():
    message = make(array([1.0, 2.0])).verdict([[1.0], [2.0]]).message
    assert "shape (2, 1)" in message and ".reshape(2)" in message
    message = make(function(lambda x: np.array([x, 2 * x]), [1.0])).verdict(
        lambda x: np.array([[x], [2 * x]])
    )
    assert ".reshape(2)" in message.message


@pytest.mark.parametrize(
    "answer",
    [
        np.array([2, 3]),
        (2.0, 3.0),
        torch.Size([2, 3]),
        tf.TensorShape([2, 3]),
        (np.int64(2), np.int64(3)),
        torch.tensor([2, 3]),
    ],
    ids=[
        "np.array",
        "floats",
        "torch.Size",
        "TensorShape",
        "np ints",
        "tensor",
    ],
)
def test_shapes_in_every_form(answer):
    assert QUESTIONS["shape"].verdict(answer)


@pytest.mark.parametrize(
    "answer, words",
    [
        ((2.5, 3), "not whole"),
        ((True, 3), "bool"),
        (tf.TensorShape(None), "unknown rank"),
        (tf.TensorShape([None, 3]), "unknown size"),
        ((2, 3j), "complex"),
        ("(2, 3)", "str"),
    ],
)
def test_shapes_that_are_not_sizes_are_refused(answer, words):
    message = QUESTIONS["shape"].verdict(answer).message
    assert "expected a shape" in message and words in message


@pytest.mark.parametrize(
    "answer", ["b.", "'b'", '"b"', "(b)", " B ", "b)", "[b]", np.str_("b")]
)
def test_choice_forms(answer):
    assert QUESTIONS["choice"].verdict(answer)


def test_choice_keeps_the_options_case_in_messages():
    q = make(choice("b1", ["W1", "b1"], feedback={"w1": "W1 is first."}))
    assert "expected one of 'W1', 'b1'" in q.verdict("x").message
    assert q.verdict("B1") and "W1 is first." in q.verdict("w1").message
    strict = make(choice("a", ["a", "A"]))
    assert strict.verdict("a") and not strict.verdict("A")


def _d2f(x):
    return (4 * x**2 - 2) * np.exp(-(x**2))


def _torch_d2f(x, dtype=torch.float32):
    x = torch.tensor(x, dtype=dtype, requires_grad=True)
    (df,) = torch.autograd.grad(torch.exp(-(x**2)), x, create_graph=True)
    (d2f,) = torch.autograd.grad(df, x)
    return d2f


def test_float32_is_judged_at_float32_precision():
    q = make(function(_d2f, [-2.0, -0.7, 0.5], what="your d2f"))
    assert q.verdict(_torch_d2f)  # ch09 q6: torch's default float32
    assert q.verdict(lambda x: _torch_d2f(x).item())  # a float32 .item()
    assert make(number(_d2f(-0.7))).verdict(_torch_d2f(-0.7))
    assert not q.verdict(lambda x: np.float32(_d2f(x) * (1 + 1e-4)))


def test_a_question_may_demand_float64():
    q = make(function(_d2f, [-0.7], float64="gradient checks need 1e-10."))
    message = q.verdict(_torch_d2f).message
    assert "right only to float32 precision; use float64" in message
    assert q.verdict(lambda x: _torch_d2f(x, torch.float64))


def test_numbers_beside_a_cross_never_look_the_same():
    q = make(function(lambda x: 0.12345671, [0.0]))
    message = q.verdict(lambda x: 0.12345711).message
    shown, expected = message.split("returned ")[1].split("; expected ")
    assert shown != expected.rstrip(".")
    message = make(array([0.12345671])).verdict([0.12345711]).message
    assert "is 0.12345711, expected 0.12345671" in message
    message = make(number(0.12345671)).verdict(0.12345711).message
    assert message.startswith("✗ qx: 0.12345711 is too large")


def _relative_error(a, b):
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else np.linalg.norm(a - b) / denominator


A, B = np.array([3.0, 4.0]), np.array([6.0, 8.0])


def test_a_learner_cannot_change_the_test_data():
    q = make(function(_relative_error, [(A, B)], names=("a", "b")))

    def cheat(a, b):  # ch10 q6
        b[...] = a
        return 0.0

    message = q.verdict(cheat).message
    assert message.startswith("✗ qx: at (a, b) = ([3., 4.], [6., 8.])")
    assert q.verdict(_relative_error)  # later checks are unaffected
    assert not q.verdict(lambda a, b: 0.0)
    assert np.array_equal(B, [6.0, 8.0])  # the caller's arrays too


def test_a_correct_function_that_writes_into_its_input_passes():
    x0 = np.array([0.5, -1.0, 2.0])
    q = make(function(lambda x: np.tanh(x) * (1 - np.tanh(x) ** 2), [x0]))

    def df(x):
        np.tanh(x, out=x)
        return x * (1 - x**2)

    assert q.verdict(df) and q.verdict(df)
    message = q.verdict(lambda x: np.tanh(x, out=x)).message
    assert "at x = [ 0.5, -1. ,  2. ]" in message  # the original point
    assert np.array_equal(x0, [0.5, -1.0, 2.0])


def test_the_reference_runs_first_on_its_own_copy():
    calls = []

    def reference(x):
        calls.append(("reference", x.tolist()))
        return x.sum()

    def learner(x):
        calls.append(("learner", x.tolist()))
        x[...] = 0.0
        return 1.0

    make(function(reference, [np.array([1.0, 2.0])])).verdict(learner)
    assert calls == [("reference", [1.0, 2.0]), ("learner", [1.0, 2.0])]


def test_function_known_mistakes_and_sign_hints():
    q = make(
        function(lambda x: 2 * x, [0.5, 1.5], mistakes=[(lambda x: x, "2?")])
    )
    assert q.verdict(lambda x: x).message.endswith("2?")
    assert "wrong sign" in q.verdict(lambda x: -2 * x).message
    message = make(array([1.0, -2.0])).verdict([-1.0, 2.0]).message
    assert "entry [0] is -1, expected 1" in message and "wrong sign" in message


class _Hostile:
    """An object whose repr, shape and len all raise."""

    def __repr__(self):
        raise RuntimeError("no repr")

    @property
    def shape(self):
        raise RuntimeError("no shape")

    def __len__(self):
        raise RuntimeError("no len")


@pytest.mark.parametrize(
    "value",
    [_Hostile(), tf.TensorSpec(None, tf.float32), tf.TensorShape(None)],
    ids=["hostile", "TensorSpec unknown rank", "TensorShape unknown rank"],
)
def test_describe_never_raises(value, capsys):
    assert isinstance(describe(value), str)
    for q in QUESTIONS.values():
        assert q.check(value).message.startswith("✗ qx: ")
    assert "Traceback" not in capsys.readouterr().out


def test_a_checker_returning_something_odd_does_not_raise():
    verdict = make(lambda answer: (np.array([True, True]), "")).verdict(1)
    assert not verdict and "could not be checked" in verdict.message


def test_checks_say_what_they_expect():
    check = number(70.0, mistakes={14.0: "chain rule"})
    assert isinstance(check, Check) and check.kind == "number"
    assert check.expected == 70.0 and check.mistakes == ((14.0, "chain rule"),)
    assert make(check).checker is check
    assert function(np.sin, [1.0]).options["points"] == ((1.0,),)


SCRIPT = (
    "from helpers.quiz import Question, number\n"
    "q = Question('q1', number(4.5, mistakes={9.0: 'ε² = 0 … ×'}),"
    " hint='use ε', solution='x²')\n"
    "q.check(4.5); q.check(9.0); q.check(...); q.hint(); q.solution()\n"
)


def test_an_ascii_console_gets_plain_text():
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("ascii")
    assert "[ok] q1: correct." in out
    assert "[x] q1: 9 is not right: eps^2 = 0 ... x" in out
    assert "... q1: not answered yet." in out
    assert "Hint (q1): use eps" in out and "x^2" in out


def test_a_cp1252_console_keeps_what_it_can_print(monkeypatch):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252", write_through=True)
    monkeypatch.setattr(sys, "stdout", stream)
    q = make(number(4.5, mistakes={9.0: "ε² … ×"}))
    assert q.check(4.5) and not q.check(9.0)
    q.hint()
    out = raw.getvalue().decode("cp1252")
    assert (
        "[ok] qx: correct." in out
        and "[x] qx: 9 is not right: eps² … ×" in out
    )


def test_no_stdout_or_a_closed_one_never_raises(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    assert QUESTIONS["number"].check(4.5)
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdout", closed)
    assert not QUESTIONS["number"].check(1.0)
    QUESTIONS["number"].hint()


def test_an_expected_infinity_is_matched_only_by_itself():
    assert make(number(math.inf)).verdict(math.inf)
    assert not make(number(math.inf)).verdict(1e308)
    assert make(array([math.inf, 0.0])).verdict([math.inf, 0])
    assert "NaN or infinity" in make(array([1.0])).verdict([math.inf]).message
