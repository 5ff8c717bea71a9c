"""Password and PIN hashing with argon2id. The cost comes from settings: "standard" (argon2's
default, ~0.1 s) in use, "fast" in tests. Verification reads the cost from the stored hash."""
from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.config import get_settings

MIN_PASSWORD = 10
MAX_PASSWORD = 200


@lru_cache(maxsize=2)
def _hasher(cost: str) -> PasswordHasher:
    if cost == "fast":
        return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    return PasswordHasher()


def hasher() -> PasswordHasher:
    """The hasher for the configured cost."""
    return _hasher(get_settings().password_hashing)


def hash_secret(secret: str) -> str:
    """An argon2id hash of a password or PIN."""
    return hasher().hash(secret)


def verify_secret(stored: str | None, secret: str) -> bool:
    """Does ``secret`` match ``stored``? With nothing stored a dummy hash is checked anyway, so
    an unknown account takes as long as a wrong password."""
    if not stored:
        try:
            hasher().verify(_dummy_hash(get_settings().password_hashing), secret)
        except (VerificationError, InvalidHashError):
            pass
        return False
    try:
        return hasher().verify(stored, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """The stored hash is cheaper than the configured cost (e.g. made before a change)."""
    return hasher().check_needs_rehash(stored)


@lru_cache(maxsize=2)
def _dummy_hash(cost: str) -> str:
    return _hasher(cost).hash("not a real password")


def password_problem(password: str, repeat: str | None = None) -> str | None:
    """Why a new password is refused (a message code), or None."""
    if len(password) < MIN_PASSWORD:
        return "password_short"
    if len(password) > MAX_PASSWORD:
        return "password_long"
    if repeat is not None and password != repeat:
        return "password_mismatch"
    return None
