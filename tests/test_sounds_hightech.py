"""The sounds of the Machinefabriek (workbench and gears), listened to the way a pupil hears
them: gears whirr in a steady loop, told apart from the electric hum and the fridge, and the
electromagnet grabs steel with a short metallic clunk. tests/test_audio.py checks every sound
for the basics (a soft valid WAV, no click, no glare, loops without a seam)."""

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
NEW = {"gears": 1.0, "magnet": 0.35}


@pytest.mark.parametrize("name", NEW)
def test_file_is_what_the_synth_makes_now(name: str) -> None:
    assert_file_is_synth(name, NEW[name])


def test_gears_loop_and_the_magnet_plays_once() -> None:
    assert "gears" in sound_synth.LOOPS and "magnet" not in sound_synth.LOOPS


def test_gears_whirr_steadily_and_are_not_the_hum_or_the_fridge() -> None:
    x = read("gears")
    pitch = main_pitch(x, 0.0, 1.0)
    assert pitch == pytest.approx(150.0, abs=3.0)
    for other in ("power_hum", "fridge"):  # loops that may sound together
        assert abs(main_pitch(read(other), 0.0, 1.0) - pitch) > 20.0, other
    twice = envelope(np.concatenate([x, x]), 0.05)  # looped as the game plays it
    assert twice.min() > 0.5 * twice.max()  # a purr, never a stutter or a gap
    assert 0.8 < rms(x, 0.0, 0.5) / rms(x, 0.5, 1.0) < 1.25
    assert 20.0 * np.log10(np.abs(x).max()) <= -11.5  # a long loop: quiet


def test_the_magnet_clunks_and_rings_out() -> None:
    x = read("magnet")
    assert main_pitch(x, 0.0, 0.05) < 300.0  # the knock is low
    assert main_pitch(x, 0.02, 0.2, low=600.0) == pytest.approx(880.0, rel=0.03)  # steel rings
    assert rms(x, 0.25, 0.35) < 0.1 * rms(x, 0.0, 0.05)  # and dies away fast
