"""The keys' text: made of random bytes, kept as a digest. A key has 192 random bits, so a fast digest (SHA-256)
is as safe as a slow password hash and lets every request be checked in microseconds."""

import hashlib
import hmac
import secrets

KEY_START = "secor_"


def key_make() -> tuple[str, str, str]:
    """(key, prefix, digest): the key to show once, the prefix that finds it, the digest that is kept."""
    prefix = secrets.token_hex(6)
    key = f"{KEY_START}{prefix}_{secrets.token_urlsafe(24)}"
    return key, prefix, key_digest(key)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_prefix(key: str) -> str | None:
    """The prefix of a key as typed, or None when it cannot be one of ours."""
    if not key.startswith(KEY_START) or len(key) > 100:
        return None
    prefix, _, secret = key.removeprefix(KEY_START).partition("_")
    return prefix if prefix and secret else None


def key_matches(key: str, digest: str) -> bool:
    return hmac.compare_digest(key_digest(key), digest)
