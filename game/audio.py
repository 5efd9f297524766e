"""Sound effects, background music and the read-aloud voice, that never get in the way.

School computers are a mixed bag: some have no sound card, some have audio switched off by
the administrator, some run remotely. So everything here is lazy and forgiving: nothing is
loaded or initialised until the first sound is played (start-up stays fast), and if the mixer
cannot start, the game simply stays silent — no error, no traceback in front of a child.

Three kinds of sound, three volumes that never touch each other (a child who hears badly may
want the voice loud and the music off): effects play on the mixer's free channels, the voice
of :mod:`game.speech` on a reserved channel, and the music is streamed from its file by
``pygame.mixer.music`` (a 20 s loop held in memory would cost 3.5 MiB; streamed it costs next
to nothing, and SDL_mixer loops a WAV stream without a gap). Mute silences all three.
"""

from __future__ import annotations

import io
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
DEFAULT_VOICE_VOLUME = 0.8
DEFAULT_MUSIC_VOLUME = 0.3  # quiet by default (ART.md): music is a background, not a show
VOICE_CHANNEL = 0  # reserved: the effects never take it
RESERVED = 1
CHANNELS = 11  # 8 left for effects, as many as pygame gives by default
MUSIC_FOLDER = "music"  # <sounds folder>/music/<track>.wav
MUSIC_FADE_IN_MS = 1500
MUSIC_FADE_OUT_MS = 700


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
        self._voice_volume = _clamp(getattr(settings, "voice_volume", DEFAULT_VOICE_VOLUME))
        self._music_volume = _clamp(getattr(settings, "music_volume", DEFAULT_MUSIC_VOLUME))
        self._voice_sound: pygame.mixer.Sound | None = None  # kept alive while it plays
        self._music_wanted: str | None = None  # the track the screen asks for
        self._music_on: str | None = None  # the track streaming now
        self._music_fading = False  # our last track is fading out (wait for it)
        self._music_missing: set[str] = set()  # tracks without a file (asked once)
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
    def voice_volume(self) -> float:
        return self._voice_volume

    @property
    def music_volume(self) -> float:
        return self._music_volume

    @property
    def music(self) -> str | None:
        """The track sounding now (None: no music, e.g. muted or at volume 0)."""
        return self._music_on

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
        else:
            self.play_music(self._music_wanted)
        self._write_setting("muted", self._muted)
        return self._muted

    def set_volume(self, volume: float) -> None:
        """Set the effects volume (0..1) for sounds already loaded and those still to come."""
        self._volume = _clamp(volume)
        for sound in self._sounds.values():
            if sound is not None:
                self._safely(sound.set_volume, self._volume)
        self._write_setting("effects_volume", self._volume)

    def set_voice_volume(self, volume: float) -> None:
        """Set the read-aloud volume (0..1), also for a sentence being spoken now."""
        self._voice_volume = _clamp(volume)
        if self._mixer_ok:
            import pygame

            self._safely(lambda: pygame.mixer.Channel(VOICE_CHANNEL).set_volume(
                self._voice_volume))
        self._write_setting("voice_volume", self._voice_volume)

    def set_music_volume(self, volume: float) -> None:
        """Set the music volume (0..1); at 0 the music stops, above it comes back."""
        self._music_volume = _clamp(volume)
        if self._music_on is not None:
            import pygame

            self._safely(pygame.mixer.music.set_volume, self._music_volume)
        self._write_setting("music_volume", self._music_volume)
        self.play_music(self._music_wanted)

    def apply_settings(self, settings: Any) -> None:
        """Take mute and the three volumes from ``settings`` (after a pupil logs in with their
        own, or after each change on the settings screen)."""
        self._settings = settings
        muted = bool(getattr(settings, "muted", False))
        if muted and not self._muted:
            self.stop_all()
        self._muted = muted
        self.set_volume(getattr(settings, "effects_volume", self._volume))
        self.set_voice_volume(getattr(settings, "voice_volume", self._voice_volume))
        self.set_music_volume(getattr(settings, "music_volume", self._music_volume))

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
        """Stop our own sounds: effects, voice and music. The music the screen wants is
        remembered for when the sound comes back."""
        self._loops.clear()
        for sound in self._sounds.values():
            if sound is not None:
                self._safely(sound.stop)
        self.stop_voice()
        self._stop_music(fade=False)

    # ------------------------------------------------------------------ the voice

    def play_voice(self, wav: bytes) -> bool:
        """Play one spoken sentence (a WAV file's bytes) on the voice channel, replacing the
        one before. False when muted or without a sound device."""
        if self._muted or not self._ensure_mixer():
            return False
        import pygame

        def start() -> bool:
            sound = pygame.mixer.Sound(file=io.BytesIO(wav))
            channel = pygame.mixer.Channel(VOICE_CHANNEL)
            channel.play(sound)
            channel.set_volume(self._voice_volume)
            self._voice_sound = sound
            return True

        return bool(self._safely(start))

    def stop_voice(self) -> None:
        self._voice_sound = None
        if self._mixer_ok:
            import pygame

            self._safely(lambda: pygame.mixer.Channel(VOICE_CHANNEL).stop())

    def voice_busy(self) -> bool:
        if not self._mixer_ok:
            return False
        import pygame

        return bool(self._safely(lambda: pygame.mixer.Channel(VOICE_CHANNEL).get_busy()))

    # ------------------------------------------------------------------ music

    def play_music(self, track: str | None) -> None:
        """Make ``track`` (a file stem in ``<sounds>/music``; None: no music) the background
        music, looping. Asking for the track that plays already does nothing, so the App asks
        every frame: a change of track first fades the old one out, and a later call (once
        it is quiet) starts the new one, fading in."""
        self._music_wanted = track
        if track is None or self._muted or self._music_volume <= 0 or self._mixer_ok is False:
            self._stop_music(fade=True)
            return
        if self._music_on == track:
            return
        if self._music_on is not None:
            self._stop_music(fade=True)
            return
        path = self._music_path(track)
        if path is None or not self._ensure_mixer():
            return
        import pygame

        if self._safely(pygame.mixer.music.get_busy):
            if self._music_fading:
                return  # the old track is still fading out: the next frame starts this one
            self._safely(pygame.mixer.music.stop)  # not ours to wait for
        self._music_fading = False

        def start() -> bool:
            pygame.mixer.music.load(str(path))
            pygame.mixer.music.play(loops=-1, fade_ms=MUSIC_FADE_IN_MS)
            pygame.mixer.music.set_volume(self._music_volume)
            return True

        if self._safely(start):
            self._music_on = track
        else:
            self._music_missing.add(track)  # unplayable file: do not try it every frame

    def _stop_music(self, fade: bool) -> None:
        playing, self._music_on = self._music_on, None
        if playing is None or not self._mixer_ok:
            return
        import pygame

        self._music_fading = fade
        if fade:
            self._safely(pygame.mixer.music.fadeout, MUSIC_FADE_OUT_MS)
        else:
            self._safely(pygame.mixer.music.stop)

    def _music_path(self, track: str) -> Path | None:
        if track in self._music_missing:
            return None
        path = None
        if isinstance(track, str) and _NAME.match(track):
            path = self._folder / MUSIC_FOLDER / f"{track}.wav"
        if path is None or not path.is_file():
            self._warn_once(f"music:{track}", f"no music {track!r} in {self._folder / MUSIC_FOLDER}")
            self._music_missing.add(track)
            return None
        return path

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
            if self._mixer_ok:
                pygame.mixer.set_num_channels(max(CHANNELS, pygame.mixer.get_num_channels()))
                pygame.mixer.set_reserved(RESERVED)  # music and voice: effects stay off them
        except Exception as exc:  # noqa: BLE001 - pygame.error, missing SDL audio, ImportError…
            log.info("no sound: the audio mixer could not start (%s); playing silently", exc)
            self._mixer_ok = False
        if not self._mixer_ok:
            self._sounds.clear()
            self._loops.clear()
            self._music_on = None
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
