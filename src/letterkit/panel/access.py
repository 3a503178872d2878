"""Sign-in for researchers and writers: a shared secret, compared in constant time.

The secret comes from Streamlit secrets (``researcher_secret``) or the environment variable
``LETTERKIT_RESEARCHER_SECRET``. Without either, nobody can sign in (the app says how to set
one). Participants never sign in: their unguessable invite token is their key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from typing import Any

SECRET_ENV = "LETTERKIT_RESEARCHER_SECRET"
SECRET_KEY = "researcher_secret"
MIN_LENGTH = 8


def configured_secret(secrets: Mapping[str, Any] | None = None) -> str | None:
    value = None
    if secrets is not None:
        try:
            value = secrets.get(SECRET_KEY)
        except Exception:  # noqa: BLE001 - st.secrets raises when no secrets file exists
            value = None
    value = value or os.environ.get(SECRET_ENV)
    return str(value) if value and len(str(value)) >= MIN_LENGTH else None


def check_secret(given: str, expected: str | None) -> bool:
    """Constant-time comparison (of digests, so the length does not leak either)."""
    if not expected or not given:
        return False
    a = hashlib.sha256(given.encode("utf-8")).digest()
    b = hashlib.sha256(expected.encode("utf-8")).digest()
    return hmac.compare_digest(a, b)


def email_allowed(email: str | None, allowed: object) -> bool:
    """An OIDC account may sign in when its address, or ``@its.domain``, is listed."""
    if not email or not allowed:
        return False
    items = [allowed] if isinstance(allowed, str) else list(allowed)  # type: ignore[call-overload]
    listed = {str(a).strip().lower() for a in items}
    email = email.strip().lower()
    return email in listed or "@" + email.rsplit("@", 1)[-1] in listed
