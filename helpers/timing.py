"""One clock for the course's timings: warm up, repeat, keep the spread.

    times = helpers.time_calls({"eager": run_eager, "graph": run_graph})
    speedup = helpers.ratio(times["eager"], times["graph"])
    print(f"{speedup:.1f}")        # 4.2 (3.6–5.1): median (min–max)

The clock is ``time.perf_counter``, the wall-clock time a learner waits.
(``time.process_time`` would add up the CPU time of every thread, and
TensorFlow and PyTorch run several.) Load from other programs slows every
repeat, so the median is reported with its full range, and the calls being
compared are timed in turn, repeat by repeat, so that a busy moment slows
both of them alike.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Spread:
    """Repeated measurements: their median and their range (min to max).

    ``f"{spread:.2f}"`` formats as ``median (min–max)``, for example
    ``2.31 (2.10–2.95)``.
    """

    values: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.values:
            raise ValueError("a Spread needs at least one value; got none.")

    @property
    def median(self) -> float:
        """The middle value, which one slow repeat does not move much."""
        return float(statistics.median(self.values))

    @property
    def low(self) -> float:
        """The smallest value."""
        return float(min(self.values))

    @property
    def high(self) -> float:
        """The largest value."""
        return float(max(self.values))

    def scaled(self, factor: float) -> Spread:
        """Every value times ``factor``: ``scaled(1e3)`` turns s into ms."""
        return Spread(tuple(v * factor for v in self.values))

    def __format__(self, spec: str) -> str:
        return (
            f"{self.median:{spec}} "
            f"({self.low:{spec}}\N{EN DASH}{self.high:{spec}})"
        )

    def __str__(self) -> str:
        return format(self, ".3g")


def time_calls(
    calls: Mapping[str, Callable[[], Any]],
    *,
    repeats: int = 7,
    number: int = 1,
    warmup: int = 1,
) -> dict[str, Spread]:
    """Seconds per call of each function, one value per repeat.

    The garbage collector is paused while timing, as ``timeit`` does.
    Each call is first run ``warmup`` times untimed (first calls pay for
    tracing, caches and lazy imports). Then, ``repeats`` times, each
    function in turn runs ``number`` times in a row:
    value = elapsed / number.

    Args:
        calls: name -> a function of no arguments.
        repeats: timed rounds; the Spread has one value per round.
        number: calls per round, so that a fast call takes long enough to
            be measured.
        warmup: untimed rounds before the first timed one.

    Returns:
        name -> Spread of seconds per call.
    """
    if repeats < 1 or number < 1 or warmup < 0:
        raise ValueError(
            "repeats and number must be at least 1 and warmup at least 0; "
            f"got repeats={repeats}, number={number}, warmup={warmup}."
        )
    for _ in range(warmup):
        for fn in calls.values():
            fn()
    seconds: dict[str, list[float]] = {name: [] for name in calls}
    collecting = gc.isenabled()
    gc.disable()  # as timeit does: a collection would land in one slot
    try:
        for _ in range(repeats):
            for name, fn in calls.items():
                start = time.perf_counter()
                for _ in range(number):
                    fn()
                seconds[name].append((time.perf_counter() - start) / number)
    finally:
        if collecting:
            gc.enable()
    return {name: Spread(tuple(values)) for name, values in seconds.items()}


def ratio(numerator: Spread, denominator: Spread) -> Spread:
    """Repeat-by-repeat ratios numerator[i] / denominator[i].

    The two were timed in turn within each repeat (``time_calls``), so
    each ratio compares calls made under the same load.
    """
    if len(numerator.values) != len(denominator.values):
        raise ValueError(
            "ratio needs one value per repeat on both sides; got "
            f"{len(numerator.values)} and {len(denominator.values)}."
        )
    return Spread(
        tuple(a / b for a, b in zip(numerator.values, denominator.values))
    )
