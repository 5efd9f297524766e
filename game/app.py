"""The running game: one window, one scene stack, one loop.

Everything a scene needs is built here and handed over in a :class:`Context`; nothing lives
in module globals. Start-up is kept short for old classroom PCs: the window opens first,
heavy parts (levels, sound) come after the first frame or when first needed.
"""

from __future__ import annotations

import contextlib
import math
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pygame

from game import PROJECT_ROOT
from game.background import Background
from game.clock import FixedStepClock
from game.context import Context
from game.i18n import make_translator
from game.input import Action, InputMapper, Intent
from game.progress.store import JsonProgressStore
from game.scenes.base import SceneStack
from game.settings import FileNotes, Settings, warn
from game.ui.art import Art
from game.ui.fonts import Fonts
from game.ui.theme import COLORS, LOGICAL_SIZE
from game.ui.view import Painter, Viewport

DEFAULT_SIZE = LOGICAL_SIZE
MIN_SIZE = (640, 360)
LETTERBOX = COLORS["ink"]
FPS = 60
#: After any input the screen is drawn at the full rate this long (hover, a pointer resting
#: on a button to have it read aloud), however still the scene says it is.
INPUT_GRACE = 1.0
#: A still screen is drawn again at least this often, as a safety net for a change no scene
#: reported (the real loop only; it costs one frame in two seconds).
HEARTBEAT = 2.0
#: Seconds between looks at attempts waiting on this PC (the store itself waits RETRY_AFTER
#: seconds after a failed try; a look costs nothing while nothing waits).
PENDING_EVERY = 10.0
_RESIZE_EVENTS = (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED)
_INPUT_EVENTS = (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION, pygame.MOUSEWHEEL,
                 pygame.FINGERDOWN, pygame.TEXTINPUT)
#: keys that keep their meaning while a name field takes the typing
_TEXT_KEYS = frozenset((pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_TAB,
                        pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT,
                        pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_F11, pygame.K_F1))


def load_catalogue(folder: Path):
    """The levels under ``folder`` as a catalogue (by id, per world in play order).

    A broken level file costs that level and one warning line, never the other levels or the
    menus: a typo in one file must not stop a class from playing.
    """
    from game.content.loader import LevelCatalogue, discover, inspect_level, playable

    try:
        good, lines = playable(inspect_level(path) for path in discover(folder))
    except Exception as exc:  # noqa: BLE001 - any content error must not stop the game
        first = (str(exc).splitlines() or [repr(exc)])[0]
        warn(f"could not load the levels in {folder}: {first}")
        return LevelCatalogue([])
    for line in lines:  # a broken file, a second level with the same id: both files named
        warn(line)
    return LevelCatalogue(good)


def open_school(url: str | None, folder: Path | None, *, check: bool = False,
                on_pending: Callable | None = None):
    """The school store on ``url`` (a PostgreSQL server), else the SQLite file in ``folder``.

    Attempts a save cannot deliver (a server that does not answer, a store locked too long)
    wait in ``folder`` (``pending-attempts.db``) and are sent when the store answers again;
    ``on_pending(count, problem)`` hears of it. ``check``: SQLite's quick check of the file
    first. Raises when it cannot be opened (a store made by a newer version of the game, a
    damaged file, a server that does not answer), which the App turns into a friendly card.
    """
    from game.progress.db import default_url
    from game.progress.sql import SqlSchoolStore
    from game.settings import data_dir

    return SqlSchoolStore(url or default_url(folder), pending=data_dir(folder), check=check,
                          on_pending=on_pending)


def make_audio(folder: Path, settings: Settings):
    """The sound effects. ``Audio`` itself opens the mixer only for the first sound, and stays
    silent without a sound device, so this costs nothing at start-up."""
    from game.audio import Audio

    return Audio(folder, settings)


def make_speech(audio, settings, locale_dir: Path | None = None):
    """Read-aloud (espeak-ng). Nothing runs or is looked up until the first sentence; the
    spoken catalogues (Arabic with its vowel marks) come from ``locale_dir``."""
    from game.speech import Speech

    return Speech(audio, settings, locale_dir=locale_dir)


def music_for(ctx) -> str | None:
    """The music track the screens ask for: the topmost scene with a ``music`` attribute
    decides (the play screen: "play"), else "menu"; none in the teacher area."""
    if ctx.teacher:
        return None
    for scene in reversed(ctx.stack.scenes):
        if hasattr(scene, "music"):
            return scene.music
    return "menu"


class App:
    """Opens the window, builds the Context and runs the loop.

    Tests drive it without a screen (``SDL_VIDEODRIVER=dummy``): post pygame events, then call
    :meth:`step_frame` or :meth:`run_frames`; pass a ``time_source`` to control the clock.

    The real loop (:meth:`run`) is ``lazy``: a frame is drawn only when something can have
    changed (an event, another screen, a scene that moves: ``Scene.idle_motion``), a slow
    movement is redrawn a few times a second and only where it moves
    (``Scene.draw_motion``), and between frames the loop sleeps until the next one is due or
    an event arrives (:meth:`wait`), so a screen nobody touches costs next to nothing on a
    school laptop's battery. Tests get a frame drawn on every step unless they set ``lazy``.
    """

    def __init__(self, *, size: tuple[int, int] | None = None, fullscreen: bool | None = None,
                 lang: str | None = None, data_dir: str | os.PathLike[str] | None = None,
                 root: Path = PROJECT_ROOT, levels: Iterable | None = None,
                 time_source: Callable[[], float] = time.perf_counter,
                 step: float = 1 / FPS, db_url: str | None = None) -> None:
        self.root = Path(root)
        self.db_url = db_url  # None: the settings' server, else the SQLite file in the data folder
        self._now = time_source
        self._last_input = time_source()
        self._school_opened = False
        self._opening: Background | None = None  # the school store, opening in a thread
        self._pending_look = time_source()  # when attempts waiting on this PC were looked at
        self._lost_school = None  # a school store set aside mid-lesson (see step_frame)
        # What the files set aside is held until the teacher's notices and the language exist.
        self.file_notes = FileNotes(hold=True)
        self.settings = Settings.load(data_dir, self.file_notes)
        if lang:  # command-line choices last for this run only: a save keeps the file's value
            self.settings.for_this_run("language", lang)
        if fullscreen is not None:
            self.settings.for_this_run("fullscreen", fullscreen)
        self.windowed_size = tuple(size or DEFAULT_SIZE)
        self.running = True
        self.frames = 0
        #: draw only what changed, and sleep while nothing does (set by :meth:`run`)
        self.lazy = False
        self.shown = 0  # frames put on the screen, whole or in part
        self._drawn: tuple | None = None  # the screens and window size of the last whole frame
        self._busy_until = self._now() + INPUT_GRACE  # full frame rate until then
        self._last_full = self._last_motion = float("-inf")
        self._was_busy = True  # the last frame's screen asked for every frame
        self._slept = False  # the loop slept on purpose: the clock may catch up in full

        # The game draws every pixel itself; the window only shows the finished frame. Without
        # this hint SDL presents through OpenGL, which on a PC without a graphics driver loads
        # Mesa's software renderer (about 70 MiB) just to copy the picture. Set the variable to
        # 1 to get SDL's default back.
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        pygame.display.init()
        pygame.display.set_caption("Techniekwerf")
        self.surface = self._open_window()
        self.view = Viewport(self.surface.get_size())
        self.surface.fill(LETTERBOX)
        pygame.display.flip()  # the window shows at once; the rest loads behind it

        self.art = Art(self.root / "assets")
        # Fonts read the text size and reading font of whichever settings are in force (a
        # pupil's own once they log in), so a change shows on the next frame.
        self.fonts = Fonts(self.root / "assets" / "fonts", settings=lambda: self.ctx.settings)
        gettext, ngettext = make_translator(self.settings.language, self.root / "locale")
        self.store = JsonProgressStore(self.settings.folder, notes=self.file_notes)
        self.ctx = Context(
            stack=SceneStack(), art=self.art, fonts=self.fonts,
            levels=levels,  # None: loaded after the first frame
            store=self.store, settings=self.settings, audio=None,
            gettext=gettext, ngettext=ngettext,
            quit=self.quit, toggle_fullscreen=self.toggle_fullscreen)
        self.file_notes.attach(self.ctx.notices, lambda: self.ctx.gettext)
        self.ctx.audio = make_audio(self.root / "assets" / "sounds", self.settings)
        self.ctx.speech = make_speech(self.ctx.audio, lambda: self.ctx.settings,
                                      self.root / "locale")
        from game.speech import Reader

        self.reader = Reader(time_source)  # auto-read and the read-aloud key
        self._pointer_last = False  # the last input was the mouse or a finger, not a key
        # The mapper follows settings.keys (remapped keys count at once) and is on ctx.input,
        # so a Keys page can capture the next key press.
        self.mapper = InputMapper(self.view.to_logical, window_size=lambda: self.view.window_size,
                                  settings=lambda: self.ctx.settings)
        self.ctx.input = self.mapper
        self.clock = FixedStepClock(step, time_source)
        self._frame_clock = pygame.time.Clock()

        from game.scenes.title import TitleScene

        self.ctx.stack.push(TitleScene(self.ctx))

    # --- window ----------------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        try:
            return self._set_mode()
        except pygame.error:
            # A video driver without a window framebuffer of its own (Wayland, KMS/DRM) needs
            # SDL's accelerated one after all.
            os.environ["SDL_FRAMEBUFFER_ACCELERATION"] = "1"
            return self._set_mode()

    def _set_mode(self) -> pygame.Surface:
        if self.settings.fullscreen:
            surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            w, h = self.windowed_size
            surface = pygame.display.set_mode((max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)),
                                              pygame.RESIZABLE)
        return surface

    def _relayout(self) -> None:
        """After a resize: map the logical screen onto the new size, re-render art there."""
        self.surface = pygame.display.get_surface()
        self.view.resize(self.surface.get_size())
        self.art = Art(self.root / "assets")  # old sizes would only fill memory
        self.ctx.art = self.art

    def toggle_fullscreen(self) -> None:
        if not self.settings.fullscreen:
            self.windowed_size = self.surface.get_size()
        self.settings.fullscreen = not self.settings.fullscreen
        self._open_window()
        self._relayout()
        self.settings.save()

    def quit(self) -> None:
        self.running = False

    # --- the loop --------------------------------------------------------------------------
    def _ensure_levels(self) -> None:
        if self.ctx.levels is None:
            self.ctx.levels = load_catalogue(self.root / "levels")
            self.clock.reset()  # loading is not play time

    def _open_school(self) -> None:
        """Start opening the school store (classes, pupils, lessons, the attempt log) after
        the first frame, in a thread: the title shows and answers meanwhile, however long a
        school server takes (it is given up after a few seconds). SQLite's quick check of the
        file runs there too, and attempts left waiting on this PC are sent."""
        if self._school_opened:
            return
        self._school_opened = True
        url = self.db_url or getattr(self.settings, "db_url", None)
        folder = self.settings.folder

        def work():
            school = open_school(url, folder, check=True, on_pending=self._pending_note)
            school.send_pending()  # attempts that waited since the last time, if any
            return school

        self._opening = Background(work, name="techniekwerf-open-school")

    def _pending_note(self, count: int, problem) -> None:
        """The teacher's note about attempts waiting on this PC (never the child's)."""
        if count <= 0:
            self.ctx.notices.clear("pending-attempts")
            return
        # TRANSLATORS: a note for the teacher; {count} attempts of pupils, {detail} is a
        # technical line in English that names the file or the server
        text = self.ctx.ngettext(
            "{count} attempt waits on this computer until the class list can be reached "
            "again; it is sent then ({detail})",
            "{count} attempts wait on this computer until the class list can be reached "
            "again; they are sent then ({detail})", count)
        detail = str(problem) if problem is not None else "waiting"
        # on stderr once per failed try, not once per attempt that joins the queue
        self.ctx.notices.tell("pending-attempts", text.format(count=count, detail=detail),
                              echo=problem is not None)

    def _poll_school(self) -> None:
        """Take the school store once it opened (or say why it could not be)."""
        job = self._opening
        if job is None or not (job.wait() if self.ctx.wait_for_jobs else job.done()):
            return
        self._opening = None
        self._drawn = None  # the title may show the teacher's button now: draw it all
        if job.error is not None:
            self._school_failed(job.error)
            return
        self._school_ready(job.result)

    def _school_failed(self, exc: BaseException) -> None:
        """A store this version cannot read, a damaged file, a server that does not answer:
        one line for the teacher, a friendly card (over the title) for whoever sits there;
        the game plays on with the guest's progress on this PC."""
        first = (str(exc).splitlines() or [exc.__class__.__name__])[0]
        warn(f"could not open the school store: {first}")
        self._store_note(first)
        from game.scenes.login import StoreProblemScene
        from game.scenes.title import TitleScene

        kind = "newer" if type(exc).__name__ == "StoreTooNew" else getattr(exc, "kind", None)
        if isinstance(self.ctx.stack.top, TitleScene):
            self.ctx.stack.push(StoreProblemScene(self.ctx, first, on_guest=lambda: None,
                                                  newer=kind == "newer", kind=kind))

    def _store_note(self, detail: str) -> None:
        """The teacher's note that the class list could not be opened (stderr has it)."""
        # TRANSLATORS: a note for the teacher; {detail} is a technical line in English
        self.ctx.notices.tell("school-store", self.ctx.gettext(
            "The class list could not be opened: {detail}").format(detail=detail), echo=False)

    def _school_ready(self, school) -> None:
        if school is not None:
            self.ctx.school = school
            from game.scenes.player import guest_store

            self.ctx.store = guest_store(self.ctx)
            top = self.ctx.stack.top
            if top is not None:
                top.enter()  # the title shows the teacher button now

    def _check_idle(self) -> None:
        """The teacher area locks itself after a while without input (a PC left open)."""
        from game.scenes.teacher_base import IDLE_LOCK_SECONDS, lock

        if self.ctx.teacher and self._now() - self._last_input > IDLE_LOCK_SECONDS:
            lock(self.ctx)

    def _global(self, action: Action) -> bool:
        """Intents that mean the same on every screen."""
        if action.intent == Intent.QUIT:
            self.quit()
        elif action.intent == Intent.FULLSCREEN:
            self.toggle_fullscreen()
        elif action.intent == Intent.MUTE:
            self.toggle_mute()
        elif action.intent == Intent.SPEAK:
            self.reader.speak_now(self.ctx, self.ctx.stack.top)
        else:
            return False
        return True

    def toggle_mute(self) -> None:
        self.ctx.audio.toggle_mute()
        self.settings.muted = bool(self.ctx.audio.muted)
        self.settings.save()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type in _INPUT_EVENTS:
            self._last_input = self._now()
            if event.type == pygame.KEYDOWN:
                self._pointer_last = False
            elif event.type != pygame.TEXTINPUT:
                self._pointer_last = True
        top = self.ctx.stack.top
        if event.type == pygame.TEXTINPUT:
            handler = getattr(top, "handle_text", None)
            if handler is not None:
                handler(event.text)
            return
        if event.type == pygame.KEYDOWN and getattr(top, "wants_text", False) \
                and event.key not in _TEXT_KEYS:
            return  # a letter typed into a name field is not a shortcut (M would mute)
        for action in self.mapper.actions(event):
            if not self._global(action):
                self.ctx.stack.handle(action)

    def step_frame(self, draw: bool = True) -> bool:
        """Run one frame: events, fixed-step updates, drawing (not with ``draw`` False: a test
        that only needs the game to move on). False once the game should end.

        A problem of the school store that a screen did not handle itself (a server that
        stopped answering, a file that became damaged or read-only) never ends the game: the
        store is set aside and the game goes on as the guest, from the title, with a card and a
        note for the teacher; attempts already given to the store still wait on this PC."""
        from game.progress.records import StoreError

        try:
            return self._step_frame(draw)
        except StoreError as problem:
            if not hasattr(problem, "transient"):  # not game.progress.db.StoreProblem
                raise
            self._school_lost(problem)
            self.frames += 1
            return self.running

    def _school_lost(self, problem) -> None:
        from game.scenes.login import StoreProblemScene
        from game.scenes.title import TitleScene

        warn(f"the school store stopped working: {problem}")
        self._store_note(str(problem))
        self._lost_school = self.ctx.school  # lives on: it sends the attempts it keeps
        self.ctx.school = None
        self.ctx.pupil = self.ctx.lesson = None
        self.ctx.child = None  # at home: the child taps their picture again (game.home)
        self.ctx.teacher = False
        self.ctx.store = self.store
        if hasattr(self.settings, "use_pc"):
            self.settings.use_pc()
        self.ctx.stack.clear()
        self.ctx.stack.push(TitleScene(self.ctx))
        self.ctx.stack.push(StoreProblemScene(self.ctx, str(problem), on_guest=lambda: None,
                                              newer=False, kind=getattr(problem, "kind", None)))
        self._drawn = None

    def _step_frame(self, draw: bool = True) -> bool:
        if self.frames == 1:
            self._open_school()  # in a thread, while the levels load
            self._ensure_levels()  # after the first picture is on screen
            self._drawn = None
        if self._opening is not None:
            self._poll_school()
        elif self._now() - self._pending_look >= PENDING_EVERY:
            self._pending_look = self._now()
            for school in (self.ctx.school, self._lost_school):
                if school is not None:  # attempts kept on this PC, if any:
                    school.send_later()  # tried again in the background
        if self.ctx.teacher:
            self._check_idle()
        resized = False
        events = pygame.event.get()
        for event in events:
            if event.type in _RESIZE_EVENTS:
                resized = True
            else:
                self.handle_event(event)
        if events:  # input, or the window shown again: draw it all, at full rate for a while
            self._busy_until = self._now() + INPUT_GRACE
        if resized:
            self._relayout()
        for _ in range(self._steps_due()):
            self.ctx.stack.update(self.clock.step)
        self.reader.frame(self.ctx, self.ctx.stack.top, self._pointer_last)
        if self.frames >= 2:  # the music starts once the first screen is up and ready
            self.ctx.audio.play_music(music_for(self.ctx))
        if draw:
            self._present(bool(events))
        self.frames += 1
        if len(self.ctx.stack) == 0:
            self.running = False
        return self.running

    def _steps_due(self) -> int:
        """Fixed steps to run now. After a deliberate sleep (a still or slowly moving screen)
        the scene's time catches up in full, so a slow bob keeps its pace; after a slow frame
        the clock drops a long backlog as it always does."""
        if not self._slept:
            return self.clock.advance()
        self._slept = False
        cap = self.clock.max_steps
        self.clock.max_steps = max(cap, math.ceil(HEARTBEAT / self.clock.step) + 1)
        try:
            return self.clock.advance()
        finally:
            self.clock.max_steps = cap

    def idle_rate(self) -> float | None:
        """How often a second the screen changes by itself now: None for every frame (input
        a moment ago, Noor speaking, or a scene that moves), else the top scene's
        ``idle_motion`` (0: still)."""
        if self._now() < self._busy_until:
            return None
        speech = self.ctx.speech
        if speech is not None and speech.speaking:
            return None  # the speaker button lights up, and finished speech must be played
        return self.ctx.stack.idle_motion()

    def _present(self, changed: bool) -> None:
        """Put the frame on the screen: whole, only what moved, or (lazy, nothing changed)
        not at all."""
        if not self.lazy:
            self.draw()
            pygame.display.flip()
            self.shown += 1
            return
        now = self._now()
        rate = self.idle_rate()
        screens = (tuple(id(s) for s in self.ctx.stack.scenes), self.surface.get_size())
        if (changed or rate is None or self._was_busy or screens != self._drawn
                or now - self._last_full >= HEARTBEAT):
            self.draw()
            pygame.display.flip()
            self.shown += 1
            self._drawn = screens
            self._last_full = self._last_motion = now
        elif rate > 0 and now - self._last_motion >= 1 / rate - 0.002:
            rects = self._draw_motion()
            if rects is None:
                self.draw()
                pygame.display.flip()
                self._last_full = now
            elif rects:
                pygame.display.update(rects)
            self.shown += 1
            self._last_motion = now
        self._was_busy = rate is None

    def _draw_motion(self) -> list[pygame.Rect] | None:
        self.surface.set_clip(self.view.rect((0, 0, *LOGICAL_SIZE)))
        try:
            return self.ctx.stack.draw_motion(Painter(self.surface, self.view, self.art,
                                                      self.fonts))
        finally:
            self.surface.set_clip(None)

    def wait(self) -> None:
        """Between two frames of the real loop: at most :data:`FPS` frames a second, and
        while the screen is still or moves slowly, sleep until its next frame is due or an
        event arrives (which is then handled at once: no extra delay for input)."""
        rate = self.idle_rate() if self.lazy else None
        if rate is None:
            self._frame_clock.tick(FPS)
            return
        due = self._last_full + HEARTBEAT
        if rate > 0:
            due = min(due, self._last_motion + 1 / rate)
        end = time.perf_counter() + max(0.0, due - self._now())
        # Not pygame.event.wait(timeout): pygame-ce waits by polling every millisecond, which
        # costs more than drawing. A look at the queue each 1/FPS s answers input as fast as
        # a frame at the full rate does, for about 0.5 % of a core.
        while not pygame.event.peek():
            left = end - time.perf_counter()
            if left <= 0:
                break
            time.sleep(min(1 / FPS, left))
        self._slept = True
        self._frame_clock.tick()

    def draw(self) -> None:
        self.surface.fill(LETTERBOX)
        self.surface.set_clip(self.view.rect((0, 0, *LOGICAL_SIZE)))
        try:
            self.ctx.stack.draw(Painter(self.surface, self.view, self.art, self.fonts))
        finally:
            self.surface.set_clip(None)

    def run_frames(self, n: int) -> None:
        """Run ``n`` frames without waiting: for tests and screenshots."""
        for _ in range(n):
            if not self.step_frame():
                break

    def run(self) -> int:
        """The real loop, at most 60 frames a second, drawing only what changed and sleeping
        while nothing does (``lazy``). Returns the exit code."""
        self.lazy = True
        self.ctx.wait_for_jobs = False  # the title answers while a server is slow, and so on
        while self.step_frame():
            self.wait()
        self.close()
        return 0

    def screenshot(self, path: str | os.PathLike[str]) -> None:
        pygame.image.save(self.surface, str(path))

    def close(self) -> None:
        """Close the window. Settings were saved when they changed; ``--lang`` and
        ``--fullscreen`` on the command line stay one-off choices. Every screen is closed first
        (its ``exit`` and ``on_close``: a level being played is left as when Back is pressed,
        while its store is still open)."""
        self.ctx.stack.clear()
        if self.ctx.speech is not None:
            self.ctx.speech.close()
        self.ctx.audio.stop_all()  # no music playing on after the window has gone
        opening, self._opening = self._opening, None
        if opening is not None and opening.done() and opening.result is not None:
            opening.result.close()  # opened after the last frame: nobody took it
        if self._lost_school is not None:
            with contextlib.suppress(Exception):
                self._lost_school.close()
        if self.ctx.school is not None:
            try:
                self.ctx.school.close()
            except Exception as exc:  # noqa: BLE001 - closing must not hide the real exit
                warn(f"could not close the school store: {exc}")
        pygame.display.quit()
