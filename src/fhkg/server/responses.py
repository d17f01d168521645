"""Requests, responses and errors of the server: small value types over plain ASGI.

Every error a client can cause is an :class:`HTTPError` with a status and a one-line message; the
app answers it as ``text/plain`` (or JSON for ``/health``), never with a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

#: Media types of the text formats get ``; charset=utf-8``.
TEXT_TYPES_WITH_CHARSET = ("text/",)


def content_type(media_type: str) -> str:
    """The Content-Type header for a media type: text types say their charset (always UTF-8)."""
    if media_type.startswith(TEXT_TYPES_WITH_CHARSET) and "charset" not in media_type:
        return media_type + "; charset=utf-8"
    return media_type


class HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass
class Request:
    method: str
    path: str
    query_string: str
    headers: dict[str, str]
    body: bytes = b""
    scheme: str = "http"

    @classmethod
    def from_scope(cls, scope: dict, body: bytes = b"") -> Request:
        headers: dict[str, str] = {}
        for k, v in scope.get("headers", []):
            name = k.decode("latin-1").lower()
            value = v.decode("latin-1")
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        return cls(
            method=scope["method"].upper(),
            path=scope.get("path") or "/",
            query_string=scope.get("query_string", b"").decode("latin-1"),
            headers=headers,
            body=body,
            scheme=scope.get("scheme", "http"),
        )

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)

    def params(self) -> list[tuple[str, str]]:
        """The URL query parameters, in order, repeated names kept."""
        try:
            return parse_qsl(self.query_string, keep_blank_values=True, encoding="utf-8", errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise HTTPError(400, "the query string is not valid percent-encoded UTF-8") from None

    def origin(self) -> str:
        """``scheme://host`` as the client addressed the server."""
        return f"{self.scheme}://{self.header('host') or 'localhost'}"


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    media_type: str | None = "text/plain"
    headers: dict[str, str] = field(default_factory=dict)

    #: a file sent as the body instead of ``body`` (streamed in chunks; ``length`` its size)
    file: Path | None = None
    length: int = 0

    def all_headers(self) -> list[tuple[bytes, bytes]]:
        h = dict(self.headers)
        if self.media_type and "content-type" not in {k.lower() for k in h}:
            h["Content-Type"] = content_type(self.media_type)
        if self.status not in (204, 304):
            h["Content-Length"] = str(self.length if self.file is not None else len(self.body))
        return [(k.encode("latin-1"), str(v).encode("latin-1")) for k, v in h.items()]


def text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(status, (message.rstrip("\n") + "\n").encode("utf-8"), "text/plain", dict(headers or {}))


def json_response(data, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return Response(status, body, "application/json", dict(headers or {}))


REASONS = {
    200: "OK",
    204: "No Content",
    303: "See Other",
    304: "Not Modified",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    500: "Internal Server Error",
    503: "Service Unavailable",
}
