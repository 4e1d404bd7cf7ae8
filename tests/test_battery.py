"""The adversarial battery: every question of every chapter against
generated answers.

For each ``Question`` in ``helpers/questions/ch*.py`` the checker's kind and
expected value come from the ``Check`` the factories build (``kind``,
``expected``, ``mistakes``, ``options``); the learner-style right answer
comes from ``RIGHT`` in ``tests/test_questions_chNN.py``.

- Wrong answers must each get a ✗, without the checker raising: the right
  answer perturbed beyond tolerance, its sign flipped, transposed, reordered,
  reshaped, a bool, a complex number, a string, a numeric string, NaN, None,
  each known mistake (whose reason must show).
- The right answer in every reasonable form must get a ✓: int or float,
  0-d and one-element arrays, NumPy, PyTorch, TensorFlow, list, tuple, and
  float32 unless the question demands float64.
- Every function question meets a learner function that scribbles on its
  inputs after computing the right result (✓), and one that changes its
  inputs, then returns garbage (✗); then the right function is checked
  again (✓) and the question's own test points must be unchanged.
- Custom checkers (plain functions written in a chapter) get the garbage
  probes, numeric strings and other forms of RIGHT when RIGHT is plain
  numbers or bools, and the mutation probes when RIGHT is a function:
  there the scribbling right function may get either verdict (some
  exercises hand the learner state to keep, such as the parameters a train
  step updates), but the garbage one must fail and RIGHT must pass again
  afterwards. Mutation probes are skipped when the checker refuses even a
  wrapper that changes nothing (it looks at the function object itself).
- A checker may refuse a function that changes its input if its message
  says so ("changed its input").
- No ✗ message shows two numbers that look the same ("returned 0.5;
  expected 0.5").

``battery_counts()`` runs the battery without pytest and returns the counts
(questions and answers tried per kind and per family of probe) and the
failures; ``python tests/test_battery.py`` prints them.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import importlib
import inspect
import math
import re
import sys
import types
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

import tensorflow as tf  # noqa: E402
import torch  # noqa: E402

from helpers._convert import NotNumbers, read  # noqa: E402
from helpers.quiz import Check, Question  # noqa: E402

CHAPTERS = sorted(p.stem for p in (ROOT / "helpers/questions").glob("ch*.py"))
EPS32 = float(np.finfo(np.float32).eps)


@dataclass
class Probe:
    """One generated answer and what it must get."""

    family: str  # what kind of probe, for the counts
    label: str  # which one, for the failure list
    answer: Any
    right: bool | None  # must get ✓, or ✗, or None: either, without raising
    words: str = ""  # text the ✗ message must contain
    says: tuple[str, ...] = ()  # the ✗ message names what arrived: one of


@dataclass
class Outcome:
    """What the battery found for one question."""

    kind: str
    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


# ---- discovery ------------------------------------------------------------


def _questions() -> Iterator[tuple[str, str, Any]]:
    """(chapter, name, Question or the import error) for every question."""
    for chapter in CHAPTERS:
        try:
            module = importlib.import_module(f"helpers.questions.{chapter}")
        except Exception as error:  # a chapter mid-edit
            yield chapter, "(import)", error
            continue
        for name, value in vars(module).items():
            if isinstance(value, Question):
                yield chapter, name, value


def _right_answers(chapter: str) -> dict[str, Any]:
    """RIGHT of tests/test_questions_chNN.py ({} if it cannot load)."""
    try:
        module = importlib.import_module(f"test_questions_{chapter}")
    except Exception:
        return {}
    return dict(getattr(module, "RIGHT", {}))


QUESTIONS = list(_questions())
IDS = [f"{chapter}-{name}" for chapter, name, _ in QUESTIONS]


# ---- generating answers ---------------------------------------------------


def _just_beyond(check: Check, want: np.ndarray) -> np.ndarray:
    """``want`` moved by three times the question's own tolerance (the
    answer is float64, so no float32 widening applies)."""
    rtol, atol = (
        check.options.get("rtol", 1e-6),
        check.options.get("atol", 1e-9),
    )
    step = 3 * (atol + rtol * np.abs(want))
    return _not_float32(want + step, step)


def _tolerance(check: Check, want: np.ndarray) -> np.ndarray:
    """A step beyond the widest tolerance (float32's included)."""
    rtol = max(check.options.get("rtol", 1e-6), 80 * EPS32)
    atol = max(check.options.get("atol", 1e-9), 8 * EPS32)
    return 10 * (atol + rtol * np.abs(want)) + 1e-3 * np.abs(want)


def _not_float32(value: np.ndarray, step: np.ndarray) -> np.ndarray:
    """Nudge values that float32 holds exactly, so no probe passes for
    being a float32 result."""
    exact = value.astype(np.float32).astype(float) == value
    return np.where(
        exact & (value != np.round(value)), value + step / 7, value
    )


def _rounded32(values: Any, ulps: int = 32) -> np.ndarray:
    """``values`` in float32, moved by ``ulps`` units in the last place: a
    float32 result with the rounding error of a short computation (about
    4e-6 relative, above float64 tolerances, within float32's)."""
    out = np.asarray(values, dtype=np.float32)
    for _ in range(ulps):
        out = np.nextafter(out, np.float32(np.inf))
    return out


def _float32_probes(check: Check, values: Any) -> list[Probe]:
    """A float32 answer with rounding error: right where the question
    allows float32, refused with a float32 note where it demands float64."""
    if not np.any(np.asarray(values) != 0):
        return []
    if check.options.get("float64"):
        return [
            Probe(
                "float32",
                "rounded float32",
                _rounded32(values),
                False,
                "float32 precision",
            )
        ]
    return [
        Probe("float32", "rounded float32", _rounded32(values), True),
        Probe(
            "float32",
            "rounded torch float32",
            torch.tensor(_rounded32(values)),
            True,
        ),
        Probe(
            "float32",
            ".item() of a rounded float32",
            _rounded32(values).tolist(),
            True,
        ),
    ]


def _digits(values: np.ndarray) -> list[str]:
    """Numeric strings a learner might type: '27', '27.0', '24', '42'."""
    flat = [f"{v:g}" for v in values.reshape(-1)]
    found = {" ".join(flat), ", ".join(flat), "".join(flat)}
    found |= {"".join(flat[::-1]), str(values.tolist())}
    if len(flat) == 1:
        found |= {repr(float(values.reshape(-1)[0]))}
    return sorted(found)


def _bool_forms(flags: np.ndarray) -> list[Any]:
    return [
        flags.tolist(),
        np.asarray(flags),
        torch.tensor(flags),
        tf.constant(flags),
    ]


def _garbage() -> list[Probe]:
    """What every question must refuse, whatever it asks."""
    cases: list[tuple[str, str, Any]] = [
        ("none", "None", None),
        ("none", "empty dict", {}),
        ("none", "an object", object()),
        ("bool", "True", True),
        ("bool", "False", False),
        ("bool", "np.array(True)", np.array(True)),
        ("bool", "torch.tensor(True)", torch.tensor(True)),
        ("bool", "tf.constant(True)", tf.constant(True)),
        ("complex", "1+1j", 1 + 1j),
        ("complex", "np.complex128(1)", np.complex128(1)),
        ("complex", "torch complex", torch.tensor(1 + 0j)),
        ("string", "'garbage'", "garbage"),
        ("string", "tf.constant('3')", tf.constant("3")),
        ("nan", "nan", math.nan),
        ("nan", "np.array([nan])", np.array([math.nan])),
    ]

    def raises(*args: Any) -> Any:
        raise ValueError("a learner's bug")

    cases += [
        ("function garbage", "a function that raises", raises),
        ("function garbage", "returns nan", lambda *a: math.nan),
        ("function garbage", "returns a string", lambda *a: "1.0"),
        ("function garbage", "returns a bool", lambda *a: True),
        ("function garbage", "returns complex", lambda *a: 1 + 0j),
    ]
    return [
        Probe(f, label, a, False, says=_SAYS.get(f, ()))
        for f, label, a in cases
    ]


# Words a refusal uses to say what arrived.
_SAYS = {
    "bool": ("bool",),
    "complex": ("complex",),
    "string": ("str",),
    "numeric string": ("str",),
}


def _scribble(value: Any) -> None:
    """Overwrite an argument in place, as a careless learner might."""
    if isinstance(value, np.ndarray) and value.flags.writeable:
        value[...] = 123.0 if value.dtype.kind in "fc" else 7
    elif isinstance(value, torch.Tensor):
        with torch.no_grad():
            value.fill_(123.0)
    elif isinstance(value, tf.Variable):
        value.assign(tf.fill(tf.shape(value), tf.cast(123, value.dtype)))
    elif isinstance(value, list):
        for item in value:
            _scribble(item)
        value.append(123.0)
    elif isinstance(value, dict):
        for item in value.values():
            _scribble(item)
        value["scribbled"] = 123.0


def _like(
    right_fn: Callable[..., Any],
    body: Callable[[Callable[..., Any], tuple, dict], Any],
) -> Callable[..., Any]:
    """A function that looks like ``right_fn`` (same globals, name and
    signature) and runs ``body(right_fn, args, kwargs)`` when called."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return body(right_fn, args, kwargs)

    if inspect.isfunction(right_fn):
        wrapper = types.FunctionType(
            wrapper.__code__,
            right_fn.__globals__,
            right_fn.__name__,
            None,
            wrapper.__closure__,
        )
    return functools.update_wrapper(wrapper, right_fn)


def _passes_through(f: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
    return f(*args, **kwargs)


def _scribbles_after(f: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
    result = f(*args, **kwargs)
    if isinstance(result, torch.Tensor):
        result = result.detach().clone()
    elif isinstance(result, (np.ndarray, list, tuple, dict)):
        with contextlib.suppress(Exception):  # numbers, not a graph of nodes
            result = copy.deepcopy(result)
    for arg in (*args, *kwargs.values()):
        _scribble(arg)
    return result


def _sabotages(f: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
    for arg in (*args, *kwargs.values()):
        _scribble(arg)
    try:
        read(f(*args, **kwargs))
    except Exception:
        pass
    return math.nan


def _mutation_probes(
    right_fn: Callable[..., Any], factory: bool
) -> list[Probe]:
    """A right function that scribbles on its inputs afterwards (✓ from the
    ``function`` factory; a custom checker may refuse it, since some
    exercises hand the learner state to keep, such as the parameters a
    train step updates) and one that scribbles first, then returns
    garbage (✗)."""
    return [
        Probe(
            "mutation",
            "right, then scribbles on its input",
            _like(right_fn, _scribbles_after),
            True if factory else None,
        ),
        Probe(
            "mutation",
            "scribbles on its input, returns garbage",
            _like(right_fn, _sabotages),
            False,
        ),
    ]


def _aligning_probe(check: Check, right_fn: Callable[..., Any]) -> list[Probe]:
    """ch10's cheat: copy the first array argument over the others, then
    return the right value for the changed data. It must fail wherever that
    changes the value."""

    def align(args: tuple[Any, ...]) -> tuple[Any, ...]:
        first = next((a for a in args if isinstance(a, np.ndarray)), None)
        for arg in args:
            if (
                isinstance(arg, np.ndarray)
                and first is not None
                and arg.shape == first.shape
                and arg is not first
            ):
                arg[...] = first
        return args

    def cheat(*args: Any) -> Any:
        return right_fn(*align(args))

    def value(args: tuple[Any, ...]) -> np.ndarray:
        return read(right_fn(*args)).values

    changes = any(
        not np.allclose(
            value(copy.deepcopy(p)), value(align(copy.deepcopy(p)))
        )
        for p in check.options["points"]
    )
    if not changes:
        return []
    return [Probe("mutation", "copies a over b, then answers", cheat, False)]


def _number_probes(check: Check) -> list[Probe]:
    e = float(check.expected)
    want = np.asarray(e)
    step = float(_tolerance(check, want))
    probes = [
        Probe(
            "perturbed",
            "3 x tolerance",
            float(_just_beyond(check, want)),
            False,
        ),
        Probe(
            "perturbed",
            "+tolerance",
            float(_not_float32(want + step, want * 0 + step)),
            False,
        ),
        Probe(
            "perturbed",
            "-tolerance",
            float(_not_float32(want - step, want * 0 + step)),
            False,
        ),
        Probe("shape", "[e, e]", [e, e], False),
        Probe("shape", "(2, 1) column", np.full((2, 1), e), False),
        Probe("bool", "[True]", [True], False),
        Probe("bool", "np.array([e != 0])", np.array([e != 0]), False),
        Probe("complex", "complex(e)", complex(e), False),
        Probe("complex", "complex(e, 1)", complex(e, 1), False),
        Probe("complex", "np.complex128(e)", np.complex128(e), False),
        Probe("complex", "np.array([e + 0j])", np.array([e + 0j]), False),
        Probe("complex", "tf complex", tf.constant(e, tf.complex128), False),
        Probe("string", "tf.constant(str(e))", tf.constant(str(e)), False),
        Probe("nan", "inf", math.inf, False),
        Probe("nan", "torch nan", torch.tensor(math.nan), False),
    ]
    if e != 0:
        probes.append(Probe("sign", "-e", -e, False))
    probes += _float32_probes(check, e)
    probes += [
        Probe("numeric string", repr(s), s, False, says=("str",))
        for s in _digits(want)
    ]
    probes += [
        Probe("mistake", f"mistake {v!r}", v, False, why)
        for v, why in check.mistakes
    ]
    forms: list[tuple[str, Any]] = [
        ("float", e),
        ("np.float64", np.float64(e)),
        ("0-d array", np.array(e)),
        ("(1,) array", np.array([e])),
        ("list", [e]),
        ("tuple", (e,)),
        ("torch float64", torch.tensor(e, dtype=torch.float64)),
        ("torch (1,) float64", torch.tensor([e], dtype=torch.float64)),
        (
            "torch requires_grad",
            torch.tensor(e, dtype=torch.float64, requires_grad=True),
        ),
        ("tf float64", tf.constant(e, tf.float64)),
        ("tf.Variable float64", tf.Variable(e, dtype=tf.float64)),
        ("list of a torch scalar", [torch.tensor(e, dtype=torch.float64)]),
    ]
    if e == round(e) and abs(e) < 2**31:
        forms += [
            ("int", int(e)),
            ("np.int64", np.int64(e)),
            ("torch int", torch.tensor(int(e))),
            ("tf int32", tf.constant(int(e))),
        ]
    if not check.options.get("float64"):
        forms += [
            ("np.float32", np.float32(e)),
            ("torch float32", torch.tensor(e, dtype=torch.float32)),
            ("tf float32", tf.constant(e, tf.float32)),
            (".item() of float32", float(np.float32(e))),
        ]
    return probes + [Probe("form", label, a, True) for label, a in forms]


def _array_probes(check: Check) -> list[Probe]:
    E = np.asarray(check.expected, dtype=float)
    step = _tolerance(check, E)
    first, last = np.zeros(E.size), np.zeros(E.size)
    first[0], last[-1] = 1, 1
    probes = [
        Probe("perturbed", "3 x tolerance", _just_beyond(check, E), False),
        Probe(
            "perturbed",
            "entry 0 + tolerance",
            _not_float32(E + step * first.reshape(E.shape), step),
            False,
        ),
        Probe(
            "perturbed",
            "last entry - tolerance",
            _not_float32(E - step * last.reshape(E.shape), step),
            False,
        ),
        Probe("shape", "one entry more", np.append(E.reshape(-1), 1.0), False),
        Probe("shape", "as a column", E.reshape(-1, 1), False),
        Probe("shape", "with a leading axis", E[None], False),
        Probe("bool", "E != 0", E != 0, False),
        Probe("bool", "torch bools", torch.tensor(E != 0), False),
        Probe("bool", "list of bools", (E != 0).tolist(), False),
        Probe("complex", "E + 0j", E + 0j, False),
        Probe("complex", "torch complex", torch.tensor(E + 1j), False),
        Probe("complex", "tf complex", tf.constant(E + 0j), False),
        Probe("string", "strings", E.astype(str), False),
        Probe("string", "tf strings", tf.constant(E.astype(str)), False),
        Probe(
            "nan",
            "nan in entry 0",
            np.where(first.reshape(E.shape) == 1, np.nan, E),
            False,
        ),
        Probe("nan", "all nan", np.full(E.shape, np.nan), False),
    ]
    if E.size > 1:
        probes.append(
            Probe("shape", "one entry less", E.reshape(-1)[:-1], False)
        )
    if E.ndim > 1:
        probes.append(Probe("shape", "flattened", E.reshape(-1), False))
    if np.any(E != 0):
        probes.append(Probe("sign", "-E", -E, False))
    probes += _float32_probes(check, E)
    if E.ndim == 2 and (E.shape[0] != E.shape[1] or not np.allclose(E.T, E)):
        probes.append(Probe("transposed", "E.T", E.T, False))
    if E.ndim >= 1 and not np.array_equal(E[::-1], E):
        probes.append(Probe("reordered", "E[::-1]", E[::-1], False))
    probes += [
        Probe("numeric string", repr(s), s, False, says=("str",))
        for s in _digits(E)
    ]
    probes += [
        Probe("mistake", f"mistake {np.asarray(v).tolist()}", v, False, why)
        for v, why in check.mistakes
    ]
    forms: list[tuple[str, Any]] = [
        ("float64 array", E),
        ("nested list", E.tolist()),
        ("nested tuple", _tuples(E.tolist())),
        ("torch float64", torch.tensor(E, dtype=torch.float64)),
        (
            "torch requires_grad",
            torch.tensor(E, dtype=torch.float64, requires_grad=True),
        ),
        ("tf float64", tf.constant(E, tf.float64)),
        ("tf.Variable", tf.Variable(E, dtype=tf.float64)),
    ]
    if E.ndim == 1:
        forms += [
            (
                "list of torch scalars",
                [torch.tensor(v, dtype=torch.float64) for v in E],
            ),
            ("list of tf scalars", [tf.constant(v, tf.float64) for v in E]),
            ("list of numpy scalars", [np.float64(v) for v in E]),
        ]
    if np.all(E == np.round(E)):
        forms += [
            ("int array", E.astype(int)),
            ("torch int", torch.tensor(E.astype(int))),
        ]
    if E.size == 1:
        forms += [("one number", float(E.reshape(-1)[0]))]
    if not check.options.get("float64"):
        forms += [
            ("float32 array", E.astype(np.float32)),
            ("torch float32", torch.tensor(E, dtype=torch.float32)),
            ("tf float32", tf.constant(E, tf.float32)),
        ]
    return probes + [Probe("form", label, a, True) for label, a in forms]


def _tuples(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def _booleans_probes(check: Check) -> list[Probe]:
    flags = np.asarray(check.expected, dtype=bool)
    flat = flags.reshape(-1)
    probes = [
        Probe("perturbed", "all flipped", (~flags).tolist(), False),
        Probe(
            "string", "letters", "".join("TF"[int(not f)] for f in flat), False
        ),
        Probe("string", "strings", [str(bool(f)) for f in flat], False),
        Probe("complex", "complex", [complex(f) for f in flat], False),
        Probe("nan", "nan", [math.nan] * flat.size, False),
        Probe("perturbed", "2s", [2] * flat.size, False),
    ]
    for k in range(flat.size):
        flipped = flat.copy()
        flipped[k] = not flipped[k]
        probes.append(
            Probe(
                "perturbed",
                f"entry {k} flipped",
                flipped.reshape(flags.shape).tolist(),
                False,
            )
        )
    if flags.ndim:
        probes += [
            Probe("shape", "one entry less", flat[:-1].tolist(), False),
            Probe("shape", "one entry more", [*flat.tolist(), True], False),
        ]
    forms = [("bools", a) for a in _bool_forms(flags)]
    forms.append(("0 and 1", flags.astype(int).tolist()))
    if flags.ndim == 1:
        forms += [
            ("list of torch bools", [torch.tensor(f) for f in flat]),
            ("list of tf bools", [tf.constant(f) for f in flat]),
            ("tuple of numpy bools", tuple(np.bool_(f) for f in flat)),
        ]
    return probes + [Probe("form", label, a, True) for label, a in forms]


def _shape_probes(check: Check) -> list[Probe]:
    t = tuple(check.expected)
    probes = [
        Probe("shape", "one axis more", (*t, 1), False),
        Probe("bool", "bools", tuple(True for _ in t) or (True,), False),
        Probe(
            "complex",
            "complex sizes",
            tuple(complex(n) for n in t) or (1j,),
            False,
        ),
        Probe("string", "str(t)", str(t), False),
        Probe("numeric string", "sizes joined", ", ".join(map(str, t)), False),
        Probe(
            "nan",
            "nan sizes",
            tuple(math.nan for _ in t) or (math.nan,),
            False,
        ),
        Probe(
            "perturbed",
            "half sizes",
            tuple(n + 0.5 for n in t) or (0.5,),
            False,
        ),
    ]
    for axis in range(len(t)):
        bigger = list(t)
        bigger[axis] += 1
        probes.append(
            Probe("perturbed", f"axis {axis} + 1", tuple(bigger), False)
        )
    if len(t) > 1:
        probes.append(Probe("shape", "one axis less", t[:-1], False))
    if t[::-1] != t:
        probes.append(Probe("transposed", "reversed", t[::-1], False))
    probes += [
        Probe("mistake", f"mistake {v}", v, False, why)
        for v, why in check.mistakes
    ]
    forms: list[tuple[str, Any]] = [
        ("tuple", t),
        ("list", list(t)),
        ("np.array", np.array(t, dtype=int)),
        ("floats", tuple(float(n) for n in t)),
        ("torch.Size", torch.Size(t)),
        ("tf.TensorShape", tf.TensorShape(t)),
        ("numpy ints", tuple(np.int64(n) for n in t)),
    ]
    if len(t) == 1:
        forms.append(("an int", t[0]))
    return probes + [Probe("form", label, a, True) for label, a in forms]


def _choice_probes(check: Check) -> list[Probe]:
    c = str(check.expected)
    options = list(check.options["options"])
    notes = dict(check.mistakes)
    strict = len({o.lower() for o in options}) < len(options)
    probes = [
        Probe("option", f"option {o!r}", o, False, notes.get(o, ""))
        for o in options
        if (o if strict else o.lower()) != (c if strict else c.lower())
    ]
    outside = next(w for w in ("z", "zz", "none of these") if w not in options)
    probes += [
        Probe("string", "not an option", outside, False),
        Probe("string", "empty", "", False),
        Probe("string", "bytes", c.encode(), False),
        Probe("shape", "[c]", [c], False),
        Probe("numeric string", "'1'", "1", False),
        Probe("nan", "nan", math.nan, False),
        Probe("complex", "1j", 1j, False),
    ]
    forms = [
        c,
        f" {c} ",
        f"({c})",
        f"{c}.",
        f"'{c}'",
        f'"{c}"',
        f"{c})",
        np.str_(c),
    ]
    if not strict:
        forms += [c.upper(), c.lower()]
    return probes + [Probe("form", repr(f), f, True) for f in forms]


def _result_forms(right_fn: Callable[..., Any], check: Check) -> list[Probe]:
    """The right function returning its result in other forms."""

    def returning(convert: Callable[[np.ndarray], Any]) -> Callable[..., Any]:
        return lambda *a: convert(read(right_fn(*a)).values)

    forms: list[tuple[str, Callable[[np.ndarray], Any]]] = [
        ("torch float64", lambda v: torch.tensor(v, dtype=torch.float64)),
        ("tf float64", lambda v: tf.constant(v, tf.float64)),
        ("list", lambda v: v.tolist() if v.ndim else [float(v)]),
        ("(1,) or same", lambda v: v.reshape(-1) if v.size == 1 else v),
    ]
    if not check.options.get("float64"):
        forms += [
            ("float32", lambda v: v.astype(np.float32)),
            ("torch float32", lambda v: torch.tensor(v, dtype=torch.float32)),
        ]
    return [Probe("form", label, returning(f), True) for label, f in forms]


def _function_probes(
    check: Check, right_fn: Callable[..., Any]
) -> list[Probe]:
    def changed(convert: Callable[[np.ndarray], Any]) -> Callable[..., Any]:
        return lambda *a: convert(read(right_fn(*a)).values)

    probes = [
        Probe(
            "perturbed",
            "beyond tolerance",
            changed(lambda v: v + 0.1 * np.abs(v) + 0.1),
            False,
        ),
        Probe(
            "sign",
            "negated (or shifted where 0)",
            changed(lambda v: -v if np.any(v != 0) else v + 1),
            False,
        ),
        Probe(
            "shape", "two copies", changed(lambda v: np.stack([v, v])), False
        ),
        Probe("bool", "bools", changed(lambda v: v > 0), False),
        Probe("complex", "complex", changed(lambda v: v + 0j), False),
        Probe("string", "str(result)", changed(str), False),
        Probe("nan", "nan", changed(lambda v: v * np.nan), False),
        Probe("none", "returns None", lambda *a: None, False),
    ]
    probes += [
        Probe(
            "mistake", f"mistake {getattr(f, '__name__', 'f')}", f, False, why
        )
        for f, why in check.mistakes
    ]
    probes += [Probe("form", "the right function", right_fn, True)]
    rounded = _float32_probes(check, 1.0)
    if rounded:
        probes.append(
            Probe(
                "float32",
                "returns float32 with rounding error",
                changed(_rounded32),
                rounded[0].right,
                rounded[0].words,
            )
        )
    probes += _result_forms(right_fn, check)
    return probes


# ---- running --------------------------------------------------------------

_LOOK_ALIKE = re.compile(
    r"(?:returned|is) (-?[\d.e+\-]+)[,;] expected (-?[\d.e+\-]+)"
)


# A checker may refuse a function that changes its input, if it says so
# (ch00 q12: to_numpy must only read its input).
_NAMES_IT = "changed its input"


def _judge(question: Question, probe: Probe) -> str:
    """ "" if the question treats the probe as it must, else what happened."""
    verdict = question.verdict(probe.answer)
    message = verdict.message
    if "could not be checked" in message:
        return f"the checker raised: {message}"
    if probe.right is None:
        return ""
    if probe.right:
        if verdict.ok or (probe.family == "mutation" and _NAMES_IT in message):
            return ""
        return f"right answer refused: {message}"
    if verdict.ok:
        return "wrong answer accepted (✓)"
    if not message.startswith("✗"):
        return f"no ✗: {message}"
    if probe.words and probe.words not in message:
        return f"the mistake's reason is missing: {message}"
    if probe.says and not any(word in message for word in probe.says):
        return f"the message does not say what arrived: {message}"
    for a, b in _LOOK_ALIKE.findall(message):
        if a.rstrip(".") == b.rstrip("."):
            return f"two numbers look the same: {message}"
    return ""


def _custom_forms(right: Any) -> list[Probe]:
    """A custom checker's numeric or True/False RIGHT answer, in the forms
    of the other libraries."""
    try:
        values = read(right).values
    except NotNumbers:
        flags = read(right, booleans=True).values
        forms = [("bools", a) for a in _bool_forms(flags)]
        if flags.ndim == 1:
            forms += [
                ("list of torch bools", [torch.tensor(f) for f in flags]),
                ("list of tf bools", [tf.constant(f) for f in flags]),
            ]
        return [Probe("form", label, a, True) for label, a in forms]
    forms = [
        ("float64 array", values),
        ("torch float64", torch.tensor(values, dtype=torch.float64)),
        ("tf float64", tf.constant(values, tf.float64)),
    ]
    if values.ndim == 1:
        forms += [
            ("list", values.tolist()),
            ("list of torch scalars", [torch.tensor(v) for v in values]),
        ]
    return [Probe("form", label, a, True) for label, a in forms]


def _plain(value: Any) -> bool:
    """``value`` is plain numbers or bools (a Python number, list, tuple or
    NumPy value), not an object a custom checker may want as it is."""
    if not isinstance(value, (int, float, list, tuple, np.ndarray)):
        return False
    try:
        read(value, booleans=True)
    except (NotNumbers, TypeError, ValueError):
        try:
            read(value)
        except (NotNumbers, TypeError, ValueError):
            return False
    return True


def _snapshot(check: Check) -> Any:
    return copy.deepcopy(check.options.get("points"))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    try:
        return bool(np.array_equal(read(a).values, read(b).values))
    except (NotNumbers, TypeError, ValueError):
        return a is b or a == b


def run_question(chapter: str, name: str, question: Any) -> Outcome:
    """Every probe against one question."""
    if not isinstance(question, Question):
        outcome = Outcome("import")
        outcome.failures.append(f"{chapter}: cannot import: {question!r}")
        return outcome
    check = question.checker
    right = _right_answers(chapter).get(name, None)
    kind = check.kind if isinstance(check, Check) else "custom"
    outcome = Outcome(kind)
    probes = _garbage()
    if kind == "number":
        probes += _number_probes(check)
    elif kind == "array":
        probes += _array_probes(check)
    elif kind == "booleans":
        probes += _booleans_probes(check)
    elif kind == "shape":
        probes += _shape_probes(check)
    elif kind == "choice":
        probes += _choice_probes(check)
    elif kind == "function":
        probes += _function_probes(check, right or check.expected)
    if right is not None:
        probes.append(
            Probe("form", "RIGHT of the chapter's tests", right, True)
        )
        if isinstance(right, np.ndarray) or not callable(right):
            try:
                values = read(right).values
                probes += [
                    Probe("numeric string", repr(s), s, False, says=("str",))
                    for s in _digits(values)
                ]
            except NotNumbers:
                pass
    if kind == "custom" and _plain(right):
        probes += _custom_forms(right)
    right_fn = right if callable(right) else None
    if kind == "function":
        right_fn = right_fn or check.expected
    if right_fn is not None and not question.verdict(
        _like(right_fn, _passes_through)
    ):
        # The checker looks at the function object itself (a class, a
        # decorator, its globals): a wrapper cannot stand in for it.
        outcome.counts["mutation skipped"] += 1
        right_fn = None
    if right_fn is not None:
        before = _snapshot(check) if isinstance(check, Check) else None
        probes += _mutation_probes(right_fn, kind == "function")
        if kind == "function":
            probes += _aligning_probe(check, right_fn)
            probes.append(
                Probe(
                    "mutation",
                    "wrong again after the mutations",
                    probes[
                        next(
                            i
                            for i, p in enumerate(probes)
                            if p.family == "perturbed"
                        )
                    ].answer,
                    False,
                )
            )
        probes.append(
            Probe(
                "mutation", "right again after the mutations", right_fn, True
            )
        )
    # A refusal must name what arrived where numbers are asked for.
    wants_function = kind == "function" or callable(right)
    wants_numbers = kind in ("number", "array", "shape", "booleans") or (
        kind == "custom" and _plain(right)
    )
    for probe in probes:
        if probe.family == "function garbage":
            named = wants_function
        else:
            named = wants_numbers and not callable(probe.answer)
        probe.says = _SAYS.get(probe.family, ()) if named else ()
        if kind == "booleans" and probe.family == "bool":
            probe.says = ()
        outcome.counts[probe.family] += 1
        problem = _judge(question, probe)
        if problem:
            outcome.failures.append(
                f"{chapter} {name} ({kind}) [{probe.family}: {probe.label}]"
                f" {problem}"
            )
    if right_fn is not None and isinstance(check, Check):
        if not _same(before, _snapshot(check)):
            outcome.failures.append(
                f"{chapter} {name}: the test points changed"
            )
    return outcome


_OUTCOMES: dict[str, Outcome] = {}


def outcome_of(index: int) -> Outcome:
    key = IDS[index]
    if key not in _OUTCOMES:
        _OUTCOMES[key] = run_question(*QUESTIONS[index])
    return _OUTCOMES[key]


def battery_counts() -> dict[str, Any]:
    """Run (or reuse) the whole battery; return its counts and failures.

    Returns:
        {"questions": n, "answers": n, "kinds": {kind: {"questions": n,
        "answers": n, "families": {family: n}}}, "failures": [...]}
    """
    kinds: dict[str, dict[str, Any]] = {}
    failures: list[str] = []
    for index in range(len(QUESTIONS)):
        outcome = outcome_of(index)
        entry = kinds.setdefault(
            outcome.kind, {"questions": 0, "answers": 0, "families": Counter()}
        )
        entry["questions"] += 1
        entry["answers"] += sum(
            n for f, n in outcome.counts.items() if f != "mutation skipped"
        )
        entry["families"].update(outcome.counts)
        failures += outcome.failures
    return {
        "questions": sum(k["questions"] for k in kinds.values()),
        "answers": sum(k["answers"] for k in kinds.values()),
        "kinds": kinds,
        "failures": failures,
    }


def summary(counts: dict[str, Any]) -> str:
    """One line per kind, then the total."""
    lines = []
    for kind, entry in sorted(counts["kinds"].items()):
        families = ", ".join(
            f"{f} {n}" for f, n in sorted(entry["families"].items())
        )
        lines.append(
            f"  {kind}: {entry['questions']} questions x "
            f"{entry['answers']} answers ({families})"
        )
    lines.append(
        f"battery: {counts['questions']} questions, {counts['answers']} "
        f"answers tried, {len(counts['failures'])} failures"
    )
    return "\n".join(lines)


# ---- the tests ------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(QUESTIONS)), ids=IDS)
def test_question_survives_the_battery(index):
    outcome = outcome_of(index)
    assert not outcome.failures, "\n".join(outcome.failures)


def test_every_question_met_every_family(capsys):
    counts = battery_counts()
    with capsys.disabled():  # the counts belong in the test log
        print("\n" + summary(counts))
    assert counts["questions"] >= 100
    needed = {
        "number": {"form", "perturbed", "sign", "shape", "mistake", "float32"},
        "array": {
            "form",
            "perturbed",
            "sign",
            "shape",
            "reordered",
            "float32",
        },
        "shape": {"form", "perturbed", "transposed", "shape"},
        "choice": {"form", "option"},
        "function": {"form", "perturbed", "sign", "mutation", "float32"},
        "custom": {"function garbage"},
    }
    for kind, entry in counts["kinds"].items():
        families = set(entry["families"]) | {"import"}
        wanted = {"bool", "complex", "string", "nan", "none"}
        wanted |= needed.get(kind, set())
        assert kind == "import" or wanted <= families, (
            kind,
            wanted - families,
        )


if __name__ == "__main__":
    found = battery_counts()
    print("\n".join(found["failures"]))
    print(summary(found))
