"""Spoken variants: Arabic is read aloud with its vowel marks, the screen keeps the plain text.

espeak-ng guesses the short vowels of unvocalised Arabic badly ("أحسنت" comes out as "ʔħsnt"),
so every Arabic text that is read aloud has a vocalised twin in
``locale/ar/LC_MESSAGES/techniekwerf-spoken.po`` (game/spoken.py). These tests hold that
catalogue to the screen's: each text read aloud has one, with the very same letters.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from test_speech import FakeAudio, fake_espeak, runs, wait_until  # noqa: F401 - a fixture

from game.i18n import DOMAIN, LOCALE_DIR, make_translator
from game.speech import Speech, sentences
from game.spoken import (
    SPOKEN_DOMAIN,
    SPOKEN_LANGUAGES,
    Vocaliser,
    add,
    is_spoken,
    load_pairs,
    missing,
    needs_marks,
    spoken_catalogue_path,
    strip_marks,
)

#: Arabic short vowels, tanween, shadda and sukun
HARAKAT = re.compile("[\u064b-\u0652]")


def read(lang: str, domain: str = DOMAIN):
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po", "rb") as f:
        return read_po(f, locale=lang)


# ------------------------------------------------------------------ the shipped catalogue


def test_every_arabic_text_read_aloud_has_a_vocalised_spoken_variant():
    screen = read("ar")
    spoken = read("ar", SPOKEN_DOMAIN)
    read_aloud = [m for m in screen if m.id and is_spoken(m.locations) and needs_marks(m.string)]
    assert len(read_aloud) > 300, "the read-aloud texts were not found (SPOKEN_SOURCES?)"
    # the level texts, the praise and the tooltips of the play screen are all among them
    ids = {m.id for m in read_aloud}
    assert {"Well done!", "Dry in Aalsmeer", "Get a hint", "It works!"} <= ids
    gaps = missing("ar")
    assert not gaps, ("Arabic texts read aloud without a (fresh) spoken variant in "
                      f"{spoken_catalogue_path('ar').relative_to(LOCALE_DIR.parent)} "
                      "(python -m game.spoken missing):\n" + "\n".join(map(repr, gaps)))
    for message in read_aloud:
        forms = spoken.get(message.id).string
        forms, shown = ((forms, message.string) if isinstance(forms, tuple)
                        else ((forms,), (message.string,)))
        assert [strip_marks(f) for f in forms] == [strip_marks(f) for f in shown], message.id
        said = " ".join(forms)
        words = re.findall("[\u0621-\u064a\u0670\u064b-\u0652]+", said)
        marked = [w for w in words if HARAKAT.search(w)]
        if all(len(strip_marks(w)) <= 2 for w in words):
            continue  # لا: nothing to mark
        # every text has its vowels written in (short words such as على or في need none)
        long_words = [w for w in words if len(strip_marks(w)) > 3]
        bare = [w for w in long_words if w not in marked]  # (الماء needs no mark at a pause)
        assert marked and len(bare) <= max(1, 0.2 * len(long_words)), (
            f"{message.id!r}: too few words have their vowel marks: {said}")


def test_spoken_entries_all_match_the_screen_letters():
    """No spoken entry reads other words than the screen shows (a changed translation makes
    its spoken form stale: fix the spoken form)."""
    pairs, stale = load_pairs("ar")
    screen_ids = {m.id for m in read("ar") if m.id}
    assert pairs
    assert not [m for m in stale if m in screen_ids], stale


def test_the_spoken_catalogue_is_not_a_game_catalogue():
    """The catalogue tests and the game look at techniekwerf.po/.mo only: the spoken twin has
    another domain and no compiled .mo the game could load by mistake."""
    path = spoken_catalogue_path("ar")
    assert path.name == f"{SPOKEN_DOMAIN}.po" and SPOKEN_DOMAIN != DOMAIN
    assert not path.with_suffix(".mo").exists()
    gettext, _ = make_translator("ar")
    assert not HARAKAT.search(gettext("Well done!"))  # the screen keeps the plain text
    assert set(SPOKEN_LANGUAGES) == {p.parent.parent.name
                                     for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{SPOKEN_DOMAIN}.po")}


@pytest.mark.skipif(shutil.which("espeak-ng") is None,
                    reason="espeak-ng is not installed here (CI installs it: .ci/run)")
def test_espeak_ng_reads_the_vowels_of_well_done():
    def phonemes(text: str) -> str:
        done = subprocess.run(["espeak-ng", "-v", "ar", "-q", "-x", "-b", "1", "--stdin"],
                              input=text.encode("utf-8"), capture_output=True, check=True)
        return done.stdout.decode("utf-8")

    gettext, _ = make_translator("ar")
    vocalise = Vocaliser("ar")
    said = vocalise(gettext("Well done!"))
    assert said != gettext("Well done!")
    assert re.search("[aiu]", phonemes(said)), phonemes(said)  # ʔaħsanta, not ʔħsnt
    story = sentences(gettext("Dry in Aalsmeer"), gettext(
        "The pump works, but the freesias stay dry and water spills on the floor. Nothing is "
        "cracked. What is wrong?"))
    vowels = [len(re.findall("[aiueo]", phonemes(t), re.I)) for t in (story, vocalise(story))]
    assert vowels[1] > vowels[0], vowels


# ------------------------------------------------------------------ the mechanism


@pytest.fixture
def locale(tmp_path: Path) -> Path:
    """A small Arabic screen catalogue and its spoken twin."""
    texts = {
        "Well done!": ("أحسنت!", "أَحْسَنْتَ!"),
        "Almere": ("ألمير", "أَلْمير"),
        "Next level": ("المرحلة التالية", "المَرْحَلَةُ التّالِيَة"),
        "{place} is still being built. Come back soon!": (
            "ما زال {place} قيد البناء. عُدْ قريبًا!", "ما زالَ {place} قَيْدَ البِناء. عُدْ قَريبًا!"),
        "Changed since": ("نص جديد", "نَصٌّ قَديم"),  # the screen text changed: stale
        "Home": ("بيت", "بَيْت"),
    }
    folder = tmp_path / "locale" / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for domain, index in ((DOMAIN, 0), (SPOKEN_DOMAIN, 1)):
        catalogue = Catalog(locale="ar", fuzzy=False)
        for msgid, pair in texts.items():
            catalogue.add(msgid, pair[index], locations=[("levels/x.yaml", 1)])
        with open(folder / f"{domain}.po", "wb") as f:
            write_po(f, catalogue)
    return tmp_path / "locale"


def test_a_composed_text_is_read_with_the_marks_of_each_part(locale: Path):
    vocalise = Vocaliser("ar", locale)
    assert vocalise("أحسنت! المرحلة التالية") == "أَحْسَنْتَ! المَرْحَلَةُ التّالِيَة"
    # a placeholder keeps what the game put there, itself spoken
    assert vocalise("ما زال ألمير قيد البناء. عُدْ قريبًا!") == (
        "ما زالَ أَلْمير قَيْدَ البِناء. عُدْ قَريبًا!")
    # never inside another word; a pupil's name is read as it is
    assert vocalise("بيتنا وسارة") == "بيتنا وسارة"
    assert vocalise("بيت سارة") == "بَيْت سارة"
    # a stale spoken variant is not used: the screen text is read
    assert vocalise("نص جديد") == "نص جديد"
    _, stale = load_pairs("ar", locale)
    assert stale == ["Changed since"]
    assert missing("ar", locale) == ["Changed since"]


def test_the_engine_gets_the_spoken_form_and_the_screen_keeps_its_text(
        fake_espeak: Path, locale: Path):  # noqa: F811 - the fixture
    audio = FakeAudio()
    settings = SimpleNamespace(language="ar")
    speech = Speech(audio, settings, locale_dir=locale)
    assert speech.say("أحسنت!")
    wait_until(lambda: audio.played, speech)
    assert speech.last_text == "أحسنت!"
    assert runs(fake_espeak)[-1]["text"] == "أَحْسَنْتَ!"
    # other languages are read as they are
    settings.language = "nl"
    assert speech.say("Goed gedaan!")
    wait_until(lambda: len(audio.played) == 2, speech)
    assert runs(fake_espeak)[-1]["text"] == "Goed gedaan!"


def test_without_a_spoken_catalogue_the_screen_text_is_read(tmp_path: Path):
    assert Vocaliser("ar", tmp_path)("أحسنت!") == "أحسنت!"


def test_the_add_command_writes_a_spoken_form_and_refuses_other_letters(locale: Path):
    from game.spoken import main

    path = spoken_catalogue_path("ar", locale)
    before = path.read_bytes()
    problems = add("ar", [{"msgid": "Changed since", "ar": "نَصٌّ آخَر"}], locale)
    assert problems and "letters differ" in problems[0]
    assert path.read_bytes() == before  # nothing written
    assert add("ar", [{"msgid": "Changed since", "ar": "نَصٌّ جَديد"}], locale) == []
    assert missing("ar", locale) == []
    assert Vocaliser("ar", locale)("نص جديد") == "نَصٌّ جَديد"
    assert main(["nonsense"]) == 2


def test_what_each_pupil_screen_reads_aloud_in_arabic_has_its_vowels(data_dir, fake_time):
    """The real screens' read-aloud texts (titles, tasks, hints, results, questions joined as
    the screens join them) reach the engine vocalised, not just the catalogue's entries."""
    from scene_gallery import gallery_app, show

    from game.speech import instruction_text

    app = gallery_app(data_dir, fake_time, lang="ar")
    vocalise = app.ctx.speech.spoken_text  # what the game's own voice is handed
    try:
        for name in ("title", "world_map", "level_select_city", "play_hint", "play_failed",
                     "result", "question", "info_card", "class_pick"):
            text = instruction_text(show(app, name))
            assert text, name
            words = re.findall("[\u0621-\u064a\u064b-\u0652\u0670]+", vocalise(text))
            bare = [w for w in words if len(w) > 4 and not re.search("[\u064b-\u0652\u0670]", w)]
            assert len(bare) <= 0.1 * len(words), f"{name}: read without marks: {bare}"
    finally:
        app.close()


def test_every_screen_is_either_read_aloud_or_a_teachers():
    """A new pupil screen must join SPOKEN_SOURCES (so its Arabic gets spoken forms)."""
    from game.spoken import SPOKEN_SOURCES, TEACHER_SOURCES

    root = LOCALE_DIR.parent
    for path in sorted((root / "game" / "scenes").glob("*.py")):
        name = path.relative_to(root).as_posix()
        if path.name in ("__init__.py", "base.py", "nav.py", "play_run.py"):
            continue  # no texts of their own
        assert name.startswith(SPOKEN_SOURCES) != name.startswith(TEACHER_SOURCES), (
            f"{name}: add it to game.spoken.SPOKEN_SOURCES (a pupil's screen) or "
            "TEACHER_SOURCES")
