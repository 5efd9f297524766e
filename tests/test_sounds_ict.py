"""The sounds of the Datacenter (signals and packets), listened to the way a pupil hears them:
a gate or signal lamp switching on ticks like a small relay, a door lock opens with a
"chk-clack", the alarm bell rings a friendly "tring-tring" that dies away, and a packet that
reaches its address blips upwards. tests/test_audio.py checks every sound for the basics (a
soft valid WAV, no click, no glare)."""

from __future__ import annotations

import numpy as np
import pytest

from game import sound_synth
from tests.test_sounds_logistics import (
    assert_file_is_synth,
    envelope,
    main_pitch,
    read,
    rms,
)

RATE = sound_synth.SAMPLE_RATE
NEW = {"relay": 0.08, "door_lock": 0.22, "alarm_bell": 0.55, "packet": 0.12}


def onsets(x: np.ndarray, window: float = 0.01, rise: float = 2.0) -> list[float]:
    """The moments (seconds) where the loudness jumps up: a new strike or knock."""
    e = envelope(x, window)
    return [i * window for i in range(1, len(e)) if e[i] > rise * e[i - 1] and e[i] > 0.3 * e.max()]


@pytest.mark.parametrize("name", NEW)
def test_file_is_what_the_synth_makes_now(name: str) -> None:
    assert_file_is_synth(name, NEW[name])


def test_they_all_play_once() -> None:
    assert not set(NEW) & sound_synth.LOOPS


def test_the_relay_is_a_short_soft_tick_quieter_than_a_switch() -> None:
    x = read("relay")
    assert rms(x, 0.0, 0.02) > 5 * rms(x, 0.04, 0.08)  # over almost at once
    assert 1000.0 < main_pitch(x, 0.0, 0.08, low=600.0) < 2000.0  # light, not a thud
    assert np.abs(x).max() < np.abs(read("toggle")).max()  # heard often: softer than a switch
    assert len(x) < len(read("toggle"))


def test_the_door_lock_goes_chk_then_a_lower_clack() -> None:
    x = read("door_lock")
    assert onsets(x) == pytest.approx([0.07], abs=0.011)  # the clack after the first click
    assert rms(x, 0.0, 0.01) > 0.0 and rms(x, 0.07, 0.09) > 2 * rms(x, 0.0, 0.02)
    assert main_pitch(x, 0.07, 0.2) < 200.0  # the bolt's thud is low
    assert main_pitch(x, 0.0, 0.06, low=600.0) > main_pitch(x, 0.07, 0.2, low=400.0)
    assert rms(x, 0.18, 0.22) < 0.1 * rms(x, 0.07, 0.11)


def test_the_alarm_bell_rings_twice_gently_and_dies_away() -> None:
    x = read("alarm_bell")
    assert main_pitch(x, 0.0, 0.2) == pytest.approx(sound_synth.note("B5"), rel=0.02)
    assert onsets(x, rise=1.8) == pytest.approx([0.24], abs=0.011)  # tring ... tring
    e = envelope(x, 0.01)[:20]
    assert e.min() > 0.15 * e.max()  # a trill, never a gap, while it rings
    assert rms(x, 0.5, 0.55) < 0.15 * rms(x, 0.0, 0.05)  # it stops by itself
    assert 20.0 * np.log10(np.abs(x).max()) <= -8.5  # quieter than the one-shots' usual -6
    # no shrill alarm: nothing above the bell's own few partials
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1.0 / RATE)
    assert power[freqs > 4000].sum() / power.sum() < 0.001


def test_a_packet_blips_upwards_and_is_not_the_lamp_or_the_chime() -> None:
    x = read("packet")
    start, end = main_pitch(x, 0.0, 0.03), main_pitch(x, 0.04, 0.12)
    assert start < end == pytest.approx(990.0, rel=0.02)
    assert rms(x, 0.08, 0.12) < 0.3 * rms(x, 0.0, 0.04)
    assert abs(main_pitch(read("lamp_on"), 0.0, 0.3) - end) > 200.0
