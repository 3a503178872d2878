"""The preview app as served: Streamlit's ASGI app with letterkit's security headers.

    streamlit run preview_app/server.py        # what `letterkit serve` runs

Streamlit sees the ``app`` below and serves ``app.py`` through it (ASGI mode), with this
middleware in front of its own routes:
- every HTTP response gets a Content-Security-Policy that allows this server only (no font
  CDN, no third-party script, image or connection) and ``frame-ancestors 'none'``, plus
  ``X-Frame-Options``, ``X-Content-Type-Options`` and ``Referrer-Policy``;
- ``/_stcore/metrics`` (Streamlit's internal metrics, open to anyone) answers 404.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

# 'unsafe-inline' for styles: Streamlit's emotion CSS is injected at run time; scripts stay
# 'self' apart from the small inline script the participant page installs (autosave.js),
# and 'unsafe-eval' is what the Vega charts of the results page need.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self' ws: wss:",
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
CLOSED_PATHS = ("/_stcore/metrics",)


class SecurityHeaders:
    """Pure ASGI middleware (websockets pass through untouched)."""

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope.get("path", "").rstrip("/").endswith(CLOSED_PATHS):
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"text/plain"), *HEADERS]})
            await send({"type": "http.response.body", "body": b"Not Found"})
            return

        async def with_headers(message) -> None:  # noqa: ANN001
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in HEADERS if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, with_headers)


app = st.App(str(Path(__file__).resolve().parent / "app.py"),
             middleware=[Middleware(SecurityHeaders)])
