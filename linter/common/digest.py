"""SHA-256 without loading OpenSSL.

Importing ``hashlib`` loads OpenSSL's libcrypto, 3 ms of a one-file run that
needs a single digest (the policy cache key). CPython's own SHA-256 module
gives the same digests; it is ``_sha2`` from Python 3.12 and ``_sha256``
before, and ``hashlib`` stays the fallback where neither exists.
"""

from __future__ import annotations

try:
    from _sha2 import sha256
except ImportError:
    try:
        from _sha256 import sha256
    except ImportError:
        from hashlib import sha256

__all__ = ["sha256"]
