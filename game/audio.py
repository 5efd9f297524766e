"""Sound effects for the game, that never get in the way of playing.

School computers are a mixed bag: some have no sound card, some have audio switched off by
the administrator, some run remotely. So everything here is lazy and forgiving: nothing is
loaded or initialised until the first sound is played (start-up stays fast), and if the mixer
cannot start, the game simply stays silent — no error, no traceback in front of a child.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pygame

log = logging.getLogger(__name__)

# Sound names are file stems; anything else (a path, a typo with spaces) is simply unknown.
_NAME = re.compile(r"^[a-z0-9_]+$")
_EXTENSIONS = (".wav", ".ogg")
DEFAULT_VOLUME = 0.6


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, float(value)))


class Audio:
    """Plays the effects in ``sounds_folder`` (``<name>.wav`` or ``<name>.ogg``) by name.

    ``settings`` is optional and duck-typed: ``muted`` and ``effects_volume`` are read when
    present, and changes made here (mute, volume) are written back to it so the settings
    screen and the saved file agree with what the pupil hears. Saving the settings file is
    left to its owner.
    """

    def __init__(self, sounds_folder: Path, settings: Any = None) -> None:
        self._folder = Path(sounds_folder)
        self._settings = settings
        self._muted = bool(getattr(settings, "muted", False))
        self._volume = _clamp(getattr(settings, "effects_volume", DEFAULT_VOLUME))
        self._mixer_ok: bool | None = None  # None: not tried yet
        self._sounds: dict[str, pygame.mixer.Sound | None] = {}  # None: unknown or unplayable
        self._loops: dict[str, pygame.mixer.Channel] = {}
        self._warned: set[str] = set()

    # ------------------------------------------------------------------ state

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def volume(self) -> float:
        return self._volume

    @property
    def available(self) -> bool:
        """False once the mixer has failed to start: the game then runs silently."""
        return self._mixer_ok is not False

    def toggle_mute(self) -> bool:
        """Flip mute (the one mute key) and return the new state.

        Muting also stops running loops: a hum that kept going after "mute" would feel broken.
        """
        self._muted = not self._muted
        if self._muted:
            self.stop_all()
        self._write_setting("muted", self._muted)
        return self._muted

    def set_volume(self, volume: float) -> None:
        """Set the effects volume (0..1) for sounds already loaded and those still to come."""
        self._volume = _clamp(volume)
        for sound in self._sounds.values():
            if sound is not None:
                self._safely(sound.set_volume, self._volume)
        self._write_setting("effects_volume", self._volume)

    def apply_settings(self, settings: Any) -> None:
        """Take mute and volumes from ``settings`` (e.g. after a pupil logs in with their own)."""
        self._settings = settings
        muted = bool(getattr(settings, "muted", False))
        if muted and not self._muted:
            self.stop_all()
        self._muted = muted
        self.set_volume(getattr(settings, "effects_volume", self._volume))

    # ------------------------------------------------------------------ playing

    def play(self, name: str, loop: bool = False) -> None:
        """Play a sound once, or repeat it until :meth:`stop` when ``loop`` is set.

        Playing a loop that is already running does nothing, so callers may simply ask for
        "the hum" every frame the circuit is powered.
        """
        if self._muted or self._mixer_ok is False:
            return
        if loop and name in self._loops and self._safely(self._loops[name].get_busy):
            return
        sound = self._sound(name)
        if sound is None:
            return
        channel = self._safely(sound.play, -1 if loop else 0)
        if loop and channel is not None:
            self._loops[name] = channel

    def stop(self, name: str) -> None:
        """Stop every playing instance of ``name`` (a loop or a one-shot still sounding)."""
        self._loops.pop(name, None)
        sound = self._sounds.get(name)
        if sound is not None:
            self._safely(sound.stop)

    def stop_all(self) -> None:
        """Stop our own sounds only (not, say, music someone else plays on the mixer)."""
        self._loops.clear()
        for sound in self._sounds.values():
            if sound is not None:
                self._safely(sound.stop)

    # ------------------------------------------------------------------ internals

    def _sound(self, name: str) -> pygame.mixer.Sound | None:
        """The loaded sound, loading it on first use; None when it cannot be played."""
        if name in self._sounds:
            return self._sounds[name]
        path = self._path(name)
        if path is None:
            self._warn_once(name, f"unknown sound {name!r} (no file in {self._folder}); ignored")
            self._sounds[name] = None
            return None
        if not self._ensure_mixer():
            return None  # not cached: nothing was learnt about this sound
        import pygame

        try:
            sound = pygame.mixer.Sound(str(path))
            sound.set_volume(self._volume)
        except (pygame.error, OSError) as exc:
            self._warn_once(name, f"could not load sound {path}: {exc}")
            sound = None
        self._sounds[name] = sound
        return sound

    def _path(self, name: str) -> Path | None:
        if not isinstance(name, str) or not _NAME.match(name):
            return None
        for extension in _EXTENSIONS:
            path = self._folder / f"{name}{extension}"
            if path.is_file():
                return path
        return None

    def _ensure_mixer(self) -> bool:
        """Start the mixer once; on any failure remember it and stay silent from then on."""
        if self._mixer_ok is not None:
            return self._mixer_ok
        try:
            import pygame

            if not pygame.mixer.get_init():
                # Our files are 22050 Hz mono 16-bit; a small buffer keeps clicks in time
                # with the pupil's action.
                pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=512)
            self._mixer_ok = bool(pygame.mixer.get_init())
        except Exception as exc:  # noqa: BLE001 - pygame.error, missing SDL audio, ImportError…
            log.info("no sound: the audio mixer could not start (%s); playing silently", exc)
            self._mixer_ok = False
        if not self._mixer_ok:
            self._sounds.clear()
            self._loops.clear()
        return self._mixer_ok

    def _safely(self, action: Any, *args: Any) -> Any:
        """Run one mixer call; a device that vanishes mid-game must not crash the lesson."""
        try:
            return action(*args)
        except Exception as exc:  # noqa: BLE001 - any mixer failure means "no sound", no more
            log.info("sound call failed (%s); continuing silently", exc)
            return None

    def _warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message)

    def _write_setting(self, attribute: str, value: object) -> None:
        if self._settings is None:
            return
        try:
            setattr(self._settings, attribute, value)
        except (AttributeError, TypeError) as exc:  # e.g. a frozen or slotted settings object
            log.info("could not store %s in the settings (%s)", attribute, exc)
