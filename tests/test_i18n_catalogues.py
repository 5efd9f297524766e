"""The translation catalogues are complete, correct and compiled.

The template is extracted afresh here, with Babel's Python API and babel.cfg's own method
map, so a string added anywhere in game/ or levels/ without a Dutch translation fails this
test, and the failure names the string. To fix a failure, from the repository root:

    pybabel extract -F babel.cfg -c TRANSLATORS: --sort-by-file \\
        --project=Techniekwerf --version=0.1 -o locale/techniekwerf.pot .
    pybabel update -i locale/techniekwerf.pot -d locale -D techniekwerf
    (translate the new entries in locale/nl/..., copy the msgid into msgstr in locale/en/...)
    pybabel compile -d locale -D techniekwerf
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from game.i18n import DOMAIN, make_translator
from game.settings import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
#: how many plural forms each language has (CLDR, as Babel knows them)
PLURAL_FORMS = {"nl": 2, "en": 2, "tr": 2, "pl": 3, "uk": 3, "ar": 6}
COMMENT_TAGS = ("TRANSLATORS:",)
FIX = ("run `pybabel extract ...`, `pybabel update ...`, translate, `pybabel compile ...` "
       "(see README, 'Translating')")

# {name}, {0}, {name!r:>4}; %(name)d, %d, %s, %.1f -- but not the "%" in "50% of".
PLACEHOLDER = re.compile(
    r"\{[A-Za-z_]\w*(?:\.\w+|\[\w+\])*(?:![rsa])?(?::[^{}]*)?\}|\{\d*\}"
    r"|%\([A-Za-z_]\w*\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[#0+-]*\d*(?:\.\d+)?[disf]")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "").replace("%%", "")))


Msgid = str | tuple[str, ...]


@pytest.fixture(scope="module")
def extraction() -> tuple[dict[Msgid, list[str]], dict[Msgid, list[str]]]:
    """Every msgid in game/ and levels/, extracted now: (msgid -> the places it comes from,
    msgid -> its comments, as the template gets them: TRANSLATORS: lines and level roles)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, filename=str(ROOT / "babel.cfg"))
    warnings = io.StringIO()
    found: dict[Msgid, list[str]] = {}
    comments: dict[Msgid, list[str]] = {}
    with contextlib.redirect_stderr(warnings):
        for filename, lineno, message, message_comments, _context in extract_from_dir(
                ROOT, method_map, options_map, keywords=DEFAULT_KEYWORDS,
                comment_tags=COMMENT_TAGS):
            found.setdefault(message, []).append(f"{filename}:{lineno}")
            comments.setdefault(message, []).extend(message_comments)
    # Babel drops an empty msgid with a warning instead of extracting it: catch that here.
    empty = [line for line in warnings.getvalue().splitlines() if "Empty msgid" in line]
    assert not empty, "empty msgids (gettext(\"\") returns the catalogue header):\n" + "\n".join(
        empty)
    return found, comments


@pytest.fixture(scope="module")
def extracted(extraction) -> dict[Msgid, list[str]]:
    """Every msgid in game/ and levels/, extracted now: msgid -> the places it comes from."""
    return extraction[0]


def load_po(lang: str):
    with open(LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as f:
        return read_po(f, locale=lang)


def listing(ids, where=None) -> str:
    return "\n".join(f"  {i!r}" + (f"  ({', '.join(where[i][:2])})" if where else "")
                     for i in sorted(ids, key=str))


def test_extraction_finds_code_and_level_texts(extracted):
    sources = {place.split(":")[0].replace("\\", "/") for places in extracted.values()
               for place in places}
    assert any(s.startswith("levels/") for s in sources), "no level texts were extracted"
    for folder in ("game/sim/", "game/scenes/"):
        assert any(s.startswith(folder) for s in sources), f"nothing extracted from {folder}"
    # N_-marked module-level strings (part names, goal texts) and level titles all land.
    assert "Solar panel" in extracted
    assert "Give every building energy." in extracted


def test_no_msgid_is_empty_or_blank(extracted):
    blank = [m for m in extracted
             if any(not part.strip() for part in (m if isinstance(m, tuple) else (m,)))]
    assert not blank, "blank msgids:\n" + listing(blank, extracted)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_msgid_is_translated(extracted, lang):
    catalogue = load_po(lang)
    missing, untranslated = [], []
    for msgid in extracted:
        message = catalogue.get(msgid)
        if message is None:
            missing.append(msgid)
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else [
            message.string]
        if message.fuzzy or not all(s for s in strings):
            untranslated.append(msgid)
    text = ""
    if missing:
        text += f"{len(missing)} msgids are not in locale/{lang}/.../{DOMAIN}.po:\n"
        text += listing(missing, extracted) + "\n"
    if untranslated:
        text += f"{len(untranslated)} msgids are untranslated or fuzzy in {lang}:\n"
        text += listing(untranslated, extracted) + "\n"
    assert not text, text + FIX


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_header(lang):
    catalogue = load_po(lang)
    assert str(catalogue.locale) == lang
    assert catalogue.num_plurals == PLURAL_FORMS[lang]
    assert "nplurals=" in catalogue.plural_forms


def test_every_language_of_the_settings_has_its_plural_count():
    assert set(PLURAL_FORMS) == set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_rule_picks_the_cldr_form(lang):
    """The header's rule picks, for every count, the form Babel's CLDR data says it needs."""
    import gettext

    from babel import Locale
    from babel.plural import to_gettext

    header_rule = gettext.c2py(load_po(lang).plural_expr)
    expected = to_gettext(Locale.parse(lang).plural_form)  # 'nplurals=N; plural=(...);'
    cldr_rule = gettext.c2py(expected.split("plural=", 1)[1].rstrip(";"))
    wrong = [n for n in range(0, 1001) if header_rule(n) != cldr_rule(n)]
    assert not wrong, f"{lang}: the header's plural rule picks another form for {wrong[:10]}"


#: the letters each language's translations are written in
SCRIPTS = {"uk": re.compile("[\u0400-\u04ff]"), "ar": re.compile("[\u0600-\u06ff]")}
#: msgids that stay as they are in every language: the game's name and the Dutch name of a
#: school year (parents meet "groep 5" in every letter from school); a msgid of only
#: placeholders and marks ("{a}: {result}.") has no words to write in any letters
KEPT_AS_IS = {"Techniekwerf", "Groep {low}–{high}", "Groep {low}"}


def only_placeholders(msgid: str) -> bool:
    return not any(ch.isalpha() for ch in re.sub(r"\{[^{}]*\}", "", msgid))


@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_translations_are_written_in_the_languages_script(lang):
    """A msgstr left in Latin letters in Ukrainian or Arabic is an untranslated string."""
    wrong = []
    for m in load_po(lang):
        first = m.id if isinstance(m.id, str) else m.id[0]
        if not m.id or first in KEPT_AS_IS or only_placeholders(first):
            continue
        strings = m.string if m.pluralizable else [m.string]
        if not all(SCRIPTS[lang].search(s) for s in strings):
            wrong.append(m.id)
    assert not wrong, f"msgstr without {lang} letters:\n" + listing(wrong)


def test_english_is_an_identity_catalogue():
    wrong = [m.id for m in load_po("en") if m.id and (
        tuple(m.string) != tuple(m.id) if m.pluralizable else m.string != m.id)]
    assert not wrong, "English msgstr differs from its msgid:\n" + listing(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match(lang):
    wrong = []
    for m in load_po(lang):
        if not m.id:
            continue
        if m.pluralizable:
            allowed = placeholders(m.id[0]) | placeholders(m.id[1])
            forms = [placeholders(s) for s in m.string if s]
            # A singular form may leave out the number ("één ster"), but may add nothing,
            # and together the forms use every placeholder of msgid_plural.
            if any(f - allowed for f in forms) or not placeholders(m.id[1]) <= set().union(
                    *forms):
                wrong.append(m.id)
        elif m.string and placeholders(m.string) != placeholders(m.id):
            wrong.append(m.id)
    assert not wrong, f"placeholders differ between msgid and msgstr in {lang}:\n" + listing(
        wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_entries_have_every_form(lang):
    catalogue = load_po(lang)
    wrong = [m.id for m in catalogue if m.id and m.pluralizable and (
        len(m.string) != catalogue.num_plurals or not all(m.string))]
    assert not wrong, (f"plural entries without all {catalogue.num_plurals} forms in "
                       f"{lang}:\n" + listing(wrong))


def _messages(catalogue) -> dict:
    # read_mo gives a plural entry's ids and strings as lists: make them hashable
    return {(tuple(m.id) if m.pluralizable else m.id):
            (tuple(m.string) if m.pluralizable else m.string)
            for m in catalogue if m.id}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_mo_is_up_to_date(lang):
    mo_path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    assert mo_path.is_file(), f"{mo_path} is missing: run `pybabel compile -d locale -D {DOMAIN}`"
    fresh = io.BytesIO()
    write_mo(fresh, load_po(lang))  # like `pybabel compile`: fuzzy entries are left out
    fresh.seek(0)
    with open(mo_path, "rb") as f:
        committed = _messages(read_mo(f))
    compiled = _messages(read_mo(fresh))
    stale = sorted({k for k in compiled.keys() | committed.keys()
                    if compiled.get(k) != committed.get(k)}, key=str)
    assert not stale, (f"{mo_path.relative_to(ROOT)} is older than its .po; run `pybabel "
                       f"compile -d locale -D {DOMAIN}`. Differing msgids:\n" + listing(stale))


def test_dutch_translator_speaks_dutch_and_falls_back_to_english(extracted):
    gettext, ngettext = make_translator("nl")
    assert gettext("Solar panel") == "Zonnepaneel"
    assert gettext("Test") == "Testen"
    unknown = "A sentence nobody has translated (test only)."
    assert gettext(unknown) == unknown
    assert ngettext(unknown, unknown + "s", 2) == unknown + "s"
    # Every level title comes out as the Dutch catalogue has it, and most differ from English.
    nl = load_po("nl")
    titles = [m.id for m in nl if m.id and any(c.endswith(": title") for c in m.auto_comments)]
    assert titles, "no level titles in the Dutch catalogue"
    for title in titles:
        assert gettext(title) == nl[title].string
    assert sum(gettext(t) != t for t in titles) > len(titles) // 2


def test_english_translator_returns_the_msgids():
    gettext, _ngettext = make_translator("en")
    assert gettext("Solar panel") == "Solar panel"


#: placeholders that hold a count of things: their sentence needs a plural form per language
COUNT_PLACEHOLDER = re.compile(r"\{(n|count|seconds|minutes|hours|days)\}")


def test_every_count_goes_through_ngettext(extracted):
    """"3 pupils", "1 second": a sentence with a count must be an ngettext entry, or Polish,
    Ukrainian and Arabic (three to six forms) read wrong. Numbers that are not counts use
    another name ({number}, {step}, {total} in "3 of {total}" beside a counted noun...)."""
    singular = [m for m in extracted if isinstance(m, str) and COUNT_PLACEHOLDER.search(m)]
    assert not singular, "counts without ngettext:\n" + listing(singular, extracted)


def _ids(msgid: Msgid) -> tuple[str, ...]:
    return msgid if isinstance(msgid, tuple) else (msgid,)


def _translator_comment(comments: list[str]) -> str:
    """A msgid's translator comment as one text ("" without a TRANSLATORS: line; a level
    text's role alone does not count)."""
    return " ".join(comments) if any(c.startswith(COMMENT_TAGS) for c in comments) else ""


def test_every_placeholder_is_explained_to_translators(extraction):
    """A translator sees "Delete {name}?" without the screen: a `# TRANSLATORS:` comment on
    the line before the call says where it shows and what each placeholder stands for.
    (Babel gives the comment only to the first call on the next line.)"""
    found, comments = extraction
    unexplained = []
    for msgid, places in found.items():
        names = set().union(*(placeholders(i) for i in _ids(msgid)))
        if not names:
            continue
        text = _translator_comment(comments[msgid])
        if not text:
            unexplained.append(f"  {msgid!r} ({', '.join(places)}): no comment")
        elif missing := sorted(n for n in names if n not in text):
            unexplained.append(f"  {msgid!r} ({', '.join(places)}): says nothing of "
                               + ", ".join(missing))
    assert not unexplained, (
        "msgids with a placeholder and no `# TRANSLATORS:` comment naming each placeholder "
        "(put it on the line directly before the call, one call per line):\n"
        + "\n".join(unexplained))


def test_every_translator_comment_reaches_its_message(extraction):
    """A `# TRANSLATORS:` line that is not directly above a gettext call is silently dropped
    by Babel: the translator never sees it."""
    _found, comments = extraction
    seen = {c for cs in comments.values() for c in cs}
    lost = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            comment = line.strip()
            if comment.startswith("#") and comment[1:].strip().startswith(COMMENT_TAGS) and (
                    comment[1:].strip() not in seen):
                lost.append(f"  {path.relative_to(ROOT)}:{lineno}: {comment}")
    assert not lost, ("translator comments Babel drops (move each to the line directly before "
                      "its gettext/ngettext/N_ call, one call per line):\n" + "\n".join(lost))
