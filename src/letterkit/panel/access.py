"""Sign-in for researchers and writers: a shared secret, compared in constant time.

The secret comes from Streamlit secrets (``researcher_secret``) or the environment variable
``LETTERKIT_RESEARCHER_SECRET``. Without either, nobody can sign in (the app says how to set
one). Participants never sign in: their unguessable invite token is their key.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import threading
import time
from collections import defaultdict, deque
from collections.abc import Mapping
from typing import Any

_LOG = logging.getLogger("letterkit.panel.access")

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


class Throttle:
    """Slows down guessing: of the researcher secret, and of invitation codes.

    Per client (its address): ``free`` wrong tries in ``window`` seconds, then each further
    wrong try locks that client out for twice as long as the last (from ``base`` seconds up
    to ``longest``). Over all clients: past ``global_limit`` wrong tries in the window, every
    client waits at least ``global_pause`` seconds between tries. The right secret still
    works from any client that is not locked out, so an attacker elsewhere cannot lock the
    researchers out. Wrong tries are logged. Thread-safe (Streamlit serves sessions in threads).
    """

    def __init__(self, *, free: int = 3, window: float = 600.0, base: float = 2.0,
                 longest: float = 300.0, global_limit: int = 30, global_pause: float = 2.0,
                 clock=time.monotonic, name: str = "sign-in") -> None:  # noqa: ANN001
        self.free, self.window, self.base, self.longest = free, window, base, longest
        self.global_limit, self.global_pause = global_limit, global_pause
        self.clock, self.name = clock, name
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._all: deque[float] = deque()
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def _forget_old(self, now: float) -> None:
        for stamps in (*self._failures.values(), self._all):
            while stamps and stamps[0] < now - self.window:
                stamps.popleft()
        for client in [c for c, stamps in self._failures.items() if not stamps]:
            del self._failures[client]  # bounded by the clients of the last window
        for client in [c for c, until in self._locked_until.items() if until <= now]:
            del self._locked_until[client]

    def wait(self, client: str) -> float:
        """Seconds *client* must wait before the next try (0: it may try now)."""
        with self._lock:
            now = self.clock()
            self._forget_old(now)
            until = self._locked_until.get(client, 0.0)
            if len(self._all) > self.global_limit:
                mine = self._failures.get(client)
                last = mine[-1] if mine else self._all[-1]
                until = max(until, last + self.global_pause)
            return max(0.0, until - now)

    def failed(self, client: str) -> None:
        with self._lock:
            now = self.clock()
            self._forget_old(now)
            stamps = self._failures[client]
            stamps.append(now)
            self._all.append(now)
            over = len(stamps) - self.free
            if over > 0:
                self._locked_until[client] = now + min(self.longest,
                                                       self.base * 2 ** (over - 1))
            _LOG.warning("letterkit %s: wrong try %d from %s in %.0f s (%d from all clients)",
                         self.name, len(stamps), client, self.window, len(self._all))

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)
            self._locked_until.pop(client, None)
