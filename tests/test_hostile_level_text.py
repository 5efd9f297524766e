"""Hostile text: YAML escapes in a level's texts ("\\0", "\\uD800", control characters, a title
of only zero-width and direction characters) are refused by ``techniekwerf check`` with one
line, by one rule for every text field (game.text_rules); and whatever text still reaches the
screen or the voice (a pupil's name stored long ago) is drawn and spoken without it."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pygame
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from play_helpers import start_play, street_level

import game
from game.content.loader import inspect_level
from game.text_rules import clean_text, has_visible, text_problem
from tests.test_content_loader import BASE, problems_of, write
from tests.test_speech import fake_espeak  # noqa: F401 - the fake engine, a fixture

EXPLORE = game.PROJECT_ROOT / "levels" / "city" / "06-which-works-at-night.yaml"

# --- the rule ---------------------------------------------------------------------------------

REFUSED = {
    "NUL": ("a\x00b", "holds a control character (U+0000) at character 2"),
    "bell": ("a\x07", "holds a control character (U+0007) at character 2"),
    "tab": ("a\tb", "holds a control character (U+0009) at character 2"),
    "C1": ("a\x85b", "holds a control character (U+0085) at character 2"),
    "DEL": ("\x7fa", "holds a control character (U+007F) at character 1"),
    "lone surrogate": ("x\ud800", "holds a lone surrogate (U+D800) at character 2"),
    "low surrogate": ("\udc00x", "holds a lone surrogate (U+DC00) at character 1"),
    "noncharacter": ("a\ufffe", "holds a noncharacter (U+FFFE) at character 2"),
    "noncharacter FDD0": ("\ufdd0a", "holds a noncharacter (U+FDD0) at character 1"),
    "plane noncharacter": ("a\U0001ffff", "holds a noncharacter (U+1FFFF) at character 2"),
    "override": ("abc\u202edef",
                 "holds a direction override (U+202E) at character 4; it could reorder the text"),
    "embedding": ("\u202ba", "holds a direction override (U+202B) at character 1; "
                             "it could reorder the text"),
    "isolate": ("a\u2067b", "holds a direction override (U+2067) at character 2; "
                            "it could reorder the text"),
    "line separator": ("a\u2028b", "holds a line separator (U+2028) at character 2"),
    "line break": ("a\nb", "holds a line break (U+000A) at character 2"),
    "byte order mark": ("a\ufeffb", "holds an invisible format character (U+FEFF) at character 2"),
    "only zero-width": ("\u200b\u200c", "has no visible character (only spaces, zero-width or "
                                        "direction characters)"),
    "only marks": ("\u200f \u200e", "has no visible character (only spaces, zero-width or "
                                    "direction characters)"),
    "only combining": ("\u0301\u0302", "has no visible character (only spaces, zero-width or "
                                       "direction characters)"),
    "only blank letters": ("\u3164\u2800", "has no visible character (only spaces, zero-width "
                                           "or direction characters)"),
    "tag characters": ("Ali\U000e0041\U000e0042", "holds an invisible format character "
                                                "(U+E0041) at character 4"),
}

ACCEPTED = [
    "Licht de straat",
    "أضئ الشارع",  # Arabic
    "أَضِئِ الشَّارِعَ",  # Arabic with its vowel marks (combining)
    "Ali \u200fيلعب",  # a right-to-left mark between words: a mark, not an override
    "Tuğba, Łucja, Олена",
    "e\u0301cole",  # a combining accent
    "Family \U0001f468\u200d\U0001f469\u200d\U0001f467 and \u2764\ufe0f",  # ZWJ, variation
    "\U0001f1f3\U0001f1f1 Nederland",  # a flag of two regional indicators
    "50\u00a0%",  # a no-break space
    "\ufffd",  # the replacement character is visible
]


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_the_rule_refuses_with_one_line(case):
    text, message = REFUSED[case]
    assert text_problem(text) == message
    assert "\n" not in message


@pytest.mark.parametrize("text", ACCEPTED)
def test_the_rule_accepts_ordinary_text_of_every_language(text):
    assert text_problem(text) is None
    assert clean_text(text) == text or text == "e\u0301cole"  # NFC joins e and its accent


def test_a_line_break_only_where_the_caller_allows_it():
    assert text_problem("one\ntwo", newlines=True) is None
    assert clean_text("one\r\ntwo\tthree", newlines=True) == "one\ntwo three"
    assert clean_text("one\ntwo") == "one two"


def test_cleaning_drops_exactly_the_refused_characters():
    assert clean_text("A\x00l\ud800i\u202e\x07\ufffe") == "Ali"
    assert clean_text("\u200fAli\u200e", marks=True) == "Ali"
    assert not has_visible(clean_text("\u200b\u200f\u202e"))
    assert clean_text(12) == "12"


def test_printable_ascii_is_never_refused():
    """game.progress.records.check_text lets printable ASCII through without asking the rule
    (a log is nearly all of it): the rule refuses none of those characters, alone or together,
    and refuses the ASCII that is not printable (a control character)."""
    from game.text_rules import bad_character

    printable = "".join(chr(c) for c in range(128) if chr(c).isprintable())
    assert len(printable) == 95
    assert all(bad_character(ch) is None for ch in printable)
    assert bad_character(printable * 3) is None
    assert all(bad_character(chr(c)) is not None for c in range(32) if chr(c) not in "\t\n\r")


def test_the_rule_module_needs_no_pygame():
    source = (game.PROJECT_ROOT / "game" / "text_rules.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+(pygame|game)\b", source, re.M)


# --- the checker: every text field, one line ---------------------------------------------------

#: (field as named in the message, line in BASE, the text in BASE)
BASE_FIELDS = [
    ("title", 7, '"Test"'),
    ("story", 8, '"A story."'),
    ("hints[0].text", 17, '"Where does the power come from?"'),
    ("parent_tip.what", 18, '"Solar panels turn sunlight into power."'),
    ("parent_tip.home", 18, '"Count the solar panels you see from a window."'),
]

#: YAML double-quoted escapes -> what the checker says about them
ESCAPES = {
    r'"\0"': "holds a control character (U+0000) at character 1",
    r'"Hallo\uD800"': "holds a lone surrogate (U+D800) at character 6",
    r'"\u200b\u200f\u202e"': "holds a direction override (U+202E) at character 3; "
                             "it could reorder the text",
    r'"\u200b\u200f"': "has no visible character (only spaces, zero-width or direction "
                       "characters)",
    r'"a\x07b"': "holds a control character (U+0007) at character 2",
    r'"a\x9bb"': "holds a control character (U+009B) at character 2",
    r'"line\nbreak"': "holds a line break (U+000A) at character 5; write it on one line, "
                      "the game wraps the text",
    r'"\uFFFF"': "holds a noncharacter (U+FFFF) at character 1",
    r'"\e[31mred"': "holds a control character (U+001B) at character 1",
}


@pytest.mark.parametrize("field,line,old", BASE_FIELDS)
@pytest.mark.parametrize("escape", sorted(ESCAPES))
def test_checker_refuses_hostile_text_in_every_text_field(tmp_path, field, line, old, escape):
    text = BASE.replace(old, escape, 1)
    assert problems_of(tmp_path, text) == [f"lvl.yaml:{line}: {field}: {ESCAPES[escape]}"]


def _explore_text(old: str, new: str) -> str:
    text = EXPLORE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("field,old", [
    ("predict.text", '"Which one will keep the light on at night?"'),
    ("predict.explain", '"At night the solar panel gave no energy'),
])
def test_checker_refuses_hostile_text_in_the_question(tmp_path, field, old):
    new = r'"\0' + (old[1:] if old.endswith('"') else old[1:])
    path = write(tmp_path / "city", _explore_text(old, new), "06-x.yaml")
    lines = [str(p) for p in inspect_level(path, source="06-x.yaml").problems]
    assert lines == [f"06-x.yaml:{'36' if field == 'predict.text' else '40'}: {field}: "
                     "holds a control character (U+0000) at character 1"]


def test_a_folded_block_story_keeps_working(tmp_path):
    text = BASE.replace('story: "A story."', "story: >\n  A story over\n  two lines.\n")
    assert problems_of(tmp_path, text) == []
    level = inspect_level(write(tmp_path, text)).level
    assert level.story == "A story over two lines."


@pytest.mark.parametrize("text", ACCEPTED)
def test_checker_accepts_every_language_in_a_title(tmp_path, text):
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    assert problems_of(tmp_path, BASE.replace('"Test"', quoted, 1)) == []


def test_the_checker_command_prints_one_line_per_hostile_field(tmp_path, capsys):
    from game.content import check

    text = (BASE.replace('"Test"', r'"\0"').replace('"A story."', r'"\uD800"')
            .replace('"Where does the power come from?"', r'"\u202e"'))
    path = write(tmp_path, text)
    assert check.main([str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}:7: title: holds a control character (U+0000) at character 1",
        f"{path}:8: story: holds a lone surrogate (U+D800) at character 1",
        f"{path}:17: hints[0].text: holds a direction override (U+202E) at character 1; "
        "it could reorder the text",
        "3 problems in 1 of 1 level",
    ]


# --- defence in depth: drawing --------------------------------------------------------------

HOSTILE = ["a\x00b", "x\ud800", "\ud800", "\u200b\u200f\u202e", "\u200b", "\u200f\u200e",
           "مر\x00حبا", "مرحبا\ud800", "مرحبا\n\u200b", "a\u202eb", "\x07\x1b[31m", "\ufffe",
           "Ali\x00\n\u200b", ""]


@pytest.fixture
def fonts():
    from game.ui.fonts import Fonts

    pygame.font.init()
    return Fonts(game.PROJECT_ROOT / "assets" / "fonts", SimpleNamespace(language="ar"))


@pytest.mark.parametrize("wrap", [0, 120])
@pytest.mark.parametrize("text", HOSTILE)
def test_the_renderer_draws_hostile_text_without_raising(fonts, text, wrap):
    surf = fonts.render(text, 24, (0, 0, 0), wrap_px=wrap)
    assert surf.get_height() > 0
    clean = clean_text(text, newlines=True)
    if has_visible(clean):  # what is drawn: the text without the bad characters
        assert surf.get_size() == fonts.render(clean, 24, (0, 0, 0), wrap_px=wrap).get_size()
    else:  # nothing visible: nothing drawn, one line high
        assert surf.get_width() == 0


def test_the_painter_measures_and_draws_hostile_text(app):
    from game.ui.view import Painter

    painter = Painter(app.surface, app.view, app.ctx.art, app.ctx.fonts)
    for text in HOSTILE:
        painter.text_box(text, (10, 10, 300, 80), 24)
        assert painter.measure(text, 24)[1] > 0


def test_a_level_with_hostile_texts_is_drawn_and_read(app, fake_time):
    """A level that an older checker let through: the play screen draws and reads it."""
    from dataclasses import replace

    from game.sim.model import Hint, ParentTip

    level = replace(street_level(), title="\u200b\u200f\u202e", story="Bring\x00 power\ud800",
                    hints=(Hint("\x07\u202e"),), parent_tip=ParentTip("\ufffe\x00", "", "", ""))
    scene = start_play(app, level)
    for _ in range(5):
        fake_time.advance(1 / 30)
        app.step_frame()
    from game.speech import instruction_text, speakable

    spoken = speakable(instruction_text(scene))
    assert "\x00" not in spoken and "\ud800" not in spoken and "power" in spoken


# --- defence in depth: speaking ----------------------------------------------------------------


def test_speakable_drops_the_bad_characters_and_nothing_visible_is_nothing():
    from game.speech import speakable

    assert speakable("Bring\x00 power\ud800 \u202ehome") == "Bring power home"
    assert speakable("\u200b\u200f\u202e") == ""
    assert speakable(None) == ""


@pytest.fixture
def real_espeak():
    import shutil

    if shutil.which("espeak-ng") is None:  # pragma: no cover - CI installs it
        pytest.fail("espeak-ng is not installed (apt-get install espeak-ng)")
    return "espeak-ng"


def _speech(lang: str = "nl"):
    from game.speech import Speech
    from tests.test_speech import FakeAudio

    audio = FakeAudio()
    return Speech(audio, SimpleNamespace(language=lang)), audio


@pytest.mark.parametrize("bad", ["Ali\ud800", "a\x00b", "\u202eHallo", "\udcff\udcfe"])
def test_one_bad_character_does_not_silence_the_real_voice(real_espeak, bad):
    from tests.test_speech import wait_until

    speech, audio = _speech()
    speech.say(bad)
    wait_until(lambda: not speech.speaking, speech)
    assert speech.available
    assert speech.say("Hallo, nog een zin.")
    wait_until(lambda: not speech.speaking, speech)
    assert speech.available and audio.played  # the next text is still spoken


def test_only_invisible_text_is_not_said_and_the_voice_stays(real_espeak):
    from tests.test_speech import wait_until

    speech, audio = _speech()
    assert not speech.say("\u200b\u200f\u202e")
    assert speech.available
    assert speech.say("Hallo")
    wait_until(lambda: not speech.speaking, speech)
    assert len(audio.played) == 1


@pytest.mark.usefixtures("fake_espeak")
def test_the_engine_is_handed_the_cleaned_text(tmp_path: Path):
    from tests.test_speech import runs, wait_until

    speech, audio = _speech()
    assert speech.say("Ali\ud800 speelt\x00 \u202emee")
    wait_until(lambda: not speech.speaking, speech)
    assert [r["text"] for r in runs(tmp_path / "espeak.log")] == ["Ali speelt mee"]
    assert speech.say("Nog een")
    wait_until(lambda: len(audio.played) == 2, speech)


def test_a_silent_text_does_not_turn_the_voice_off(tmp_path, monkeypatch):
    """espeak-ng answers some texts (only signs) with a WAV of no samples: no sound, but the
    voice works, so the next text is spoken."""
    import sys

    from tests.test_speech import wait_until

    script = tmp_path / "bin" / "espeak-ng"
    script.parent.mkdir()
    script.write_text(f"""#!{sys.executable}
import struct, sys
text = sys.stdin.buffer.read().decode("utf-8")
pcm = b"" if text == "..." else struct.pack("<4h", 1, -1, 2, -2)
sys.stdout.buffer.write(b"RIFF" + struct.pack("<I", 0x7FFFF024) + b"WAVE" + b"fmt "
    + struct.pack("<IHHIIHH", 16, 1, 1, 22050, 44100, 2, 16) + b"data"
    + struct.pack("<I", 0x7FFFF000) + pcm)
""", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(script.parent))
    speech, audio = _speech()
    assert speech.say("...")
    wait_until(lambda: not speech.speaking, speech)
    assert speech.available and not audio.played
    assert speech.say("Hallo")
    wait_until(lambda: len(audio.played) == 1, speech)



# --- any text at all -----------------------------------------------------------------------------

ANY_TEXT = st.lists(st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=6),  # surrogates and controls too
    st.sampled_from(["\u200b", "\u200f", "\u202e", "\u2066", "\x00", "\ud800", "مرحبا", "Ali",
                     " ", "\n", "\u0651", "\U0001f468\u200d\U0001f469", "Олена"])),
    max_size=8).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=ANY_TEXT, wrap=st.sampled_from([0, 90]))
def test_any_text_is_drawn_and_made_speakable_without_raising(fonts, text, wrap):
    from game.speech import speakable

    assert fonts.render(text, 20, (0, 0, 0), wrap_px=wrap).get_height() > 0
    spoken = speakable(text)
    assert text_problem(spoken) is None if spoken else True
    cleaned = clean_text(text)
    assert text_problem(cleaned) in (None, text_problem("\u200b"))  # clean, or nothing visible
