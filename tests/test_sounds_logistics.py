"""The sounds of the airport-and-harbour world (belt, item in, jam, truck) and of the health
lab (fridge, ice crack), listened to the way a pupil hears them.

tests/test_audio.py checks every sound for the basics (a soft valid WAV, no click, no glare,
loops without a seam); here each new sound is checked for its own shape: the belt ticks in a
steady rhythm, a delivery is a low thunk and then a higher chime, a jam is two bumps, the
truck whirrs up and away, the fridge hums low and steadily, the ice crackles and dies away.
"""

from __future__ import annotations

import sys
import wave
from array import array
from pathlib import Path

import numpy as np
import pytest

from game import sound_synth

SOUNDS_DIR = Path(__file__).resolve().parent.parent / "assets" / "sounds"
RATE = sound_synth.SAMPLE_RATE
# name: length in seconds (a loop's length is what makes its partials whole cycles)
NEW = {"belt": 1.2, "item_in": 0.75, "jam": 0.5, "truck": 1.5, "fridge": 1.0, "ice_crack": 0.55}


def read(name: str) -> np.ndarray:
    with wave.open(str(SOUNDS_DIR / f"{name}.wav"), "rb") as w:
        pcm = array("h", w.readframes(w.getnframes()))
    if sys.byteorder != "little":
        pcm.byteswap()
    return np.asarray(pcm, dtype=float) / 32768.0


def rms(x: np.ndarray, start: float, end: float) -> float:
    part = x[int(start * RATE):int(end * RATE)]
    return float(np.sqrt(np.mean(part * part)))


def envelope(x: np.ndarray, window: float = 0.01) -> np.ndarray:
    n = int(window * RATE)
    frames = x[: len(x) // n * n].reshape(-1, n)
    return np.sqrt(np.mean(frames * frames, axis=1))


def main_pitch(x: np.ndarray, start: float, end: float, low: float = 60.0) -> float:
    part = x[int(start * RATE):int(end * RATE)]
    power = np.abs(np.fft.rfft(part * np.hanning(len(part)), n=1 << 16)) ** 2
    freqs = np.fft.rfftfreq(1 << 16, 1.0 / RATE)
    power[freqs < low] = 0.0
    return float(freqs[np.argmax(power)])


@pytest.mark.parametrize("name", NEW)
def test_file_is_what_the_synth_makes_now(name: str) -> None:
    """The WAV in assets is up to date with the generator and of its designed length."""
    assert_file_is_synth(name, NEW[name])


def assert_file_is_synth(name: str, seconds: float) -> None:
    """The WAV of ``name`` in assets is what the generator makes now, ``seconds`` long (the
    sound tests of every world ask this of their new sounds)."""
    path = SOUNDS_DIR / f"{name}.wav"
    assert path.is_file(), f"{path} missing: run python -m game.sound_synth"
    with wave.open(str(path), "rb") as w:
        frames = w.readframes(w.getnframes())
    assert frames == sound_synth.to_pcm16(sound_synth.render(name)), "run python -m game.sound_synth"
    assert len(frames) // 2 == round(seconds * RATE)


def test_belt_and_fridge_are_loops_and_the_rest_play_once() -> None:
    assert {"belt", "fridge"} <= sound_synth.LOOPS
    assert not {"item_in", "jam", "truck", "ice_crack"} & sound_synth.LOOPS


def test_belt_ticks_three_times_a_loop_also_across_the_seam() -> None:
    x = read("belt")
    twice = envelope(np.concatenate([x, x]))  # played as the game loops it
    # The ticks stand out of the rumble: peaks of the envelope, 0.4 s apart, six in two loops.
    loud = np.flatnonzero(twice > 0.6 * twice.max())
    groups = np.split(loud, np.flatnonzero(np.diff(loud) > 5) + 1)
    starts = [g[0] * 0.01 for g in groups]
    assert len(starts) == 6, starts
    assert np.allclose(np.diff(starts), 0.4, atol=0.03), starts
    # Steady: no loop half is much louder than the other, and no silent gap anywhere.
    assert 0.8 < rms(x, 0.0, 0.6) / rms(x, 0.6, 1.2) < 1.25
    assert twice.min() > 0.1 * twice.max()


def test_item_in_is_a_low_thunk_then_a_higher_chime() -> None:
    x = read("item_in")
    assert main_pitch(x, 0.0, 0.06) < 250.0  # the thunk
    chime = main_pitch(x, 0.25, 0.6, low=300.0)
    assert chime == pytest.approx(sound_synth.note("A5"), rel=0.03)
    assert rms(x, 0.6, 0.75) < 0.2 * rms(x, 0.0, 0.1)  # rings out, then quiet


def test_jam_is_two_gentle_bumps_the_second_softer_and_lower() -> None:
    x = read("jam")
    env = envelope(x)
    first, second = env[:15].max(), env[15:30].max()
    assert 0.5 * first < second < first
    assert env[8:15].max() < 0.5 * first  # a gap between the bumps: "bump ... bump"
    assert main_pitch(x, 0.16, 0.3) < main_pitch(x, 0.0, 0.14) < 300.0  # low, never a beep
    assert 20.0 * np.log10(np.abs(x).max()) <= -8.5  # softer than a normal effect


def test_truck_whirrs_up_and_drives_away() -> None:
    x = read("truck")
    assert rms(x, 0.6, 0.9) > 3.0 * rms(x, 0.0, 0.2)  # swells in
    assert rms(x, 0.6, 0.9) > 3.0 * rms(x, 1.3, 1.5)  # and fades away
    early, top, late = (main_pitch(x, 0.2, 0.45), main_pitch(x, 0.8, 1.05),
                        main_pitch(x, 1.2, 1.45))
    assert early < 0.8 * top  # the motor speeds up
    assert late < top  # and sinks a little as it leaves


def test_fridge_hums_low_and_steady() -> None:
    x = read("fridge")
    assert main_pitch(x, 0.0, 1.0) == pytest.approx(110.0, abs=3.0)
    env = envelope(x, 0.05)
    assert env.min() > 0.5 * env.max()  # a throb, never a stutter
    # Not the electric hum: the two loops may sound together and must be told apart.
    hum = read("power_hum")
    assert abs(main_pitch(hum, 0.0, 1.0) - main_pitch(x, 0.0, 1.0)) > 5.0


def test_ice_crack_crackles_and_dies_away() -> None:
    x = read("ice_crack")
    env = envelope(x, 0.005)
    # Several separate crackles: the envelope rises sharply many times.
    rises = np.flatnonzero((env[1:] > 2.0 * env[:-1]) & (env[1:] > 0.05 * env.max()))
    assert len(rises) >= 5
    assert rms(x, 0.0, 0.1) > 4.0 * rms(x, 0.25, 0.4)
    assert rms(x, 0.45, 0.55) < 0.01 * env.max()
