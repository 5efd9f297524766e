"""A tiny synthesizer that makes every sound effect of the game from code.

Why synthesize instead of recording: every sound is our own (no licences to track), a sound
can be tuned by changing a number and regenerating, and the results are small, soft and in one
family. Only the standard library is used (numpy is not a dependency), so the generator runs
wherever the game runs. All randomness comes from a fixed seed per sound, which makes
``python -m game.sound_synth [OUT_DIR]`` write the same bytes every time: regenerating never
produces a spurious diff.

The building blocks are plain lists of floats in -1..1 at :data:`SAMPLE_RATE`: oscillators
(sine, triangle, band-limited square, noise) with pitch that may follow a slide, envelopes
(ADSR and percussive), one-pole low/high-pass and a state-variable band-pass filter, echo, and
helpers that turn a buffer into a seamless loop. Sounds are written as 16-bit mono WAV files.
"""

from __future__ import annotations

import argparse
import math
import operator
import random
import sys
import wave
import zlib
from array import array
from collections.abc import Callable, Sequence
from itertools import accumulate, repeat
from pathlib import Path

SAMPLE_RATE = 22050
# One-shot effects peak here: loud enough to hear over a classroom, far from clipping, and
# "quiet by default" (ART.md) because the player volume scales them down further.
PEAK_DBFS = -6.0
# Some sounds sit lower than PEAK_DBFS: the loops play for a long time while the pupil thinks,
# and a sustained tone sounds louder than a short tick at the same peak ("not yet" is heard
# often and must never feel like a telling-off; "jam" is a mishap, not a mistake, the same).
# Long, swelling or crackly sounds (the truck, ice) sit a little lower too. A relay ticks
# each time a gate switches on, so it is quiet; the alarm bell is a signal, never a fright.
LEVELS_DBFS = {
    "power_hum": -11.0, "water": -8.0, "not_yet": -10.0,
    "belt": -10.0, "fridge": -11.0, "jam": -9.0, "truck": -8.0, "ice_crack": -8.0,
    "gears": -12.0, "magnet": -8.0,
    "relay": -10.0, "door_lock": -8.0, "alarm_bell": -9.0, "packet": -9.0,
}
# Keep everything below this, so no effect sounds shrill on cheap classroom speakers.
SOFT_CUTOFF = 6000.0

Signal = list[float]
Freq = float | Callable[[float], float]

DEFAULT_OUT_DIR = Path(__file__).resolve().parent.parent / "assets" / "sounds"


# ---------------------------------------------------------------------------- basics


def samples(seconds: float) -> int:
    """Number of samples in ``seconds`` (rounded, so loop lengths come out exact)."""
    return int(round(seconds * SAMPLE_RATE))


def silence(seconds: float) -> Signal:
    return [0.0] * samples(seconds)


def note(name: str) -> float:
    """Frequency of a note such as ``"C5"`` or ``"F#4"`` (equal temperament, A4 = 440 Hz).

    Writing melodies as note names keeps the jingles readable and in tune with each other.
    """
    steps = {"C": -9, "D": -7, "E": -5, "F": -4, "G": -2, "A": 0, "B": 2}
    semitone = steps[name[0]]
    rest = name[1:]
    if rest.startswith("#"):
        semitone += 1
        rest = rest[1:]
    elif rest.startswith("b"):
        semitone -= 1
        rest = rest[1:]
    octave = int(rest)
    return 440.0 * 2.0 ** ((semitone + 12 * (octave - 4)) / 12.0)


def slide(start: float, end: float, seconds: float) -> Callable[[float], float]:
    """A pitch glide from ``start`` to ``end`` Hz, exponential because the ear hears pitch
    in ratios: a linear glide would seem to rush at the low end."""
    ratio = end / start

    def freq(t: float) -> float:
        if t >= seconds:
            return end
        return start * ratio ** (t / seconds)

    return freq


def _freqs(freq: Freq, n: int) -> list[float]:
    """The pitch at each of ``n`` samples."""
    if callable(freq):
        return [freq(i / SAMPLE_RATE) for i in range(n)]
    return [freq] * n


# ---------------------------------------------------------------------------- oscillators
#
# The per-sample work runs as list comprehensions and ``map`` with the operator functions:
# the same arithmetic in the same order as a plain loop (so the same bits), and faster.


def _phases(
    freq: Freq, seconds: float, phase: float = 0.0, freqs: Sequence[float] | None = None
) -> list[float]:
    """Phase (in cycles, 0..1) for each sample, accumulated so a pitch slide stays smooth.
    A caller that has the pitch at each sample (``_freqs``) passes it as ``freqs``."""
    n = samples(seconds)
    if callable(freq):
        steps = [f / SAMPLE_RATE for f in (_freqs(freq, n) if freqs is None else freqs)]
    else:
        steps = [freq / SAMPLE_RATE] * n
    out = []
    for step in steps:
        out.append(phase)
        phase = (phase + step) % 1.0
    return out


def sine(freq: Freq, seconds: float, phase: float = 0.0) -> Signal:
    tau = 2.0 * math.pi
    return list(map(math.sin, map(operator.mul, repeat(tau), _phases(freq, seconds, phase))))


def _odd_harmonics(freq: Freq, seconds: float, brightness: float, alternate: bool,
                   power: int) -> Signal:
    """Per sample the sum of ``±sin(k * phase) / k**power`` over the odd ``k`` (signs
    alternating if ``alternate``) while ``k * pitch <= brightness``, the first one always.

    Summed harmonic by harmonic over all samples (a sample whose pitch is too high for a
    harmonic keeps its sum), each sample adding its terms in the same order as ever."""
    tau = 2.0 * math.pi
    sin = math.sin
    n = samples(seconds)
    if n == 0:
        return []
    freqs = _freqs(freq, n)
    phases = _phases(freq, seconds, freqs=freqs)
    lowest, highest = min(freqs), max(freqs)  # k * f grows with f: these decide any and all
    value = [0.0] * n
    k, sign = 1, 1.0
    while k == 1 or k * lowest <= brightness:
        tk, div = tau * k, k**power
        if k == 1 or k * highest <= brightness:
            value = [v + sign * sin(tk * p) / div for v, p in zip(value, phases, strict=True)]
        else:
            value = [v + sign * sin(tk * p) / div if k * f <= brightness else v
                     for v, p, f in zip(value, phases, freqs, strict=True)]
        k += 2
        if alternate:
            sign = -sign
    return value


def triangle(freq: Freq, seconds: float, brightness: float = 4000.0) -> Signal:
    """Band-limited triangle: odd harmonics falling as 1/n² up to ``brightness`` Hz.

    A little brighter than a sine and still mellow. Summing harmonics (instead of drawing the
    naive zig-zag) keeps high notes from folding back as shrill aliases above them.
    """
    scale = math.pi * math.pi
    return [v * 8.0 / scale
            for v in _odd_harmonics(freq, seconds, brightness, alternate=True, power=2)]


def square(freq: Freq, seconds: float, brightness: float = 2500.0) -> Signal:
    """Band-limited square: odd harmonics only up to ``brightness`` Hz.

    A naive square wave buzzes and aliases; summing a few harmonics gives the hollow,
    clarinet-like colour without any harshness.
    """
    scale = 4.0 / math.pi
    return [v * scale * 0.8
            for v in _odd_harmonics(freq, seconds, brightness, alternate=False, power=1)]


def noise(seconds: float, rng: random.Random) -> Signal:
    return [rng.uniform(-1.0, 1.0) for _ in range(samples(seconds))]


# ---------------------------------------------------------------------------- envelopes


def adsr(seconds: float, attack: float, decay: float, sustain: float, release: float) -> Signal:
    """Attack-decay-sustain-release over ``seconds`` (release included in the length).

    The attack is a smooth S-curve rather than a straight ramp: a soft start is what makes a
    tone friendly instead of clicky.
    """
    n = samples(seconds)
    a, d, r = samples(attack), samples(decay), samples(release)
    cos, pi = math.cos, math.pi
    out = [0.5 - 0.5 * cos(pi * i / a) for i in range(min(a, n))]
    out += [sustain + (1.0 - sustain) * (1.0 - (i - a) / d) ** 2 for i in range(a, min(a + d, n))]
    out += [sustain] * (n - len(out))
    if r > 0:
        for i in range(max(0, n - r), n):
            out[i] *= (n - i) / r
    return out


def perc(seconds: float, attack: float, tau: float) -> Signal:
    """Percussive envelope: a short smooth attack, then exponential decay with time constant
    ``tau`` — the shape of anything struck or plucked. It is faded to exactly zero at the end
    so a cut-off tail never clicks."""
    n = samples(seconds)
    a = max(1, samples(attack))
    fade = min(n, samples(0.004))
    cos, exp, pi = math.cos, math.exp, math.pi
    out = [0.5 - 0.5 * cos(pi * i / a) for i in range(min(a, n))]
    out += [exp(-(i / SAMPLE_RATE - attack) / tau) for i in range(a, n)]
    for i in range(n - fade, n):
        out[i] *= (n - i) / fade
    return out


# ---------------------------------------------------------------------------- processing


def mul(a: Sequence[float], b: Sequence[float]) -> Signal:
    return list(map(operator.mul, a, b))  # as long as the shorter one


def gain(signal: Sequence[float], amount: float) -> Signal:
    return list(map(operator.mul, signal, repeat(amount)))


def mix_into(
    target: Signal,
    signal: Sequence[float],
    at: float = 0.0,
    amount: float = 1.0,
    wrap: bool = False,
) -> None:
    """Add ``signal`` into ``target`` starting at ``at`` seconds. With ``wrap`` the part that
    runs past the end continues at the start — how events are placed into a loop."""
    start = samples(at)
    if not wrap:
        signal = signal[:max(0, len(target) - start)]
    _add_wrapped(target, signal, start, amount)


def _add_wrapped(target: Signal, signal: Sequence[float], start: int, amount: float) -> None:
    """Add ``signal`` (times ``amount``) into the loop ``target`` from sample ``start``; what
    runs past the end goes on at the start. Sample by sample as ``target[j] += x * amount``,
    a stretch at a time."""
    n = len(target)
    pos, done = start, 0
    while done < len(signal):
        pos %= n
        chunk = min(len(signal) - done, n - pos)
        target[pos:pos + chunk] = [t + x * amount for t, x in zip(
            target[pos:pos + chunk], signal[done:done + chunk], strict=True)]
        done += chunk
        pos += chunk


def _one_pole_coeff(cutoff: float) -> float:
    return 1.0 - math.exp(-2.0 * math.pi * cutoff / SAMPLE_RATE)


def lowpass(
    signal: Sequence[float], cutoff: float, poles: int = 1, circular: bool = False
) -> Signal:
    """One-pole low-pass, ``poles`` times in series (6 dB/octave each): softens noise and
    takes the edge off transients.

    With ``circular`` the filter first runs once around the buffer so that its state at the
    start equals its state at the end — the result still loops seamlessly.
    """
    k = _one_pole_coeff(cutoff)
    out = list(signal)
    for _ in range(poles):
        y = 0.0
        if circular:
            for x in out:
                y += k * (x - y)
        filtered = []
        for x in out:
            y += k * (x - y)
            filtered.append(y)
        out = filtered
    return out


def highpass(signal: Sequence[float], cutoff: float, circular: bool = False) -> Signal:
    """One-pole high-pass: removes DC and rumble that would waste loudness and make a
    speaker cone thump."""
    low = lowpass(signal, cutoff, circular=circular)
    return list(map(operator.sub, signal, low))


def bandpass(
    signal: Sequence[float], center: Freq, q: float = 0.7, circular: bool = False
) -> Signal:
    """State-variable band-pass whose centre may move over time: the moving centre is what
    turns plain noise into a "swish" or a "whoosh"."""
    damping = 1.0 / q
    top = SAMPLE_RATE / 6.0
    if callable(center):  # the filter coefficient at each sample
        coeffs = [2.0 * math.sin(math.pi * min(fc, top) / SAMPLE_RATE)
                  for fc in _freqs(center, len(signal))]
    else:
        coeffs = [2.0 * math.sin(math.pi * min(center, top) / SAMPLE_RATE)] * len(signal)
    out: Signal = []
    low = band = 0.0
    for _ in range(2 if circular else 1):  # a circular filter goes round once to warm up
        out = []
        for x, f in zip(signal, coeffs, strict=True):
            low += f * band
            high = x - low - damping * band
            band += f * high
            out.append(band)
    return out


def echo(signal: Sequence[float], delay: float, feedback: float, repeats: int = 3) -> Signal:
    """A few soft repeats: a cheap sense of space that makes chimes feel "magic"."""
    d = samples(delay)
    out = list(signal) + [0.0] * (d * repeats)
    for r in range(1, repeats + 1):
        _add_wrapped(out, signal, d * r, feedback**r)
    return out


def tone(
    freq: Freq,
    seconds: float,
    partials: Sequence[tuple[float, float, float]],
    attack: float = 0.004,
) -> Signal:
    """A struck tone from sine partials ``(ratio, amplitude, decay tau)``: higher partials
    die away sooner, like a real bell, marimba or wood block."""
    out = [0.0] * samples(seconds)
    top = freq(0.0) if callable(freq) else freq
    for ratio, amplitude, tau in partials:
        if top * ratio > SOFT_CUTOFF:
            continue  # would only add glare on small speakers
        f: Freq = (lambda t, r=ratio: freq(t) * r) if callable(freq) else freq * ratio
        # mix_into(out, mul(sine, perc), amount=amplitude) in one pass
        out = [y + x * e * amplitude for y, x, e in zip(out, sine(f, seconds),
                                                        perc(seconds, attack, tau), strict=True)]
    return out


def peak(signal: Sequence[float]) -> float:
    return max(map(abs, signal), default=0.0)


def normalize(signal: Sequence[float], peak_dbfs: float) -> Signal:
    """Scale to a fixed peak so every effect has the same, predictable loudness."""
    top = peak(signal)
    if top == 0.0:
        return list(signal)
    return gain(signal, 10.0 ** (peak_dbfs / 20.0) / top)


def loop_at_zero(signal: Sequence[float]) -> Signal:
    """Rotate a seamless (circular) buffer so it starts on its gentlest upward zero crossing.

    Rotation keeps the loop seamless, and starting and ending near zero means the first play
    (and a stop halfway) does not click either.
    """
    n = len(signal)
    best, best_cost = 0, math.inf
    for i in range(n):
        before, here = signal[i - 1], signal[i]
        if before < 0.0 <= here:
            cost = abs(before) + abs(here)
            if cost < best_cost:
                best, best_cost = i, cost
    return list(signal[best:]) + list(signal[:best])


# ---------------------------------------------------------------------------- the sounds


def _place(rng: random.Random) -> Signal:
    """A soft wooden "tok": a block of wood has a few inharmonic modes that die out fast."""
    length = 0.16
    body = tone(
        slide(560.0, 520.0, 0.03),
        length,
        [(1.0, 1.0, 0.045), (2.61, 0.30, 0.018), (4.1, 0.08, 0.008)],
        attack=0.0015,
    )
    thump = mul(sine(170.0, length), perc(length, 0.002, 0.025))
    knock = mul(lowpass(noise(length, rng), 2500.0, poles=2), perc(length, 0.0005, 0.004))
    out = body
    mix_into(out, thump, amount=0.45)
    mix_into(out, knock, amount=0.9)
    return lowpass(out, 4000.0)


def _rotate(rng: random.Random) -> Signal:
    """A little click followed by a swish that rises, as if the part spins round."""
    length = 0.2
    click = tone(1100.0, 0.03, [(1.0, 1.0, 0.005), (1.9, 0.3, 0.003)], attack=0.0008)
    swish_len = 0.16
    air = bandpass(noise(swish_len, rng), slide(600.0, 1800.0, swish_len), q=1.4)
    swell = adsr(swish_len, 0.06, 0.05, 0.5, 0.06)
    out = silence(length)
    mix_into(out, click, amount=0.8)
    mix_into(out, mul(air, swell), at=0.02, amount=1.6)
    return lowpass(out, 3000.0, poles=3)


def _remove(rng: random.Random) -> Signal:
    """A soft pop that falls in pitch: the part "goes away"."""
    length = 0.18
    glide = slide(760.0, 200.0, 0.13)
    out = mul(sine(glide, length), perc(length, 0.003, 0.05))
    mix_into(out, mul(triangle(glide, length), perc(length, 0.003, 0.03)), amount=0.25)
    pop = mul(lowpass(noise(0.02, rng), 1500.0, poles=2), perc(0.02, 0.0005, 0.003))
    mix_into(out, pop, amount=0.8)
    return lowpass(out, 3500.0)


def _toggle(rng: random.Random) -> Signal:
    """A switch: click-clack, the second one lower, with a little body underneath."""
    length = 0.12
    out = silence(length)
    for at, freq, amount in ((0.0, 1500.0, 0.9), (0.032, 950.0, 1.0)):
        click = tone(freq, 0.04, [(1.0, 1.0, 0.006), (2.3, 0.25, 0.003)], attack=0.0006)
        burst = mul(lowpass(noise(0.04, rng), 3000.0, poles=2), perc(0.04, 0.0003, 0.002))
        mix_into(out, click, at=at, amount=amount)
        mix_into(out, burst, at=at, amount=0.6 * amount)
    mix_into(out, mul(sine(190.0, 0.08), perc(0.08, 0.002, 0.02)), at=0.03, amount=0.5)
    return lowpass(out, 4500.0)


def _bell(freq: float, seconds: float, tau: float = 0.3) -> Signal:
    """A gentle bell / glockenspiel tone shared by the chimes so they sound like one set."""
    return tone(
        freq,
        seconds,
        [
            (1.0, 1.0, tau),
            (2.0, 0.22, tau * 0.45),
            (3.0, 0.07, tau * 0.25),
            (4.2, 0.03, tau * 0.12),
        ],
    )


def _test_start(rng: random.Random) -> Signal:
    """Rising two-note chime: "here we go"."""
    out = silence(0.75)
    mix_into(out, _bell(note("C5"), 0.4, 0.18), at=0.0)
    mix_into(out, _bell(note("G5"), 0.6, 0.25), at=0.14)
    return out


def _power_hum(rng: random.Random) -> Signal:
    """A friendly electric hum, exactly 1 s so every partial fits a whole number of cycles:
    the loop has no seam. The gentle wobble (also whole cycles) keeps it alive."""
    length = 1.0
    out = silence(length)
    for freq, amount in ((100.0, 1.0), (200.0, 0.55), (300.0, 0.22), (400.0, 0.1), (600.0, 0.04)):
        mix_into(out, sine(freq, length), amount=amount)
    wobble = [
        1.0 - 0.12 * (0.5 - 0.5 * math.cos(2.0 * math.pi * 2.0 * i / len(out)))
        for i in range(len(out))
    ]
    return loop_at_zero(mul(out, wobble))


def _bubble(rng: random.Random, freq: float, seconds: float) -> Signal:
    """One bubble: a short sine whose pitch rises as the bubble shrinks near the surface."""
    return mul(
        sine(slide(freq, freq * rng.uniform(1.3, 1.8), seconds), seconds),
        perc(seconds, 0.002, seconds / 3.0),
    )


def _water(rng: random.Random) -> Signal:
    """A 1 s loop of softly flowing water: a rushing bed of filtered noise plus bubbles.

    Everything is built circularly (filters warmed up around the loop, bubbles wrapped from
    the end to the start), so the loop repeats without a seam.
    """
    length = 1.0
    bed = lowpass(noise(length, rng), 700.0, poles=3, circular=True)
    bed = highpass(bed, 120.0, circular=True)
    n = len(bed)
    swell = [
        1.0
        + 0.3 * math.sin(2.0 * math.pi * 3.0 * i / n)
        + 0.2 * math.sin(2.0 * math.pi * 5.0 * i / n + 1.0)
        for i in range(n)
    ]
    out = gain(mul(bed, swell), 2.2)
    for _ in range(22):
        seconds = rng.uniform(0.025, 0.06)
        bubble = _bubble(rng, rng.uniform(380.0, 950.0), seconds)
        mix_into(out, bubble, at=rng.uniform(0.0, length), amount=rng.uniform(0.3, 0.7), wrap=True)
    return loop_at_zero(lowpass(out, 2500.0, poles=2, circular=True))


def _lamp_on(rng: random.Random) -> Signal:
    """A soft "ting" with a tiny upward lift at the start: the lamp comes on."""
    length = 0.6
    freq = slide(note("E6") * 0.97, note("E6"), 0.02)
    return tone(
        freq, length, [(1.0, 1.0, 0.17), (2.0, 0.12, 0.06), (3.0, 0.03, 0.03)], attack=0.003
    )


def _leak(rng: random.Random) -> Signal:
    """A drip ("plip" of a drop rising in pitch) and a small splash after it."""
    length = 0.45
    out = silence(length)
    drop = mul(sine(slide(600.0, 1500.0, 0.05), 0.09), perc(0.09, 0.002, 0.025))
    mix_into(out, drop)
    splash = mul(
        bandpass(noise(0.25, rng), slide(1400.0, 700.0, 0.25), q=1.2), perc(0.25, 0.004, 0.05)
    )
    mix_into(out, splash, at=0.07, amount=1.4)
    for at in (0.1, 0.16):
        mix_into(out, _bubble(rng, rng.uniform(700.0, 1000.0), 0.04), at=at, amount=0.3)
    return lowpass(out, 2800.0, poles=3)


def _hum_note(freq: Freq, seconds: float) -> Signal:
    """A hummed "mm": a hollow square wave, heavily softened, with a slow swell."""
    voice = square(freq, seconds, brightness=1600.0)
    voice = lowpass(voice, 700.0, poles=2)
    return mul(voice, adsr(seconds, 0.05, 0.1, 0.75, 0.1))


def _not_yet(rng: random.Random) -> Signal:
    """A gentle "hm-mm" going down a third: kind, never a buzzer. Pupils hear it a lot, so it
    must not feel like a punishment."""
    out = silence(0.7)

    def vibrato(
        base: float, bend_to: float | None = None, bend_len: float = 0.3
    ) -> Callable[[float], float]:
        glide = slide(base, bend_to, bend_len) if bend_to else None

        def freq(t: float) -> float:
            f = glide(t) if glide else base
            return f * (1.0 + 0.006 * math.sin(2.0 * math.pi * 5.0 * t))

        return freq

    mix_into(out, _hum_note(vibrato(note("E4")), 0.26))
    mix_into(out, _hum_note(vibrato(note("C4"), note("C4") * 0.96, 0.4), 0.4), at=0.28)
    return out


def _success(rng: random.Random) -> Signal:
    """A cheerful rising jingle ending on a warm held chord: the "you did it" moment."""
    out = silence(1.5)
    melody = (("C5", 0.0), ("E5", 0.11), ("G5", 0.22), ("C6", 0.33), ("G5", 0.5), ("C6", 0.62))
    for i, (name, at) in enumerate(melody):
        last = i == len(melody) - 1
        seconds = 0.85 if last else 0.35
        mix_into(out, _bell(note(name), seconds, 0.3 if last else 0.16), at=at)
    # A soft pad under the final note (C major) so the ending "lands".
    pad_len = 0.85
    for name, amount in (("C5", 0.18), ("E5", 0.14), ("G5", 0.12)):
        pad = mul(triangle(note(name), pad_len), adsr(pad_len, 0.06, 0.2, 0.6, 0.5))
        mix_into(out, lowpass(pad, 2000.0), at=0.62, amount=amount)
    return out


def _star(rng: random.Random) -> Signal:
    """A sparkly "pling" for each star flying in: two quick high notes plus faint glitter."""
    out = silence(0.6)
    mix_into(out, tone(note("G6"), 0.25, [(1.0, 1.0, 0.08), (2.0, 0.1, 0.03)]), amount=0.6)
    mix_into(out, tone(note("C7"), 0.5, [(1.0, 1.0, 0.15), (2.0, 0.08, 0.04)]), at=0.05)
    for _ in range(6):
        glitter = mul(sine(rng.uniform(2400.0, 3200.0), 0.08), perc(0.08, 0.003, 0.015))
        mix_into(out, glitter, at=rng.uniform(0.04, 0.3), amount=rng.uniform(0.05, 0.12))
    return lowpass(out, SOFT_CUTOFF)


def _click(rng: random.Random) -> Signal:
    """The UI button: short, round and quiet, so pressing many buttons never grates."""
    length = 0.07
    out = mul(sine(slide(1000.0, 620.0, 0.02), length), perc(length, 0.001, 0.012))
    tick = mul(lowpass(noise(length, rng), 2500.0, poles=2), perc(length, 0.0003, 0.002))
    mix_into(out, tick, amount=0.5)
    return lowpass(out, 4500.0)


def _hint(rng: random.Random) -> Signal:
    """A magic little arpeggio (pentatonic, so any order sounds nice) with a soft echo."""
    notes = ("C6", "D6", "E6", "G6", "A6")
    dry = silence(0.6)
    for i, name in enumerate(notes):

        def shimmer(t: float, base: float = note(name)) -> float:
            return base * (1.0 + 0.004 * math.sin(2.0 * math.pi * 6.0 * t))

        voice = mul(triangle(shimmer, 0.3), perc(0.3, 0.004, 0.08))
        mix_into(dry, lowpass(voice, 3000.0), at=i * 0.065, amount=0.8 - 0.06 * i)
    return echo(dry, 0.11, 0.35, repeats=3)


def _page(rng: random.Random) -> Signal:
    """A soft whoosh (a page turning / a screen sliding): noise through a band-pass whose
    centre sweeps up and back down, swelling in and out."""
    length = 0.35

    def sweep(t: float) -> float:
        x = min(t / length, 1.0)
        return 400.0 + 1000.0 * math.sin(math.pi * x) ** 2

    air = bandpass(noise(length, rng), sweep, q=0.8)
    swell = [math.sin(math.pi * i / samples(length)) ** 2 for i in range(samples(length))]
    return lowpass(mul(air, swell), 2500.0, poles=3)


def _fanfare(rng: random.Random) -> Signal:
    """A whole world solved: a bright little fanfare (two rising bell phrases answering each
    other, then a held major chord) with a few soft, far-away "pops" of fireworks under it."""
    out = silence(1.9)
    phrase = (("G4", 0.0), ("C5", 0.1), ("E5", 0.2), ("G5", 0.3),
              ("A4", 0.48), ("D5", 0.58), ("F5", 0.68), ("A5", 0.78))
    for name, at in phrase:
        mix_into(out, _bell(note(name), 0.4, 0.18), at=at, amount=0.8)
    for i, name in enumerate(("C5", "E5", "G5", "C6")):  # the chord lands, one note after another
        mix_into(out, _bell(note(name), 0.85, 0.35), at=0.98 + 0.03 * i, amount=0.7)
        pad = mul(triangle(note(name), 0.85), adsr(0.85, 0.05, 0.2, 0.55, 0.5))
        mix_into(out, lowpass(pad, 1800.0), at=1.0, amount=0.14)
    for at in (0.42, 0.9, 1.3):  # soft pops, low and short: far away, never a bang
        pop = mul(lowpass(noise(0.18, rng), 900.0, poles=2), perc(0.18, 0.002, 0.05))
        mix_into(out, pop, at=at + rng.uniform(-0.02, 0.02), amount=0.35)
    return lowpass(out, SOFT_CUTOFF)


# ---------------------------------------------------------------------------- airport and harbour


def _roller_tick(rng: random.Random, freq: float) -> Signal:
    """One roller passing under a belt seam: a rubbery "tuk" (a low, quickly damped tone)
    with a breath of noise, no sharp edge."""
    length = 0.09
    out = tone(freq, length, [(1.0, 1.0, 0.018), (2.3, 0.25, 0.008)], attack=0.002)
    scuff = mul(lowpass(noise(length, rng), 1200.0, poles=2), perc(length, 0.001, 0.006))
    mix_into(out, scuff, amount=0.5)
    return out


def _belt(rng: random.Random) -> Signal:
    """A 1.2 s loop of a conveyor belt: a low rolling rumble that breathes three times (the
    rollers turning) with a soft roller "tuk" on each breath, and a faint motor hum far under
    it. Every partial and the swell fit a whole number of cycles into the loop, the noise is
    filtered around the loop and the ticks are wrapped, so it repeats without a seam."""
    length = 1.2
    rumble = lowpass(noise(length, rng), 450.0, poles=3, circular=True)
    rumble = highpass(rumble, 110.0, circular=True)
    n = len(rumble)
    roll = [1.0 + 0.35 * math.sin(2.0 * math.pi * 3.0 * i / n) for i in range(n)]
    out = gain(mul(rumble, roll), 2.4)
    for freq, amount in ((100.0, 0.06), (200.0, 0.03)):  # 120 and 240 whole cycles
        mix_into(out, sine(freq, length), amount=amount)
    for k in range(3):  # three ticks a loop: 150 a minute, an easy walking pace
        pitch = (420.0, 380.0, 400.0)[k]
        mix_into(out, _roller_tick(rng, pitch), at=0.05 + 0.4 * k, amount=0.8, wrap=True)
    return loop_at_zero(lowpass(out, 2000.0, poles=2, circular=True))


def _item_in(rng: random.Random) -> Signal:
    """A parcel lands where it belongs: a soft cardboard "thunk", then a small two-note
    chime from the same bell set as the other chimes ("yes, that one goes here")."""
    out = silence(0.75)
    thunk = mul(sine(slide(170.0, 110.0, 0.06), 0.2), perc(0.2, 0.003, 0.045))
    mix_into(thunk, mul(sine(slide(340.0, 230.0, 0.05), 0.2), perc(0.2, 0.002, 0.02)),
             amount=0.35)  # an overtone small speakers can play
    box = mul(lowpass(noise(0.2, rng), 900.0, poles=2), perc(0.2, 0.001, 0.012))
    mix_into(thunk, box, amount=0.6)
    mix_into(out, thunk, amount=1.0)
    mix_into(out, _bell(note("E5"), 0.35, 0.12), at=0.08, amount=0.4)
    mix_into(out, _bell(note("A5"), 0.5, 0.17), at=0.2, amount=0.45)
    return lowpass(out, 4500.0)


def _jam(rng: random.Random) -> Signal:
    """Items bump into each other (a jam, or one that tips off the belt): "bump bump", two
    round, low knocks, the second one lower and softer. No buzz and no falling "fail" tune:
    it tells what happened, it does not scold."""
    out = silence(0.5)
    for at, freq, amount in ((0.0, 230.0, 1.0), (0.16, 185.0, 0.8)):
        length = 0.25
        bump = mul(sine(slide(freq, freq * 0.75, 0.08), length), perc(length, 0.004, 0.05))
        mix_into(bump, mul(sine(slide(freq * 2.1, freq * 1.6, 0.06), length),
                           perc(length, 0.003, 0.022)), amount=0.4)
        pad = mul(lowpass(noise(length, rng), 700.0, poles=2), perc(length, 0.002, 0.015))
        mix_into(bump, pad, amount=0.5)
        mix_into(out, bump, at=at, amount=amount)
    return lowpass(out, 3000.0, poles=2)


def _truck(rng: random.Random) -> Signal:
    """An electric van drives off (1.5 s): its motor whirrs up in pitch as it speeds up and
    sinks a little as it goes away (like a passing car), swelling in and fading out, with
    a soft hush of tyres under it. No engine roar: electric vans are quiet."""
    length = 1.5
    up = slide(150.0, 360.0, 0.95)
    away = slide(360.0, 300.0, 0.55)

    def motor(t: float) -> float:
        f = up(t) if t < 0.95 else away(t - 0.95)
        return f * (1.0 + 0.004 * math.sin(2.0 * math.pi * 7.0 * t))

    n = samples(length)
    swell = [math.sin(math.pi * min(1.0, (i / n) / 0.55) / 2.0) ** 2 if i / n < 0.55
             else math.cos(math.pi / 2.0 * (i / n - 0.55) / 0.45) ** 2 for i in range(n)]
    whirr = sine(motor, length)
    mix_into(whirr, lowpass(square(motor, length, brightness=1800.0), 900.0, poles=2),
             amount=0.35)
    mix_into(whirr, sine(lambda t: motor(t) * 2.0, length), amount=0.18)
    out = mul(whirr, swell)
    tyres = bandpass(noise(length, rng), slide(250.0, 500.0, length), q=0.7)
    mix_into(out, mul(tyres, swell), amount=1.2)
    return lowpass(out, 2500.0, poles=2)


# ---------------------------------------------------------------------------- health lab


def _fridge(rng: random.Random) -> Signal:
    """A 1 s loop of a fridge compressor: a low, warm hum that throbs slowly (two partials
    1 Hz apart beat gently) with the soft air of its fan. Whole-cycle partials, a circular
    fan noise and a whole-cycle throb make the loop seamless."""
    length = 1.0
    out = silence(length)
    for freq, amount in ((55.0, 0.4), (110.0, 1.0), (111.0, 0.25), (165.0, 0.4),
                         (220.0, 0.2), (275.0, 0.08), (330.0, 0.05)):
        mix_into(out, sine(freq, length), amount=amount)
    n = len(out)
    throb = [1.0 - 0.15 * (0.5 - 0.5 * math.cos(2.0 * math.pi * 4.0 * i / n)) for i in range(n)]
    out = mul(out, throb)
    fan = lowpass(noise(length, rng), 600.0, poles=3, circular=True)
    fan = highpass(fan, 150.0, circular=True)
    mix_into(out, fan, amount=2.0)
    return loop_at_zero(lowpass(out, 1500.0, poles=2, circular=True))


def _ice_crack(rng: random.Random) -> Signal:
    """Ice cracking in a cup: a small "crick" (a short, slightly bent tone, as ice sings
    when it splits) and a quick run of tiny crackles after it, fading away. The crackles are
    narrow bands of noise kept under 3 kHz, so they sound crisp without hissing."""
    length = 0.55
    out = silence(length)
    crick = tone(slide(1300.0, 1100.0, 0.03), 0.12,
                 [(1.0, 1.0, 0.025), (1.7, 0.3, 0.012)], attack=0.001)
    mix_into(out, crick, amount=0.5)
    at, amount = 0.0, 1.0
    for _ in range(11):
        centre = rng.uniform(900.0, 2200.0)
        burst = mul(bandpass(noise(0.05, rng), centre, q=2.5), perc(0.05, 0.0015, 0.005))
        mix_into(out, burst, at=at, amount=amount * rng.uniform(1.6, 2.4))
        at += rng.uniform(0.015, 0.045)
        amount *= 0.8
    return lowpass(out, 3000.0, poles=3)


def _gears(rng: random.Random) -> Signal:
    """A 1 s loop of a small motor turning gears: a soft, round whirr (a low motor tone, well
    above the electric hum and the fridge) with the teeth purring against each other (the
    whirr's loudness ripples 24 times a second) and a whisper of filtered air. Every partial
    and the ripple fit whole cycles into the loop, and the noise is filtered around it, so it
    repeats without a seam."""
    length = 1.0
    out = silence(length)
    for freq, amount in ((150.0, 1.0), (300.0, 0.45), (450.0, 0.18), (600.0, 0.08),
                         (151.0, 0.2)):  # a slow beat: the motor is never quite still
        mix_into(out, sine(freq, length), amount=amount)
    n = len(out)
    teeth = [1.0 - 0.3 * (0.5 - 0.5 * math.cos(2.0 * math.pi * 24.0 * i / n)) for i in range(n)]
    out = mul(out, teeth)
    air = highpass(lowpass(noise(length, rng), 1400.0, poles=3, circular=True), 300.0,
                   circular=True)
    mix_into(out, air, amount=1.2)
    return loop_at_zero(lowpass(out, 2200.0, poles=2, circular=True))


def _magnet(rng: random.Random) -> Signal:
    """The electromagnet grabs a piece of steel: a short metallic "clunk" (a low knock with
    two bright, inharmonic ringing modes, like a steel plate, that die away quickly)."""
    length = 0.35
    out = silence(length)
    knock = mul(sine(slide(220.0, 150.0, 0.05), length), perc(length, 0.002, 0.04))
    mix_into(out, knock, amount=1.0)
    ring = tone(880.0, length, [(1.0, 0.5, 0.09), (2.76, 0.3, 0.05), (5.4, 0.1, 0.02)],
                attack=0.001)
    mix_into(out, ring, at=0.005, amount=0.45)
    hit = mul(lowpass(noise(0.05, rng), 2500.0, poles=2), perc(0.05, 0.0005, 0.006))
    mix_into(out, hit, amount=0.5)
    return lowpass(out, 4500.0)


# ---------------------------------------------------------------------------- data centre


def _relay(rng: random.Random) -> Signal:
    """A gate or a signal lamp switches on: the soft "tik" of a small relay pulling in (a
    short, light knock with a tiny bounce right after it). Heard often, so it is quieter and
    shorter than a switch's click-clack."""
    length = 0.08
    out = silence(length)
    for at, amount in ((0.0, 1.0), (0.011, 0.35)):  # the armature and its little bounce
        tick = tone(1400.0, 0.05, [(1.0, 1.0, 0.004), (2.3, 0.3, 0.002)], attack=0.0006)
        burst = mul(bandpass(noise(0.03, rng), 1800.0, q=1.5), perc(0.03, 0.0003, 0.0025))
        mix_into(out, tick, at=at, amount=amount)
        mix_into(out, burst, at=at, amount=0.8 * amount)
    mix_into(out, mul(sine(320.0, 0.05), perc(0.05, 0.001, 0.01)), amount=0.35)
    return lowpass(out, 3500.0, poles=2)


def _door_lock(rng: random.Random) -> Signal:
    """A door lock opens: "chk-clack", the bolt pulled back and hitting its stop: a light
    click, then a lower, heavier clack with a short metal ring and a soft thud in the door."""
    length = 0.22
    out = silence(length)
    chk = tone(1000.0, 0.05, [(1.0, 1.0, 0.006), (2.7, 0.25, 0.003)], attack=0.0008)
    mix_into(out, chk, amount=0.5)
    clack_at = 0.07
    clack = tone(620.0, 0.14, [(1.0, 1.0, 0.02), (2.76, 0.35, 0.012)], attack=0.0008)
    mix_into(out, clack, at=clack_at, amount=1.0)
    thud = mul(sine(slide(150.0, 110.0, 0.05), 0.14), perc(0.14, 0.002, 0.03))
    mix_into(out, thud, at=clack_at, amount=0.8)
    hit = mul(lowpass(noise(0.04, rng), 2200.0, poles=2), perc(0.04, 0.0004, 0.004))
    mix_into(out, hit, at=clack_at, amount=0.7)
    return lowpass(out, 4000.0, poles=2)


def _alarm_bell(rng: random.Random) -> Signal:
    """The alarm bell rings: a small, friendly "tring-tring" (two strikes of a little bell
    whose clapper trills against it), soft and round: it says "look here", it does not
    frighten. Much quieter than a real alarm, and it dies away by itself."""
    length = 0.55
    out = silence(length)
    trill_rate = 18.0
    for at, amount in ((0.0, 1.0), (0.24, 0.85)):
        seconds = length - at
        ring = tone(note("B5"), seconds, [(1.0, 1.0, 0.16), (2.4, 0.22, 0.06), (3.9, 0.06, 0.03)],
                    attack=0.002)
        trill = [1.0 - 0.35 * (0.5 - 0.5 * math.cos(2.0 * math.pi * trill_rate * i / SAMPLE_RATE))
                 for i in range(len(ring))]
        mix_into(out, mul(ring, trill), at=at, amount=amount)
    fade = [min(1.0, (len(out) - i) / samples(0.08)) for i in range(len(out))]  # no click at the end
    return lowpass(mul(out, fade), 3500.0, poles=2)


def _packet(rng: random.Random) -> Signal:
    """A packet reaches its address: a soft, quick "blip" that rises a little, like a message
    popping in."""
    length = 0.12
    glide = slide(660.0, 990.0, 0.04)
    out = mul(sine(glide, length), perc(length, 0.003, 0.03))
    mix_into(out, mul(sine(lambda t: glide(t) * 2.0, length), perc(length, 0.003, 0.015)),
             amount=0.15)
    return lowpass(out, 3000.0)


SOUNDS: dict[str, Callable[[random.Random], Signal]] = {
    "place": _place,
    "rotate": _rotate,
    "remove": _remove,
    "toggle": _toggle,
    "test_start": _test_start,
    "power_hum": _power_hum,
    "water": _water,
    "lamp_on": _lamp_on,
    "leak": _leak,
    "not_yet": _not_yet,
    "success": _success,
    "star": _star,
    "click": _click,
    "hint": _hint,
    "page": _page,
    "fanfare": _fanfare,
    "belt": _belt,
    "item_in": _item_in,
    "jam": _jam,
    "truck": _truck,
    "fridge": _fridge,
    "ice_crack": _ice_crack,
    "gears": _gears,
    "magnet": _magnet,
    "relay": _relay,
    "door_lock": _door_lock,
    "alarm_bell": _alarm_bell,
    "packet": _packet,
}
"""Every sound effect, by the name the game plays it with (file ``<name>.wav``)."""

LOOPS = frozenset({"power_hum", "water", "belt", "fridge", "gears"})
"""Sounds meant to repeat seamlessly while something runs."""


# ---------------------------------------------------------------------------- music
#
# Two calm background loops, composed here note by note: "menu" (F major, 96 bpm: friendly,
# a little bouncy) for the title, map and menus, and "play" (C major seventh chords, 72 bpm:
# slow and sparse) under the play screen, where a pupil has to think. Each is exactly 20 s;
# every note that rings past the end is wrapped round to the start, so the loop has no seam.
# Music is long, so it is built for speed from cached notes of plain sines (a note of the same
# pitch and length is rendered once) added into the loop with list slices.


def _sines(
    freq: float, n: int, harmonics: Sequence[tuple[float, float]], start: int = 0
) -> Signal:
    """Samples ``start`` to ``n`` of a constant pitch made of ``(ratio, amplitude)`` sine
    partials (each partial added in turn to a sum that starts at 0.0).

    Up to three partials are summed in one pass over the samples: about twice as fast as a
    pass per partial, and the same sums (with a positive amplitude the first partial is never
    -0.0, so 0.0 + it is it).
    """
    parts = [(2.0 * math.pi * freq * ratio / SAMPLE_RATE, amplitude)
             for ratio, amplitude in harmonics if freq * ratio <= SOFT_CUTOFF]
    sin = math.sin
    if len(parts) == 1:
        (w1, a1), = parts
        return [a1 * sin(w1 * i) for i in range(start, n)]
    if len(parts) == 2:
        (w1, a1), (w2, a2) = parts
        return [a1 * sin(w1 * i) + a2 * sin(w2 * i) for i in range(start, n)]
    if len(parts) == 3:
        (w1, a1), (w2, a2), (w3, a3) = parts
        return [a1 * sin(w1 * i) + a2 * sin(w2 * i) + a3 * sin(w3 * i) for i in range(start, n)]
    out = [0.0] * (n - start)
    for w, amplitude in parts:
        out = [y + amplitude * sin(w * i) for i, y in zip(range(start, n), out, strict=True)]
    return out


def _struck(n: int, attack: float, tau: float) -> Signal:
    """Envelope of a struck note (smooth attack, exponential decay), zero at its last sample."""
    a = max(1, samples(attack))
    k = math.exp(-1.0 / (tau * SAMPLE_RATE))
    out = [0.5 - 0.5 * math.cos(math.pi * i / a) for i in range(min(a, n))]
    if n > len(out):  # 1.0, then times k at each sample
        out.extend(accumulate(repeat(k, n - len(out) - 1), operator.mul, initial=1.0))
    fade = min(n, samples(0.05))
    for i in range(fade):
        out[n - fade + i] *= (fade - i) / fade
    return out


def _swell(n: int, attack: float, release: float) -> Signal:
    """Envelope of a held pad note: slow S-curve in, a gentle sag, a slow fade out."""
    a, r = samples(attack), samples(release)
    cos, pi = math.cos, math.pi
    out = [(0.5 - 0.5 * cos(pi * i / a) if i < a else 1.0) * (1.0 - 0.25 * i / n)
           for i in range(n)]
    for i in range(max(0, n - r), n):
        out[i] *= 0.5 + 0.5 * cos(pi * (i - (n - r)) / r)
    return out


NoteCache = dict[tuple[object, ...], Signal]


def _once(cache: NoteCache, make: Callable[..., Signal], *args: float) -> Signal:
    """``make(*args)``, made once per loop: the notes of one length share their envelope."""
    key = (make.__name__, *args)
    made = cache.get(key)
    if made is None:
        made = cache[key] = make(*args)
    return made


def _held_sines(cache: NoteCache, freq: float, n: int,
                harmonics: tuple[tuple[float, float], ...]) -> Signal:
    """``_sines(freq, n, harmonics)``, kept per loop and lengthened as needed: the tune's notes
    of one pitch and different lengths start with the same samples. May be longer than ``n``."""
    key = ("sines", freq, harmonics)
    held = cache.get(key, [])
    if len(held) < n:
        held = cache[key] = held + _sines(freq, n, harmonics, start=len(held))
    return held


def _music_note(instrument: str, name: str, seconds: float, cache: NoteCache) -> Signal:
    """One note of one of the loops' instruments, rendered once per loop and reused."""
    key = (instrument, name, round(seconds, 4))
    cached = cache.get(key)
    if cached is not None:
        return cached
    f = note(name)
    # A held sine sum may be longer than its note: the envelope (``n`` samples) ends the note.
    # Pad and bass notes have one length each, so their sums are not held.
    if instrument == "mallet":  # a soft marimba: the 4th partial is a wooden bar's "tok"
        n = samples(seconds + 0.6)
        body = _held_sines(cache, f, n, ((1.0, 1.0), (2.0, 0.06)))
        tok = _held_sines(cache, f, n, ((4.0, 0.18),))
        out = [x * e + y * g for x, e, y, g in zip(body, _once(cache, _struck, n, 0.004, 0.32),
                                                   tok, _once(cache, _struck, n, 0.002, 0.05),
                                                   strict=False)]
    elif instrument == "bell":  # a far-away glockenspiel for the play loop
        n = samples(seconds + 1.2)
        ring = _held_sines(cache, f, n, ((1.0, 1.0), (2.0, 0.1), (3.0, 0.025)))
        out = [x * e for x, e in zip(ring, _once(cache, _struck, n, 0.008, 0.55), strict=False)]
    elif instrument == "pad":  # two sines a hair apart: a slow, warm beating "aah"
        n = samples(seconds + 0.9)
        low = _sines(f * 0.9985, n, ((1.0, 0.5), (2.0, 0.06)))
        high = _sines(f * 1.0015, n, ((1.0, 0.5), (3.0, 0.03)))
        out = [(x + y) * e for x, y, e in zip(low, high, _once(cache, _swell, n, 0.6, 1.0),
                                              strict=True)]
    elif instrument == "bass":  # round and short, with a 2nd partial so laptops can hear it
        n = samples(seconds + 0.3)
        hum = _sines(f, n, ((1.0, 1.0), (2.0, 0.35), (3.0, 0.08)))
        out = [x * e for x, e in zip(hum, _once(cache, _struck, n, 0.012, 0.7), strict=True)]
    else:
        raise ValueError(f"unknown instrument {instrument!r}")
    cache[key] = out
    return out


def _rotate_to_zero(signal: Sequence[float], within: float = 0.03) -> Signal:
    """Start the loop on the quietest upward zero crossing in its first ``within`` seconds:
    the seam stays seamless (a rotation), the beat moves by a few ms, and the very first
    sample is close to silence, like the last one."""
    best, best_cost = 0, math.inf
    for i in range(1, samples(within)):
        before, here = signal[i - 1], signal[i]
        if before < 0.0 <= here and abs(before) + abs(here) < best_cost:
            best, best_cost = i, abs(before) + abs(here)
    return list(signal[best:]) + list(signal[:best])


# (bar, beat, note, beats) per part; chords are (root for the bass, pad notes) per bar.
_MENU_CHORDS = (
    ("F3", ("F4", "A4", "C5")), ("D3", ("F4", "A4", "D5")), ("A#2", ("F4", "A#4", "D5")),
    ("C3", ("E4", "G4", "C5")), ("F3", ("F4", "A4", "C5")), ("D3", ("F4", "A4", "D5")),
    ("G2", ("G4", "A#4", "D5")), ("C3", ("E4", "G4", "C5")),
)
_MENU_MELODY = (
    (0, 0, "C5", 1), (0, 1, "F5", 1), (0, 2, "A5", 1.5), (0, 3.5, "G5", 0.5),
    (1, 0, "F5", 1), (1, 1, "D5", 1), (1, 2, "A4", 2),
    (2, 0, "D5", 1), (2, 1, "F5", 0.5), (2, 1.5, "G5", 0.5), (2, 2, "F5", 1), (2, 3, "D5", 1),
    (3, 0, "E5", 1.5), (3, 1.5, "G5", 0.5), (3, 2, "C5", 2),
    (4, 0, "A5", 1), (4, 1, "C6", 1), (4, 2, "A5", 1), (4, 3, "G5", 1),
    (5, 0, "F5", 1.5), (5, 1.5, "A5", 0.5), (5, 2, "D5", 2),
    (6, 0, "D5", 1), (6, 1, "G5", 0.5), (6, 1.5, "F5", 0.5), (6, 2, "D5", 1), (6, 3, "E5", 1),
    (7, 0, "C5", 1), (7, 1, "E5", 1), (7, 2, "G5", 2),
)
_PLAY_CHORDS = (
    ("C3", ("E4", "G4", "B4")), ("A2", ("E4", "G4", "C5")), ("F2", ("E4", "A4", "C5")),
    ("C3", ("E4", "G4", "B4")), ("D3", ("F4", "A4", "C5")), ("G2", ("D4", "G4", "B4")),
)
_PLAY_MELODY = (
    (0, 0, "E5", 1.5), (0, 1.5, "G5", 1.5), (0, 3, "B5", 1),
    (1, 0, "C6", 2), (1, 2, "A5", 1), (1, 3, "G5", 1),
    (2, 0, "A5", 2), (2, 2, "E5", 2),
    (3, 0, "G5", 1.5), (3, 1.5, "E5", 1.5), (3, 3, "D5", 1),
    (4, 0, "F5", 1.5), (4, 1.5, "A5", 1.5), (4, 3, "C6", 1),
    (5, 0, "B5", 2), (5, 2, "D5", 2),
)


def _compose(bpm: float, chords: Sequence[tuple[str, tuple[str, ...]]],
             melody: Sequence[tuple[int, float, str, float]], lead: str,
             levels: dict[str, float], bass_beats: Sequence[float]) -> Signal:
    """Lay the pad, bass and tune of one loop (4/4, one chord per bar) into a circular buffer."""
    beat = 60.0 / bpm
    bar = 4 * beat
    total = [0.0] * samples(bar * len(chords))
    cache: NoteCache = {}
    for i, (root, pad) in enumerate(chords):
        for name in pad:
            _add_wrapped(total, _music_note("pad", name, bar, cache), samples(i * bar), levels["pad"])
        for at in bass_beats:
            _add_wrapped(total, _music_note("bass", root, 1.5 * beat, cache),
                         samples(i * bar + at * beat), levels["bass"] * (1.0 if at == 0 else 0.6))
    for bar_i, at, name, beats in melody:
        start = samples(bar_i * bar + at * beat)
        _add_wrapped(total, _music_note(lead, name, beats * beat, cache), start, levels["lead"])
        if lead == "bell":  # a soft echo half a beat later: a sense of space
            _add_wrapped(total, _music_note(lead, name, beats * beat, cache),
                         start + samples(beat / 2), levels["lead"] * 0.3)
    return total


def _menu_music() -> Signal:
    return _compose(96.0, _MENU_CHORDS, _MENU_MELODY, "mallet",
                    {"pad": 0.16, "bass": 0.5, "lead": 0.55}, bass_beats=(0, 2))


def _play_music() -> Signal:
    return _compose(72.0, _PLAY_CHORDS, _PLAY_MELODY, "bell",
                    {"pad": 0.13, "bass": 0.4, "lead": 0.35}, bass_beats=(0,))


MUSIC: dict[str, Callable[[], Signal]] = {"menu": _menu_music, "play": _play_music}
"""The background loops, by the track name the game asks for (``music/<name>.wav``)."""
MUSIC_SECONDS = 20.0
MUSIC_PEAK_DBFS = -9.0  # under the effects: the music volume scales it down further still
MUSIC_DIR = "music"


def render_music(name: str) -> Signal:
    """The finished samples of one loop: composed, softened, levelled, started at a zero."""
    signal = MUSIC[name]()
    signal = lowpass(signal, 3500.0, circular=True)
    return _rotate_to_zero(normalize(signal, MUSIC_PEAK_DBFS))


def generate_music(out_dir: Path = DEFAULT_OUT_DIR / MUSIC_DIR) -> list[Path]:
    """Write every loop as ``<out_dir>/<name>.wav``; returns the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in MUSIC:
        path = out_dir / f"{name}.wav"
        write_wav(path, render_music(name))
        written.append(path)
    return written


# ---------------------------------------------------------------------------- output


def render(name: str) -> Signal:
    """The finished samples of one sound: seeded from its name (so adding a sound never
    changes another), and normalized to its peak level."""
    rng = random.Random(zlib.crc32(name.encode("utf-8")))
    signal = SOUNDS[name](rng)
    return normalize(signal, LEVELS_DBFS.get(name, PEAK_DBFS))


def to_pcm16(signal: Sequence[float]) -> bytes:
    """Little-endian 16-bit PCM, as WAV requires, whatever this machine's byte order."""
    levels = list(map(round, map(operator.mul, signal, repeat(32767.0))))
    if levels and (max(levels) > 32767 or min(levels) < -32767):  # beyond full scale: clip
        levels = [max(-32767, min(32767, v)) for v in levels]
    pcm = array("h", levels)
    if sys.byteorder != "little":
        pcm.byteswap()
    return pcm.tobytes()


def write_wav(path: Path, signal: Sequence[float]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(to_pcm16(signal))


def generate_all(out_dir: Path = DEFAULT_OUT_DIR) -> list[Path]:
    """Write every sound as ``<out_dir>/<name>.wav``; returns the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SOUNDS:
        path = out_dir / f"{name}.wav"
        write_wav(path, render(name))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.sound_synth",
        description="Regenerate the game's sound effects and music loops (deterministic: same "
        "bytes every run).",
    )
    parser.add_argument(
        "out_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=f"folder for the WAV files (default: {DEFAULT_OUT_DIR})",
    )
    args = parser.parse_args(argv)
    total = 0
    for path in [*generate_all(args.out_dir), *generate_music(args.out_dir / MUSIC_DIR)]:
        size = path.stat().st_size
        total += size
        print(f"{path.relative_to(args.out_dir)!s:16} {size / 1024:6.1f} KiB")
    print(f"{'total':16} {total / 1024:6.1f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
