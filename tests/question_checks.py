"""The checks every chapter's question tests share.

A ``tests/test_questions_chNN.py`` module defines ``q`` (the chapter's
questions), ``RIGHT`` (name -> an accepted answer) and ``WRONG`` (name ->
a list of (answer, words of the reason)), and imports these tests;
``tests/conftest.py`` parametrizes them from those three names.
"""

import numpy as np

from helpers.quiz import Question

# What a confused learner types: none of it may raise or pass.
ODD = [None, "word", float("nan"), [], ..., lambda *args: 1 / 0]


def test_solution_is_accepted(request, name):
    questions, right = request.module.q, request.module.RIGHT
    verdict = getattr(questions, name).verdict(right[name])
    assert verdict, verdict.message


def test_mistakes_are_rejected_with_a_reason(request, name, answer, reason):
    verdict = getattr(request.module.q, name).verdict(answer)
    assert not verdict
    assert reason in verdict.message


def test_every_question_has_at_least_three_wrong_answers(request, name):
    assert len(request.module.WRONG[name]) >= 3


def test_every_question_is_tested(request):
    module = request.module
    asked = {
        name
        for name, value in vars(module.q).items()
        if isinstance(value, Question)
    }
    assert asked == set(module.RIGHT) == set(module.WRONG)


def test_odd_input_never_raises_and_is_never_right(request, name):
    question = getattr(request.module.q, name)
    for odd in ODD:
        assert not question.verdict(odd), (name, odd)


def test_every_known_mistake_is_judged_wrong(request, name):
    checker = getattr(request.module.q, name).checker
    for wrong, _ in getattr(checker, "mistakes", ()):
        assert not checker(wrong)[0], (name, wrong)
        if getattr(checker, "kind", "") == "number":  # float32 too
            assert not checker(np.float32(wrong))[0], (name, wrong)
