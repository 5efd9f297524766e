"""The golden files catch a change to the science rules: a mutant of the leak rule or of the
night rule must make the golden comparison report a difference (and in the right medium).

Each mutant is made from the medium's own rule, not from a copy of it: the leak rule is the
line of ``WaterMedium.step`` that takes a leak's unit off the flow (compiled again with the
unit changed), the night rule is ``PowerMedium._gives`` (a source gives while its driver, the
sun or the wind, is above zero).
"""

from __future__ import annotations

import inspect
import textwrap
from typing import Any

import pytest

from game.sim.media import power, water
from tests import golden_record

LEVELS = golden_record.levels()
#: the line of the water medium that makes a leak cost the flow what the pressure there says
LEAK_LINE = "spilt = min(flow, leak_loss(push))"


def _uses(level, medium: str) -> bool:
    """Whether ``level`` has a part of ``medium`` (placed, or in its parts box): the only
    levels a mutated rule of that medium can change."""
    from game.sim.catalogue import CATALOGUE

    kinds = {p.kind for p in level.parts} | set(level.palette)
    return any(medium in {m.value for m in CATALOGUE[k].media()} for k in kinds)


def _recorded(medium: str) -> dict[str, dict]:
    """Every level with a part of ``medium``, recorded now (with whatever mutation the test
    has made to that medium)."""
    return {level.id: golden_record.record_level(level) for level in LEVELS
            if _uses(level, medium)}


def _differences(medium: str | None = None, own: bool = False,
                 recorded: dict[str, dict] | None = None) -> list[str]:
    """Every level whose recording now differs from its golden file (only in ``medium``'s
    fields when given: the per-medium check of tests/test_golden.py; ``own``: without
    ``producing``, which every medium adds to). ``recorded``: the recordings of
    :func:`_recorded`, when a test compares them more than one way."""
    found = []
    fields = golden_record.medium_fields(medium) if medium else ()
    if own:
        fields = tuple(f for f in fields if f != "producing")
    for level in LEVELS:
        if recorded is not None and level.id not in recorded:
            continue
        expected = golden_record.golden(level)
        got = recorded[level.id] if recorded is not None else golden_record.recorded(level)
        if medium is None:
            diff = golden_record.first_difference(expected, got)
            if diff is not None:
                found.append(f"{level.id}: {diff}")
            continue
        for e_run, g_run in zip(expected["runs"], got["runs"], strict=True):
            if e_run["states"] == g_run["states"]:
                continue  # the same ticks: every field of every tick is the same
            e_ticks = golden_record.expand(e_run["states"])
            g_ticks = golden_record.expand(g_run["states"])
            if any(e.get(f) != g.get(f) for e, g in zip(e_ticks, g_ticks, strict=True)
                   for f in fields):
                found.append(f"{level.id}: {e_run['name']}")
                break
    return found


def _mutated_step(loss: str) -> Any:
    """``WaterMedium.step`` with the leak's loss (the pressure there) replaced by ``loss``
    units a tick, whatever the pressure."""
    source = textwrap.dedent(inspect.getsource(water.WaterMedium.step))
    assert source.count(LEAK_LINE) == 1, (
        "the leak rule's line changed: point LEAK_LINE at the new one")
    namespace: dict[str, Any] = dict(vars(water))
    exec(compile(source.replace(LEAK_LINE, f"spilt = min(flow, {loss})"),  # noqa: S102
                 water.__file__, "exec"), namespace)
    return namespace["step"]


def test_the_unmutated_media_match_the_golden_files():
    assert _differences() == []


@pytest.mark.parametrize("loss", ["0", "1", "2"])
def test_a_mutated_leak_rule_fails_the_golden_comparison(monkeypatch, loss):
    """"1": a leak that loses one unit whatever the pressure (the rule before pumps pushed
    harder) fails on the pump levels; "0" and "2" everywhere."""
    monkeypatch.setattr(water.WaterMedium, "step", _mutated_step(loss))
    now = _recorded("water")
    assert _differences(recorded=now), f"a leak that loses {loss} a tick went unnoticed"
    assert _differences("water", recorded=now), "the water medium's own check did not notice"
    assert _differences("power", own=True, recorded=now) == []  # the other medium held


def test_solar_panels_giving_at_night_fail_the_golden_comparison(monkeypatch):
    monkeypatch.setattr(power.PowerMedium, "_gives", staticmethod(lambda source, weather: True))
    now = _recorded("power")
    assert _differences(recorded=now), "a solar panel giving at night went unnoticed"
    assert _differences("power", recorded=now)
    assert _differences("water", own=True, recorded=now) == []


def test_wind_that_stops_at_night_fails_the_golden_comparison(monkeypatch):
    """The other half of the night rule: a turbine does not care whether it is day."""
    original = power.PowerMedium._gives

    def day_only(source, weather):
        return original(source, weather) and weather.is_day

    monkeypatch.setattr(power.PowerMedium, "_gives", staticmethod(day_only))
    # level by level, up to the first whose power facts differ (any() stops there)
    noticed = any(_differences("power", recorded={level.id: golden_record.record_level(level)})
                  for level in LEVELS if _uses(level, "power"))
    assert noticed, "a wind turbine stopping at night went unnoticed"
