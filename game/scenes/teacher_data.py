"""The teacher's data screen: this PC's log out, other PCs' logs in, and the end of the year.

Three big buttons, each one job. Files go to the same folder as the dashboard's exports
(:func:`game.scenes.exports.export_folder`: ``<Documents>/Techniekwerf``, or ``exports`` in a
data folder chosen with ``--data``); logs from other PCs are read from its ``merge`` folder, so
a teacher only ever copies files into one place and taps one button.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.background import Background
from game.input import Action, Intent
from game.progress.attempt_log import device_id
from game.progress.records import OF_DELETED, OF_DOUBLE_CLASS, OF_DOUBLE_PUPIL, now
from game.scenes import exports
from game.scenes.base import Target
from game.scenes.teacher_base import ConfirmScene, TeacherScene
from game.ui.forms import draw_backdrop, draw_heading, icon
from game.ui.view import Painter
from game.ui.widgets import Button, Toast

MERGE_FOLDER = "merge"
ROW_X, ROW_W, ROW_H = 160, 960, 96


def merge_line(_, ngettext, report) -> str:
    """What merging one file did, in one line for the teacher: new records, already merged,
    or not merged at all (with the reason, as the store words it); and what was left out."""
    name = report.path.name
    if report.refused is not None and report.stopped:
        # TRANSLATORS: data screen, a merge stopped part way (e.g. the PC was switched off);
        # {file}: the log's name; {count}: records merged before it stopped; {reason}: why, in
        # the computer's words
        return ngettext("{file}: stopped after {count} record ({reason}). Tap Merge logs "
                        "again to finish it.",
                        "{file}: stopped after {count} records ({reason}). Tap Merge logs "
                        "again to finish it.", report.added).format(
                            file=name, count=report.added, reason=report.refused)
    if report.refused is not None and report.other_school:
        # TRANSLATORS: data screen, a log from another school, not merged (the teacher is
        # asked); {file}: its name
        return _("{file}: not merged yet: it comes from another school.").format(file=name)
    if report.refused is not None:
        # TRANSLATORS: data screen, one line per log file; {file}: its name; {reason}: why, in
        # the computer's words (e.g. "line 18: record 17: pupil name is blank")
        return _("{file}: not merged, nothing from it was added ({reason})").format(
            file=name, reason=report.refused)
    parts = []
    gone = report.deleted_pupils
    if report.added == 0 and not report.left_out and not gone and not report.deleted_classes \
            and not report.unchecked:
        # TRANSLATORS: data screen, a log file merged before; {file}: its name
        return _("{file}: already merged, nothing new").format(file=name)
    # TRANSLATORS: one line per merged file; {file}: its name; {count}: its new records
    parts.append(ngettext("{file}: {count} new record", "{file}: {count} new records",
                          report.added).format(file=name, count=report.added))
    if gone:
        # TRANSLATORS: data screen, after merging a log; {count}: pupils deleted on the other PC
        parts.append(ngettext("{count} pupil deleted here too, as on the other PC.",
                              "{count} pupils deleted here too, as on the other PC.",
                              gone).format(count=gone))
    left = report.left_out
    deleted = left.get(OF_DELETED, 0)
    doubles = left.get(OF_DOUBLE_CLASS, 0) + left.get(OF_DOUBLE_PUPIL, 0)
    unknown = sum(left.values()) - deleted - doubles
    if deleted:
        # TRANSLATORS: data screen, after merging a log; {count}: records not added
        parts.append(ngettext("{count} record left out: its pupil or class was deleted.",
                              "{count} records left out: their pupil or class was deleted.",
                              deleted).format(count=deleted))
    if doubles:
        # TRANSLATORS: data screen, after merging a log; {count}: records not added because a
        # class here has the same name, or a pupil of the class the same name and avatar
        parts.append(ngettext("{count} record left out: a class or pupil here has the same "
                              "name. Change one name and merge again.",
                              "{count} records left out: a class or pupil here has the same "
                              "name. Change one name and merge again.",
                              doubles).format(count=doubles))
    if unknown:
        # TRANSLATORS: data screen, after merging a log; {count}: records not added
        parts.append(ngettext("{count} record left out: its pupil is not on this PC.",
                              "{count} records left out: their pupils are not on this PC.",
                              unknown).format(count=unknown))
    if report.unchecked:
        # TRANSLATORS: data screen, after merging a log written by an older game (it has no
        # end line, so a file cut short cannot be told from a whole one)
        parts.append(_("It was made by an older version of the game, so it could not be "
                       "checked to be complete."))
    head, rest = parts[0], " ".join(parts[1:])  # the rest are whole sentences
    return f"{head}. {rest}" if rest else head


class OtherSchoolCard(ConfirmScene):
    """"Merge a log from another school?": the card asking before; "No" keeps it out."""

    def __init__(self, ctx, question: str, warning: str, yes_label: str,
                 on_yes: Callable[[], None], on_no: Callable[[], None]) -> None:
        super().__init__(ctx, question, warning, yes_label, on_yes)
        self.on_no = on_no

    def no(self) -> None:
        self.ctx.stack.pop()
        self.on_no()

    def handle(self, action: Action) -> bool:
        if action.intent == Intent.BACK:  # Esc answers "no" as the button does
            self.no()
            return True
        return super().handle(action)

    def on_enter(self) -> None:
        super().on_enter()
        no = self.row.button("no")
        # TRANSLATORS: button on the card "Merge a log from another school?": do not merge it
        no.label, no.on_click = self.ctx.gettext("Do not merge"), self.no
        yes = self.row.button("yes")
        yes.icon = icon(self.ctx.art, "icons/class", "icons/check")
        yes.fill, yes.text_color = "green", "ink"


class DataScene(TeacherScene):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.toast = Toast(12.0)
        self.merge_results: list = []  # the last merge, per file (for the tests and the log)
        self.job: Background | None = None  # a merge running in its own thread
        self.job_then: Callable[[list], None] = lambda result: None
        self.busy_time = 0.0  # seconds the job has run (the dots of "Merging")
        self.note_gap = 52  # room under each button for its note (more at a big text size)

    def on_enter(self) -> None:
        self._build()

    def row_rect(self, i: int) -> pygame.Rect:
        return pygame.Rect(ROW_X, 150 + i * (ROW_H + self.note_gap), ROW_W, ROW_H)

    def _build(self) -> None:
        _ = self.ctx.gettext
        art = self.ctx.art
        self.row.set([
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back"))),
            ("save_log", Button(self.row_rect(0), self.save_log, label=_("Save this PC's log"),
                                icon=icon(art, "icons/export", "icons/check"), text_size=32,
                                fill="sky_blue")),
            ("merge", Button(self.row_rect(1), self.merge, label=_("Merge logs"),
                             icon=icon(art, "icons/class", "icons/home"), text_size=32,
                             fill="green")),
            ("purge", Button(self.row_rect(2), self.ask_purge, label=_("End of school year"),
                             icon=icon(art, "icons/delete", "icons/remove"), text_size=32,
                             fill="orange")),
        ], focus=self.row.focused_key() or "save_log")

    def folder(self) -> Path:
        return exports.export_folder(self.ctx)

    def _failed(self, exc: Exception) -> None:
        # TRANSLATORS: a note after a failed export; {error}: the computer's error message
        self.toast.show(self.ctx.gettext("Could not save the file: {error}").format(error=exc),
                        "icons/attention")

    # --- the three jobs ------------------------------------------------------------------------
    def save_log(self) -> Path | None:
        """This PC's attempts as one JSON-lines file, to copy to the teacher's PC."""
        from game.progress.export import export_log, safe_filename

        _ = self.ctx.gettext
        device = safe_filename(device_id(self.ctx.school)[:8]) if device_id(self.ctx.school) \
            else "pc"
        day = now().astimezone().strftime("%Y-%m-%d")
        out = self.folder() / f"log-{device}-{day}.jsonl"
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            export_log(self.ctx.school, out)
        except Exception as exc:  # noqa: BLE001 - tell the teacher, never crash the lesson
            self._failed(exc)
            return None
        # TRANSLATORS: after "Saved as ... in ..."; the teacher's PC shows its merge folder when
        # Merge logs finds nothing there yet
        self.toast.show(exports.saved_message(_, out.name, out.parent) + "\n" + _(
            "Copy it to the teacher's PC, into the merge folder beside its exports, and tap "
            "Merge logs there."), "icons/check")
        return out

    def merge_folder(self) -> Path:
        return self.folder() / MERGE_FOLDER

    def merge(self) -> list:
        """Every ``*.jsonl`` in the merge folder; a file merged before adds nothing. The merge
        runs in a thread of its own (a year of a big class takes seconds): the screen says
        so and keeps drawing; returns the results when they are there at once (tests)."""
        from game.progress.export import merge_logs

        _ = self.ctx.gettext
        folder = self.merge_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            paths = sorted(folder.glob("*.jsonl"))
        except OSError as exc:
            self._merge_failed(exc)
            return []
        if not paths:
            # TRANSLATORS: teacher's data screen; {folder}: the folder to put log files in
            self.toast.show(_("No logs to merge yet. Put the log files of the other PCs in "
                              "{folder} and tap Merge logs again.").format(
                                  folder=str(folder)), "icons/attention")
            return []
        school = self.ctx.school
        self._start(lambda: merge_logs(school, paths), self._merged)
        return self.merge_results if self.job is None else []

    def _merged(self, merged: list) -> None:
        self.merge_results = merged
        others = [m.path for m in merged if m.other_school]
        if others:  # the lines come after the answer: merged, or "not merged yet"
            self.ask_other_school(others)
        else:
            self.show_merged(merged)

    # --- a merge in a thread of its own ---------------------------------------------------------
    def _start(self, work: Callable[[], list], then: Callable[[list], None]) -> None:
        """Run ``work`` in the background, then ``then(result)`` on this screen; meanwhile
        the screen shows that it is busy and takes no other job (see :meth:`update`)."""
        self.job, self.job_then = Background(work, name="techniekwerf-merge"), then
        self.busy_time = 0.0
        if self.ctx.wait_for_jobs:
            self.job.wait()
            self._finish_job()

    def _finish_job(self) -> None:
        job, then, self.job = self.job, self.job_then, None
        if job is None:
            return
        if job.error is not None:
            self._merge_failed(job.error)
            return
        then(job.result)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def _merge_failed(self, exc: Exception) -> None:
        # TRANSLATORS: teacher's data screen; {error}: the computer's error message
        self.toast.show(self.ctx.gettext("Could not merge the logs: {error}").format(error=exc),
                        "icons/attention")

    def show_merged(self, merged: list) -> None:
        """One line per file of the last merge, in the note at the bottom."""
        lines = [merge_line(self.ctx.gettext, self.ctx.ngettext, m) for m in merged]
        self.toast.show("\n".join(lines), "icons/check" if all(
            m.refused is None for m in merged) else "icons/attention")
        self.merge_results = merged

    def ask_other_school(self, paths: list[Path]) -> None:
        """Logs of another school are merged only when the teacher says so, on a card."""
        _, ngettext = self.ctx.gettext, self.ctx.ngettext
        files = ", ".join(p.name for p in paths)
        self.ctx.stack.push(OtherSchoolCard(
            self.ctx,
            # TRANSLATORS: the question on a card on the teacher's data screen
            ngettext("Merge a log from another school?", "Merge logs from another school?",
                     len(paths)),
            # TRANSLATORS: on the card under "Merge a log from another school?"; {files}: the
            # names of the log files
            ngettext("None of the classes in {files} is on this PC. Merge it only if its "
                     "pupils belong in your school.",
                     "None of the classes in {files} is on this PC. Merge them only if their "
                     "pupils belong in your school.", len(paths)).format(files=files),
            # TRANSLATORS: button on that card
            _("Merge anyway"), lambda: self.merge_other_school(paths),
            on_no=lambda: self.show_merged(self.merge_results)))

    def merge_other_school(self, paths: list[Path]) -> list:
        """The teacher said yes: merge those logs after all (each still checked whole)."""
        from game.progress.export import merge_logs

        school, before = self.ctx.school, list(self.merge_results)

        def then(result: list) -> None:
            again = {m.path: m for m in result}
            self.show_merged([again.get(m.path, m) for m in before] or list(again.values()))

        self._start(lambda: merge_logs(school, paths, other_school=True), then)
        return self.merge_results if self.job is None else []

    def ask_purge(self) -> None:
        _ = self.ctx.gettext
        self.ctx.stack.push(ConfirmScene(
            self.ctx, _("End the school year?"),
            _("This deletes every pupil and all their work. The classes, the lessons and the "
              "PIN stay. It cannot be undone."),
            _("Delete pupils"), self.purge))

    def purge(self) -> None:
        _ = self.ctx.gettext
        try:
            self.ctx.school.purge_school_year()
        except Exception as exc:  # noqa: BLE001
            # TRANSLATORS: teacher's data screen; {error}: the computer's error message
            self.toast.show(_("Could not delete: {error}").format(error=exc), "icons/attention")
            return
        self.toast.show(_("The pupils and their work are deleted. The classes, the lessons and "
                          "the PIN are still there."), "icons/check")

    # --- input and drawing ----------------------------------------------------------------------
    def handle(self, action: Action) -> bool:
        if self.busy:
            return True  # the merge finishes first: its lines are the teacher's answer
        return super().handle(action)

    def update(self, dt: float) -> None:
        if self.job is not None:
            if self.job.done():
                self._finish_job()
            else:
                self.busy_time += dt
                return
        self.toast.update(dt)

    def idle_motion(self) -> float | None:
        return None if self.busy else super().idle_motion()

    def targets(self) -> list[Target]:
        return [] if self.busy else super().targets()

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        draw_heading(painter, _("Data"), icon_name=icon(painter, "icons/export", "icons/menu"))
        notes = (
            _("One file with every attempt on this PC, to copy to the teacher's PC."),
            _("Adds the logs of the other PCs from the merge folder. Twice is no harm."),
            _("Pupils and their work go; classes, lessons and the PIN stay."),
        )
        # each note under its button, on two lines if it needs them: the buttons move apart
        note_h = max(painter.fit(note, ROW_W - 16, 80, 22, 16).height for note in notes)
        self.note_gap = max(52, round(note_h + 16))
        for i, b in enumerate(self.row.buttons[1:]):
            b.rect = self.row_rect(i)
        for i, note in enumerate(notes):
            r = self.row_rect(i)
            painter.text_box(note, (r.x + 8, r.bottom + 6, ROW_W - 16, self.note_gap - 10), 22,
                             "ink", align="topleft", min_size=16)
        self.row.draw(painter)
        if self.busy:
            self._draw_busy(painter)
        else:
            self.toast.draw(painter, bottom=712, wrap=1000)

    def _draw_busy(self, painter: Painter) -> None:
        """"Merging the logs" with dots that come and go (one a half second) over the
        buttons, which wait until it is done."""
        painter.rect((255, 255, 255, 150), (0, 0, 1280, 720))
        box = pygame.Rect(240, 560, 800, 120)
        painter.panel(box, fill="paper", radius=24, shadow=6)
        dots = "." * (1 + int(self.busy_time * 2) % 3)
        # TRANSLATORS: teacher's data screen while logs are merged (the dots come after it)
        painter.text_box(self.ctx.gettext("Merging the logs, a moment please") + dots,
                         box.inflate(-48, -24), 28, bold=True, min_size=18)
