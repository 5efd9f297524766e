"""Read-aloud with espeak-ng: the right voice, the text passed safely, never in the way.

Most tests put a fake ``espeak-ng`` on the PATH: a small Python script that records its
arguments and the text it was given, and answers with a short WAV the way the real one does
when it writes to a pipe (lengths in the header left "unknown"). The last tests use the real
espeak-ng, which CI installs (.ci/run).
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import struct
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pygame
import pytest
from play_helpers import post_click, post_key, street_level

from game.speech import VOICES, Speech, parse_wav, sentences

FAKE = '''#!{python}
import json, math, os, struct, sys, time
text = sys.stdin.buffer.read().decode("utf-8")
gate = os.environ.get("FAKE_ESPEAK_GATE")
if gate:
    for _ in range(2000):
        if os.path.exists(gate):
            break
        time.sleep(0.005)
voice = sys.argv[sys.argv.index("-v") + 1]
with open(os.environ["FAKE_ESPEAK_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps({{"argv": sys.argv[1:], "text": text}}) + "\\n")
if voice == os.environ.get("FAKE_ESPEAK_BAD_VOICE"):
    sys.stderr.write("Error: The specified espeak-ng voice does not exist.\\n")
    sys.exit(1)
pcm = b"".join(struct.pack("<h", int(6000 * math.sin(i / 4.0))) for i in range(4410))
header = (b"RIFF" + struct.pack("<I", 0x7FFFF024) + b"WAVE" + b"fmt "
          + struct.pack("<IHHIIHH", 16, 1, 1, 22050, 44100, 2, 16)
          + b"data" + struct.pack("<I", 0x7FFFF000))
sys.stdout.buffer.write(header + pcm)
'''


class FakeAudio:
    """Stands in for game.audio.Audio: records what the voice channel was given."""

    def __init__(self) -> None:
        self.muted = False
        self.available = True
        self.played: list[bytes] = []
        self.stops = 0

    def play_voice(self, wav: bytes) -> bool:
        self.played.append(wav)
        return True

    def stop_voice(self) -> None:
        self.stops += 1

    def voice_busy(self) -> bool:
        return False


@pytest.fixture
def fake_espeak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake espeak-ng alone on the PATH; returns its log file (one JSON line per run)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "espeak-ng"
    script.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    log = tmp_path / "espeak.log"
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("FAKE_ESPEAK_LOG", str(log))
    monkeypatch.delenv("FAKE_ESPEAK_GATE", raising=False)
    return log


@pytest.fixture
def no_espeak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def runs(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def wait_until(condition, speech: Speech, seconds: float = 20.0) -> None:
    """Let the worker thread finish (a safety cap, not a speed test)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        speech.update()
        if condition():
            return
        time.sleep(0.005)
    raise AssertionError("speech did not finish")


# ---------------------------------------------------------------------------- the engine


@pytest.mark.parametrize("lang", sorted(VOICES))
def test_each_language_asks_for_its_voice_and_passes_the_text_on_stdin(
        fake_espeak: Path, lang: str) -> None:
    audio = FakeAudio()
    speech = Speech(audio, SimpleNamespace(language=lang))
    assert speech.available
    assert speech.say("Hallo, ik ben Noor.")
    wait_until(lambda: audio.played, speech)
    (run,) = runs(fake_espeak)
    argv = run["argv"]
    assert argv[argv.index("-v") + 1] == VOICES[lang]
    assert "--stdin" in argv and "--stdout" in argv
    assert run["text"] == "Hallo, ik ben Noor."
    assert not any("Noor" in a for a in argv)  # the text is never an argument
    wav = audio.played[0]
    assert wav[:4] == b"RIFF" and len(wav) > 44


def test_voices_cover_the_six_languages() -> None:
    assert set(VOICES) == {"nl", "en", "tr", "pl", "uk", "ar"}


def test_a_text_that_looks_like_options_or_shell_is_only_read(fake_espeak: Path) -> None:
    audio = FakeAudio()
    speech = Speech(audio, SimpleNamespace(language="nl"))
    nasty = '-v en --stdout -w /tmp/x "quoted" \'single\' $(touch /tmp/pwned); `id` | rm'
    assert speech.say(nasty)
    wait_until(lambda: audio.played, speech)
    (run,) = runs(fake_espeak)
    assert run["text"] == nasty
    assert run["argv"] == ["-v", "nl", "-s", "145", "-b", "1", "--stdin", "--stdout"]
    assert not Path("/tmp/pwned").exists()


def test_the_language_follows_the_settings_at_once(fake_espeak: Path) -> None:
    audio = FakeAudio()
    settings = SimpleNamespace(language="nl")
    speech = Speech(audio, lambda: settings)  # a function: a pupil's settings may replace ours
    speech.say("een")
    wait_until(lambda: len(audio.played) == 1, speech)
    settings.language = "uk"
    speech.say("два")
    wait_until(lambda: len(audio.played) == 2, speech)
    assert [r["argv"][1] for r in runs(fake_espeak)] == ["nl", "uk"]
    assert runs(fake_espeak)[1]["text"] == "два"


def test_say_never_waits_for_the_engine_and_a_new_say_replaces_the_old(
        fake_espeak: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = tmp_path / "gate"
    monkeypatch.setenv("FAKE_ESPEAK_GATE", str(gate))
    audio = FakeAudio()
    speech = Speech(audio, SimpleNamespace(language="en"))
    assert speech.say("first")  # returns although the engine is held at the gate
    assert speech.speaking and not audio.played
    speech.update()
    assert not audio.played
    assert speech.say("second")  # stops the first (its engine is ended)
    gate.touch()
    wait_until(lambda: audio.played, speech)
    time.sleep(0.2)
    speech.update()
    assert len(audio.played) == 1
    assert [r["text"] for r in runs(fake_espeak)] == ["second"]
    assert speech.last_text == "second"


def test_saying_it_again_needs_no_engine(fake_espeak: Path) -> None:
    audio = FakeAudio()
    speech = Speech(audio, SimpleNamespace(language="en"))
    speech.say("again")
    wait_until(lambda: audio.played, speech)
    speech.say("again")
    speech.update()
    assert len(audio.played) == 2 and len(runs(fake_espeak)) == 1


def test_muted_means_silent(fake_espeak: Path) -> None:
    audio = FakeAudio()
    audio.muted = True
    speech = Speech(audio, SimpleNamespace(language="en"))
    assert not speech.say("quiet please")
    assert not runs(fake_espeak)


def test_without_espeak_nothing_breaks(no_espeak: None, caplog: pytest.LogCaptureFixture,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    audio = FakeAudio()
    speech = Speech(audio, SimpleNamespace(language="nl"))
    with caplog.at_level(logging.INFO, logger="game.speech"):
        assert not speech.available
        assert not speech.say("Hallo")
        speech.update()
        speech.stop()
        assert not speech.say("Nog eens")
    assert not audio.played
    assert len(caplog.records) <= 1 and not any(r.exc_info for r in caplog.records)
    assert capsys.readouterr().err == ""


def test_a_failing_voice_turns_read_aloud_off_with_one_line(
        fake_espeak: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("FAKE_ESPEAK_BAD_VOICE", "ar")
    audio = FakeAudio()
    settings = SimpleNamespace(language="ar")
    speech = Speech(audio, settings)
    with caplog.at_level(logging.INFO, logger="game.speech"):
        assert speech.say("مرحبا")
        wait_until(lambda: not speech.speaking, speech)
        assert not speech.available  # its speaker buttons go grey
        assert not speech.say("مرحبا")
    assert not audio.played
    assert len(caplog.records) == 1 and "ar" in caplog.records[0].getMessage()
    settings.language = "nl"  # the other voices still work
    assert speech.available


def test_parse_wav_takes_the_samples_whatever_the_header_says() -> None:
    pcm = struct.pack("<4h", 1, -1, 2, -2)
    header = (b"RIFF" + struct.pack("<I", 0xFFFFFFFF) + b"WAVE" + b"fmt "
              + struct.pack("<IHHIIHH", 16, 1, 1, 22050, 44100, 2, 16)
              + b"data" + struct.pack("<I", 0xFFFFFFFF))
    import io
    import wave

    with wave.open(io.BytesIO(parse_wav(header + pcm + b"\x00")), "rb") as w:
        assert (w.getnchannels(), w.getframerate(), w.getnframes()) == (1, 22050, 4)
        assert w.readframes(4) == pcm
    assert parse_wav(b"") is None
    assert parse_wav(b"RIFF\x00\x00\x00\x00WAVE") is None
    assert parse_wav(header) is None  # no samples at all


def test_sentences_pause_between_title_and_text() -> None:
    assert sentences("First light", "The house needs power.") == \
        "First light. The house needs power."
    assert sentences("Well done!", "", "  It  works ") == "Well done! It works"


# ---------------------------------------------------------------------------- in the game


@pytest.fixture
def play(app):
    from game.scenes.play import PlayScene

    level = street_level()
    app.ctx.levels = [level]
    app.run_frames(2)
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    app.run_frames(1)
    return scene


def spoken(app, log: Path, count: int = 1) -> list[str]:
    """Run frames until the fake engine has spoken ``count`` texts; returns all texts."""
    end = time.monotonic() + 20
    while len(runs(log)) < count and time.monotonic() < end:
        app.step_frame(draw=False)  # waiting for the engine: no frame is looked at
        time.sleep(0.005)
    texts = [r["text"] for r in runs(log)]
    assert len(texts) >= count, texts
    return texts


def test_speaker_button_speaks_the_bubble(fake_espeak: Path, app, play) -> None:
    button = play.buttons["speak"]
    assert button.enabled and button.icon == "icons/speaker"
    assert button.rect.width >= 48 and button.rect.height >= 48
    post_click(app, button.rect.center)
    app.run_frames(1)
    assert spoken(app, fake_espeak) == ["Light the street. Bring power to both houses."]
    assert play.buttons["hint"].enabled  # nothing else happened on the board
    assert not play.board.pieces.keys() - {p.at for p in play.level.parts}


def test_the_speaker_reads_the_hint_once_one_is_shown(fake_espeak: Path, app, play) -> None:
    post_key(pygame.K_h)
    app.run_frames(1)
    post_click(app, play.buttons["speak"].rect.center)
    app.run_frames(1)
    assert spoken(app, fake_espeak) == ["Where does the power come from?"]


def test_without_espeak_there_is_no_speaker_and_no_error(
        no_espeak: None, app, capsys: pytest.CaptureFixture[str]) -> None:
    from game.scenes.info_card import InfoCard
    from game.scenes.play import PlayScene

    level = street_level()
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    app.settings.auto_read = True
    post_key(pygame.K_F1)
    post_key(pygame.K_h)
    app.run_frames(3)
    assert "speak" not in scene.buttons
    card = InfoCard(app.ctx, "Discover together", "A tip.")
    app.ctx.stack.push(card)
    app.run_frames(2)
    assert card.speak is None and len(card.row.buttons) == 1
    assert not app.ctx.speech.available
    assert "Traceback" not in capsys.readouterr().err


def test_auto_read_speaks_the_task_then_a_new_hint_by_itself(
        fake_espeak: Path, app, play) -> None:
    app.settings.auto_read = True
    assert spoken(app, fake_espeak) == ["Light the street. Bring power to both houses."]
    post_key(pygame.K_h)
    texts = spoken(app, fake_espeak, 2)
    assert texts[1] == "Where does the power come from?"
    for _ in range(200):  # the hint stays: nothing is read twice (frames not drawn: not looked at)
        app.step_frame(draw=False)
    assert len(runs(fake_espeak)) == 2


def test_auto_read_off_speaks_nothing_by_itself(fake_espeak: Path, app, play) -> None:
    post_key(pygame.K_h)
    for _ in range(30):
        app.step_frame(draw=False)
    time.sleep(0.3)
    assert runs(fake_espeak) == []


def test_auto_read_speaks_a_tooltip_when_the_pointer_rests(
        fake_espeak: Path, app, play, fake_time) -> None:
    app.settings.auto_read = True
    spoken(app, fake_espeak)  # the task first
    undo = play.buttons["undo"]
    undo.enabled = True
    pos = app.view.point(undo.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    app.step_frame()
    undo.enabled = True
    fake_time.advance(0.3)
    app.step_frame()
    time.sleep(0.3)
    assert len(runs(fake_espeak)) == 1  # not yet: the pointer may be passing by
    undo.enabled = True
    fake_time.advance(0.4)
    assert spoken(app, fake_espeak, 2)[1] == "Undo"


def test_auto_read_speaks_the_button_the_keyboard_moves_to(fake_espeak: Path, app) -> None:
    from game.scenes.info_card import InfoCard

    app.run_frames(2)
    app.settings.auto_read = True
    card = InfoCard(app.ctx, "Discover together", "Solar panels turn light into power.")
    app.ctx.stack.push(card)
    assert spoken(app, fake_espeak) == ["Discover together. Solar panels turn light into power."]
    post_key(pygame.K_TAB)
    assert spoken(app, fake_espeak, 2)[1] == "Read aloud"  # the card's speaker button
    post_key(pygame.K_RETURN)  # and pressing it reads the card again
    app.step_frame()
    # (from the engine or, when the first reading had finished, from the cache)
    assert app.ctx.speech.last_text == "Discover together. Solar panels turn light into power."


def test_the_read_aloud_key_speaks_the_instruction(fake_espeak: Path, app, play) -> None:
    post_key(pygame.K_F1)
    assert spoken(app, fake_espeak) == ["Light the street. Bring power to both houses."]


def test_info_card_question_and_result_have_speakers(fake_espeak: Path, app, play,
                                                     fake_time) -> None:
    from game.scenes.info_card import InfoCard
    from game.scenes.question import QuestionScene
    from game.scenes.result import ResultScene
    from game.sim.goals import play_solution
    from game.sim.model import Question

    card = InfoCard(app.ctx, "New part", "", parts=("wire_t",))
    app.ctx.stack.push(card)
    app.run_frames(1)
    post_click(app, card.speak.rect.center)
    text = spoken(app, fake_espeak)[0]
    assert text.startswith("New part.") and len(text) > len("New part.") + 5
    app.ctx.stack.pop()

    question = QuestionScene(app.ctx, Question("Which one works at night?",
                                               ("solar_panel", "wind_turbine"), "wind_turbine"),
                             lambda kind: None)
    app.ctx.stack.push(question)
    app.run_frames(1)
    post_click(app, question.speak.rect.center)
    assert spoken(app, fake_espeak, 2)[1].startswith("Which one works at night? Solar")
    app.ctx.stack.pop()

    level = street_level()
    _, ev = play_solution(level)
    result = ResultScene(app.ctx, level, ev)
    app.ctx.stack.push(result)
    app.run_frames(1)
    post_click(app, result.speak.rect.center)
    said = spoken(app, fake_espeak, 3)[2]
    assert said.startswith("Well done! Light the street.")
    assert all(reason in said for reason in ev.reasons)


def test_voice_plays_on_the_voice_channel_at_the_voice_volume(fake_espeak: Path) -> None:
    from game.audio import VOICE_CHANNEL, Audio

    pygame.mixer.quit()
    try:
        settings = SimpleNamespace(language="nl", muted=False, effects_volume=0.6,
                                   voice_volume=0.45, music_volume=0.3)
        audio = Audio(Path(__file__).resolve().parent.parent / "assets" / "sounds", settings)
        speech = Speech(audio, settings)
        speech.say("Hallo")
        wait_until(lambda: audio.voice_busy(), speech)
        channel = pygame.mixer.Channel(VOICE_CHANNEL)
        assert channel.get_volume() == pytest.approx(0.45, abs=0.01)
        speech.stop()
        assert not audio.voice_busy()
    finally:
        pygame.mixer.quit()


# ---------------------------------------------------------------------------- real espeak-ng

SAMPLES = {
    "nl": "Breng stroom naar beide huizen.",
    "en": "Bring power to both houses.",
    "tr": "İki eve de elektrik götür.",
    "pl": "Doprowadź prąd do obu domów.",
    "uk": "Проведи струм до обох будинків.",
    "ar": "أوصل الكهرباء إلى البيتين.",
}


@pytest.mark.skipif(shutil.which("espeak-ng") is None,
                    reason="espeak-ng is not installed here (CI installs it: .ci/run)")
@pytest.mark.parametrize("lang", sorted(VOICES))
def test_real_espeak_ng_speaks_every_language(lang: str) -> None:
    import array
    import io
    import wave

    audio = FakeAudio()
    speech = Speech(audio, SimpleNamespace(language=lang))
    assert speech.available
    assert speech.say(SAMPLES[lang])
    wait_until(lambda: audio.played or not speech.speaking, speech)
    assert audio.played, f"espeak-ng gave no audio for {lang} ({VOICES[lang]})"
    with wave.open(io.BytesIO(audio.played[0]), "rb") as w:
        seconds = w.getnframes() / w.getframerate()
        pcm = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder != "little":
        pcm.byteswap()
    assert 0.8 < seconds < 10
    rms = math.sqrt(sum(s * s for s in pcm) / len(pcm)) / 32768
    assert rms > 0.01, "silent"


def test_nothing_is_started_before_the_first_sentence(fake_espeak: Path) -> None:
    speech = Speech(FakeAudio(), SimpleNamespace(language="nl"))
    speech.update()
    speech.stop()
    assert runs(fake_espeak) == [] and speech._proc is None and not speech._looked
    assert os.environ["PATH"]  # (the fixture's PATH: nothing was looked up yet)


def test_title_and_level_cards_have_speakers_that_say_what_to_do(fake_espeak: Path,
                                                                  app) -> None:
    """A child who cannot read hears what the first screens want: the title's words and the
    big button, then the world's name and that a card is tapped to play."""
    from game.scenes.level_select import LevelSelectScene

    app.run_frames(2)
    title = app.ctx.stack.top
    assert title.speak is not None and title.speak in title.row.buttons
    post_click(app, title.speak.rect.center)
    app.run_frames(1)
    assert spoken(app, fake_espeak) == [
        "Build it. Test it. Make it work! Press the big yellow button to play."]
    assert app.ctx.stack.top is title  # the speaker only speaks

    cards = LevelSelectScene(app.ctx, "city")
    app.ctx.stack.push(cards)
    app.run_frames(1)
    assert cards.speak is not None and cards.speak.rect.width >= 48
    post_click(app, cards.speak.rect.center)
    app.run_frames(1)
    assert spoken(app, fake_espeak, 2)[1] == "Energy City. Tap a level to play it."
    assert app.ctx.stack.top is cards


def test_map_and_login_screens_have_speakers_that_say_what_to_do(fake_espeak: Path,
                                                                  app) -> None:
    """The map, the class list and the avatars each say their question and what to tap."""
    from game.scenes.login import AvatarScene, ClassPickScene
    from game.scenes.world_map import WorldMapScene

    app.run_frames(2)
    school = app.ctx.school
    assert school is not None
    group = school.add_class("groep 4a")
    school.add_pupil(group.id, "Sam", "fox")
    expected = [(WorldMapScene(app.ctx), "Where shall we build today? Tap a place on the map "
                                         "that is in colour."),
                (ClassPickScene(app.ctx), "Who is playing? Tap your class"),
                (AvatarScene(app.ctx, group.id), "Who is playing? Tap your own picture.")]
    for n, (scene, said) in enumerate(expected, start=1):
        app.ctx.stack.push(scene)
        app.run_frames(1)
        speak = scene.speak if isinstance(scene, WorldMapScene) else scene.row.button("speak")
        assert speak is not None and speak.rect.width >= 48 and speak.rect.x > 0
        post_click(app, speak.rect.center)
        app.run_frames(1)
        assert spoken(app, fake_espeak, n)[n - 1] == said
        assert app.ctx.stack.top is scene  # the speaker only speaks
