"""One word per term and language: the catalogues follow locale/terms.yaml.

A translator who writes "Hint" on one button and "tip" on the next, "current" for what a house
uses, or a town in Latin letters inside Arabic, fails here, with the msgid and the word the
term list asks for. Also the fixes a native reader asked for, one by one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from game.i18n import DOMAIN, make_translator

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LANGS = ("nl", "tr", "pl", "uk", "ar")


def load_terms() -> dict:
    return yaml.safe_load((LOCALE / "terms.yaml").read_text(encoding="utf-8"))


def catalogue(lang: str):
    with open(LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as f:
        return read_po(f, locale=lang)


#: Arabic vowel marks (harakat, shadda, sukun, the dagger alif): a word keeps its meaning with
#: or without them, so the term list's patterns are matched on the letters alone
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")


def texts(message) -> tuple[list[str], list[str]]:
    """(the English forms, the translated forms) of a catalogue message; the translations
    without Arabic vowel marks (``وحدتَي طاقة`` is the term ``وحد\\w* طاقة``)."""
    ids = list(message.id) if isinstance(message.id, tuple) else [message.id]
    strings = list(message.string) if isinstance(message.string, tuple) else [message.string]
    return ids, [ARABIC_MARKS.sub("", s) if s else s for s in strings]


def test_the_term_list_is_complete_and_well_formed():
    terms = load_terms()
    for name in ("energy", "current", "cable", "battery", "solar panel", "wind turbine", "pump",
                 "tap", "valve", "pipe", "sprinkler", "tank", "hint", "test", "star", "level",
                 "pupil", "class", "teacher"):
        assert name in terms, f"locale/terms.yaml has no entry for {name!r}"
    for name, term in terms.items():
        re.compile(term["en"])
        for lang in LANGS:
            entry = term.get(lang) or {}
            assert set(entry) <= {"use", "avoid"}, (name, lang)
            for pattern in [entry.get("use", "")] + list(entry.get("avoid", [])):
                re.compile(pattern)


@pytest.mark.parametrize("lang", LANGS)
def test_every_translation_uses_the_listed_word(lang: str):
    terms = load_terms()
    cat = catalogue(lang)
    wrong = []
    for message in cat:
        if not message.id:
            continue
        ids, strings = texts(message)
        english = re.sub(r"\{[^{}]*\}", "", " ".join(ids))
        for name, term in terms.items():
            entry = term.get(lang) or {}
            use = entry.get("use")
            if not use or not re.search(term["en"], english, re.I):
                continue
            # a plural: the word in one of its forms (Arabic says "nobody" for none)
            if not any(re.search(use, string or "", re.I) for string in strings):
                wrong.append(f"{name}: {message.id!r} -> {strings!r} (use: {use})")
    assert not wrong, (f"{lang}: translations that do not use the term list's word "
                       "(locale/terms.yaml):\n" + "\n".join(wrong))


@pytest.mark.parametrize("lang", LANGS)
def test_no_translation_uses_an_avoided_word(lang: str):
    terms = load_terms()
    wrong = []
    for message in catalogue(lang):
        if not message.id:
            continue
        for string in texts(message)[1]:
            for name, term in terms.items():
                for pattern in (term.get(lang) or {}).get("avoid", []):
                    if string and re.search(pattern, string):
                        wrong.append(f"{name}: {message.id!r} -> {string!r} (avoid: {pattern})")
    assert not wrong, (f"{lang}: words the term list (locale/terms.yaml) avoids:\n"
                       + "\n".join(wrong))


# ---------------------------------------------------------------- the native reader's list


def tr(lang: str):
    return make_translator(lang)


def test_ukrainian_fixes():
    _, _n = tr("uk")
    assert _("Each house needs 1 energy block. One solar panel gives 2. Count the houses!").startswith(
        "Кожному будинку потрібна 1 одиниця енергії.")
    assert _("Nickname or first name") == "Прізвисько або ім'я"
    assert _("Needs help") == "Потрібна допомога"
    # the level's title names what to close (it stands alone on the level card)
    assert "труб" in _("Close it off")
    assert _("On") == "Увімкнено" and _("Off") == "Вимкнено"
    assert "увімк." not in _("Sound on or off").lower()


def test_polish_fixes():
    _, ngettext = tr("pl")
    assert (_("On"), _("Off")) == ("Włączone", "Wyłączone")
    # a class of one pupil: "1 z 1 ucznia", not "uczniów"
    one = ngettext("{solved} of {total} pupil solved it", "{solved} of {total} pupils solved it",
                   1).format(solved=1, total=1)
    assert one.endswith("z 1 ucznia"), one
    two = ngettext("{solved} of {total} pupil solved it", "{solved} of {total} pupils solved it",
                   2).format(solved=1, total=2)
    assert two.endswith("z 2 uczniów"), two
    assert ngettext("{n} pupil", "{n} pupils", 1).format(n=1) == "1 uczeń"


def test_turkish_fixes():
    _, _n = tr("tr")
    assert "«Test et» düğmesine bas" in _("Now press Test to check!")
    assert _("Greenhouse bed") == "Tarh"
    assert _("One panel is not enough") == "Tek panel yetmiyor"


def test_arabic_fixes():
    _, _n = tr("ar")
    assert "عُدْ قريبًا" in _("{place} is still being built. Come back soon!")
    # the verb agrees with its subject: the plants (feminine) are grown in the greenhouse, not
    # "the greenhouse grows" (the story grows young plants since the science rewrite, not tomatoes)
    assert "تُزرع فيه نباتات صغيرة" in _(
        "A new greenhouse at Agriport A7 grows young plants. Water both fields and fill the storage "
        "tank with one pump, using as few parts as you can.")


def test_dutch_says_tip_everywhere():
    _, _n = tr("nl")
    assert _("Hint") == "Tip"
    assert _("Hints") == "Tips"


def test_greenport_10_hint_2_points_at_the_valve_that_stays_closed():
    """The hint lights up the two valves to change and names the third, rightmost one (closed,
    its pipe ends in nothing) as the one that stays closed - in every language."""
    level = yaml.safe_load((ROOT / "levels/greenport/10-dry-in-aalsmeer.yaml").read_text())
    valves = {tuple(p["at"]): p for p in level["parts"] if p["kind"] == "valve"}
    assert len(valves) == 3
    hint = level["hints"][1]
    lit = {tuple(c) for c in hint["cells"]}
    changed = {tuple(next(iter(step.values()))) for step in level["solutions"][0]["steps"]}
    assert lit == changed and lit < set(valves)
    (third,) = set(valves) - lit
    assert third[0] == max(x for x, _ in valves), "the valve that stays is the rightmost one"
    assert valves[third].get("on", valves[third].get(True)) is False  # (YAML 1.1: on is True)
    text = hint["text"]
    assert "third valve" in text and "right end" in text and "stay closed" in text
    words = {"nl": "derde", "tr": "Üçüncü", "pl": "Trzeci", "uk": "Третій", "ar": "الثالث"}
    for lang, word in words.items():
        assert word in tr(lang)[0](text), lang
