"""Read-aloud: the game speaks its instructions, hints and stories with espeak-ng, offline.

Pupils in groep 3-4 cannot read yet, some have dyslexia, and a parent at home may understand
Turkish or Arabic better than Dutch: every instruction can be heard in the game's language.

How it stays out of the way:

- Nothing happens until the first :meth:`Speech.say`: no process is started and nothing is
  loaded at start-up, and the engine is looked up on the ``PATH`` only when first needed.
- ``espeak-ng`` runs in a background thread and writes a WAV to its stdout; the frame loop
  never waits for it. :meth:`Speech.update` (called by the App once a frame) plays a finished
  utterance through the pygame mixer on the voice channel of :class:`game.audio.Audio`, so the
  voice volume and mute work exactly like the effects.
- The text goes to the engine on stdin, never on its command line and never through a shell:
  a hint that starts with "-" or holds quotes is read, not taken for an option.
- A new ``say`` stops the one before (and kills its process if it is still working).
- What the engine reads is the spoken form of the text (:mod:`game.spoken`): Arabic gets its
  vowel marks from a second catalogue, so the voice does not have to guess them; the screen
  keeps the plain text. The worker thread makes it, never the frame loop.
- Where espeak-ng is missing, or fails, :attr:`Speech.available` is False: the scenes hide or
  disable their speaker buttons and the game goes on; one log line, never a traceback.

Scenes take part in read-aloud through two small, optional methods that the App looks for
(see :func:`instruction_text` and :func:`focus_text`): ``read_aloud_text()`` gives what the
screen is saying now (the task, a hint, feedback, a story), ``read_aloud_focus()`` the tooltip
of the widget under keyboard focus or the pointer. Scenes that keep their buttons in a
``ButtonRow`` need not write the second one.
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import struct
import threading
import wave
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from game.text_rules import clean_text, has_visible

log = logging.getLogger(__name__)

ENGINE = "espeak-ng"
#: espeak-ng voice per game language (``espeak-ng --voices`` lists them; all ship in Debian's
#: espeak-ng-data). English is the British voice: it is the English taught in Dutch schools.
VOICES = {"nl": "nl", "en": "en-gb", "tr": "tr", "pl": "pl", "uk": "uk", "ar": "ar"}
#: Words per minute: a little slower than espeak-ng's 175, for young listeners.
SPEED = 145
#: Longest a single utterance may take to synthesise before it is given up.
TIMEOUT = 30.0
#: Finished utterances kept, so pressing the speaker again plays at once.
CACHE_SIZE = 8
#: Longest text handed to the engine (a story is a few sentences; this only guards the pipe).
MAX_CHARS = 2000


def parse_wav(data: bytes) -> bytes | None:
    """A proper WAV file from espeak-ng's stdout, or None when ``data`` holds no audio.

    Writing to a pipe, espeak-ng cannot go back to fill in the lengths in the header, so it
    puts "very long" there; pygame would then read past the end. Only the format is taken
    from the header, and the samples are whatever follows the ``data`` chunk header.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    pos, fmt = 12, None
    while pos + 8 <= len(data):
        chunk, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = pos + 8
        if chunk == b"fmt " and body + 16 <= len(data):
            tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", data[body:body + 16])
            fmt = (tag, channels, rate, bits)
        elif chunk == b"data":
            if fmt is None or fmt[0] != 1 or fmt[3] != 16 or fmt[1] < 1 or fmt[2] < 1000:
                return None  # only plain 16-bit PCM, which is what espeak-ng writes
            frame = 2 * fmt[1]
            samples = data[body:body + min(size, len(data) - body)]
            samples = samples[:len(samples) - len(samples) % frame]
            if not samples:
                return None
            out = io.BytesIO()
            with wave.open(out, "wb") as w:
                w.setnchannels(fmt[1])
                w.setsampwidth(2)
                w.setframerate(fmt[2])
                w.writeframes(samples)
            return out.getvalue()
        pos = body + size + (size & 1)
    return None


class Speech:
    """Speaks text in the language of ``settings`` through ``audio``'s voice channel.

    ``audio`` is a :class:`game.audio.Audio` (duck-typed: ``muted``, ``play_voice``,
    ``stop_voice``, ``voice_busy``); ``settings`` (the Settings, or a function giving the ones
    in force: a pupil's profile brings its own) gives ``language`` at the moment of speaking.
    ``engine`` is the program's name or path (tests pass a fake one).
    """

    def __init__(self, audio: Any, settings: Any, engine: str = ENGINE,
                 locale_dir: Any = None) -> None:
        self._audio = audio
        self._locale_dir = locale_dir
        self._vocalisers: dict[str, Any] = {}
        self._settings = settings
        self._engine = engine
        self._path: str | None = None
        self._looked = False  # whether the engine was looked up on the PATH yet
        self._broken = False  # the engine itself failed (not just one voice)
        self._bad_voices: set[str] = set()
        self._lock = threading.Lock()
        self._request = 0  # number of the newest say(); older results are dropped
        self._proc: Any = None  # the running subprocess.Popen
        self._ready: tuple[int, str, str, bytes | None] | None = None
        self._cache: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._pending = False  # a say() is being synthesised
        self._logged = False
        self.last_text = ""  # what was asked for last (the App and tests look at it)

    # ------------------------------------------------------------------ state

    @property
    def language(self) -> str:
        """The game language spoken now (Dutch for anything unknown)."""
        settings = self._settings() if callable(self._settings) else self._settings
        lang = getattr(settings, "language", "nl")
        return lang if lang in VOICES else "nl"

    @property
    def voice(self) -> str:
        """The espeak-ng voice of the current language (Dutch for anything unknown)."""
        return VOICES[self.language]

    def spoken_text(self, text: str, lang: str | None = None) -> str:
        """What the engine reads for the screen text ``text``: its spoken form in ``lang``
        (the current language), e.g. Arabic with its vowel marks (:mod:`game.spoken`)."""
        from game.spoken import SPOKEN_LANGUAGES, Vocaliser

        lang = lang or self.language
        if lang not in SPOKEN_LANGUAGES:
            return text
        with self._lock:
            vocalise = self._vocalisers.get(lang)
            if vocalise is None:
                vocalise = self._vocalisers[lang] = Vocaliser(lang, self._locale_dir)
        try:
            return vocalise(text)
        except Exception as exc:  # noqa: BLE001 - a broken spoken catalogue: read the screen text
            self._log_once(f"read-aloud reads the screen text: spoken variants failed ({exc})")
            return text

    @property
    def available(self) -> bool:
        """True when speaking can work: the engine is installed, has not failed, knows the
        current language's voice, and the sound device has not failed."""
        if self._broken or self.voice in self._bad_voices:
            return False
        if getattr(self._audio, "available", True) is False:
            return False
        return self._engine_path() is not None

    @property
    def speaking(self) -> bool:
        """Whether an utterance is being prepared or heard right now."""
        if self._pending:
            return True
        busy = getattr(self._audio, "voice_busy", None)
        return bool(busy()) if busy is not None else False

    # ------------------------------------------------------------------ speaking

    def say(self, text: str) -> bool:
        """Start speaking ``text`` (stopping what is being said); False when it cannot be.

        Returns at once: the engine works in a thread, :meth:`update` plays the result.
        """
        text = speakable(text)
        self.stop()
        if not text or not self.available or getattr(self._audio, "muted", False):
            return False
        voice, lang = self.voice, self.language
        self.last_text = text
        with self._lock:
            self._request += 1
            request = self._request
            cached = self._cache.get((voice, text))
            if cached is not None:
                self._cache.move_to_end((voice, text))
                self._ready = (request, voice, text, cached)
                self._pending = True
                return True
            self._pending = True
        worker = threading.Thread(target=self._synthesise, args=(request, voice, text, lang),
                                  name="techniekwerf-speech", daemon=True)
        worker.start()
        return True

    def stop(self) -> None:
        """Stop speaking now: the voice channel falls silent and a running engine is ended."""
        with self._lock:
            self._request += 1
            self._ready = None
            self._pending = False
            proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(OSError):  # it may have ended just now
                proc.kill()
        stop_voice = getattr(self._audio, "stop_voice", None)
        if stop_voice is not None:
            stop_voice()

    def update(self) -> None:
        """Play an utterance the engine has finished (call once a frame, from the main
        thread: the mixer is only touched here)."""
        with self._lock:
            ready, self._ready = self._ready, None
            if ready is None or ready[0] != self._request:
                return
            self._pending = False
        _, voice, text, wav = ready
        if wav is None:
            return
        play = getattr(self._audio, "play_voice", None)
        if play is not None and not getattr(self._audio, "muted", False):
            play(wav)

    def close(self) -> None:
        """End a running engine (the game is closing)."""
        self.stop()

    # ------------------------------------------------------------------ the engine

    def _engine_path(self) -> str | None:
        if not self._looked:
            self._looked = True
            self._path = shutil.which(self._engine)
            if self._path is None:
                self._log_once(f"no read-aloud: {self._engine} is not installed")
        return self._path

    def _command(self, voice: str) -> list[str]:
        # -b 1: the text is UTF-8; --stdin: all of it at once from stdin (the text is never an
        # argument, so it cannot be read as an option); --stdout: a WAV to us, not a device.
        return [self._path or self._engine, "-v", voice, "-s", str(SPEED), "-b", "1",
                "--stdin", "--stdout"]

    def _synthesise(self, request: int, voice: str, text: str, lang: str = "nl") -> None:
        """In the worker thread: run the engine on the spoken form of ``text``, hand the WAV
        (or None) to :meth:`update`."""
        import subprocess  # here, not at start-up: only a game that speaks needs it

        wav: bytes | None = None
        proc = None
        try:
            # the spoken form comes from a catalogue: it gets the same cleaning as the text
            spoken = speakable(self.spoken_text(text, lang)) or text
            with self._lock:
                if request != self._request:
                    return  # already replaced by a newer say()
                proc = self._proc = self._start(voice, subprocess)
            if proc is not None:
                out, err = proc.communicate(spoken.encode("utf-8", "replace"), timeout=TIMEOUT)
                with self._lock:
                    if request != self._request:
                        return  # stopped or replaced while it worked: nothing to report
                    if self._proc is proc:
                        self._proc = None
                wav = self._heard(proc.returncode, out, err, voice)
        except subprocess.TimeoutExpired:
            if proc is not None:
                proc.kill()
                proc.communicate()
            self._log_once(f"read-aloud took longer than {TIMEOUT:.0f} s; skipped")
        except Exception as exc:  # noqa: BLE001 - a broken pipe, an odd text…: this text is
            # not read, and the next one is tried again: one bad text never silences the voice
            self._log_once(f"read-aloud skipped a text: {type(exc).__name__}: {exc}")
        with self._lock:
            if request != self._request:
                return
            if wav is not None:
                self._cache[(voice, text)] = wav
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
                self._ready = (request, voice, text, wav)
            else:
                self._pending = False

    def _start(self, voice: str, subprocess: Any) -> Any:
        """The engine's process, or None when the program itself cannot run (then read-aloud
        is off for the session: it would fail the same way for every text)."""
        try:
            return subprocess.Popen(self._command(voice), stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, shell=False)
        except OSError as exc:
            self._broken = True
            self._log_once(f"no read-aloud: {self._engine} could not run ({exc})")
            return None

    def _heard(self, code: int, out: bytes, err: bytes, voice: str) -> bytes | None:
        """The WAV the engine gave, or None. Only an engine that fails (a voice it lacks) has
        its voice turned off; a WAV with no samples (a text of only signs) is just silence."""
        wav = parse_wav(out) if code == 0 else None
        if wav is None and not (code == 0 and out[:4] == b"RIFF"):
            first = (err.decode("utf-8", "replace").strip().splitlines() or [""])[0]
            self._failed(voice, f"{self._engine} -v {voice} gave no speech "
                                f"(exit {code}{': ' + first if first else ''})")
        return wav

    def _failed(self, voice: str, message: str) -> None:
        """A voice that gives no audio is not asked again (its speaker buttons go grey)."""
        self._bad_voices.add(voice)
        self._log_once(f"no read-aloud for voice {voice}: {message}")

    def _log_once(self, message: str) -> None:
        if not self._logged:
            self._logged = True
            log.warning(message)


# ---------------------------------------------------------------------- what scenes say


def speakable(text: Any) -> str:
    """What can be handed to the engine of ``text``: one line (no pauses mid-hint), at most
    :data:`MAX_CHARS` long, without the characters :mod:`game.text_rules` refuses (a NUL, a
    lone surrogate, a direction override: a name stored long ago may hold one); '' when
    nothing visible is left, so nothing is said. Never raises."""
    try:
        text = clean_text(str(text or ""))
    except Exception:  # noqa: BLE001 - an object whose str() fails: nothing to say
        return ""
    text = " ".join(text.split())[:MAX_CHARS]
    return text if has_visible(text) else ""


def speech_available(ctx: Any) -> bool:
    """Whether the game can speak now (False without a Speech, e.g. in a tool)."""
    return ctx.speech is not None and ctx.speech.available


def sentences(*parts: str) -> str:
    """Texts joined for speaking: a full stop after a part that has no end mark (a title), so
    the voice pauses between them instead of running them together."""
    out = []
    for part in parts:
        part = " ".join(str(part or "").split())
        if not part:
            continue
        if out and out[-1][-1] not in ".!?…:;،؟":
            out[-1] += "."
        out.append(part)
    return " ".join(out)


def instruction_text(scene: Any) -> str:
    """What ``scene`` is saying now (its task, hint, feedback or story); '' if nothing."""
    method = getattr(scene, "read_aloud_text", None)
    if method is None:
        return ""
    try:
        return str(method() or "")
    except Exception as exc:  # noqa: BLE001 - read-aloud must never break a screen
        log.info("read_aloud_text of %s failed: %s", type(scene).__name__, exc)
        return ""


def focus_text(scene: Any, pointer: bool = False) -> str:
    """The tooltip (or label) of the widget that has keyboard focus, or with ``pointer`` (the
    pupil last used the mouse or a finger) of the one under the pointer; '' for none.

    A scene may say it itself with ``read_aloud_focus(pointer)``; otherwise every button row
    among its attributes (anything with ``buttons``, ``focus`` and ``hover``) is asked, and a
    ``buttons`` dict with a ``hover_button`` name (the play screen's tool bar).
    """
    method = getattr(scene, "read_aloud_focus", None)
    try:
        if method is not None:
            return str(method(pointer) or "")
        attributes = vars(scene)
    except Exception:  # noqa: BLE001 - read-aloud must never break a screen
        return ""
    buttons = attributes.get("buttons")
    if isinstance(buttons, dict):  # named buttons: the play screen's bars
        name = attributes.get("hover_button" if pointer else "focus")
        if isinstance(name, str) and name in buttons:
            return _button_text(buttons[name])
    for value in attributes.values():
        row_buttons = getattr(value, "buttons", None)
        if not isinstance(row_buttons, list) or not hasattr(value, "focus"):
            continue
        index = getattr(value, "hover" if pointer else "focus", None)
        if isinstance(index, int) and 0 <= index < len(row_buttons):
            return _button_text(row_buttons[index])
    return ""


def _button_text(button: Any) -> str:
    if not getattr(button, "enabled", True):
        return ""
    return str(getattr(button, "tooltip", "") or getattr(button, "label", "") or "")


#: How long the pointer must rest on a button before auto-read speaks its tooltip.
DWELL = 0.6


class Reader:
    """The App's side of read-aloud, once a frame: plays finished speech and, with the
    ``auto_read`` setting, speaks by itself

    - each new instruction of the top scene (its ``read_aloud_text``) when it appears; a text
      is read once per scene, so a story that comes back after a short note is not repeated;
    - the tooltip of a button the keyboard focus moves to (at once) or the pointer rests on
      (after :data:`DWELL` seconds). The focus a screen opens with is not news.

    :meth:`speak_now` is the read-aloud key: the button the pupil moved the keyboard focus to,
    else the screen's instruction.
    """

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now
        self._scene: Any = None
        self._read: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
        self._text: str | None = None
        self._focus = ""
        self._focus_since = 0.0
        self._focus_pending = False
        self._focus_moved = False  # the keyboard moved the focus on this screen

    def frame(self, ctx: Any, scene: Any, pointer: bool) -> None:
        """``pointer``: the pupil's last input was the mouse or a finger (not a key)."""
        speech = ctx.speech
        if speech is None:
            return
        speech.update()
        if scene is None:
            return
        auto = ctx.settings.auto_read and speech.available
        text = instruction_text(scene) if auto else ""
        focus = focus_text(scene, pointer)
        now = self._now()
        if scene is not self._scene:
            self._scene, self._text = scene, None
            self._focus, self._focus_pending, self._focus_moved = focus, False, False
        if auto and text != self._text:
            self._text = text
            try:
                done = self._read.setdefault(scene, set())
            except TypeError:  # a scene that cannot be weakly referenced: read every change
                done = set()
            if text and text not in done:
                done.add(text)
                speech.say(text)
        if focus != self._focus:
            self._focus, self._focus_since, self._focus_pending = focus, now, bool(focus)
            self._focus_moved = self._focus_moved or (not pointer and bool(focus))
        if self._focus_pending and (not pointer or now - self._focus_since >= DWELL):
            self._focus_pending = False
            if auto:
                speech.say(self._focus)

    def speak_now(self, ctx: Any, scene: Any) -> bool:
        """Speak what the pupil asks for with the read-aloud key; False when nothing can be."""
        speech = ctx.speech
        if speech is None or scene is None or not speech.available:
            return False
        text = ""
        if self._focus_moved and scene is self._scene:
            text = focus_text(scene, pointer=False)
        text = text or instruction_text(scene) or focus_text(scene, pointer=True)
        return speech.say(text) if text else False
