"""Pieces for exercises about a tool (a tape, autograd), used by ch07, ch08.

- ``Predict`` is a predict-first question: once the learner has committed
  an answer, ``check`` judges it and then runs the exercise's snippet and
  prints what the library really gives. An unanswered stub reveals
  nothing.
- ``implementation`` checks a function the learner writes around an
  unseen function ``f`` (``grad_at(f, x0)``). Each ``f`` is wrapped in a
  ``Probe`` that records how it was called, so the check can refuse what
  only looks right: ``f`` never called (a formula), called with plain
  numbers (nothing could record it), called away from the point (finite
  differences), called with a tensor that autograd does not track, or its
  output pushed through several backward passes.

No framework is imported here; snippets import theirs when they run.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._convert import describe
from ..quiz import Checker, Question, Verdict, emit, function

_say = emit  # the engine's printer: plain text where ✓ cannot print


def run_snippet(code: str, show: str, imports: Mapping[str, str]) -> str:
    """Run ``code`` in a fresh namespace and describe ``show`` afterwards.

    ``imports`` maps a name to a module ({"tf": "tensorflow"}). Returns
    "show = repr" or "it raises Error: first sentence"; never raises.
    """
    try:
        namespace = {
            name: importlib.import_module(module)
            for name, module in imports.items()
        }
        exec(compile(code, "<snippet>", "exec"), namespace)
        return f"{show} = {eval(show, namespace)!r}"
    except Exception as error:
        first = str(error).split(". ")[0].rstrip(".")
        return f"it raises {type(error).__name__}: {first}."


class Predict(Question):
    """A predict-first question whose check reveals the real run.

    ``snippets`` are (label, code) pairs, shown to the learner exactly as
    written; ``show`` is the expression printed after each one runs.
    """

    def __init__(
        self,
        name: str,
        checker: Checker,
        *,
        snippets: Sequence[tuple[str, str]],
        show: str,
        imports: Mapping[str, str],
        hint: str,
        solution: str,
    ) -> None:
        super().__init__(name, checker, hint=hint, solution=solution)
        # Question reads the chapter from its caller, which is this class
        module = sys._getframe(1).f_globals.get("__name__", "")
        self.chapter = module.rsplit(".ch", 1)[-1] if ".ch" in module else ""
        self.snippets = tuple(snippets)
        self._show = show
        self._imports = dict(imports)

    def reveal(self) -> str:
        """Run every snippet; one line each."""
        lines = [
            (f"  {label} " if label else "  ")
            + run_snippet(code, self._show, self._imports)
            for label, code in self.snippets
        ]
        return "Ran it:\n" + "\n".join(lines)

    def check(self, answer: Any) -> Verdict:
        """Judge ``answer``; once it is committed, show the real run."""
        verdict = super().check(answer)
        if not verdict.message.startswith("…"):
            _say(self.reveal())
        return verdict


def _plain(value: Any) -> bool:
    """A Python or NumPy number, list or array: nothing can track it."""
    if isinstance(value, (bool, int, float, complex, np.generic)):
        return True
    if isinstance(value, np.ndarray):
        return True
    return isinstance(value, (list, tuple)) and all(
        _plain(item) for item in value
    )


def _values(value: Any) -> np.ndarray | None:
    """The numbers inside a tensor, or None when they cannot be read."""
    try:
        if callable(getattr(value, "detach", None)):  # PyTorch
            value = value.detach().cpu().numpy()
        elif callable(getattr(value, "numpy", None)):  # TensorFlow
            value = value.numpy()
        return np.asarray(value, dtype=float)
    except Exception:  # symbolic tensors, objects of the learner's own
        return None


class Probe:
    """An unseen function ``f`` that records how it is called.

    Args:
        f: the function itself.
        point: where the learner's code should evaluate it (None: anywhere,
            as in a descent loop).
        needs_grad: the argument must be a tensor with
            ``requires_grad=True`` (PyTorch).
        count_backward: count the backward passes through ``f``'s output
            (a hook on it, PyTorch).
    """

    def __init__(
        self,
        f: Callable[[Any], Any],
        point: Any = None,
        *,
        needs_grad: bool = False,
        count_backward: bool = False,
    ) -> None:
        self._f = f
        self._point = None if point is None else np.asarray(point, float)
        self._needs_grad = needs_grad
        self._count_backward = count_backward
        self.calls = 0
        self.backward_passes = 0
        self.plain: Any = None
        self.elsewhere: np.ndarray | None = None
        self.untracked: Any = None

    def __call__(self, x: Any) -> Any:
        self.calls += 1
        if _plain(x):
            self.plain = x if self.plain is None else self.plain
        else:
            tracked = getattr(x, "requires_grad", False)
            if self._needs_grad and not tracked and self.untracked is None:
                self.untracked = x
            values = _values(x)
            point = self._point
            if (
                point is not None
                and values is not None
                and self.elsewhere is None
                and (
                    values.shape != point.shape
                    or not np.allclose(values, point, rtol=1e-6, atol=1e-6)
                )
            ):
                self.elsewhere = values
        y = self._f(x)
        if self._count_backward and getattr(y, "requires_grad", False):
            y.register_hook(self._passed)
        return y

    def _passed(self, grad: Any) -> None:
        self.backward_passes += 1

    def problem(self, what: str, tensor_hint: str) -> str:
        """Why the calls show the tool was not used; "" when they do not."""
        if self.calls == 0:
            return (
                f"{what} never called f: the derivative has to come from "
                f"running f on a tracked tensor, not from a formula. "
                f"{tensor_hint}"
            )
        if self.plain is not None:
            return (
                f"{what} called f with {describe(self.plain)}, a plain "
                f"number that nothing can record. {tensor_hint}"
            )
        if self.untracked is not None:
            return (
                f"{what} called f with {describe(self.untracked)} that does "
                "not require gradients, so autograd recorded nothing. "
                f"{tensor_hint}"
            )
        if self.elsewhere is not None:
            shown = np.array2string(self.elsewhere, precision=8)
            return (
                f"{what} also evaluated f at {shown}, away from the point: "
                "that is finite differences. Evaluate f once, at the point, "
                "and let the library differentiate what it recorded."
            )
        if self.backward_passes > 1:
            return (
                f"{what} ran {self.backward_passes} backward passes through "
                "f's output, one per row of the Jacobian. A vector-Jacobian "
                "product needs one: backward(gradient=v)."
            )
        return ""


_FORGOT = "; did you forget `return`?"  # quiz.function's guess at a None


def _integers(point: Any) -> bool:
    """``point`` is made of Python ints (it becomes an int32 tensor)."""
    items = point if isinstance(point, (list, tuple)) else [point]
    return all(isinstance(i, int) and not isinstance(i, bool) for i in items)


@dataclass(frozen=True)
class Case:
    """One unseen function and a point to try it at.

    Attributes:
        f: the function (Python operators, or library calls it imports).
        label: how messages name it, e.g. "f(x) = 0.7x^3 - 1.3x + 2".
        args: the learner's arguments after ``f``, e.g. (x0,) or (x0, v).
        want: the right result there, computed by hand in NumPy.
        point: where ``f`` may be evaluated (None: anywhere).
    """

    f: Callable[[Any], Any]
    label: str
    args: tuple[Any, ...]
    want: Any
    point: Any = None


def implementation(
    cases: Sequence[Case],
    *,
    names: Sequence[str],
    what: str,
    tensor_hint: str,
    none_hint: str = "",
    int_hint: str = "",
    raised_hints: Sequence[tuple[str, str]] = (),
    needs_grad: bool = False,
    count_backward: bool = False,
    mistakes: Sequence[tuple[Callable[..., Any], str]] = (),
    rtol: float = 1e-5,
    atol: float = 1e-6,
) -> Checker:
    """Check ``answer(f, *args)`` on unseen functions, and how it used f.

    The values are judged by ``helpers.quiz.function`` (private copies,
    float32-aware); then the probe of the first call must show the tool at
    work (see ``Probe.problem``). ``none_hint`` is added when the answer
    returned None, ``int_hint`` when an int32 tensor was the trouble, and
    the first of ``raised_hints`` (words of the error, hint) whose words
    appear when the answer raised.
    ``mistakes`` are known wrong functions of the same signature, each with
    the reason a learner writes it.
    """

    def checker(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, (
                "expected a function (a def or a lambda); "
                f"got {describe(answer)}."
            )
        for case in cases:
            probes: list[Probe] = []

            def run(
                *args: Any, case: Case = case, probes: list[Probe] = probes
            ) -> Any:
                probe = Probe(
                    case.f,
                    case.point,
                    needs_grad=needs_grad,
                    count_backward=count_backward,
                )
                probes.append(probe)
                return answer(probe, *args)

            def wrong_at(mistake: Callable[..., Any], case: Case = case):
                return lambda *args: mistake(case.f, *args)

            check = function(
                lambda *args, case=case: case.want,
                [case.args if len(names) > 1 else case.args[0]],
                names=names,
                rtol=rtol,
                atol=atol,
                what=f"{what} for {case.label}",
                mistakes=[(wrong_at(m), why) for m, why in mistakes],
            )
            ok, reason = check(run)
            if not ok and int_hint and "int32" in reason:
                return False, f"{reason} {int_hint}"
            if not ok and " raised " in reason:
                extra = [hint for key, hint in raised_hints if key in reason]
                if extra:
                    stop = "" if reason.rstrip().endswith(".") else "."
                    reason = f"{reason}{stop} {extra[0]}"
                return False, reason
            problem = probes[0].problem(what, tensor_hint) if probes else ""
            if problem:
                return False, f"for {case.label}: {problem}"
            if not ok:
                hint = (int_hint if _integers(case.args[0]) else "") or (
                    none_hint
                )
                if "returned None" in reason and hint:
                    reason = reason.replace(_FORGOT, ".")
                    reason = f"{reason} {hint}"
                return False, reason
        return True, ""

    return checker
