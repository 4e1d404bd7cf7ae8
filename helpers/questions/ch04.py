"""Practice questions for chapter 04, computational graphs and symbolic
differentiation.

q6-q8 check classes and functions the learner adds to the chapter's tree
classes. The checks build their test trees with the learner's own classes,
found in the namespace the learner's code was written in (a notebook's
globals), so every node involved is one the learner can print and inspect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers.quiz import NotAnswered, Question, choice, number
from helpers.quiz import apart as _apart

Point = tuple[float, float]
POINTS: tuple[Point, ...] = ((0.7, -1.2), (-0.4, 0.9), (1.3, 0.5))


def _fmt(value: float, digits: int = 6) -> str:
    return f"{value:.{digits}g}"


def _close(got: float, want: float) -> bool:
    return bool(np.isclose(got, want, rtol=1e-9, atol=1e-12))


def _namespace(answer: Any) -> dict[str, Any] | None:
    """The globals of the code ``answer`` was written in, or None."""
    code = answer
    if isinstance(answer, type):
        code = getattr(answer, "diff", None)
    code = getattr(code, "__func__", code)
    names = getattr(code, "__globals__", None)
    return names if isinstance(names, dict) else None


def _leaves(names: dict[str, Any]) -> tuple[Any, Any] | str:
    """Var("x"), Var("y") of the learner's classes, or why they are missing."""
    var = names.get("Var")
    if not isinstance(var, type):
        return (
            "the chapter's classes are not defined where your code is: run "
            "the cells above that define Node, Const, Var, Add and Mul."
        )
    try:
        return var("x"), var("y")
    except Exception as error:
        return f"Var('x') raised {type(error).__name__}: {error}"


def _graph_size(expr: Any) -> int:
    """Distinct nodes reachable through ``children``."""
    seen: set[int] = set()
    stack = [expr]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            stack.extend(getattr(node, "children", ()) or ())
    return len(seen)


def _value_at(tree: Any, point: Point) -> float:
    return float(tree.evaluate({"x": point[0], "y": point[1]}))


def _where(point: Point) -> str:
    return f"(x, y) = ({_fmt(point[0])}, {_fmt(point[1])})"


# A probe: how to build the tree from the learner's class and the leaves,
# its text, the variable, the exact derivative as a function of (x, y), and
# known mistakes as functions of (x, y) with the reason a learner makes them.
Probe = tuple[
    Callable[[Any, Any, Any], Any],
    str,
    str,
    Callable[[float, float], float],
    Sequence[tuple[Callable[[float, float], float], str]],
]


def _check_rule(
    answer: Any, cls: str, probes: Sequence[Probe]
) -> tuple[bool, str]:
    """Differentiate the probes with the learner's class and compare."""
    if not isinstance(answer, type):
        return False, (
            f"expected the class {cls} itself (q.check({cls})); got "
            f"{type(answer).__name__}."
        )
    if not callable(getattr(answer, "diff", None)):
        return False, (
            f"{cls} has no diff method yet: attach your rule with "
            f"{cls}.diff = _{cls.lower()}_diff."
        )
    names = _namespace(answer)
    leaves = _leaves(names) if names is not None else "no namespace found."
    if isinstance(leaves, str):
        return False, leaves
    x, y = leaves
    for build, text, name, exact, mistakes in probes:
        try:
            tree = build(answer, x, y)
            derivative = tree.diff(name)
        except NotImplementedError:
            raise NotAnswered from None
        except Exception as error:
            return False, (
                f"({text}).diff({name!r}) raised {type(error).__name__}: "
                f"{error}"
            )
        if not callable(getattr(derivative, "evaluate", None)):
            return False, (
                f"({text}).diff({name!r}) returned {derivative!r} "
                f"({type(derivative).__name__}); diff must return a tree of "
                "nodes, which the check evaluates at several points."
            )
        for point in POINTS:
            want = exact(*point)  # the reference first
            try:
                got = _value_at(derivative, point)
            except Exception as error:
                return False, (
                    f"evaluating your d/d{name} of {text} at {_where(point)} "
                    f"raised {type(error).__name__}: {error}"
                )
            if not _close(got, want):
                shown, right = _apart(got, want)
                why = next(
                    (
                        reason
                        for wrong, reason in mistakes
                        if _close(got, wrong(*point))
                    ),
                    "",
                )
                return False, (
                    f"at {_where(point)} your d/d{name} of {text} is {shown}; "
                    f"expected {right}." + (f" {why}" if why else "")
                )
    return True, ""


def _exp(v: float) -> float:
    return float(np.exp(v))


_NO_CHAIN = "The chain-rule factor a' is missing: (e^a)' = e^a a'."
_ONLY_INNER = "That is a' alone; multiply it by e^a."
_POWER_RULE = "That is the power rule; e^a is its own derivative."

EXP_PROBES: tuple[Probe, ...] = (
    (
        lambda Exp, x, y: Exp(x * y),
        "exp(x * y)",
        "x",
        lambda x, y: y * _exp(x * y),
        [
            (lambda x, y: _exp(x * y), _NO_CHAIN),
            (lambda x, y: y, _ONLY_INNER),
            (lambda x, y: x * y * _exp(x * y - 1) * y, _POWER_RULE),
        ],
    ),
    (
        lambda Exp, x, y: Exp(x * x + y),
        "exp(x * x + y)",
        "x",
        lambda x, y: 2 * x * _exp(x * x + y),
        [
            (lambda x, y: _exp(x * x + y), _NO_CHAIN),
            (lambda x, y: 2 * x, _ONLY_INNER),
        ],
    ),
    (
        lambda Exp, x, y: y * Exp(x * y),
        "y * exp(x * y)",
        "y",
        lambda x, y: _exp(x * y) + y * x * _exp(x * y),
        [],
    ),
    (
        lambda Exp, x, y: Exp(Exp(x)),
        "exp(exp(x))",
        "x",
        lambda x, y: _exp(_exp(x)) * _exp(x),
        [(lambda x, y: _exp(_exp(x)), _NO_CHAIN)],
    ),
    (
        lambda Exp, x, y: Exp(2 * y),
        "exp(2 * y)",
        "x",
        lambda x, y: 0.0,
        [],
    ),
)

_SIGN = "The sign is flipped: (a / b)' = (a' b - a b') / b^2."
_SQUARE = "Divide by b^2, not by b."
_QUOTIENT = "The derivative of a quotient is not the quotient a' / b'."
_PLUS = "The minus sign became a plus: (a' b - a b') / b^2."

DIV_PROBES: tuple[Probe, ...] = (
    (
        lambda Div, x, y: Div(x * y + 1, x * x + 2),
        "(x * y + 1) / (x * x + 2)",
        "x",
        lambda x, y: (y * (x * x + 2) - (x * y + 1) * 2 * x)
        / (x * x + 2) ** 2,
        [
            (
                lambda x, y: ((x * y + 1) * 2 * x - y * (x * x + 2))
                / (x * x + 2) ** 2,
                _SIGN,
            ),
            (
                lambda x, y: (y * (x * x + 2) + (x * y + 1) * 2 * x)
                / (x * x + 2) ** 2,
                _PLUS,
            ),
            (
                lambda x, y: (y * (x * x + 2) - (x * y + 1) * 2 * x)
                / (x * x + 2),
                _SQUARE,
            ),
            (lambda x, y: y / (2 * x), _QUOTIENT),
        ],
    ),
    (
        lambda Div, x, y: Div(x, y),
        "x / y",
        "y",
        lambda x, y: -x / y**2,
        [
            (lambda x, y: x / y**2, _SIGN),
            (lambda x, y: -x / y, _SQUARE),
            (lambda x, y: 0.0, _QUOTIENT),
        ],
    ),
    (
        lambda Div, x, y: Div(x, y),
        "x / y",
        "x",
        lambda x, y: 1 / y,
        [(lambda x, y: -1 / y, _SIGN), (lambda x, y: 1.0, _SQUARE)],
    ),
    (
        lambda Div, x, y: Div(y, Div(x, y) + 3),
        "y / (x / y + 3)",
        "y",
        lambda x, y: (x / y + 3 + y * x / y**2) / (x / y + 3) ** 2,
        [],
    ),
)


def _exp_checker(answer: Any) -> tuple[bool, str]:
    return _check_rule(answer, "Exp", EXP_PROBES)


def _div_checker(answer: Any) -> tuple[bool, str]:
    return _check_rule(answer, "Div", DIV_PROBES)


# ---- q8: a memoized diff over shared graphs --------------------------------


def _complex_step(program: Callable[..., Any], point: Point, i: int) -> float:
    """d program / d input i at point, exact to rounding (chapter 02)."""
    z = np.array(point, dtype=complex)
    z[i] += 1e-30j
    return float(np.imag(program(*z)) / 1e-30)


def _exp_chain(x: Any, y: Any) -> Any:
    s = x
    for _ in range(8):
        s = np.exp(s * 0.1) * s
    return s


def _div_chain(x: Any, y: Any) -> Any:
    s = x
    for _ in range(6):
        s = s / (s + 1)
    return s


def _mixed(x: Any, y: Any) -> Any:
    s = x * y
    for _ in range(4):
        s = np.exp(s * 0.25) / (s * s + y)
    return s


def _plain(x: Any, y: Any) -> Any:
    return np.exp(x) * (y / (x + 2))


def _build_exp_chain(names: dict[str, Any], x: Any, y: Any) -> Any:
    s = x
    for _ in range(8):
        s = names["Exp"](s * 0.1) * s
    return s


def _build_div_chain(names: dict[str, Any], x: Any, y: Any) -> Any:
    s = x
    for _ in range(6):
        s = names["Div"](s, s + 1)
    return s


def _build_mixed(names: dict[str, Any], x: Any, y: Any) -> Any:
    s = x * y
    for _ in range(4):
        s = names["Div"](names["Exp"](s * 0.25), s * s + y)
    return s


def _build_plain(names: dict[str, Any], x: Any, y: Any) -> Any:
    return names["Exp"](x) * names["Div"](y, x + 2)


SHARED_PROBES = (
    (_build_plain, _plain, "exp(x) * (y / (x + 2))", ("x", "y")),
    (_build_exp_chain, _exp_chain, "s = exp(s * 0.1) * s, 8 times", ("x",)),
    (_build_div_chain, _div_chain, "s = s / (s + 1), 6 times", ("x",)),
    (
        _build_mixed,
        _mixed,
        "s = x * y; s = exp(s * 0.25) / (s * s + y), 4 times",
        ("x", "y"),
    ),
)
SHARED_POINTS: tuple[Point, ...] = ((0.3, 0.8), (0.9, 1.4))


def _shared_checker(answer: Any) -> tuple[bool, str]:
    if not callable(answer) or isinstance(answer, type):
        return False, (
            "expected your function diff_shared itself; got "
            f"{type(answer).__name__}."
        )
    names = _namespace(answer)
    if names is None:
        return False, "expected a function written with def (or a lambda)."
    for needed in ("Exp", "Div"):
        if not isinstance(names.get(needed), type):
            return False, (
                f"the class {needed} is not defined where your function is: "
                "run the cells of exercises 6 and 7 first."
            )
    leaves = _leaves(names)
    if isinstance(leaves, str):
        return False, leaves
    x, y = leaves
    for build, program, text, wrt in SHARED_PROBES:
        try:
            expr = build(names, x, y)
        except Exception as error:
            return False, (
                f"building {text} with your classes raised "
                f"{type(error).__name__}: {error}"
            )
        size = _graph_size(expr)
        bound = 12 * size
        for name in wrt:
            index = "xy".index(name)
            try:
                derivative = answer(expr, name)
            except NotImplementedError:
                raise NotAnswered from None
            except RecursionError:
                return False, (
                    f"diff_shared on {text} recursed without end: is the memo "
                    "checked before a node is differentiated?"
                )
            except Exception as error:
                return False, (
                    f"diff_shared({text}, {name!r}) raised "
                    f"{type(error).__name__}: {error}"
                )
            if not callable(getattr(derivative, "evaluate", None)):
                return False, (
                    f"diff_shared({text}, {name!r}) returned "
                    f"{type(derivative).__name__}; it must return a tree of "
                    "nodes."
                )
            built = _graph_size(derivative)
            if built > bound:
                return False, (
                    f"for {text} (a graph of {size} nodes) your derivative "
                    f"graph has {built} distinct nodes; differentiating every "
                    f"distinct node once keeps it below {bound}. Is some node "
                    "still differentiated once per use?"
                )
            for point in SHARED_POINTS:
                want = _complex_step(program, point, index)
                try:
                    got = _value_at(derivative, point)
                except Exception as error:
                    return False, (
                        f"evaluating your d/d{name} of {text} raised "
                        f"{type(error).__name__}: {error}"
                    )
                if not _close(got, want):
                    shown, right = _apart(got, want)
                    return False, (
                        f"at {_where(point)} your d/d{name} of {text} is "
                        f"{shown}; expected {right}."
                    )
    return True, ""


q1 = Question(
    "q1",
    number(
        7.0,
        mistakes={
            6.0: "that counts x once, as the graph does; the written-out "
            "tree has a leaf for every use of x.",
            4.0: "those are the leaves only; the three operations are "
            "nodes too.",
            3.0: "those are the operations only; the leaves x, 2, y and x "
            "are nodes too.",
        },
    ),
    hint="Python builds ((x + 2) * y) + x. Count every operation and every "
    "leaf, x once per appearance.",
    solution="+ at the root; its children * and x; the * has children "
    "(x + 2) and y; the inner + has x and 2. That is 3 operations + 4 "
    "leaves = 7 nodes. (The graph has 6: x is one node.)",
)

q2 = Question(
    "q2",
    number(
        21.0,
        mistakes={
            15.0: "that is only a * b' = (x + y) * y; add a' * b = 1 * xy.",
            6.0: "that is only a' * b = xy; add a * b' = (x + y) * y.",
            3.0: "the derivative of a product is not the product of the "
            "derivatives: use a b' + a' b.",
            30.0: "that is f(2, 3) itself, not its derivative.",
            16.0: "that is the partial derivative with respect to y.",
        },
    ),
    hint="a = x + y and b = x * y. Then a' = 1 and b' = y (d/dx). The "
    "product rule: a b' + a' b.",
    solution="At (2, 3): a = 5, b = 6, a' = 1, b' = 3, so "
    "a b' + a' b = 5 * 3 + 1 * 6 = 21. Check: f = x^2 y + x y^2, "
    "df/dx = 2xy + y^2 = 12 + 9 = 21.",
)

q3 = Question(
    "q3",
    choice(
        "b",
        ["a", "b", "c", "d"],
        feedback={
            "a": "folding needs a node whose children are all constants. "
            "The tree is (x * 2) * 3: no node has two constant children, "
            "and the simplifier does not reorder.",
            "c": "the + 0 is removed too: a + 0 -> a.",
            "d": "x * 0 -> 0 removes only that term; the other term stays.",
        },
    ),
    hint="Python builds ((x * 2) * 3) + (x * 0). Simplify from the leaves "
    "up and check which rule matches each node.",
    solution="(b): x * 0 -> 0, then (...) + 0 -> (...). Neither x * 2 nor "
    "(x * 2) * 3 has only constant children, so nothing is folded: "
    "x * 2 * 3.",
)

q4 = Question(
    "q4",
    number(
        45.0,
        mistakes={
            9.0: "that is the count with a memo: each distinct node once. "
            "Without one, every use of s is walked again.",
            21.0: "that is two rounds of s = s * s * y; the loop runs three "
            "times.",
            93.0: "that is four rounds; the loop runs three times.",
            27.0: "the visits do not triple per round: s is used twice "
            "per round, and each round adds two nodes of its own.",
        },
    ),
    hint="A node of a round is Mul(Mul(s, s), y). Without a memo, a visit "
    "to it visits itself, the inner Mul, s twice (with everything below "
    "each) and y. Start from V = 3 for Mul(x, y).",
    solution="V(round) = 3 + 2 V(previous), V(0) = 3 for x * y: 9, 21, 45. "
    "So 45 visits, the size of the written-out tree; with a memo 9, one "
    "per distinct node.",
)

q5 = Question(
    "q5",
    choice(
        "c",
        ["a", "b", "c", "d"],
        feedback={
            "a": "the simplifier barely helps: 20479 nodes remain of 22527 "
            "at k = 10, and diff_shared does not simplify at all.",
            "b": "carrying numbers alone does not help: value_and_diff "
            "without a memo makes 2047 visits at k = 10.",
            "d": "the product rule is used by both; diff_shared applies "
            "exactly the chapter's rules.",
        },
    ),
    hint="Compare diff with diff_shared, and value_and_diff with and "
    "without its memo. What changes between the exponential and the linear "
    "versions?",
    solution="(c): the rules are the same; the exponential versions apply "
    "them once per use of a shared node, the memoized ones once per "
    "distinct node.",
)

q6 = Question(
    "q6",
    _exp_checker,
    hint="A chain-rule node: the outer derivative, written as a tree, times "
    "the child's derivative tree, just like Sin in the chapter. The outer "
    "derivative of e^a is e^a itself.",
    solution="def _exp_diff(self, name):\n"
    "    (a,) = self.children\n"
    "    return Exp(a) * a.diff(name)  # (e^a)' = e^a a'\n\n\n"
    "Exp.diff = _exp_diff",
)

q7 = Question(
    "q7",
    _div_checker,
    hint="Build the quotient rule (a' b - a b') / b^2 as a tree: the "
    "children's derivatives come from a.diff(name) and b.diff(name). The "
    "tree classes have no minus, but -1 * t is a tree.",
    solution="def _div_diff(self, name):\n"
    "    a, b = self.children\n"
    "    da, db = a.diff(name), b.diff(name)\n"
    "    return Div(da * b + -1 * a * db, b * b)  # (a'b - ab') / b^2\n\n\n"
    "Div.diff = _div_diff",
)

q8 = Question(
    "q8",
    _shared_checker,
    hint="The chapter's diff_shared with two more branches. Look the memo "
    "up first; for a new node, get its children's derivatives from "
    "diff_shared (so they land in the memo) and combine them with the rule "
    "of Exp or Div. Keep the node's own children in the new tree.",
    solution="def diff_shared(expr, name, memo=None):\n"
    "    memo = {} if memo is None else memo\n"
    "    if id(expr) not in memo:\n"
    "        kids = expr.children\n"
    "        d = [diff_shared(child, name, memo) for child in kids]\n"
    "        if not kids:\n"
    "            memo[id(expr)] = expr.diff(name)  # c' = 0, x' = 1\n"
    "        elif isinstance(expr, Add):\n"
    "            memo[id(expr)] = d[0] + d[1]  # a' + b'\n"
    "        elif isinstance(expr, Mul):\n"
    "            memo[id(expr)] = kids[0] * d[1] + d[0] * kids[1]\n"
    "        elif isinstance(expr, Exp):\n"
    "            memo[id(expr)] = expr * d[0]  # e^a a', reusing the node\n"
    "        else:  # Div: (a' b - a b') / b^2\n"
    "            a, b = kids\n"
    "            memo[id(expr)] = Div(d[0] * b + -1 * a * d[1], b * b)\n"
    "    return memo[id(expr)]",
)
