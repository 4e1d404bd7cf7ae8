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
