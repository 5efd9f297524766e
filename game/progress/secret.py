"""The teacher's PIN or password: hashed with scrypt, checked in constant time, with back-off.

Why these choices:

- **scrypt with OWASP's parameters** (N=2**17, r=8, p=1): each guess costs ~128 MiB of memory
  and a noticeable fraction of a second, so a copied store file cannot be brute-forced on a
  graphics card the way a fast hash can. ``maxmem`` is given explicitly because Python's
  default (32 MiB) is below what these parameters need and scrypt would refuse to run.
- **A random 16-byte salt per secret**: the same PIN on two PCs gives two different hashes.
- **Parameters stored beside the hash**: a later version may raise the cost and still check
  secrets set by an older one.
- **hmac.compare_digest**: the comparison takes as long whether the first byte or the last
  one differs, so timing tells an attacker nothing.
- **Back-off after wrong tries** (1 s, 2 s, 4 s, ... up to a minute, kept in the store so
  restarting the game does not reset it): classroom teachers use short PINs (4+ digits), and
  a 4-digit PIN has only 10 000 values. Against a pupil tapping at the teacher's screen, the
  back-off is what protects a short PIN: at one try per minute, 10 000 values take a week.
  The hash is what protects it when the file itself is copied, which is why a longer secret
  is still better on a shared PC.

This module holds no SQL and no state; :class:`game.progress.sql.SqlSchoolStore` stores the
:class:`HashedSecret` and the back-off counters.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

SCHEME = "scrypt"
OWASP_N = 2**17
OWASP_R = 8
OWASP_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_LENGTH = 4  # a 4-digit PIN, as classroom practice wants; see the back-off above
#: What the game's number pad can type: digits 0-9 only, 4 to 12 of them. A PIN set from the
#: command line must keep to it, or the teacher could never type it on the PIN screen.
PIN_MIN = MIN_LENGTH
PIN_MAX = 12
FIRST_WAIT = 1.0
MAX_WAIT = 60.0


@dataclass(frozen=True)
class Cost:
    """scrypt's work factors. Tests pass a cheap one; the game always uses :data:`OWASP`."""

    n: int = OWASP_N
    r: int = OWASP_R
    p: int = OWASP_P

    @property
    def maxmem(self) -> int:
        """scrypt needs 128 * n * r bytes plus a little; twice that leaves room and still
        refuses absurd parameters read from a damaged store."""
        return 2 * 128 * self.n * self.r * max(1, self.p)


OWASP = Cost()


@dataclass(frozen=True)
class HashedSecret:
    """What is stored: never the secret itself."""

    scheme: str
    n: int
    r: int
    p: int
    salt: bytes
    hash: bytes


class SecretTooShort(ValueError):
    """The PIN or password has fewer than :data:`MIN_LENGTH` characters."""


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a teacher PIN (one line), or None when the number pad can type it."""
    if not pin or any(ch not in "0123456789" for ch in pin):
        return "a teacher PIN has digits only (0-9), as on the PIN screen's number pad"
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        return f"a teacher PIN has {PIN_MIN} to {PIN_MAX} digits, as on the PIN screen"
    return None


def _derive(secret: str, salt: bytes, cost: Cost) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=cost.n, r=cost.r, p=cost.p,
                          maxmem=cost.maxmem, dklen=HASH_BYTES)


def hash_secret(secret: str, cost: Cost = OWASP) -> HashedSecret:
    """Hash a new secret with a fresh salt."""
    if len(secret) < MIN_LENGTH:
        raise SecretTooShort(f"a PIN or password needs at least {MIN_LENGTH} characters")
    salt = secrets.token_bytes(SALT_BYTES)
    return HashedSecret(SCHEME, cost.n, cost.r, cost.p, salt, _derive(secret, salt, cost))


def verify_secret(secret: str, stored: HashedSecret) -> bool:
    """True when ``secret`` matches; the parameters come from the stored record."""
    if stored.scheme != SCHEME:
        return False
    try:
        candidate = _derive(secret, stored.salt, Cost(stored.n, stored.r, stored.p))
    except (ValueError, MemoryError):  # parameters no PC can run: a damaged record
        return False
    return hmac.compare_digest(candidate, stored.hash)


def wait_after(failed_tries: int) -> float:
    """Seconds to wait after ``failed_tries`` wrong tries in a row: 0, then 1, 2, 4 ... 60."""
    if failed_tries <= 0:
        return 0.0
    return min(MAX_WAIT, FIRST_WAIT * 2 ** min(failed_tries - 1, 16))
