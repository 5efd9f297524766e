"""The fixed step: equal logic steps whatever the frame rate, time moved by hand."""

import pytest

from game.clock import FixedStepClock, ManualTime


def test_counts_whole_steps_and_keeps_the_rest():
    t = ManualTime()
    clock = FixedStepClock(step=0.1, time_source=t)
    t.advance(0.25)
    assert clock.advance() == 2
    assert clock.alpha == pytest.approx(0.5)
    t.advance(0.05)
    assert clock.advance() == 1  # the kept 0.05 plus 0.05 make a step
    assert clock.ticks == 3


def test_no_time_no_steps():
    t = ManualTime(100.0)
    clock = FixedStepClock(step=1 / 60, time_source=t)
    assert clock.advance() == 0
    assert clock.advance() == 0


def test_a_long_stall_is_skipped_not_caught_up():
    t = ManualTime()
    clock = FixedStepClock(step=1 / 60, time_source=t, max_steps=5)
    t.advance(30.0)
    assert clock.advance() == 5
    t.advance(1 / 60)
    assert clock.advance() == 1  # the backlog was dropped


def test_time_going_backwards_is_ignored():
    t = ManualTime(10.0)
    clock = FixedStepClock(step=0.1, time_source=t)
    t.now = 5.0
    assert clock.advance() == 0
    t.advance(0.1)
    assert clock.advance() == 1


def test_reset_forgets_loading_time():
    t = ManualTime()
    clock = FixedStepClock(step=0.1, time_source=t)
    t.advance(0.35)
    clock.reset()
    assert clock.advance() == 0


def test_step_must_be_positive():
    with pytest.raises(ValueError):
        FixedStepClock(step=0)
