"""The log file that carries a PC's records to another PC: reading it, one record at a time.

A log is JSON lines: a header (``{"kind": "techniekwerf-log", "version": 3, ...}``), then one
record per line, then (from version 3 on) an end line that counts the records, so a file cut
off at a line boundary (a USB stick pulled out, a full disk) is known to be incomplete.

Reading is streaming: :func:`read_log` yields records as it reads, so a log of hundreds of
megabytes merges in little memory. Every record is checked by :func:`check_record` with the
same rules the store applies to the teacher screens and the command line
(:mod:`game.progress.records`), before any database sees it: SQLite and PostgreSQL never get a
value one of them would refuse. A problem is one line naming the file, the line and the
record: ``pc2.jsonl:18: record 17: pupil name is blank``.

Files saved by Windows Notepad start with a byte-order mark (UTF-8, or UTF-16 for "Unicode"):
both are read.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from game.progress.records import (
    MAX_ANSWER,
    MAX_AVATAR,
    MAX_BUILD,
    MAX_CLASS_NAME,
    MAX_DEVICE,
    MAX_LESSON_TITLE,
    MAX_LEVEL_ID,
    MAX_PUPIL_NAME,
    MAX_STARS,
    InvalidRecord,
    Outcome,
    StoreError,
    check_date,
    check_id,
    check_int,
    check_seconds,
    check_text,
    clean_name,
)

LOG_FORMAT = "techniekwerf-log"
#: 2: pupils' own settings travel too; 3: deletions travel (``forgotten``) and an ``end`` line
#: counts the records. Older logs merge fine.
LOG_VERSION = 3
END = "end"
FORGOTTEN = "forgotten"
MAX_SETTINGS = 4000  # characters of a pupil's settings as JSON: a few dozen small values
MAX_LINE = 1_000_000  # characters: no record of ours comes near; a longer line is not ours


class LogError(StoreError):
    """A log file cannot be merged; the message is one line naming the file (and record)."""


def reason_of(message: str, path: Path) -> str:
    """What a :class:`LogError` says about ``path``, without the path itself: ``line 18:
    record 17: pupil name is blank`` (for a report that names the file already)."""
    text = str(message)
    name = str(path)
    if not text.startswith(name):
        return text
    rest = text[len(name):]
    line, sep, after = rest[1:].partition(": ")
    if rest.startswith(":") and sep and line.isdigit():
        return f"line {line}: {after}"
    return rest.lstrip(": ")


def _is_hash(value: object) -> str:
    if not isinstance(value, str) or len(value) != 64 or value.strip("0123456789abcdef"):
        raise InvalidRecord("id_hash is not a SHA-256 in hex")
    return value


def _settings_text(value: object) -> str:
    text = check_text(value, "settings", MAX_SETTINGS)
    try:
        parsed = json.loads(text)
    except ValueError:
        raise InvalidRecord("settings are not JSON") from None
    if not isinstance(parsed, dict):
        raise InvalidRecord("settings are not a JSON object")
    return json.dumps(parsed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _build_text(value: object) -> str:
    """The build as JSON text. Not parsed here (it is the bulk of a big log): the store reads
    a build leniently, leaving out any part that does not parse, and never stores it in a
    column either database could refuse."""
    text = check_text(value, "build", MAX_BUILD)
    if not text.lstrip().startswith("["):
        raise InvalidRecord("build is not a list of parts")
    return text


def _level_ids(value: object) -> list[str]:
    if not isinstance(value, list):
        raise InvalidRecord("level_ids is not a list")
    return [check_text(v, "level id", MAX_LEVEL_ID, blank=False) for v in value]


def _bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidRecord(f"{what} is not true or false")
    return value


def _optional(check: Any) -> Any:
    return lambda value, what: None if value is None else check(value, what)


#: Per kind of record: field -> check(value, what) -> the value as the store keeps it.
#: What the check names in its message is the field's name with "_" as a space.
CHECKS: dict[str, dict[str, Any]] = {
    FORGOTTEN: {"id_hash": lambda v, w: _is_hash(v),
                "deleted": _optional(check_date)},
    "class": {"id": check_id, "name": lambda v, w: clean_name(v, "class name", MAX_CLASS_NAME),
              "created": check_date, "modified": check_date},
    "lesson": {"id": check_id,
               "title": lambda v, w: clean_name(v, "lesson title", MAX_LESSON_TITLE),
               "level_ids": lambda v, w: _level_ids(v), "free_play": _bool,
               "created": check_date, "modified": check_date},
    "pupil": {"id": check_id, "class_id": check_id,
              "name": lambda v, w: clean_name(v, "pupil name", MAX_PUPIL_NAME),
              "avatar": lambda v, w: clean_name(v, "avatar", MAX_AVATAR),
              "modified": check_date},
    "settings": {"id": check_id, "settings": lambda v, w: _settings_text(v),
                 "modified": check_date},
    "attempt": {
        "id": check_id, "pupil_id": _optional(check_id),
        "level_id": lambda v, w: check_text(v, "level id", MAX_LEVEL_ID, blank=False),
        "lesson_id": _optional(check_id), "started": check_date,
        "ended": _optional(check_date), "seconds": check_seconds,
        "outcome": lambda v, w: _outcome(v),
        "stars": lambda v, w: check_int(v, "stars", 0, MAX_STARS),
        "parts_used": check_int, "tests_run": check_int, "failed_tests": check_int,
        "hints_used": check_int, "resets": check_int,
        "answer": _optional(lambda v, w: check_text(v, "answer", MAX_ANSWER)),
        "build": lambda v, w: _build_text(v),
        "device": lambda v, w: check_text(v, "device", MAX_DEVICE),
        "modified": check_date},
}
#: Fields a record may leave out (older logs): they read as None.
OPTIONAL = {"pupil_id", "lesson_id", "ended", "answer", "deleted"}
#: CHECKS as (field, its name in a message, check), worked out once
_STEPS = {kind: [(name, name.replace("_", " "), check) for name, check in fields.items()]
          for kind, fields in CHECKS.items()}


def _outcome(value: object) -> str:
    try:
        return Outcome(value).value
    except ValueError:
        raise InvalidRecord(f"outcome {str(value)[:20]!r} is not one of "
                            f"{', '.join(o.value for o in Outcome)}") from None


def check_record(raw: object) -> dict[str, Any]:
    """One record of a log as the store will keep it, or :class:`InvalidRecord` saying why."""
    if not isinstance(raw, dict):
        raise InvalidRecord("not a record")
    kind = raw.get("kind")
    if kind not in CHECKS:
        raise InvalidRecord(f"unknown record {str(kind)[:40]!r}")
    out: dict[str, Any] = {"kind": kind}
    for name, what, check in _STEPS[kind]:
        if name not in raw:
            if name in OPTIONAL:
                out[name] = None
                continue
            raise InvalidRecord(f"{kind} record has no {name}")
        out[name] = check(raw[name], what)
    if kind == "attempt" and out["ended"] is not None and out["ended"] < out["started"]:
        out["ended"] = out["started"]  # a PC clock set back mid-go: no negative time
    return out


def _text_stream(path: Path) -> io.TextIOWrapper:
    """The file as text: UTF-8, with or without Notepad's byte-order mark, or UTF-16 with one."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - handed to the wrapper, closed by its caller
    except FileNotFoundError:
        raise LogError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LogError(f"{path}: a folder, not a log file") from None
    except OSError as exc:
        raise LogError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        start = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
    except OSError as exc:
        raw.close()
        raise LogError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    return io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline=None)


def read_log(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(where, record)`` for every record of the log at ``path``, checked, as read.

    ``where`` is ``"file:line: record N"`` for the caller's messages. Raises :class:`LogError`
    (one line) at the first problem: a file that is not a log, a newer version, a record that
    breaks a rule, a last line cut off, or (version 3) a missing or wrong end line. The
    caller merges in one transaction per file, so a problem merges nothing of the file.
    """
    path = Path(path)
    stream = _text_stream(path)
    with stream:
        header: dict[str, Any] | None = None
        version = 0
        count = 0
        ended = False
        number = 0
        try:
            for number, line in enumerate(stream, start=1):  # noqa: B007 - used after the loop
                if len(line) > MAX_LINE:
                    raise LogError(f"{path}:{number}: a line of {len(line)} characters is "
                                   "not a Techniekwerf record")
                if not line.strip():
                    continue
                if header is None:
                    header, version = _header(path, line)
                    continue
                where = f"{path}:{number}: record {count + 1}"
                if ended:
                    raise LogError(f"{where}: comes after the end line")
                try:
                    raw = json.loads(line)
                except ValueError:
                    cut = not line.endswith("\n")
                    raise LogError(f"{where}: " + (
                        "cut off: the file is incomplete (copy it again from the other PC)"
                        if cut else "not valid JSON")) from None
                if isinstance(raw, dict) and raw.get("kind") == END:
                    if raw.get("records") != count:
                        raise LogError(f"{path}:{number}: the end line counts "
                                       f"{raw.get('records')!r} records, the file holds {count}"
                                       "; it is damaged")
                    ended = True
                    continue
                try:
                    record = check_record(raw)
                except InvalidRecord as exc:
                    raise LogError(f"{where}: {exc}") from None
                count += 1
                yield where, record
        except UnicodeDecodeError:
            raise LogError(f"{path}:{number + 1}: not UTF-8 text, not a Techniekwerf log"
                           ) from None
        except OSError as exc:
            raise LogError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        if header is None:
            raise LogError(f"{path}: empty, not a Techniekwerf log")
        if version >= 3 and not ended:
            raise LogError(f"{path}: cut off after record {count}: the end line is missing, "
                           "the file is incomplete (copy it again from the other PC)")


def _header(path: Path, line: str) -> tuple[dict[str, Any], int]:
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("kind") != LOG_FORMAT:
        raise LogError(f"{path}: not a Techniekwerf log")
    version = header.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version > LOG_VERSION:
        raise LogError(f"{path}: made by a newer version of Techniekwerf (log {version!r}); "
                       "update the game on this PC to merge it")
    return header, version


def header_line(device: str, exported: datetime) -> str:
    return json.dumps({"kind": LOG_FORMAT, "version": LOG_VERSION, "device": device,
                       "exported": exported.isoformat()})


def end_line(count: int) -> str:
    return json.dumps({"kind": END, "records": count})
