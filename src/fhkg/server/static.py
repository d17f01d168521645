"""Static files of the built site, with validators: a strong ``ETag`` (a hash of the bytes) and
``Last-Modified`` (the file's mtime) on every answer, and ``304 Not Modified`` for a matching
``If-None-Match`` or, when that header is absent, a not-older ``If-Modified-Since`` (RFC 9110 §13).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from ..terms.formats import media_type_of
from .responses import Response


@dataclass(frozen=True)
class StaticFile:
    path: Path
    etag: str
    mtime: float
    size: int
    media_type: str

    @property
    def last_modified(self) -> str:
        return formatdate(int(self.mtime), usegmt=True)


#: Files up to this size are read whole; larger ones (the dumps) are streamed in chunks.
SMALL = 256 << 10
CHUNK = 256 << 10


class StaticFiles:
    """Files under ``root``; paths that leave the root (``..``, symlinks out) are not served.

    The site is immutable while it is served, so every file's ETag (a hash of its bytes) is
    computed once, when the server starts (:meth:`index`), never while a request waits."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self._cache: dict[Path, tuple[int, int, str]] = {}

    def index(self) -> int:
        """Hash every file now; returns how many."""
        n = 0
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if not d.startswith(".") or d == ".well-known"]
            for name in files:
                if not name.startswith("."):
                    rel = os.path.relpath(os.path.join(folder, name), self.root)
                    n += self.find(rel.replace(os.sep, "/")) is not None
        return n

    def find(self, relpath: str) -> StaticFile | None:
        relpath = relpath.lstrip("/")
        if "\x00" in relpath or any(part in ("..", ".") for part in relpath.split("/")) or "\\" in relpath:
            return None
        path = (self.root / relpath) if relpath else self.root
        try:
            path = path.resolve()
            path.relative_to(self.root)
        except (OSError, ValueError):
            return None
        try:
            if path.is_dir():
                path = path / "index.html"
            elif relpath.endswith("/"):
                return None  # a file asked for as a folder: its relative links would break
            parts = path.relative_to(self.root).parts
            # hidden files stay hidden, except the well-known locations (RFC 8615), e.g. .well-known/void
            if not path.is_file() or any(p.startswith(".") for p in parts if p != ".well-known"):
                return None
            st = path.stat()
        except (OSError, ValueError):
            return None
        cached = self._cache.get(path)
        if cached and cached[:2] == (st.st_mtime_ns, st.st_size):
            etag = cached[2]
        else:
            digest = hashlib.sha256()
            with path.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
            etag = f'"{digest.hexdigest()[:40]}"'
            self._cache[path] = (st.st_mtime_ns, st.st_size, etag)
        media = "text/turtle" if parts == (".well-known", "void") else media_type_of(path.name)
        return StaticFile(path, etag, st.st_mtime, st.st_size, media)

    def exists(self, relpath: str) -> bool:
        return self.find(relpath) is not None

    def is_dir(self, relpath: str) -> bool:
        """Whether ``relpath`` is a folder with an index.html (safe against odd paths)."""
        relpath = relpath.strip("/")
        if not relpath:
            return False
        try:
            return (self.root / relpath).is_dir() and self.find(relpath + "/") is not None
        except (OSError, ValueError):
            return False


def not_modified(headers: dict[str, str], etag: str, last_modified_ts: float | None) -> bool:
    """Whether a GET/HEAD with these request headers gets 304 (RFC 9110 §13.2.2 order)."""
    inm = headers.get("if-none-match")
    if inm is not None:
        tags = [t.strip() for t in inm.split(",") if t.strip()]
        if "*" in tags:
            return True
        weak = etag.removeprefix("W/")
        return any(t.removeprefix("W/") == weak for t in tags)
    ims = headers.get("if-modified-since")
    if ims and last_modified_ts is not None:
        try:
            since = parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return int(last_modified_ts) <= since
    return False


def file_response(f: StaticFile, headers: dict[str, str], extra: dict[str, str] | None = None) -> Response:
    """200 with the file, or 304; validators and ``extra`` headers on both."""
    h = {"ETag": f.etag, "Last-Modified": f.last_modified, "Cache-Control": "public, max-age=300"}
    h.update(extra or {})
    if not_modified(headers, f.etag, f.mtime):
        h.pop("Content-Type", None)
        return Response(304, b"", None, h)
    h.setdefault("Content-Type", _ct(f.media_type))
    if f.size <= SMALL:
        return Response(200, f.path.read_bytes(), None, h)
    return Response(200, b"", None, h, file=f.path, length=f.size)  # streamed by the app


def bytes_response(payload: bytes, media_type: str, headers: dict[str, str], mtime: float, extra: dict[str, str] | None = None) -> Response:
    """Like :func:`file_response` for generated bytes (the service description, the UI page)."""
    etag = f'"{hashlib.sha256(payload).hexdigest()[:40]}"'
    h = {"ETag": etag, "Last-Modified": formatdate(int(mtime), usegmt=True)}
    h.update(extra or {})
    if not_modified(headers, etag, mtime):
        h.pop("Content-Type", None)
        return Response(304, b"", None, h)
    h.setdefault("Content-Type", _ct(media_type))
    return Response(200, payload, None, h)


def _ct(media_type: str) -> str:
    from .responses import content_type

    return content_type(media_type)


def newest_mtime(paths) -> float:
    return max((os.stat(p).st_mtime for p in paths), default=0.0)
