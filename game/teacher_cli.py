"""``techniekwerf teacher ...``: what the teacher screens do, as commands school IT can script.

Every command works on the local store of this PC (the SQLite file in the data folder, or
``--data DIR``) or on a school server (``--db postgresql://...``). Output is plain text, one
record per line with tab-separated fields, so ``cut`` and PowerShell can read it. Any
problem is one line on stderr and an exit code (2: the command was wrong, 1: it could not be
done), never a traceback. Commands that delete ask for ``--yes``.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import re
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from game.progress.export import ExportError
from game.progress.records import DuplicateName, InvalidRecord
from game.settings import LANGUAGES

PROG = "techniekwerf teacher"
AVATAR_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class UsageError(Exception):
    """The command itself is wrong (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """Bad arguments: one line and exit code 2, never a wall of usage.

    A word that starts with one ``-`` and is not exactly an option of the command is taken
    as what it is, a value: ``add-pupil "groep 5b" -Ali --avatar fox`` adds a pupil called
    "-Ali" (argparse alone would want ``--`` before it, and read "-hanna" as ``-h anna``).
    The commands' own options all start with ``--`` (only ``-h`` has one dash), so nothing
    is lost."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (try: {PROG} --help)")

    def _parse_optional(self, arg_string: str) -> Any:
        if (arg_string.startswith("-") and not arg_string.startswith("--")
                and len(arg_string) > 1 and arg_string not in self._option_string_actions):
            return None  # "-Ali", "-hanna", "-5": a value, not an option of ours
        return super()._parse_optional(arg_string)


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option given before the sub-command is not reset by the sub-command.
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="a database URL, e.g. postgresql://user@server/school "
                             "(default: the store in the data folder)")
    common.add_argument("--db-file", metavar="PATH", default=argparse.SUPPRESS,
                        help="a file whose first line is the database URL: keeps a password "
                             "out of the process list (so does $TECHNIEKWERF_DB_URL)")
    common.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS,
                        help="the data folder of the local store")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    p = _Parser(prog=PROG, parents=[common],
                description="Classes, pupils, lessons and exports, as on the teacher screens.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    add("classes", "list the classes: id, name, number of pupils")
    c = add("add-class", "add a class; prints its id")
    c.add_argument("name")
    c = add("pupils", "list a class's pupils: id, name, avatar")
    c.add_argument("class_", metavar="CLASS", help="a class name or id")
    c = add("add-pupil", "add a pupil to a class; prints its id")
    c.add_argument("class_", metavar="CLASS")
    c.add_argument("name", help="a nickname or first name, nothing more")
    c.add_argument("--avatar", required=True, metavar="A", help="the name of a drawn avatar")
    c = add("add-pupils", "add a class list at once, one pupil a line: NAME, or NAME and "
            "AVATAR split by a tab, ';' or ','; all or none; prints id, name, avatar")
    c.add_argument("class_", metavar="CLASS")
    c.add_argument("file", metavar="FILE", nargs="?", default="-",
                   help="the list (a text or CSV file; '-' or nothing: standard input)")
    c = add("delete-pupil", "delete a pupil and every attempt of theirs (asks for --yes)")
    c.add_argument("pupil_id", metavar="ID")
    c.add_argument("--yes", action="store_true", help="yes, delete it for good")
    c = add("delete-class", "delete a class, its pupils and their attempts (asks for --yes)")
    c.add_argument("class_", metavar="ID", help="a class id (or its name)")
    c.add_argument("--yes", action="store_true", help="yes, delete it for good")
    add("lessons", "list the lessons: id, title, level ids")
    for name, what, suffix in (("export-csv", "the class table as CSV for Excel", "OUT.csv"),
                               ("report", "the printable class report (PDF)", "OUT.pdf")):
        c = add(name, f"write {what}")
        c.add_argument("class_", metavar="CLASS")
        c.add_argument("out", metavar=suffix)
        c.add_argument("--lang", choices=LANGUAGES, help="language (default: the game's)")
        which = c.add_mutually_exclusive_group()
        which.add_argument("--lesson", metavar="LESSON",
                           help="only this lesson's levels (default: the class's active lesson)")
        which.add_argument("--all-levels", action="store_true", help="every level of the game")
    c = add("cards", "write printable login cards (PDF): one card per pupil with their "
            "avatar, name and how to log in, nine to an A4 page with cut lines")
    c.add_argument("class_", metavar="CLASS", help="a class name or id")
    c.add_argument("out", metavar="OUT.pdf", nargs="?", help="the PDF to write (or --out)")
    c.add_argument("--out", dest="out_option", metavar="FILE.pdf", help="the PDF to write")
    c.add_argument("--lang", choices=LANGUAGES, help="language (default: the game's)")
    c = add("export-pupil", "write what is stored about one pupil "
                            "(OUT.json, OUT.txt, or a folder for both)")
    c.add_argument("pupil_id", metavar="ID")
    c.add_argument("out", metavar="OUT")
    c.add_argument("--lang", choices=LANGUAGES, help="language of the text file")
    c = add("export-log", "write this PC's attempt log to a file, to merge on another PC")
    c.add_argument("out", metavar="OUT")
    c.add_argument("--since", type=_since, metavar="DATE", help="only records from DATE on "
                                                                "(YYYY-MM-DD)")
    c = add("merge-log", "merge log files from other PCs (merging twice adds nothing)")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--other-school", action="store_true",
                   help="yes, merge logs of another school too (asked for such a log)")
    c = add("purge-year", "end of the school year: delete every pupil and attempt "
                          "(asks for --yes)")
    c.add_argument("--yes", action="store_true", help="yes, delete them for good")
    c = add("set-pin", "set the teacher PIN: 4 to 12 digits (asked without echo; from a pipe: "
                       "the current PIN on the first line, if there is one, the new on the next)")
    c.add_argument("--teacher", metavar="NAME", help="that teacher's PIN (a school server has "
                                                     "one per teacher)")
    add("teachers", "list the teachers who have their own PIN (a school server)")
    c = add("add-teacher", "add a teacher with their own PIN (asked without echo, or the first "
                           "line of stdin); the name is what they tap on the PIN screen")
    c.add_argument("name", metavar="NAME")
    c = add("delete-teacher", "remove a teacher and their PIN (asks for --yes)")
    c.add_argument("name", metavar="NAME")
    c.add_argument("--yes", action="store_true", help="yes, remove them")
    return p


#: the parser, built once per process (:func:`parser`)
_PARSER: list[argparse.ArgumentParser] = []


def parser() -> argparse.ArgumentParser:
    """:func:`build_parser`, built once per process: it depends on nothing that changes, and
    parsing leaves it as it was (argparse keeps what it reads in the namespace it returns).
    Building it costs more than parsing: argparse looks up a translation for every help
    text it adds (gettext searches the locale folders each time)."""
    if not _PARSER:
        _PARSER.append(build_parser())
    return _PARSER[0]


def _since(text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-09-01") from None
    return when if when.tzinfo else when.astimezone()  # a plain date means local time


# --- the store, the levels, the language ------------------------------------------------------


def open_store(db: str | None, data: str | None, db_file: str | None = None) -> Any:
    """The school store: a server URL (``--db``, else ``--db-file``, else
    ``$TECHNIEKWERF_DB_URL``, else the game's settings file's ``db_url``, as the game itself
    finds it), or the SQLite file in the data folder."""
    from game.progress.db import server_url
    from game.progress.sql import SqlSchoolStore
    from game.settings import SETTINGS_FILE, Settings, data_dir

    url = server_url(db, db_file)
    if not url and (data_dir(data) / SETTINGS_FILE).is_file():
        # a PC the school pointed at its server in the settings: the commands go there too,
        # never to an empty store of this PC (a purge-year that purged nothing)
        url = Settings.load(data).db_url
    if url:
        return SqlSchoolStore(url)
    return SqlSchoolStore(data_dir(data))


def load_levels() -> list[Any]:
    from game import PROJECT_ROOT
    from game.content.loader import LevelCatalogue

    return list(LevelCatalogue.load(PROJECT_ROOT / "levels"))


def translator(lang: str | None, data: str | None) -> tuple[Callable[[str], str], str]:
    """The gettext of ``lang``, or of the language the game is set to on this PC (its
    ngettext: ``make_translator(lang)[1]``)."""
    from game.i18n import make_translator

    if lang is None:
        from game.settings import Settings

        lang = Settings.load(data).language
    return make_translator(lang)[0], lang


# --- the commands -------------------------------------------------------------------------------


def _levels_for(store: Any, class_id: str, args: argparse.Namespace) -> tuple[list[Any],
                                                                            str | None]:
    from game.progress.export import find_lesson, report_levels

    levels = load_levels()
    if args.all_levels:
        return levels, None
    lesson = find_lesson(store, args.lesson) if args.lesson else store.active_lesson(class_id)
    if lesson is None:
        return levels, None
    return report_levels(levels, lesson), lesson.title


def run(args: argparse.Namespace, store: Any, out: TextIO, stdin: TextIO) -> int:
    """Do one command on an open store; raises ExportError/UsageError for the caller to print."""
    from game.progress import export

    cmd = args.command
    if cmd == "classes":
        for group in store.classes():
            out.write(_line(group.id, group.name, len(store.pupils(group.id))))
    elif cmd == "add-class":
        out.write(store.add_class(args.name).id + "\n")  # the store checks the name
    elif cmd == "pupils":
        group = export.find_class(store, args.class_)
        for pupil in store.pupils(group.id):
            out.write(_line(pupil.id, pupil.name, pupil.avatar))
    elif cmd == "add-pupil":
        group = export.find_class(store, args.class_)
        out.write(store.add_pupil(group.id, args.name, _avatar(args.avatar)).id + "\n")
    elif cmd == "add-pupils":
        group = export.find_class(store, args.class_)
        text = stdin.read() if args.file == "-" else _read_list(args.file)
        taken = [pupil.avatar for pupil in store.pupils(group.id)]
        for pupil in store.add_pupils(group.id, _class_list(text, args.file, taken)):
            out.write(_line(pupil.id, pupil.name, pupil.avatar))
    elif cmd == "delete-pupil":
        pupil = store.pupil(args.pupil_id)
        if pupil is None:
            raise ExportError(f"no pupil with id {args.pupil_id!r}")
        store.delete_pupil(pupil.id)
        out.write(_line(f"deleted pupil {pupil.name}"))
    elif cmd == "delete-class":
        group = export.find_class(store, args.class_)
        count = len(store.pupils(group.id))
        store.delete_class(group.id)
        out.write(_line(f"deleted class {group.name} ({_count(count, 'pupil')})"))
    elif cmd == "lessons":
        for lesson in store.lessons():
            out.write(_line(lesson.id, lesson.title, ",".join(lesson.level_ids)))
    elif cmd == "export-csv":
        group = export.find_class(store, args.class_)
        levels, title = _levels_for(store, group.id, args)
        gettext, _lang = translator(args.lang, getattr(args, "data", None))
        count = export.write_class_csv(store, group.id, levels, Path(args.out), gettext,
                                       in_lesson=title is not None)
        out.write(f"{args.out}: {_count(count, 'pupil')} x {_count(len(levels), 'level')}\n")
    elif cmd == "report":
        from game.progress.report import write_class_report

        group = export.find_class(store, args.class_)
        levels, title = _levels_for(store, group.id, args)
        gettext, lang = translator(args.lang, getattr(args, "data", None))
        from game.i18n import make_translator

        notes: list[str] = []  # e.g. letters no font of the report has: one line each
        write_class_report(store, group.id, levels, Path(args.out), lesson_title=title,
                           gettext=gettext, lang=lang, ngettext=make_translator(lang)[1],
                           notes=notes)
        for note in notes:
            print(f"{PROG}: {_field(args.out)}: {_field(note)}", file=sys.stderr)
        pupils = len(store.pupils(group.id))
        out.write(f"{args.out}: {_count(pupils, 'pupil')} x {_count(len(levels), 'level')}\n")
    elif cmd == "cards":
        from game.progress.cards import write_login_cards

        target = _one_out(args)
        group = export.find_class(store, args.class_)
        gettext, lang = translator(args.lang, getattr(args, "data", None))
        notes: list[str] = []
        count = write_login_cards(store, group.id, Path(target), gettext=gettext, lang=lang,
                                  notes=notes)
        for note in notes:
            print(f"{PROG}: {_field(target)}: {_field(note)}", file=sys.stderr)
        out.write(f"{target}: {_count(count, 'login card')}\n")
    elif cmd == "export-pupil":
        gettext, lang = translator(args.lang, getattr(args, "data", None))
        for path in export.export_pupil(store, args.pupil_id, Path(args.out), load_levels(),
                                        gettext, lang):
            out.write(f"{path}\n")
    elif cmd == "export-log":
        count = export.export_log(store, Path(args.out), args.since)
        out.write(f"{args.out}: {_count(count, 'record')}\n")
    elif cmd == "merge-log":
        # one line per file, in order: merged N records / already merged / refused (on
        # stderr; each file is merged whole or not at all, the others all the same)
        refused = 0
        for item in export.merge_logs(store, [Path(f) for f in args.files],
                                      other_school=args.other_school):
            if item.refused is None:
                out.write(_line(item.line(str(item.path))))
            else:
                refused += 1
                out.flush()
                hint = " (to merge it all the same: merge-log --other-school FILE)" \
                    if item.other_school else ""
                print(f"{PROG}: {_field(item.line(str(item.path)))}{hint}", file=sys.stderr)
        return 1 if refused else 0
    elif cmd == "purge-year":
        store.purge_school_year()
        out.write("purged: pupils and attempts deleted; classes and lessons kept\n")
    elif cmd == "set-pin":
        teacher = _teacher(store, args.teacher) if args.teacher else None
        _set_pin(store, teacher, stdin)
        who = f"{_field(teacher)}'s PIN" if teacher else "the teacher PIN"
        out.write(f"{who} is set\n")
    elif cmd == "teachers":
        for name in store.teacher_names():
            out.write(_line(name))
    elif cmd == "add-teacher":
        name = args.name.strip()
        if not name:
            raise UsageError("a teacher needs a name")
        out.write(store.add_teacher(name, _new_pin(stdin, _lines(stdin))) + "\n")
    elif cmd == "delete-teacher":
        name = _teacher(store, args.name)
        store.delete_teacher(name)
        out.write(_line(f"deleted teacher {name}"))
    return 0


#: What each destructive command would delete, for the refusal without --yes.
DESTRUCTIVE = {
    "delete-pupil": "delete the pupil and every attempt of theirs",
    "delete-class": "delete the class, its pupils and every attempt of theirs",
    "purge-year": "delete every pupil and every attempt of this school year",
    "delete-teacher": "remove the teacher and their PIN",
}


#: What could break a line or a column of the output, or turn the terminal's text around: C0
#: and C1 controls (tab, line break, NUL...), line and paragraph separators, lone surrogates
#: (a name Python could not decode) and direction overrides. A store written before the
#: store's name rule may hold them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
                          "\u202a-\u202e\u2066-\u2069]")


def _field(value: object) -> str:
    """A value for the output, on one line and in one column: each character of
    ``_UNPRINTABLE`` is written as its escape (a tab as ``\\t``, NUL as ``\\x00``)."""
    text = str(value)
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _line(*fields: object) -> str:
    """One record of the output: its fields tab-separated, each on this one line."""
    return "\t".join(_field(f) for f in fields) + "\n"


def _count(n: int, noun: str) -> str:
    """``1 pupil``, ``2 pupils``: the command line speaks English to school IT."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _need_yes(args: argparse.Namespace) -> None:
    """Refuse a destructive command without --yes, before the store is even opened."""
    if args.command in DESTRUCTIVE and not args.yes:
        raise UsageError(f"{args.command} would {DESTRUCTIVE[args.command]} for good; "
                         "add --yes to do it")


def _one_out(args: argparse.Namespace) -> str:
    """The file to write: ``OUT.pdf`` or ``--out FILE.pdf`` (one of the two, or both the same)."""
    given = {o for o in (args.out, args.out_option) if o}
    if not given:
        raise UsageError(f"{args.command} needs the PDF to write: --out FILE.pdf")
    if len(given) > 1:
        raise UsageError(f"{args.command}: two different files to write; give one")
    return given.pop()


def _avatar(name: str, drawn: Sequence[str] | None = None) -> str:
    """An avatar from the drawn set (``drawn``, else the installed set), else a plain name."""
    name = name.strip().lower()
    if not AVATAR_NAME.match(name):
        raise UsageError(f"{name!r} is not an avatar name (letters, digits, - and _)")
    drawn = _drawn_avatars() if drawn is None else drawn
    if drawn and name not in drawn:
        raise UsageError(f"no avatar called {name!r}; choose one of: {', '.join(drawn)}")
    return name


def _teacher(store: Any, name: str) -> str:
    """The teacher's name as the store keeps it, for ``name`` as typed (any case, with or
    without the marks a copied name carries); the name itself when there is none such (the
    caller's own message follows)."""
    from game.progress.records import lookup_key

    wanted = lookup_key(name)
    return next((t for t in store.teacher_names() if lookup_key(t) == wanted), name)


def _read_list(path: str) -> str:
    """A class list file as text: UTF-8 (with or without the BOM Excel and Notepad write),
    else the Windows code page a Dutch Excel saves CSV in."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _class_list(text: str, source: str, taken: Sequence[str]) -> list[tuple[str, str]]:
    """(name, avatar) for each line of a class list. A line without an avatar gets the next
    drawn one that no pupil of the class has yet, so every pupil can find themselves at the
    login. A bad line: one line naming it (``FILE:LINE: ...``), and nothing is added."""
    from game.progress.records import MAX_PUPIL_NAME, InvalidRecord, clean_name

    where = "stdin" if source == "-" else source
    drawn = _drawn_avatars()
    free = [a for a in drawn if a not in taken]
    pupils: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = [f.strip() for f in re.split(r"[\t;,]", line)]
        if len(fields) > 2 and any(fields[2:]):
            raise UsageError(f"{where}:{number}: one name and at most one avatar a line, "
                             f"not {line.strip()!r}")
        try:
            name = clean_name(fields[0], "pupil name", MAX_PUPIL_NAME)
            avatar = _avatar(fields[1], drawn) if len(fields) > 1 and fields[1] else ""
        except (InvalidRecord, UsageError) as bad:
            raise UsageError(f"{where}:{number}: {bad}") from None
        if not avatar:
            if not free:
                free = list(drawn)  # more pupils than pictures: the names tell them apart
            avatar = free.pop(0)
        elif avatar in free:
            free.remove(avatar)
        pupils.append((name, avatar))
    if not pupils:
        raise UsageError(f"{where}: no names in the list")
    return pupils


def _drawn_avatars() -> list[str]:
    from game import PROJECT_ROOT

    folder = PROJECT_ROOT / "assets" / "avatars"
    return sorted(p.stem for p in folder.glob("*.svg")) if folder.is_dir() else []


def _lines(stdin: TextIO) -> list[str] | None:
    """The lines of a pipe (None at a terminal: ask instead)."""
    if stdin.isatty():
        return None
    return [line.rstrip("\r\n") for line in stdin.readlines()[:2]]


def _new_pin(stdin: TextIO, lines: list[str] | None) -> str:
    """The new PIN: from a pipe, the next line; at a terminal, asked twice without echo. A PIN
    the game's number pad cannot type is refused, so no one is locked out by a typo."""
    from game.progress.secret import pin_problem

    if lines is None:
        pin = getpass.getpass("New teacher PIN (4 to 12 digits): ")
        problem = pin_problem(pin)
        if problem is None and getpass.getpass("Once more: ") != pin:
            raise ExportError("the two entries differ; nothing was changed")
    else:
        if not lines:
            raise UsageError("give the new PIN on the first line of stdin")
        pin = lines.pop(0)
        problem = pin_problem(pin)
    if problem:
        raise UsageError(f"{problem}; nothing was changed")
    return pin


def _set_pin(store: Any, teacher: str | None, stdin: TextIO) -> None:
    """A new PIN; an existing one is replaced only by someone who knows it."""
    if teacher is None and getattr(store, "is_server", False):
        raise UsageError("a school server has a PIN per teacher: set one with "
                         "set-pin --teacher NAME (add a teacher with add-teacher NAME)")
    if teacher is not None and teacher not in store.teacher_names():
        raise ExportError(f"no teacher called {teacher!r} (add one with add-teacher NAME)")
    lines = _lines(stdin)
    if not store.has_secret(teacher):
        store.set_secret(_new_pin(stdin, lines), teacher)
        return
    new = None
    if lines is None:
        old = getpass.getpass("Current teacher PIN: ")
    else:
        if len(lines) < 2:
            raise UsageError("a PIN is set already: give the current PIN on the first line "
                             "of stdin and the new one on the second")
        old = lines.pop(0)
        new = _new_pin(stdin, lines)  # a wrong new PIN costs no try of the old one
    wait = store.seconds_until_next_try(teacher)
    if wait > 0:
        raise ExportError(f"too many wrong PINs: try again in {max(1, round(wait))} seconds; "
                          "nothing was changed")
    if not store.check_secret(old, teacher):
        raise ExportError("that is not the current PIN; nothing was changed")
    store.set_secret(new or _new_pin(stdin, None), teacher)


# --- entry point --------------------------------------------------------------------------------


def _fail(message: str, code: int) -> int:
    text = _field(" ".join(str(message).split()))  # one line, whatever the message held
    print(f"{PROG}: {text}", file=sys.stderr)
    return code


def main(argv: Sequence[str], out: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """Run ``techniekwerf teacher ARGV``; returns the exit code."""
    out = out or sys.stdout
    stdin = stdin or sys.stdin
    try:
        args = parser().parse_args(list(argv))
        _need_yes(args)
    except UsageError as wrong:
        return _fail(str(wrong), 2)
    except SystemExit as stop:  # --help
        return int(stop.code or 0)
    store = None
    try:
        store = open_store(getattr(args, "db", None), getattr(args, "data", None),
                           getattr(args, "db_file", None))
        return run(args, store, out, stdin)
    except UsageError as wrong:
        return _fail(str(wrong), 2)
    except ExportError as problem:
        return _fail(str(problem), 1)
    except InvalidRecord as bad:  # the store's rules for names: a double cannot be done (1)
        return _fail(str(bad), 1 if isinstance(bad, DuplicateName) else 2)
    except KeyboardInterrupt:
        return _fail("stopped", 1)
    except Exception as problem:  # a bad URL, a store from a newer version, a full disk
        return _fail(_describe(problem), 1)
    finally:
        if store is not None:
            with contextlib.suppress(Exception):  # closing must not hide the real message
                store.close()


def _describe(problem: BaseException) -> str:
    """One readable line for an unexpected error, without the library's long tail."""
    text = str(problem).strip().splitlines()[0] if str(problem).strip() else ""
    if isinstance(problem, OSError) and problem.filename:
        return f"{problem.filename}: {problem.strerror or text}"
    if type(problem).__module__.startswith("game.") and text:
        return text  # the store's own errors are written for people already
    name = type(problem).__name__
    return f"{name}: {text}" if text else name
