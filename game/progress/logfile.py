"""The log file that carries a PC's records to another PC: reading it, one record at a time.

A log is JSON lines: a header (``{"kind": "techniekwerf-log", "version": 3, "school": ...}``),
then one record per line, then (from version 3 on) an end line that counts the records and
carries a SHA-256 of the record lines, so a file cut off at a line boundary (a USB stick
pulled out, a full disk) or with a byte changed is known to be damaged. The checksum is taken
over the text of the lines without their line ends, so a log that Notepad saved again (CRLF,
a byte-order mark, UTF-16) still checks out. The header is not summed: what it says is
checked on its own (the version, the school), and a log of an older game is told apart by it.

A merge reads a log twice: once to check all of it (:meth:`LogReader.check`), before any
database sees a record, and once to write it in batches. Only a file that checked out whole
is merged, so a merge that commits batch by batch never merges part of a damaged file.

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
import hashlib
import io
import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from game.progress.records import (
    ATTEMPT_COUNTS,
    MAX_ANSWER,
    MAX_BUILD,
    MAX_CLASS_NAME,
    MAX_DEVICE,
    MAX_LESSON_TITLE,
    MAX_LEVEL_ID,
    MAX_PUPIL_NAME,
    InvalidRecord,
    Outcome,
    StoreError,
    check_avatar,
    check_date,
    check_id,
    check_seconds,
    check_text,
    clean_name,
    count_check,
    now,
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
              "avatar": lambda v, w: check_avatar(v),
              "modified": check_date},
    "settings": {"id": check_id, "settings": lambda v, w: _settings_text(v),
                 "modified": check_date},
    "attempt": {
        "id": check_id, "pupil_id": _optional(check_id),
        "level_id": lambda v, w: check_text(v, "level id", MAX_LEVEL_ID, blank=False),
        "lesson_id": _optional(check_id), "started": check_date,
        "ended": _optional(check_date), "seconds": check_seconds,
        "outcome": lambda v, w: _outcome(v),
        **{name: count_check(name) for name in ATTEMPT_COUNTS},  # each in its range
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
    if not isinstance(kind, str) or kind not in CHECKS:
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


#: How far in the future a date of a record may be: a PC's clock a few hours off (time zones,
#: summer time) is fine; a date further ahead would win against every later edit of that
#: record ("the newest edit wins"), so that record could never change again.
FUTURE_MARGIN = timedelta(days=1)
#: The dates of each kind of record (all are checked against the margin).
DATES = {kind: [name for name, check in fields.items()
                if check is check_date or name in ("ended", "deleted")]
         for kind, fields in CHECKS.items()}
#: Version 3 is the first with an end line. Older versions are still merged, because the PCs
#: of a school are not all updated on the same day and their logs carry real work that a
#: teacher has no other way to bring over; but nothing in such a file says where it ends, so
#: the teacher is told that it could not be checked to be complete (see
#: :attr:`LogReader.unchecked`). A file with an end line is checked whatever its version.
OLDEST_VERSION = 1
#: At most this many class ids of a log are kept for "is this log of our school?".
MAX_CLASS_IDS = 10_000


def check_future(record: dict[str, Any], latest: datetime) -> None:
    """Refuse a record one of whose dates lies after ``latest`` (now plus the margin)."""
    for name in DATES[record["kind"]]:
        value = record.get(name)
        if value is not None and value > latest:
            raise InvalidRecord(f"{name} {value.isoformat(timespec='seconds')} is in the "
                                "future (is the other PC's clock right?)")


class LogReader:
    """One log file, read as a stream: :meth:`check` reads all of it and raises
    :class:`LogError` (one line naming the file and line) at the first problem; iterating
    yields ``(where, record)`` as read, with the same checks.

    After a complete read: ``header``, ``version``, ``count`` (records), ``school`` (the
    school the log says it came from, or None), ``class_ids`` (of the log's classes, at most
    :data:`MAX_CLASS_IDS`) and ``unchecked`` (an older log without an end line: it could not
    be checked to be complete).
    """

    def __init__(self, path: Path, latest: datetime | None = None, chunk: int = 0,
                 same_as: LogReader | None = None) -> None:
        self.path = Path(path)
        self.latest = latest if latest is not None else now() + FUTURE_MARGIN
        self.header: dict[str, Any] | None = None
        self.version = 0
        self.count = 0
        self.school: str | None = None
        self.class_ids: set[str] = set()
        self.unchecked = False
        #: ``chunk``: a checksum of every ``chunk`` records is kept in ``chunks``; ``same_as``:
        #: a reader of the same file that checked it before: this reading must find the same
        #: header and the same records, chunk by chunk, or it stops (LogError) before it
        #: yields the chunk's last record. A merge writes a batch after a chunk's last record,
        #: so a file copied over while it merges never gets a record into the store that
        #: the check did not see.
        self.same_as = same_as
        self.chunk: int = same_as.chunk if same_as is not None else chunk
        self.chunks: list[str] = []

    def check(self) -> LogReader:
        """Read the whole file and check it, without keeping its records; returns self."""
        for _where, record in self:
            if record["kind"] == "class" and len(self.class_ids) < MAX_CLASS_IDS:
                self.class_ids.add(record["id"])
        return self

    def __iter__(self) -> Iterator[tuple[str, dict[str, Any]]]:
        path = self.path
        stream = _text_stream(path)
        digest, part = hashlib.sha256(), hashlib.sha256()
        self.count = count = 0
        self.header, self.version, self.unchecked = None, 0, False
        self.chunks = []
        with stream:
            ended = False
            number = 0
            try:
                for number, line in enumerate(stream, start=1):  # noqa: B007 - used after
                    if len(line) > MAX_LINE:
                        raise LogError(f"{path}:{number}: a line of {len(line)} characters is "
                                       "not a Techniekwerf record")
                    if not line.strip():
                        continue
                    if self.header is None:
                        self._header(line)
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
                        if self.chunk and count % self.chunk:
                            self._chunk_done(part.hexdigest())
                        self._end(number, raw, count, digest.hexdigest())
                        ended = True
                        continue
                    text = line.rstrip("\r\n").encode("utf-8", "surrogatepass") + b"\n"
                    digest.update(text)
                    part.update(text)
                    try:
                        record = check_record(raw)
                        check_future(record, self.latest)
                    except InvalidRecord as exc:
                        raise LogError(f"{where}: {exc}") from None
                    self.count = count = count + 1
                    if self.chunk and count % self.chunk == 0:
                        self._chunk_done(part.hexdigest())
                        part = hashlib.sha256()
                    yield where, record
            except UnicodeError:
                raise LogError(f"{path}:{number + 1}: not UTF-8 text, not a Techniekwerf log"
                               ) from None
            except OSError as exc:
                raise LogError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        if self.header is None:
            raise LogError(f"{path}: empty, not a Techniekwerf log")
        if not ended and self.chunk and count % self.chunk:
            self._chunk_done(part.hexdigest())  # an older log's last records
        if self.same_as is not None and len(self.chunks) != len(self.same_as.chunks):
            self._changed()
        if not ended:
            if self.version >= 3:
                raise LogError(f"{path}: cut off after record {count}: the end line is "
                               "missing, the file is incomplete (copy it again from the other "
                               "PC)")
            self.unchecked = True

    def _chunk_done(self, checksum: str) -> None:
        self.chunks.append(checksum)
        before = self.same_as
        if before is not None and before.chunks[len(self.chunks) - 1:len(self.chunks)] != [
                checksum]:
            self._changed()

    def _changed(self) -> None:
        raise LogError(f"{self.path}: the file changed while it was merged (copy it again "
                       "from the other PC)")

    def _header(self, line: str) -> None:
        self.header, self.version = _header(self.path, line)
        if self.same_as is not None and self.header != self.same_as.header:
            self._changed()
        school = self.header.get("school")
        try:
            self.school = None if school is None else check_id(school, "school")
        except InvalidRecord as exc:
            raise LogError(f"{self.path}:1: {exc}") from None

    def _end(self, number: int, raw: dict[str, Any], count: int, digest: str) -> None:
        records = raw.get("records")
        if isinstance(records, bool) or not isinstance(records, int) or records != count:
            raise LogError(f"{self.path}:{number}: the end line counts "
                           f"{str(raw.get('records'))[:20]!r} records, the file holds "
                           f"{count}; it is damaged (copy it again from the other PC)")
        checksum = raw.get("sha256")
        if checksum is not None and checksum != digest:
            raise LogError(f"{self.path}:{number}: the checksum of the end line does not "
                           "match: the file was changed or damaged (copy it again from the "
                           "other PC)")


def read_log(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(where, record)`` for every record of the log at ``path``, checked, as read
    (:class:`LogReader`). Raises :class:`LogError` (one line) at the first problem."""
    yield from LogReader(path)


def _header(path: Path, line: str) -> tuple[dict[str, Any], int]:
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("kind") != LOG_FORMAT:
        raise LogError(f"{path}: not a Techniekwerf log")
    version = header.get("version")
    if isinstance(version, int) and not isinstance(version, bool):
        if version > LOG_VERSION:
            raise LogError(f"{path}: made by a newer version of Techniekwerf (log version "
                           f"{version}); update the game on this PC to merge it")
        if version >= OLDEST_VERSION:
            return header, version
    # 0, a negative number, text ("2"), a fraction, nothing: no version of the game that
    # this one knows wrote it (every version wrote a whole number from 1 on)
    raise LogError(f"{path}: made by an older version of Techniekwerf that this one cannot "
                   f"read (log version {str(version)[:20]!r})")


class LogWriter:
    """Writes a log through ``write`` (one line at a time, without its line end): the header,
    the records, and the end line with their count and the checksum of the record lines."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write
        self._digest = hashlib.sha256()
        self.count = 0

    def _line(self, line: str) -> None:
        self._digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
        self._write(line)

    def header(self, device: str, exported: datetime, school: str | None) -> None:
        self._write(header_line(device, exported, school))  # not in the checksum: see below

    def record(self, line: str) -> None:
        self._line(line)
        self.count += 1

    def end(self) -> None:
        self._write(end_line(self.count, self._digest.hexdigest()))


def header_line(device: str, exported: datetime, school: str | None = None) -> str:
    header: dict[str, Any] = {"kind": LOG_FORMAT, "version": LOG_VERSION, "device": device,
                              "exported": exported.isoformat()}
    if school is not None:
        header["school"] = school
    return json.dumps(header)


def end_line(count: int, sha256: str | None = None) -> str:
    line: dict[str, Any] = {"kind": END, "records": count}
    if sha256 is not None:
        line["sha256"] = sha256
    return json.dumps(line)
