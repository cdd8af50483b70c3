"""Advisor passwords: argon2id hashes (argon2-cffi), checked and upgraded in one place.

`verify` returns whether the password matches; `needs_rehash` tells the caller to store a new
hash after a successful login when the parameters below have changed (OWASP ASVS 2.4).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# RFC 9106's second recommended option (64 MiB, 3 passes), the argon2-cffi default profile.
_HASHER = PasswordHasher()
MIN_LENGTH = 12  # NCSC and ASVS 2.1.1: long passphrases rather than composition rules
MAX_LENGTH = 128
# A short list of passwords people still choose; anything containing these is refused.
_COMMON = ("password", "123456", "qwerty", "letmein", "welcome", "quitbot", "nhs12345")


def weakness(password: str) -> str | None:
    """Why this password is refused, in one line, or None if it will do."""
    if len(password) < MIN_LENGTH:
        return f"the password must be at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"the password must be at most {MAX_LENGTH} characters"
    lowered = password.lower()
    if any(word in lowered for word in _COMMON) or len(set(password)) < 4:
        return "the password is too easy to guess"
    return None


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (salted; different every time)."""
    return _HASHER.hash(password)


def verify(stored_hash: str, password: str) -> bool:
    """Whether `password` matches `stored_hash` (False for a malformed hash, never an error)."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with other parameters than today's."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
