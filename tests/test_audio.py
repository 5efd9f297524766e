"""The sound effects and the player that plays them.

The sounds are judged the way a listener would: they exist, are short, neither silent nor
clipped, at a predictable level, soft (little energy up high), and loops have no seam. The
player must work with SDL's dummy driver and stay silent — never crash — without a device.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import contextlib  # noqa: E402
import io  # noqa: E402
import logging  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import wave  # noqa: E402
from array import array  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import numpy as np  # noqa: E402  (the spectrum checks only; numpy is no game dependency)
import pygame  # noqa: E402
import pytest  # noqa: E402

from game import sound_synth  # noqa: E402
from game.audio import Audio  # noqa: E402

SOUNDS_DIR = Path(__file__).resolve().parent.parent / "assets" / "sounds"
EXPECTED = (
    "place",
    "rotate",
    "remove",
    "toggle",
    "test_start",
    "power_hum",
    "water",
    "lamp_on",
    "leak",
    "not_yet",
    "success",
    "star",
    "click",
    "hint",
    "page",
    "fanfare",
    "belt",
    "item_in",
    "jam",
    "truck",
    "fridge",
    "ice_crack",
    "gears",
    "magnet",
    "relay",
    "door_lock",
    "alarm_bell",
    "packet",
)
LOOPS = ("power_hum", "water", "belt", "fridge", "gears")


def read_wav(path: Path) -> tuple[wave._wave_params, list[float]]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        pcm = array("h", w.readframes(w.getnframes()))
    if sys.byteorder != "little":
        pcm.byteswap()
    return params, [s / 32768.0 for s in pcm]


def dbfs(value: float) -> float:
    return 20.0 * math.log10(value) if value > 0 else -math.inf


# ---------------------------------------------------------------------------- the synth


@pytest.fixture(scope="module")
def synth_command_line(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, str]:
    """``python -m game.sound_synth DIR`` run once for the module: its exit code, the folder
    it wrote and what it printed."""
    out_dir = tmp_path_factory.mktemp("synth")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = sound_synth.main([str(out_dir)])
    return code, out_dir, printed.getvalue()


def test_synth_is_deterministic(tmp_path: Path, synth_command_line) -> None:
    """Made again, every sound has the very bytes the command line's run wrote."""
    first = sound_synth.generate_all(tmp_path / "a")
    _code, out_dir, _printed = synth_command_line
    second = [out_dir / p.name for p in first]
    assert sorted(p.name for p in first) == sorted(p.name for p in out_dir.glob("*.wav"))
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_synth_command_line_writes_every_sound(synth_command_line) -> None:
    code, out_dir, printed = synth_command_line
    assert code == 0
    assert sorted(p.stem for p in out_dir.glob("*.wav")) == sorted(EXPECTED)
    assert "total" in printed


def test_synth_knows_exactly_the_expected_sounds() -> None:
    assert set(sound_synth.SOUNDS) == set(EXPECTED)
    assert set(sound_synth.LOOPS) == set(LOOPS)


def test_note_names() -> None:
    assert sound_synth.note("A4") == pytest.approx(440.0)
    assert sound_synth.note("C5") == pytest.approx(523.25, abs=0.01)
    assert sound_synth.note("F#4") == pytest.approx(369.99, abs=0.01)


# ---------------------------------------------------------------------------- the files


@pytest.mark.parametrize("name", EXPECTED)
def test_sound_file_is_a_short_soft_valid_wav(name: str) -> None:
    path = SOUNDS_DIR / f"{name}.wav"
    assert path.is_file(), f"{path} missing: run python -m game.sound_synth"
    params, x = read_wav(path)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 22050)
    seconds = len(x) / params.framerate
    assert 0.03 < seconds < 2.0
    top = max(abs(s) for s in x)
    assert -12.0 <= dbfs(top) <= -4.5, f"peak {dbfs(top):.1f} dBFS"  # quiet, never clipped
    rms = math.sqrt(sum(s * s for s in x) / len(x))
    assert dbfs(rms) > -35.0, "practically silent"
    # No flat tops: a clipped wave sits at its extreme for several samples in a row.
    flat = max(
        (len(run) for run in "".join("x" if abs(s) == top else " " for s in x).split()),
        default=0,
    )
    assert flat < 3, "clipped"


@pytest.mark.parametrize("name", [n for n in EXPECTED if n not in LOOPS])
def test_one_shots_start_and_end_in_silence(name: str) -> None:
    _, x = read_wav(SOUNDS_DIR / f"{name}.wav")
    assert abs(x[0]) < 0.01 and abs(x[-1]) < 0.01  # no click at either end


@pytest.mark.parametrize("name", LOOPS)
def test_loops_are_seamless(name: str) -> None:
    _, x = read_wav(SOUNDS_DIR / f"{name}.wav")
    assert abs(x[0]) < 0.02 and abs(x[-1]) < 0.02
    # The jump from the last sample back to the first is no bigger than any step inside.
    largest_step = max(abs(b - a) for a, b in zip(x, x[1:], strict=False))
    assert abs(x[0] - x[-1]) <= largest_step


@pytest.mark.parametrize("name", EXPECTED)
def test_sounds_are_not_harsh(name: str) -> None:
    _, x = read_wav(SOUNDS_DIR / f"{name}.wav")
    power = np.abs(np.fft.rfft(np.asarray(x))) ** 2
    freqs = np.fft.rfftfreq(len(x), 1.0 / 22050)
    assert power[freqs > 6000].sum() / power.sum() < 0.01
    assert (power * freqs).sum() / power.sum() < 2500.0  # spectral centroid: mellow


def test_sounds_folder_stays_small() -> None:
    total = sum(p.stat().st_size for p in SOUNDS_DIR.glob("*.wav"))
    assert total < 800 * 1024


# ---------------------------------------------------------------------------- the player


@pytest.fixture
def fresh_mixer() -> Iterator[None]:
    """Each test starts and ends without a running mixer, as a fresh game would."""
    pygame.mixer.quit()
    yield
    pygame.mixer.quit()


def test_audio_does_no_work_until_the_first_sound(fresh_mixer: None) -> None:
    Audio(SOUNDS_DIR)
    assert not pygame.mixer.get_init()


def test_audio_reads_the_settings(fresh_mixer: None) -> None:
    audio = Audio(SOUNDS_DIR, SimpleNamespace(muted=True, effects_volume=0.25))
    assert audio.muted is True
    assert audio.volume == pytest.approx(0.25)
    assert Audio(SOUNDS_DIR, object()).muted is False  # attributes are optional


def test_audio_plays_every_sound_with_the_dummy_driver(fresh_mixer: None) -> None:
    audio = Audio(SOUNDS_DIR)
    for name in EXPECTED:
        audio.play(name)
    assert pygame.mixer.get_init()
    assert audio.available
    audio.play("power_hum", loop=True)
    audio.play("power_hum", loop=True)  # asking again while it runs is harmless
    audio.stop("power_hum")
    audio.stop("never_played")
    audio.stop_all()


def test_mute_stops_loops_and_persists(fresh_mixer: None) -> None:
    settings = SimpleNamespace(muted=False, effects_volume=0.5)
    audio = Audio(SOUNDS_DIR, settings)
    audio.play("water", loop=True)
    channel = audio._loops["water"]
    assert channel.get_busy()
    assert audio.toggle_mute() is True
    assert settings.muted is True and audio.muted
    assert not channel.get_busy()
    audio.play("water", loop=True)  # muted: nothing starts
    assert "water" not in audio._loops
    assert audio.toggle_mute() is False
    assert settings.muted is False


def test_volume_is_clamped_applied_and_persisted(fresh_mixer: None) -> None:
    settings = SimpleNamespace(effects_volume=0.5)
    audio = Audio(SOUNDS_DIR, settings)
    audio.play("click")
    audio.set_volume(3.0)
    assert audio.volume == 1.0 and settings.effects_volume == 1.0
    audio.set_volume(0.2)
    assert audio._sounds["click"].get_volume() == pytest.approx(0.2, abs=0.01)


def test_unknown_sounds_are_ignored_with_one_warning(
    fresh_mixer: None, caplog: pytest.LogCaptureFixture
) -> None:
    audio = Audio(SOUNDS_DIR)
    with caplog.at_level(logging.WARNING, logger="game.audio"):
        audio.play("no_such_sound")
        audio.play("no_such_sound", loop=True)
        audio.play("../sounds/click")  # not a name: never reaches the file system
    warnings = [r for r in caplog.records if "no_such_sound" in r.getMessage()]
    assert len(warnings) == 1


def test_frozen_settings_do_not_break_mute(fresh_mixer: None) -> None:
    class Frozen:
        muted = False

        def __setattr__(self, key: str, value: object) -> None:
            raise AttributeError(key)

    audio = Audio(SOUNDS_DIR, Frozen())
    assert audio.toggle_mute() is True


def test_failing_mixer_leaves_a_silent_audio(
    fresh_mixer: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def no_device(*args: object, **kwargs: object) -> None:
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    settings = SimpleNamespace(muted=False, effects_volume=0.6)
    audio = Audio(SOUNDS_DIR, settings)
    with caplog.at_level(logging.INFO, logger="game.audio"):
        audio.play("place")
        audio.play("water", loop=True)
        audio.play("no_such_sound")
        audio.stop("water")
        audio.stop_all()
        audio.set_volume(0.3)
        assert audio.toggle_mute() is True
        assert audio.toggle_mute() is False
        audio.play("success")
    assert not audio.available
    assert settings.muted is False and settings.effects_volume == pytest.approx(0.3)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert capsys.readouterr().err == ""


def test_apply_settings_takes_mute_and_volume_from_a_pupils_settings(tmp_path):
    from game.settings import Settings

    audio = Audio(tmp_path)
    theirs = Settings(muted=True, effects_volume=0.2)
    audio.apply_settings(theirs)
    assert audio.muted and audio.volume == pytest.approx(0.2)
    audio.toggle_mute()
    assert theirs.muted is False  # later changes go to the pupil's settings


# ---------------------------------------------------------------------------- three volumes


def _all_three_playing(audio: Audio) -> tuple[pygame.mixer.Sound, pygame.mixer.Channel]:
    """An effect, the music and a spoken sentence sounding at once; returns the effect sound
    and the voice channel (the music streams through ``pygame.mixer.music``)."""
    from game.audio import VOICE_CHANNEL

    audio.play("water", loop=True)
    audio.play_music("menu")
    pcm = array("h", (int(3000 * math.sin(i / 5)) for i in range(22050)))
    if sys.byteorder != "little":
        pcm.byteswap()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(pcm.tobytes())
    assert audio.play_voice(buf.getvalue())
    assert audio.music == "menu" and pygame.mixer.music.get_busy()
    return audio._sounds["water"], pygame.mixer.Channel(VOICE_CHANNEL)


def test_voice_volume_changes_only_the_voice(fresh_mixer: None) -> None:
    settings = SimpleNamespace(muted=False, effects_volume=0.5, voice_volume=0.8,
                               music_volume=0.3)
    audio = Audio(SOUNDS_DIR, settings)
    effect, voice = _all_three_playing(audio)
    music = pygame.mixer.music
    assert voice.get_busy() and voice.get_volume() == pytest.approx(0.8, abs=0.01)
    settings.voice_volume = 0.2
    audio.apply_settings(settings)  # what the settings screen does after each change
    assert voice.get_volume() == pytest.approx(0.2, abs=0.01)
    assert effect.get_volume() == pytest.approx(0.5, abs=0.01)
    assert music.get_volume() == pytest.approx(0.3, abs=0.01)


def test_music_and_effects_volumes_change_only_themselves(fresh_mixer: None) -> None:
    settings = SimpleNamespace(muted=False, effects_volume=0.5, voice_volume=0.8,
                               music_volume=0.3)
    audio = Audio(SOUNDS_DIR, settings)
    effect, voice = _all_three_playing(audio)
    music = pygame.mixer.music
    settings.music_volume = 0.7
    audio.apply_settings(settings)
    assert music.get_volume() == pytest.approx(0.7, abs=0.01)
    assert effect.get_volume() == pytest.approx(0.5, abs=0.01)
    assert voice.get_volume() == pytest.approx(0.8, abs=0.01)
    settings.effects_volume = 0.1
    audio.apply_settings(settings)
    assert effect.get_volume() == pytest.approx(0.1, abs=0.01)
    assert music.get_volume() == pytest.approx(0.7, abs=0.01)
    assert voice.get_volume() == pytest.approx(0.8, abs=0.01)


def test_effects_never_take_the_voice_channel(fresh_mixer: None) -> None:
    _, voice = _all_three_playing(Audio(SOUNDS_DIR))
    spoken = voice.get_sound()
    audio = Audio(SOUNDS_DIR)
    for _ in range(20):
        audio.play("star")  # more effects than there are free channels
    assert voice.get_sound() is spoken and voice.get_busy()
    assert pygame.mixer.music.get_busy()  # the music streams on, whatever the effects do


def test_mute_silences_voice_and_music_too(fresh_mixer: None) -> None:
    audio = Audio(SOUNDS_DIR, SimpleNamespace(muted=False))
    _, voice = _all_three_playing(audio)
    audio.toggle_mute()
    assert not voice.get_busy() and not pygame.mixer.music.get_busy() and audio.music is None
    assert not audio.play_voice(b"RIFF")  # muted: nothing starts
    audio.toggle_mute()
    assert audio.music == "menu"  # the music the screen wanted comes back


def test_unknown_music_is_ignored_with_one_warning(
    fresh_mixer: None, caplog: pytest.LogCaptureFixture
) -> None:
    audio = Audio(SOUNDS_DIR)
    with caplog.at_level(logging.WARNING, logger="game.audio"):
        audio.play_music("no_such_track")
        audio.play_music("no_such_track")
        audio.play_music("../music/menu")
    assert audio.music is None
    assert len([r for r in caplog.records if "no_such_track" in r.getMessage()]) == 1
