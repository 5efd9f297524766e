"""Data leaving the store, only when the teacher asks: a class CSV, one child's data, PC logs.

Everything here goes through the :class:`~game.progress.api.SchoolStore` protocol, so the
same exports work on the SQLite file of one PC and on a school's PostgreSQL server.

The class CSV is written for Dutch Excel, the spreadsheet most schools open it in:

* ``;`` between cells. Excel splits a ``.csv`` file on the *list separator* of the Windows
  region settings, and in the Dutch region that is ``;`` (the comma is the decimal sign there),
  so a comma-separated file opens as one long column. LibreOffice and Python read ``;`` too.
* UTF-8 with a byte-order mark: without it Excel guesses the ANSI code page and shows "Zoë"
  as "ZoÃ«". (A ``sep=;`` first line would also pick the separator, but Excel then ignores
  the BOM, so we leave it out.)
* Whole numbers only (minutes, stars, counts): no decimal sign to disagree about.
* Formula injection escaped (OWASP "CSV injection"): a text cell that begins with ``=``,
  ``+``, ``-``, ``@``, a tab, a carriage return or a line break gets a leading ``'``, so a
  pupil nicknamed ``=HYPERLINK(...)`` stays text and never runs as a formula on the teacher's
  PC. Spreadsheets skip what comes first and cannot be seen (spaces, a no-break space, a
  zero-width space, a direction mark or override) and read full-width signs (``＝``, from an
  East Asian keyboard) as the plain ones, so the sign is looked for after all of that, in any
  width. Numbers are written as numbers: every number of the class table is a count of 0 or
  more, and a number given as a number (not as text) is never escaped.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from game.progress.api import SchoolStore
from game.progress.class_progress import (
    LevelFacts,
    LevelT,
    TitledLevel,
    help_count,
    levels_for,
    solved_count,
)
from game.progress.records import (
    CellStatus,
    ClassGroup,
    Dashboard,
    Lesson,
    MergeReport,
    lookup_key,
)

Gettext = Callable[[str], str]

CSV_DELIMITER = ";"
#: A cell starting with one of these is escaped whatever follows (OWASP's list, and a line break)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
#: The signs a formula starts with, once a character is read in its plain width (NFKC makes
#: ＝＋－＠ and the small ﹦﹢﹣﹫ plain), and the minus sign U+2212.
FORMULA_SIGNS = frozenset("=+-@\u2212")
#: What a spreadsheet may pass over before the sign: spaces and separators (Z*), controls and
#: invisible format characters (C*: zero-width space, direction marks and overrides, BOM),
#: and combining marks with nothing to combine with (Mn, Me).
_SKIPPED = ("Z", "C", "Mn", "Me")


def N_(message: str) -> str:
    """Mark a msgid for extraction; it is translated where it is shown."""
    return message


def _identity(message: str) -> str:
    return message


#: What each status looks like in every export: a symbol that works without colour, and the
#: same word as on the dashboard's legend.
STATUS_SYMBOL: dict[CellStatus, str] = {
    CellStatus.SOLVED: "✓",
    CellStatus.TRIED: "~",
    CellStatus.NEEDS_HELP: "!",
    CellStatus.NOT_STARTED: "–",
}
STATUS_NAME: dict[CellStatus, str] = {
    CellStatus.SOLVED: N_("Solved"),
    CellStatus.TRIED: N_("Tried"),
    CellStatus.NEEDS_HELP: N_("Needs help"),
    CellStatus.NOT_STARTED: N_("Not started"),
}


#: Readable names for the stored fields, for the parent's text file (unknown fields keep
#: their stored name, so a field added to the store later is still shown, never hidden).
FIELD_LABELS: dict[str, str] = {
    "id": N_("Record number"),
    "name": N_("Name"),
    "avatar": N_("Avatar"),
    "class_id": N_("Class number"),
    "lesson_id": N_("Lesson number"),
    "started": N_("Started"),
    "ended": N_("Ended"),
    "outcome": N_("Outcome"),
    "stars": N_("Stars"),
    "parts_used": N_("Parts used"),
    "tests_run": N_("Tests run"),
    "failed_tests": N_("Failed tests"),
    "hints_used": N_("Hints used"),
    "resets": N_("Resets"),
    "answer": N_("Answer"),
    "build": N_("Parts on the board"),
    "device": N_("Computer"),
}


#: The stored outcome of an attempt, in words.
OUTCOME_NAMES: dict[str, str] = {
    "solved": N_("Solved"),
    "gave_up": N_("Stopped before it was solved"),
    "busy": N_("Still busy (or the computer was switched off)"),
}


class ExportError(Exception):
    """Something the teacher can fix (unknown class, unwritable file): one line, no traceback."""


# --- finding what to export -----------------------------------------------------------------


def find_class(store: SchoolStore, name_or_id: str) -> ClassGroup:
    """The class with this id, or else with this name (case, spaces and the direction marks
    a copied name carries ignored).

    School IT scripts use ids; teachers type names. Two classes with the same name must be
    told apart by id, so that case is an error rather than a guess.
    """
    classes = store.classes()
    for group in classes:
        if group.id == name_or_id:
            return group
    wanted = lookup_key(name_or_id)  # as the store keeps names: marks dropped, any case
    named = [group for group in classes if lookup_key(group.name) == wanted]
    if len(named) == 1:
        return named[0]
    if named:
        ids = ", ".join(group.id for group in named)
        raise ExportError(f"{len(named)} classes are called {name_or_id!r}; use an id: {ids}")
    raise ExportError(f"no class called {name_or_id!r} (see: techniekwerf teacher classes)")


def find_lesson(store: SchoolStore, title_or_id: str) -> Lesson:
    """The lesson with this id, or else with this title (the same rules as :func:`find_class`)."""
    lessons = store.lessons()
    for lesson in lessons:
        if lesson.id == title_or_id:
            return lesson
    wanted = lookup_key(title_or_id)
    named = [lesson for lesson in lessons if lookup_key(lesson.title) == wanted]
    if len(named) == 1:
        return named[0]
    if named:
        raise ExportError(f"{len(named)} lessons are called {title_or_id!r}; use an id")
    raise ExportError(f"no lesson called {title_or_id!r} (see: techniekwerf teacher lessons)")


def report_levels(levels: Iterable[LevelT], lesson: Lesson | None) -> list[LevelT]:
    """The levels a class export covers: the lesson's, in its order, or else every level.

    A lesson may name a level that was later removed from the game; it is left out rather
    than failing the export.
    """
    all_levels = list(levels)
    if lesson is None:
        return all_levels
    return levels_for(all_levels, "lesson", lesson.level_ids)


def level_number(level: Any, position: int, in_lesson: bool) -> int:
    """The number a level carries, the same on the dashboard, on the pupils' level cards, in
    the class CSV and in the PDF report.

    In a lesson it is the level's place in the lesson (1, 2, 3, 4: ``position`` is its index
    among the lesson's levels that exist), because that is what the pupils see on the lesson's
    cards; otherwise it is the level's number in its world, as on the world's cards.
    """
    if in_lesson:
        return position + 1
    return int(getattr(level, "order", 0) or 0) or position + 1


def level_numbers(levels: Sequence[LevelFacts], in_lesson: bool) -> list[int]:
    """:func:`level_number` of each level of a list, in its order."""
    return [level_number(level, i, in_lesson) for i, level in enumerate(levels)]


def class_dashboard(store: SchoolStore, class_id: str,
                    levels: Sequence[LevelFacts]) -> Dashboard:
    """The store's dashboard for these levels: the one query every class export is made from.
    A damaged store file is said first (one line naming it), not exported half."""
    check_integrity(store)
    return store.dashboard(class_id, [level.id for level in levels])


def check_integrity(store: SchoolStore) -> None:
    """SQLite's quick check before an export (a StoreDamaged naming the file); a store
    without one (a school server, a test's) is taken as it is."""
    check = getattr(store, "check_integrity", None)
    if check is not None:
        check()


# --- the class CSV ----------------------------------------------------------------------------


def escape_cell(value: object) -> str:
    """The cell as text, with a leading ``'`` when a spreadsheet could take it for a formula
    (see the module's notes). A number (an int or a float, not a bool) is written as it is:
    ``-3`` as a number is a number, ``"-3"`` as text is escaped like any text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    if looks_like_formula(text):
        return "'" + text
    return text


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula: it starts with a tab, CR or line
    break, or its first character that can be seen is ``=``, ``+``, ``-`` or ``@`` in any
    width (after spaces, no-break spaces, zero-width and direction characters)."""
    if text.startswith(FORMULA_STARTS):
        return True
    for ch in text:
        if ch.isspace() or unicodedata.category(ch).startswith(_SKIPPED):
            continue
        return ch in FORMULA_SIGNS or unicodedata.normalize("NFKC", ch)[:1] in FORMULA_SIGNS
    return False


def minutes(seconds: float) -> int:
    """Whole minutes on task, rounded; a started level that took seconds still shows 1.
    Anything but a finite number of seconds (a store from before the ranges) counts as 0."""
    if not isinstance(seconds, (int, float)) or not math.isfinite(seconds) or seconds <= 0:
        return 0
    return max(1, round(seconds / 60))


def class_rows(dashboard: Dashboard, levels: Sequence[TitledLevel],
               gettext: Gettext = _identity, in_lesson: bool = True) -> list[list[str]]:
    """The class as a table: a header row, then one row per pupil (not yet escaped).

    Per pupil: totals first (what a teacher sorts on), then per level its status, best stars,
    attempts, failed tests and minutes on task. Levels carry their :func:`level_number`
    (``in_lesson``: the levels are a lesson's).
    """
    _ = gettext
    header = [_("Pupil"), _("Levels solved"), _("Levels needing help"), _("Stars"),
              _("Minutes")]
    fields = [_("status"), _("stars"), _("attempts"), _("failed tests"), _("minutes")]
    for number, level in zip(level_numbers(levels, in_lesson), levels, strict=True):
        title = _(level.title)
        header += [f"{number}. {title}: {field}" for field in fields]
    rows = [header]
    for pupil in dashboard.pupils:
        cells = [dashboard.cell(pupil.id, level.id) for level in levels]
        solved, stars = solved_count(dashboard, pupil.id)
        row = [
            pupil.name,
            str(solved),
            str(help_count(dashboard, pupil.id)),
            str(stars),
            str(sum(minutes(c.seconds) for c in cells)),
        ]
        for c in cells:
            row += [_(STATUS_NAME[c.status]), str(c.best_stars), str(c.attempts),
                    str(c.failed_tests), str(minutes(c.seconds))]
        rows.append(row)
    return rows


def csv_bytes(rows: Iterable[Sequence[object]], delimiter: str = CSV_DELIMITER) -> bytes:
    """Rows as an Excel-ready CSV: UTF-8 with BOM, every cell escaped, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([escape_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_class_csv(store: SchoolStore, class_id: str, levels: Sequence[TitledLevel], out: Path,
                    gettext: Gettext = _identity, delimiter: str = CSV_DELIMITER,
                    in_lesson: bool = True) -> int:
    """Write the class CSV to ``out``; returns the number of pupils in it. ``in_lesson``: the
    levels are a lesson's (numbered 1..n as the pupils' lesson cards), else a world's or all."""
    rows = class_rows(class_dashboard(store, class_id, levels), levels, gettext, in_lesson)
    write_bytes_atomic(Path(out), csv_bytes(rows, delimiter))
    return len(rows) - 1


# --- one child's data -------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """Dates as ISO text and tuples as lists, so the store's dict becomes plain JSON."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), (str, int)):
        return value.value  # enums
    return value


def pupil_data(store: SchoolStore, pupil_id: str) -> dict[str, Any]:
    """Everything the store keeps about one child, as plain JSON-ready data."""
    if store.pupil(pupil_id) is None:
        raise ExportError(f"no pupil with id {pupil_id!r}")
    return _jsonable(store.export_pupil(pupil_id))


def write_pupil_json(store: SchoolStore, pupil_id: str, out: Path) -> Path:
    """The complete record of one child, machine-readable (the right to data portability)."""
    data = pupil_data(store, pupil_id)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_bytes_atomic(Path(out), text.encode("utf-8"))
    return Path(out)


def pupil_text(data: dict[str, Any], levels: Iterable[Any] = (),
               gettext: Gettext = _identity, today: date | None = None,
               lang: str = "nl") -> str:
    """The same record as plain text that a parent can read in any editor or on a phone.

    Plain text rather than HTML: it opens everywhere, runs nothing, and cannot hide anything
    in markup. Every stored field of every attempt is listed (a field this code does not know
    yet keeps its stored name), so the text never shows less than the JSON holds. Dates and
    times are written as ``lang`` writes them (Babel), in this computer's time zone; in a
    right-to-left language (Arabic) every line starts with a right-to-left mark, so an editor
    or phone that takes a line's direction from its first letter shows "Techniekwerf: ..."
    and "1. level-id" lines right to left too.
    """
    from game.i18n import format_date, format_datetime, is_rtl

    _ = gettext
    titles = {level.id: _(level.title) for level in levels}

    def label(key: str) -> str:
        return _(FIELD_LABELS[key]) if key in FIELD_LABELS else key

    def value(key: str, raw: Any) -> str:
        if key == "outcome" and raw in OUTCOME_NAMES:
            return _(OUTCOME_NAMES[raw])
        if key in ("started", "ended") and isinstance(raw, str) and "T" in raw:
            return _local_time(raw, lang, format_datetime)
        return _scalar(raw)

    pupil = data.get("pupil") or {}
    lines = [
        _("Techniekwerf: what is stored about this pupil"),
        # TRANSLATORS: the pupil's data export (a text file); {date}: today's date, written out
        _("Made on {date}").format(date=format_date(today or date.today(), lang, "long")),
        "",
    ]
    group = data.get("class")
    for key, raw in pupil.items():
        if key == "class_id" and isinstance(group, dict) and group.get("name"):
            lines.append(f"{_('Class')}: {group['name']}")
        lines.append(f"{label(key)}: {value(key, raw)}")
    settings = data.get("settings")
    if isinstance(settings, dict):  # the pupil's own choices (language, text size, sound...)
        lines += ["", _("Settings") + ":" + ("" if settings else " –")]
        lines += [f"   {key}: {_scalar(raw)}" for key, raw in sorted(settings.items())]
    attempts = list(data.get("attempts") or [])
    # TRANSLATORS: the pupil's data export (a text file); {total}: how many attempts follow
    lines += ["", _("Attempts: {total}").format(total=len(attempts))]
    for number, attempt in enumerate(attempts, 1):
        level_id = attempt.get("level_id", "")
        title = titles.get(level_id)
        lines += ["", f"{number}. {title} ({level_id})" if title else f"{number}. {level_id}"]
        for key, raw in attempt.items():
            if key in ("level_id", "build"):
                continue
            lines.append(f"   {label(key)}: {value(key, raw)}")
        build = attempt.get("build") or []
        lines.append(f"   {label('build')}: {len(build)}")
        lines += [f"      {_scalar(piece)}" for piece in build]
    for key in sorted(set(data) - {"pupil", "class", "settings", "attempts"}):
        lines += ["", f"{key}: {_scalar(data[key])}"]
    if is_rtl(lang):
        lines = [RLM + line if line else line for line in lines]
    return "\n".join(lines) + "\n"


#: The right-to-left mark: invisible, it makes a line of an Arabic text read right to left.
RLM = "\u200f"


def _local_time(raw: str, lang: str, format_datetime: Callable[..., str]) -> str:
    """A stored ISO time (UTC) as the language writes it, in this computer's time zone:
    ``28 nov 2026, 10:15:00`` in Dutch; the stored text itself if it is not a time."""
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        return raw
    if when.tzinfo is not None:
        when = when.astimezone()  # the teacher's and the parent's clock, not UTC
    return format_datetime(when, lang, "medium")


def _scalar(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={_scalar(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return "" if value is None else str(value)


def write_pupil_text(store: SchoolStore, pupil_id: str, out: Path, levels: Iterable[Any] = (),
                     gettext: Gettext = _identity, lang: str = "nl") -> Path:
    text = pupil_text(pupil_data(store, pupil_id), levels, gettext, lang=lang)
    write_bytes_atomic(Path(out), text.encode("utf-8-sig"))  # BOM: Notepad shows ë right
    return Path(out)


def export_pupil(store: SchoolStore, pupil_id: str, out: Path, levels: Iterable[Any] = (),
                 gettext: Gettext = _identity, lang: str = "nl") -> list[Path]:
    """Write one child's data; ``out``'s suffix picks the form.

    ``.json``: the complete machine-readable record. ``.txt``: the readable one for a parent.
    Anything else is a folder that gets both, named after the pupil.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".json":
        return [write_pupil_json(store, pupil_id, out)]
    if suffix == ".txt":
        return [write_pupil_text(store, pupil_id, out, levels, gettext, lang)]
    pupil = store.pupil(pupil_id)
    if pupil is None:
        raise ExportError(f"no pupil with id {pupil_id!r}")
    if out.parent.is_dir() and not out.exists():
        out.mkdir()  # "a folder for both": made when its parent is there
    base = out / f"techniekwerf-{safe_filename(pupil.name)}-{pupil.id[:8]}"
    return [write_pupil_json(store, pupil_id, base.with_suffix(".json")),
            write_pupil_text(store, pupil_id, base.with_suffix(".txt"), levels, gettext, lang)]


def safe_filename(name: str) -> str:
    """A nickname as part of a file name on Windows, macOS and Linux."""
    kept = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name.strip())
    return kept.strip("-")[:40] or "pupil"


# --- logs of several PCs -------------------------------------------------------------------------


#: What merging one file did (merged N records / already merged / refused: why, and what was
#: left out): :class:`game.progress.records.MergeReport`; ``line()`` says it in one line.
Merged = MergeReport


def export_log(store: SchoolStore, out: Path, since: datetime | None = None) -> int:
    """Write this PC's log to ``out`` (JSON lines); returns how many records it holds."""
    out = Path(out)
    if out.parent and not out.parent.exists():
        raise ExportError(f"{out}: the folder {out.parent} does not exist")
    check_integrity(store)
    return store.export_log(out, since)


def merge_logs(store: SchoolStore, paths: Sequence[Path],
               other_school: bool = False) -> list[MergeReport]:
    """Merge log files from other PCs, in order. Each file is checked whole first: a file
    that is refused (not a log, cut off, changed, a record that breaks a rule, a missing
    file, a log of another school unless ``other_school``) merges nothing, and the files
    after it are still merged. One report per file, in the order given. Merging a file twice
    adds nothing, and merging a file again finishes a merge that was stopped part way.
    """
    from game.progress.logfile import reason_of
    from game.progress.records import StoreError

    reports = []
    for path in (Path(p) for p in paths):
        try:
            merge = getattr(store, "merge_log_report", None)
            if merge is not None:
                reports.append(merge(path, other_school=other_school))
            else:  # a store that only counts
                reports.append(MergeReport(path, added=store.merge_log(path)))
        except (StoreError, OSError) as exc:
            reports.append(MergeReport(path, refused=reason_of(str(exc), path)))
    return reports


# --- files ---------------------------------------------------------------------------------------


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a half-written export is worse than none.

    Binary, so no newline translation can turn a CSV's CRLF into CR CR LF on Windows.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"{path}: cannot write it ({exc.strerror or exc})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise

