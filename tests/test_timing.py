"""helpers.timing: warm-up, repeats in turn, median and range."""

import time

import pytest

import helpers
from helpers.timing import Spread


def test_spread_median_and_range():
    spread = Spread((3.0, 1.0, 2.0, 10.0, 2.5))
    assert (spread.median, spread.low, spread.high) == (2.5, 1.0, 10.0)


def test_spread_formats_median_then_range():
    spread = Spread((0.002, 0.001, 0.004)).scaled(1e3)
    assert f"{spread:.1f}" == "2.0 (1.0\N{EN DASH}4.0)"
    assert str(Spread((1.0,))) == "1 (1\N{EN DASH}1)"


def test_an_empty_spread_is_refused():
    with pytest.raises(ValueError, match="at least one value"):
        Spread(())


def test_time_calls_warms_up_then_times_each_repeat_in_turn():
    order = []
    calls = {"a": lambda: order.append("a"), "b": lambda: order.append("b")}
    times = helpers.time_calls(calls, repeats=3, number=2, warmup=1)
    assert order == ["a", "b"] + ["a", "a", "b", "b"] * 3
    assert set(times) == {"a", "b"}
    assert all(len(t.values) == 3 for t in times.values())


def test_time_calls_measures_seconds_per_call():
    times = helpers.time_calls(
        {"sleep": lambda: time.sleep(0.002)}, repeats=3, number=2
    )
    assert 0.002 <= times["sleep"].low < 1.0


def test_time_calls_refuses_nonsense_counts():
    with pytest.raises(ValueError, match="repeats=0"):
        helpers.time_calls({"a": lambda: None}, repeats=0)


def test_ratio_divides_repeat_by_repeat():
    slow, fast = Spread((4.0, 9.0, 6.0)), Spread((2.0, 3.0, 1.0))
    assert helpers.ratio(slow, fast).values == (2.0, 3.0, 6.0)
    with pytest.raises(ValueError, match="one value per repeat"):
        helpers.ratio(slow, Spread((1.0,)))


def test_time_calls_pauses_the_garbage_collector_and_restores_it():
    import gc

    seen = []
    helpers.time_calls({"f": lambda: seen.append(gc.isenabled())}, warmup=0)
    assert seen and not any(seen)
    assert gc.isenabled()
