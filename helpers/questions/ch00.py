"""Practice questions for chapter 00, the tensors primer."""

import numpy as np

from helpers.quiz import Question, array, choice, number, shape

q1 = Question(
    "q1",
    shape((2, 3)),
    hint="Compare shapes from the right: 3 meets 3, and the missing axis of "
    "(3,) counts as 1.",
    solution="(2, 3): the row of shape (3,) is added to each of the 2 rows.",
)

q2 = Question(
    "q2",
    shape((3, 4)),
    hint="Each axis takes the larger size where the other is 1.",
    solution="(3, 4): the column (3, 1) and the row (1, 4) stretch each "
    "other.",
)

q3 = Question(
    "q3",
    choice(
        "c",
        ["a", "b", "c"],
        feedback={
            "a": "compare from the right: the last sizes are 3 and 2; neither "
            "is 1.",
            "b": "broadcasting never adds an axis in the middle; compare the "
            "last sizes, 3 and 2.",
        },
    ),
    hint="Line the shapes up on the right: (2, 3) over (2,).",
    solution="(c): the last sizes 3 and 2 differ and neither is 1, so NumPy "
    "raises ValueError. Use a column, shape (2, 1), instead.",
)

q4 = Question(
    "q4",
    array(np.arange(6).reshape(2, 3).T),
    hint="The transpose turns row i into column i.",
    solution="[[0, 3], [1, 4], [2, 5]]",
)

q5 = Question(
    "q5",
    array(np.arange(6).reshape(3, 2)),
    hint="reshape keeps reading order 0, 1, 2, 3, 4, 5 and fills row by row.",
    solution="[[0, 1], [2, 3], [4, 5]]",
)

q6 = Question(
    "q6",
    shape((2, 4)),
    hint="(n, k) @ (k, m) gives (n, m).",
    solution="(2, 4): the inner sizes 3 and 3 match and disappear.",
)

q7 = Question(
    "q7",
    choice(
        "b",
        ["a", "b", "c"],
        feedback={
            "a": "that is NumPy's default for Python floats; TensorFlow "
            "chooses float32.",
            "c": "int32 is TensorFlow's default for Python integers, not "
            "floats.",
        },
    ),
    hint="Run `tf.constant([1.0, 2.0]).dtype` if you are unsure.",
    solution="(b) float32.",
)

q8 = Question(
    "q8",
    choice(
        "a",
        ["a", "b"],
        feedback={
            "b": "a tf.constant cannot be changed, and the tape only "
            "follows it after tape.watch(c).",
        },
    ),
    hint="Which one has an `assign` method?",
    solution="(a) tf.Variable: it changes in place with assign, and "
    "GradientTape watches it automatically.",
)

q9 = Question(
    "q9",
    number(
        27.0,
        mistakes={
            9.0: "that is 3x, not the derivative of x**3; d(x^3)/dx = 3x^2.",
            6.0: "that is the derivative of x**2; here y = x**3.",
        },
    ),
    hint="x = torch.tensor(3.0, requires_grad=True); y = x**3; "
    "y.backward(); x.grad",
    solution="x = torch.tensor(3.0, requires_grad=True)\ny = x**3\n"
    "y.backward()\nanswer = x.grad  # tensor(27.) = 3 * 3**2",
)
