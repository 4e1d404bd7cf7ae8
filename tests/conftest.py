"""Parametrize the shared question checks from each chapter's data."""


def pytest_generate_tests(metafunc):
    module = metafunc.module
    if not hasattr(module, "RIGHT") or not hasattr(module, "WRONG"):
        return
    name = metafunc.function.__name__
    if name in (
        "test_solution_is_accepted",
        "test_every_question_has_at_least_three_wrong_answers",
        "test_odd_input_never_raises_and_is_never_right",
        "test_every_known_mistake_is_judged_wrong",
    ):
        metafunc.parametrize("name", sorted(module.RIGHT))
    elif name == "test_mistakes_are_rejected_with_a_reason":
        metafunc.parametrize(
            "name, answer, reason",
            [
                (question, answer, reason)
                for question, cases in module.WRONG.items()
                for answer, reason in cases
            ],
        )
