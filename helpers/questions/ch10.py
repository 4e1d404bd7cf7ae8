"""Practice questions for chapter 10, gradient checking."""

import numpy as np

from helpers.quiz import Question, choice, function, number


def _relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denominator)


def _dsquash(x):
    """Gradient of f(x) = 1/2 * sum(tanh(x)**2)."""
    t = np.tanh(x)
    return t * (1 - t**2)


q1 = Question(
    "q1",
    number(
        2 / 3,
        rtol=1e-3,
        mistakes={
            4.0: "that is the absolute difference ||a - b||; divide by "
            "||a|| + ||b|| = 6.",
            4 / 3: "you divided by ||a|| = 3 only; the denominator is "
            "||a|| + ||b|| = 6.",
            0.0: "the two gradients differ in their last entry.",
            1.0: "1 is what two opposite gradients (b = -a) give; here only "
            "one entry flips.",
        },
    ),
    hint="a - b = (0, 0, 4). ||a|| = sqrt(1 + 4 + 4) = 3, and ||b|| too.",
    solution="||a - b|| = 4, ||a|| = ||b|| = 3, relative error = "
    "4 / (3 + 3) = 2/3 ~ 0.667: one wrong sign is a glaring bug.",
)

q2 = Question(
    "q2",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "the gradient may well be right: the chapter's correct "
            "float32 MLP failed with a relative error above 1e-3. "
            "Rule out float32 first.",
            "c": "a smaller h makes float32 worse: round-off grows like "
            "eps / h, and at h = 1e-10 float32 gave relative error 1.",
            "d": "a threshold loose enough for float32 noise also lets real "
            "bugs through; a bug in a few small entries can give 1e-2.",
        },
    ),
    hint="Which part of the check is the model's float32 spoiling: the "
    "gradient, or the central differences?",
    solution="(b): call model.double() (and use float64 data), then check "
    "again. In float32 the central differences themselves are off by about "
    "eps32 / h, so even a correct gradient fails.",
)

q3 = Question(
    "q3",
    choice(
        "c",
        ["a", "b", "c", "d"],
        feedback={
            "a": "a sign error would flip the sign of entries; here every "
            "value appears in both matrices with the same sign.",
            "b": "a missing factor would scale every entry; here the "
            "diagonal entries agree exactly.",
            "d": "float32 noise changes the last digits; here whole entries "
            "sit in the wrong place.",
        },
    ),
    hint="Compare entry [0, 1] of yours with entry [1, 0] of the numerical "
    "gradient, and look at the diagonal.",
    solution="(c): yours is the numerical gradient transposed (the "
    "diagonals agree, entry [i, j] of one is entry [j, i] of the other). "
    "For f(W) = u^T W v the gradient is the outer product u v^T, not "
    "v u^T.",
)

q4 = Question(
    "q4",
    choice(
        "b1",
        ["W1", "b1", "W2", "b2", "W3", "b3"],
        feedback={
            "w1": "W1 (5 x 4) holds the first 20 entries, indices 0-19.",
            "w2": "W2 (3 x 5) starts after W1 and b1, at index 25.",
            "b2": "b2 holds indices 40-42.",
            "w3": "W3 holds indices 43-45.",
            "b3": "b3 is the last entry, index 46.",
        },
    ),
    hint="parameters_to_vector follows model.parameters(): W1 (20 "
    "numbers), b1 (5), W2 (15), b2 (3), W3 (3), b3 (1).",
    solution="b1: W1 takes indices 0-19 and b1 indices 20-24, so index 23 "
    "is b1[3]. Look at the backward step of the first layer's bias.",
)

q5 = Question(
    "q5",
    choice(
        "b",
        ["a", "b", "c"],
        feedback={
            "a": "too lax: a bug that touches a few small entries can give "
            "1e-3 or less, and would pass.",
            "c": "central differences carry their own error, about 1e-10 in "
            "float64 and more near curvature; a correct gradient would "
            "fail.",
        },
    ),
    hint="A correct float64 gradient checked against central differences "
    "gave about 1e-10 to 1e-11 in the chapter.",
    solution="(b) 1e-7: far above the ~1e-10 a correct gradient gives, far "
    "below the 1/3 of a missing factor 2.",
)

q6 = Question(
    "q6",
    function(
        _relative_error,
        [
            (np.array([3.0, 4.0]), np.array([6.0, 8.0])),
            (np.array([1.0, 0.0]), np.array([0.0, 1.0])),
            (np.array([1.0, 2.0, 2.0]), np.array([1.0, 2.0, 2.0])),
            (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1, 2], [3, 5.0]])),
            (np.array([0.0, 0.0]), np.array([0.0, 0.0])),
        ],
        names=("a", "b"),
        what="your relative_error",
    ),
    hint="np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)); "
    "return 0.0 first when both norms are 0.",
    solution="def relative_error(a, b):\n"
    "    denominator = np.linalg.norm(a) + np.linalg.norm(b)\n"
    "    if denominator == 0:\n"
    "        return 0.0\n"
    "    return np.linalg.norm(a - b) / denominator",
)

q7 = Question(
    "q7",
    function(
        _dsquash,
        [
            np.array([0.5, -1.0, 2.0]),
            np.array([0.0, 0.3]),
            np.array([-2.5, 1.5, 0.1, 0.7]),
            np.array([3.0]),
        ],
        what="your df",
    ),
    hint="Chain rule: d/dx (1/2 tanh(x)^2) = tanh(x) * tanh'(x), and "
    "tanh'(x) = 1 - tanh(x)^2, written with tanh(x), not with x.",
    solution="def df(x):\n"
    "    t = np.tanh(x)\n"
    "    return t * (1 - t**2)",
)

q8 = Question(
    "q8",
    choice(
        "c",
        ["a", "b", "c"],
        feedback={
            "a": "without requires_grad=True there is nothing to check: "
            "gradcheck raises a ValueError asking for an input that "
            "requires grad.",
            "b": "a float32 input draws a warning, and the check of a "
            "correct function usually fails: its central differences are "
            "too noisy.",
        },
    ),
    hint="gradcheck needs the inputs it differentiates to require grad, and "
    "float64 for accurate central differences.",
    solution="(c): torch.tensor([1.0, 2.0], dtype=torch.float64, "
    "requires_grad=True), passed in a tuple.",
)
