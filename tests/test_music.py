"""The background music: synthesized by us, deterministic, seamless, quiet, and in its place.

The loops are judged as a listener would: the committed files are exactly what the synth
makes (so they are ours and can be regenerated), they loop without a click, they are soft,
and the game plays the menu loop on menus, the play loop while playing, none for the teacher,
and nothing when muted or at music volume 0.
"""

from __future__ import annotations

import math
import sys
import time
import wave
from array import array
from pathlib import Path

import numpy as np  # the tests' spectrum checks only; numpy is no game dependency
import pygame
import pytest

from game import sound_synth

MUSIC_DIR = Path(__file__).resolve().parent.parent / "assets" / "sounds" / "music"


def read(path: Path) -> tuple[wave._wave_params, list[float]]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        pcm = array("h", w.readframes(w.getnframes()))
    if sys.byteorder != "little":
        pcm.byteswap()
    return params, [s / 32768.0 for s in pcm]


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[float]]:
    return {name: sound_synth.render_music(name) for name in sound_synth.MUSIC}


def test_there_is_a_menu_loop_and_a_play_loop() -> None:
    assert set(sound_synth.MUSIC) == {"menu", "play"}


@pytest.mark.parametrize("name", ["menu", "play"])
def test_committed_music_is_exactly_what_the_synth_makes(rendered, name: str) -> None:
    """Deterministic: a fresh render in this process gives the bytes another run wrote."""
    path = MUSIC_DIR / f"{name}.wav"
    assert path.is_file(), f"{path} missing: run python -m game.sound_synth"
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
        frames = w.readframes(w.getnframes())
    assert sound_synth.to_pcm16(rendered[name]) == frames


def test_rendering_twice_gives_the_same_samples(rendered) -> None:
    assert sound_synth.render_music("play") == rendered["play"]


@pytest.mark.parametrize("name", ["menu", "play"])
def test_loops_are_seamless(name: str) -> None:
    params, x = read(MUSIC_DIR / f"{name}.wav")
    assert len(x) == round(sound_synth.MUSIC_SECONDS * params.framerate)
    assert abs(x[0]) < 0.01 and abs(x[-1]) < 0.01  # the first and last samples near silence
    # The jump from the last sample back to the first is an ordinary step of the wave, no
    # bigger than a typical one inside (a click would be a jump many times that size).
    steps = sorted(abs(b - a) for a, b in zip(x, x[1:], strict=False))
    assert abs(x[0] - x[-1]) <= steps[int(len(steps) * 0.99)]
    # ...and the sound around the seam is as loud as elsewhere: no dip, no fade out and in.
    n = params.framerate // 4
    rms = [math.sqrt(sum(v * v for v in part) / len(part)) for part in (x[-n:], x[:n])]
    middle = math.sqrt(sum(v * v for v in x) / len(x))
    assert min(rms) > 0.3 * middle


@pytest.mark.parametrize("name", ["menu", "play"])
def test_music_is_soft_and_never_clipped(name: str) -> None:
    _, x = read(MUSIC_DIR / f"{name}.wav")
    top = max(abs(v) for v in x)
    assert -10.0 <= 20 * math.log10(top) <= -8.0
    power = np.abs(np.fft.rfft(np.asarray(x))) ** 2
    freqs = np.fft.rfftfreq(len(x), 1.0 / 22050)
    assert power[freqs > 4000].sum() / power.sum() < 0.001
    assert (power * freqs).sum() / power.sum() < 1000.0  # mellow: a calm background


def test_music_files_stay_small() -> None:
    total = sum(p.stat().st_size for p in MUSIC_DIR.glob("*.wav"))
    assert total < 2 * 1024 * 1024


# ---------------------------------------------------------------------------- in the game


def wait_quiet(seconds: float = 10.0) -> bool:
    """Wait (real time: the mixer's fade runs on the audio thread) until no music sounds."""
    end = time.monotonic() + seconds
    while pygame.mixer.music.get_busy() and time.monotonic() < end:
        time.sleep(0.02)
    return not pygame.mixer.music.get_busy()


def until_music(app, track: str, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while app.ctx.audio.music != track and time.monotonic() < end:
        app.step_frame()
        time.sleep(0.02)
    assert app.ctx.audio.music == track and pygame.mixer.music.get_busy()


def test_menus_play_the_menu_loop_and_the_play_screen_the_play_loop(app) -> None:
    from game.scenes.play import PlayScene
    from tests.play_helpers import street_level

    assert app.ctx.audio.music is None  # nothing at start-up
    app.run_frames(3)
    assert app.ctx.audio.music == "menu" and pygame.mixer.music.get_busy()
    scene = PlayScene(app.ctx, street_level())
    app.ctx.stack.push(scene)
    app.run_frames(1)
    assert app.ctx.audio.music is None  # the menu loop fades out first...
    until_music(app, "play")  # ...then the play loop fades in
    scene.pause()  # the pause menu over the board keeps the play loop
    app.run_frames(1)
    assert app.ctx.audio.music == "play"
    app.ctx.teacher = True
    app.run_frames(1)
    assert app.ctx.audio.music is None
    assert wait_quiet(), "the music did not fade out"


def test_mute_stops_the_music_and_unmute_brings_it_back(app) -> None:
    from tests.play_helpers import post_key

    app.run_frames(3)
    assert app.ctx.audio.music == "menu" and pygame.mixer.music.get_busy()
    post_key(pygame.K_m)
    app.run_frames(1)
    assert app.ctx.audio.muted and app.ctx.audio.music is None
    assert not pygame.mixer.music.get_busy()  # stopped at once, not faded
    post_key(pygame.K_m)
    app.run_frames(1)
    assert app.ctx.audio.music == "menu"


def test_music_volume_zero_stops_it_and_the_settings_bring_it_back(app) -> None:
    app.run_frames(3)
    app.settings.music_volume = 0.0
    app.ctx.audio.apply_settings(app.settings)
    app.run_frames(1)
    assert app.ctx.audio.music is None
    app.settings.music_volume = 0.5
    app.ctx.audio.apply_settings(app.settings)
    until_music(app, "menu")
    assert pygame.mixer.music.get_volume() == pytest.approx(0.5, abs=0.01)


def test_default_music_volume_is_quiet() -> None:
    from game.settings import Settings

    assert Settings().music_volume <= 0.35
