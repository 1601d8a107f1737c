"""Each request is answered in its reader's language, and says which (`Content-Language`)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.i18n.negotiate import reader_language
from app.i18n.translate import message_languages, reading_in


class ReaderLanguageMiddleware:
    """Set the reader's language for our own wording; label every response with it.

    An endpoint that answers in a language of its own choosing (the taxonomy in Japanese, which
    our messages are not translated into) sets `Content-Language` itself, and that one is kept.
    A plain ASGI middleware, not `BaseHTTPMiddleware`, so that the context variable it sets is
    the one the endpoint, its worker thread and the error handlers see.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        language = reader_language(HTTPConnection(scope), message_languages())

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "content-language" not in headers:
                    headers["Content-Language"] = language
            await send(message)

        with reading_in(language):
            await self.app(scope, receive, send_with_language)
