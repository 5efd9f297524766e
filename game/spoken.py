"""Spoken variants: what the voice reads where the screen's text alone is read poorly.

Arabic is written without its short vowels, and espeak-ng guesses them badly: the screen's
"أحسنت!" comes out as "ʔħsnt". So Arabic has a second catalogue,
``locale/ar/LC_MESSAGES/techniekwerf-spoken.po``: the same English msgids, and as msgstr the
screen's Arabic with its vowel marks (tashkeel) written in. The screen never sees it; only the
read-aloud path (:class:`game.speech.Speech`) turns a screen text into its spoken form here.

How a text becomes its spoken form (:class:`Vocaliser`):

- Each spoken msgstr is paired with the screen's msgstr of the same msgid (each plural form
  with its own). A pair is used only while the spoken text and the screen text, both without
  their marks, are letter for letter the same: a translation that changed after its spoken variant was written is
  simply read as it is on screen (``python -m game.spoken missing`` lists those).
- Every screen msgstr found in the text (a whole sentence or more, never half a word; the
  longest first) is replaced by its spoken form; a ``{placeholder}`` matches whatever the game
  put there and is kept as it is. Text without a spoken variant (a pupil's name, a number, a
  msgid that has none) is read as on screen.

Which texts are read aloud: those from the sources in :data:`SPOKEN_SOURCES` (levels, the
simulation's goals and parts, and the pupils' screens with a speaker button or spoken
tooltips). ``tests/test_spoken.py`` holds every Arabic one of them to a fresh spoken variant.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from game.i18n import DOMAIN, LOCALE_DIR

SPOKEN_DOMAIN = f"{DOMAIN}-spoken"
#: Languages with a spoken catalogue.
SPOKEN_LANGUAGES = ("ar",)
#: Where the texts that are read aloud come from (msgid locations, as in the catalogues).
SPOKEN_SOURCES = (
    "levels/",
    "game/sim/",
    "game/ui/",
    "game/scenes/play.py", "game/scenes/result.py", "game/scenes/question.py",
    "game/scenes/info_card.py", "game/scenes/title.py", "game/scenes/world_map.py",
    "game/scenes/level_select.py", "game/scenes/login.py", "game/scenes/pause.py",
    "game/scenes/settings_menu.py", "game/scenes/stop_card.py",
    "game/scenes/player.py", "game/scenes/worlds.py", "game/scenes/celebration.py",
    # at home: the first start's question, "who is playing?", the parental gate's sum
    "game/scenes/home_place.py", "game/scenes/home_who.py", "game/scenes/parent_gate.py",
    "game/home_gate.py",
)
#: The screens only a teacher sees: their texts are not given spoken forms (the teacher reads
#: them; tests/test_spoken.py checks every screen is in one list or the other).
TEACHER_SOURCES = (
    "game/scenes/attempt_view.py", "game/scenes/classes.py", "game/scenes/dashboard.py",
    "game/scenes/lessons.py", "game/scenes/pupil_page.py", "game/scenes/teacher_data.py",
    "game/scenes/teacher_gate.py", "game/scenes/teacher_home.py", "game/progress/",
    "game/scenes/teacher_base.py", "game/scenes/exports.py", "game/scenes/lesbrief_pick.py",
    # the parents' page and the family file's note: for grown-ups, who read them
    "game/scenes/home_parents.py", "game/home.py",
    # homework from school: the teacher gives it, a parent opens it
    "game/scenes/homework_out.py", "game/scenes/homework_in.py", "game/homework.py",
)
#: Arabic vowel marks and the other signs that do not change the letters: fathatan..sukun,
#: the dagger alef, and the tatweel.
MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
#: A letter or mark of Arabic script: a match never starts or ends inside a word.
_WORD = "\u0621-\u065f\u0670-\u06d3\u0640"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def strip_marks(text: str) -> str:
    """``text`` without its vowel marks: what the screen shows of a spoken Arabic text."""
    return MARKS.sub("", text)


def needs_marks(string) -> bool:
    """Whether a screen msgstr (or its plural forms) has letters a spoken form would mark."""
    return any(re.search(f"[{_WORD}]", form or "") for form in _forms(string))


def spoken_catalogue_path(lang: str, locale_dir: Path | None = None) -> Path:
    return Path(locale_dir or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{SPOKEN_DOMAIN}.po"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _forms(string) -> tuple[str, ...]:
    return tuple(string) if isinstance(string, (tuple, list)) else (string,)


@dataclass(frozen=True)
class Pair:
    msgid: str
    screen: str
    spoken: str


def load_pairs(lang: str, locale_dir: Path | None = None) -> tuple[list[Pair], list[str]]:
    """(fresh pairs of screen text and spoken text, msgids whose spoken variant is stale).

    Reads the screen's catalogue (the .po beside the .mo the game uses) and the spoken one;
    no spoken catalogue gives no pairs.
    """
    from babel.messages.pofile import read_po

    path = spoken_catalogue_path(lang, locale_dir)
    if not path.is_file():
        return [], []
    with open(path, "rb") as f:
        spoken = read_po(f, locale=lang)
    screen_path = Path(locale_dir or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with open(screen_path, "rb") as f:
        screen = read_po(f, locale=lang)
    pairs: list[Pair] = []
    stale: list[str] = []
    for message in spoken:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        shown = screen.get(message.id)
        if shown is None or not shown.string:
            stale.append(msgid)
            continue
        screen_forms, spoken_forms = _forms(shown.string), _forms(message.string)
        if len(screen_forms) != len(spoken_forms) or any(
                strip_marks(_flat(b)) != strip_marks(_flat(a))
                for a, b in zip(screen_forms, spoken_forms, strict=True)):
            stale.append(msgid)
            continue
        for a, b in zip(screen_forms, spoken_forms, strict=True):
            pairs.append(Pair(msgid, _flat(a), _flat(b)))
    return pairs, stale


class _Rule:
    """One screen text as a pattern (its placeholders match anything) and its spoken form."""

    def __init__(self, screen: str, spoken: str) -> None:
        parts = _PLACEHOLDER.split(screen)
        names = _PLACEHOLDER.findall(screen)
        groups: dict[str, str] = {}
        pattern = re.escape(parts[0])
        for name, literal in zip(names, parts[1:], strict=True):
            if name in groups:
                pattern += f"(?P={groups[name]})"
            else:
                groups[name] = f"g{len(groups)}"
                pattern += f"(?P<{groups[name]}>.+?)"
            pattern += re.escape(literal)
        self.regex = re.compile(f"(?<![{_WORD}]){pattern}(?![{_WORD}])")
        self.groups = groups
        self.spoken = spoken
        self.size = sum(len(p) for p in parts)

    def expand(self, match: re.Match, inner) -> str:
        """The spoken form, each placeholder filled with what the screen had there, itself
        made spoken by ``inner`` (a town's name in "{place} is still being built")."""
        return _PLACEHOLDER.sub(
            lambda m: inner(match.group(self.groups[m.group(0)])) if m.group(0) in self.groups
            else m.group(0), self.spoken)


class Vocaliser:
    """Turns a screen text of ``lang`` into what the voice should read (see the module's doc).

    Loaded on first use (the read-aloud worker thread calls it, never the frame loop).
    """

    def __init__(self, lang: str, locale_dir: Path | None = None) -> None:
        self.lang = lang
        self._locale_dir = locale_dir
        self._rules: list[_Rule] | None = None

    def _load(self) -> list[_Rule]:
        if self._rules is None:
            pairs, _stale = load_pairs(self.lang, self._locale_dir)
            rules = [_Rule(p.screen, p.spoken) for p in pairs
                     if p.screen != p.spoken and re.search(f"[{_WORD}]",
                                                           _PLACEHOLDER.sub("", p.screen))]
            rules.sort(key=lambda r: -r.size)
            self._rules = rules
        return self._rules

    def __call__(self, text: str) -> str:
        rules = self._load()
        if not rules or not re.search(f"[{_WORD}]", text) or "\x00" in text:
            return text  # (a placeholder's value that holds a longer text's stand-in: as is)
        done: list[str] = []

        def keep(rule: _Rule) -> object:
            def replace(match: re.Match) -> str:
                done.append(rule.expand(match, self))
                return f"\x00{len(done) - 1}\x01"
            return replace

        text = _flat(text)
        for rule in rules:
            if rule.regex.search(text):
                text = rule.regex.sub(keep(rule), text)
        sentinel = re.compile("\x00(\\d+)\x01")
        while sentinel.search(text):
            text = sentinel.sub(lambda m: done[int(m.group(1))], text)
        return text


def is_spoken(locations) -> bool:
    """Whether a msgid from these catalogue locations is read aloud."""
    return any(str(place).replace("\\", "/").startswith(SPOKEN_SOURCES)
               for place, _line in locations)


def missing(lang: str, locale_dir: Path | None = None) -> list[str]:
    """The msgids read aloud whose spoken variant is absent or stale (screen text changed)."""
    from babel.messages.pofile import read_po

    screen_path = Path(locale_dir or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with open(screen_path, "rb") as f:
        screen = read_po(f, locale=lang)
    pairs, _stale = load_pairs(lang, locale_dir)
    fresh = {p.msgid for p in pairs}
    out = []
    for message in screen:
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if msgid and is_spoken(message.locations) and msgid not in fresh and needs_marks(
                message.string):
            out.append(msgid)
    return out


HEADER = """\
Techniekwerf: the {lang} texts as read aloud (Arabic: with vowel marks).
msgid: an English msgid of techniekwerf.po beside this file;
msgstr: that catalogue's msgstr with its marks written in (the same
letters). Only the read-aloud voice uses this file (game/spoken.py).
After changing a text, write its spoken form here too: `python -m
game.spoken missing` lists what is missing, `python -m game.spoken add
FILE.json` adds it; tests/test_spoken.py checks the letters."""


def add(lang: str, entries: list[dict], locale_dir: Path | None = None) -> list[str]:
    """Write spoken forms into the spoken catalogue of ``lang``: ``entries`` like
    ``{"msgid": "Well done!", "ar": "أَحْسَنْتَ!"}`` (a plural: the singular msgid and a list of
    forms). Entries whose msgid is gone from the screen's catalogue are dropped. Returns the
    problems (an unknown msgid, other letters than the screen's); nothing is written then."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    screen_path = Path(locale_dir or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with open(screen_path, "rb") as f:
        screen = read_po(f, locale=lang)
    path = spoken_catalogue_path(lang, locale_dir)
    known: dict[str, object] = {}
    created = None
    if path.is_file():
        with open(path, "rb") as f:
            old = read_po(f, locale=lang)
        created = old.creation_date  # kept: a rewrite changes only the entries
        for message in old:
            if message.id:
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                known[key] = message.string
    by_key = {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in screen if m.id}
    problems = []
    for entry in entries:
        key, text = entry.get("msgid"), entry.get(lang)
        shown = by_key.get(key)
        if shown is None or text is None:
            problems.append(f"{key!r}: not in {screen_path.name}, or no {lang!r} text given")
            continue
        text = tuple(text) if isinstance(text, list) else text
        if [strip_marks(_flat(f)) for f in _forms(text)] != [
                strip_marks(_flat(f)) for f in _forms(shown.string)]:
            problems.append(f"{key!r}: its letters differ from the screen's {shown.string!r}")
            continue
        known[key] = text
    if problems:
        return problems
    catalogue = Catalog(locale=lang, project="Techniekwerf", version="0.1", fuzzy=False,
                        **({"creation_date": created} if created else {}),
                        header_comment="\n".join(
                            "# " + line for line in HEADER.format(lang=lang).splitlines()))
    for key, message in by_key.items():  # in the screen catalogue's order
        if key in known:
            catalogue.add(message.id, known[key])
    with open(path, "wb") as f:
        write_po(f, catalogue, width=76, no_location=True)
    return []


def main(argv: list[str] | None = None) -> int:
    """``python -m game.spoken missing [LANG...]``: the read-aloud msgids that need a (new)
    spoken variant, one per line (after changing a translation, write its spoken form too);
    ``python -m game.spoken add FILE.json``: write them (a list of ``{"msgid": ..., "ar": ...}``).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["missing"]:
        for lang in args[1:] or SPOKEN_LANGUAGES:
            for msgid in missing(lang):
                print(f"{lang}\t{msgid!r}")
        return 0
    if args[:1] == ["add"] and len(args) == 2:
        import json

        try:
            entries = json.loads(Path(args[1]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"{args[1]}: cannot read it ({exc})", file=sys.stderr)
            return 1
        failed = False
        for lang in SPOKEN_LANGUAGES:
            mine = [e for e in entries if lang in e]
            for problem in add(lang, mine) if mine else []:
                print(f"{args[1]}: {lang}: {problem}", file=sys.stderr)
                failed = True
        return 1 if failed else 0
    print("usage: python -m game.spoken missing [LANG...] | add FILE.json", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
