"""The site being built: files collected in memory, then written to a fresh folder that replaces
the old one in one rename, so a failed build leaves an existing site as it was.

Everything that goes into the site is deterministic: files are written in sorted order, gzip
members carry no name and mtime 0, and dates come from ``SOURCE_DATE_EPOCH`` when it is set,
else from the release date of the package (never from the clock).
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import os
import re
import secrets
import shutil
import socket
import time
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import RELEASE_DATE
from ..errors import UsageError
from ..graph import KnowledgeGraph
from .urls import Urls

#: The file that marks a folder as a site fhkg built (so a rebuild may replace it).
MARKER = ".fhkg-site"


def check_target(out: Path) -> None:
    """Refuse to build into a folder that holds anything but an earlier fhkg site."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise UsageError(
            f"{out} exists and is not a site fhkg built (no {MARKER} in it); "
            "choose another folder with -o, or empty this one first"
        )


def build_date() -> str:
    """The date stamped into the release (ISO 8601, a day)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    return RELEASE_DATE


def gzip_bytes(payload: bytes) -> bytes:
    """Deterministic gzip: no file name, mtime 0, fixed compression level."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(payload)
    return buf.getvalue()


def sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


@dataclass(frozen=True)
class Distribution:
    """One dump file, as the catalogue and VoID describe it (written by :mod:`.dumps`)."""

    path: str
    ext: str
    format: str  # the format's name (Turtle, N-Triples, …)
    media_type: str
    file_type: str  # the EU file-type authority code
    compression: str | None  # "gzip" or None
    graphs: tuple[str, ...]  # the kinds of named graph it holds
    byte_size: int
    sha256: str


@dataclass(frozen=True)
class Picture:
    """One SVG picture (written by :mod:`.pictures`): its title, description and size."""

    title: str
    desc: str
    width: float
    height: float


@dataclass
class Notes:
    """What the steps of a build hand on to the later ones, each written by one step."""

    #: the SHACL report of the graph (fhkg.shacl.report.Report; set by ``build`` or the catalogue)
    validation: Any = None
    distributions: list[Distribution] = field(default_factory=list)
    pictures: dict[str, Picture] = field(default_factory=dict)
    #: the documentation pages, "ontology"/"shapes" -> language -> path
    docs: dict[str, dict[str, str]] = field(default_factory=dict)
    #: the catalogue's documents and IRIs
    catalog: dict[str, Any] = field(default_factory=dict)


class Files(MutableMapping[str, bytes]):
    """The site's files by path: each in memory, or already written into the folder being filled
    (:meth:`Site.spilling`), where it is read back from when asked for (after :meth:`Site.write`,
    from the site itself)."""

    def __init__(self, items: Mapping[str, bytes] | None = None):
        self._files: dict[str, bytes | None] = dict(items or {})  # None: on disk under root
        self.root: Path | None = None

    def __getitem__(self, path: str) -> bytes:
        payload = self._files[path]
        if payload is None:
            assert self.root is not None
            return (self.root / path).read_bytes()
        return payload

    def __setitem__(self, path: str, payload: bytes) -> None:
        self._files[path] = payload

    def __delitem__(self, path: str) -> None:
        del self._files[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def __contains__(self, path: object) -> bool:
        return path in self._files

    def in_memory(self, path: str) -> bytes | None:
        """The file's bytes, or None once it is on disk."""
        return self._files[path]

    def written(self, path: str) -> None:
        """``path`` is on disk now: its bytes need not be kept."""
        self._files[path] = None


@dataclass
class Site:
    """A site under construction; modules add files with :meth:`add` (kept in memory) or
    inside :meth:`spilling` (written at once into the folder being filled, once :meth:`begin` made it)."""

    kg: KnowledgeGraph
    urls: Urls
    date: str = field(default_factory=build_date)
    files: Files = field(default_factory=Files)
    #: what one step tells the later ones (the validation report, the dumps, the pictures …)
    notes: Notes = field(default_factory=Notes)
    #: processes rendering the resource pages (None: one per core for a large graph; see pages.parallel)
    jobs: int | None = 1
    #: the folder being filled (beside the site's folder) and the site's folder, between begin and write
    staging: Path | None = field(default=None, repr=False)
    _out: Path | None = field(default=None, repr=False)
    _made: set[Path] = field(default_factory=set, repr=False)
    _spilling: bool = field(default=False, repr=False)

    def add(self, path: str, content: bytes | str) -> str:
        """Add a file; inside :meth:`spilling`, write it at once into the folder being filled."""
        path = path.lstrip("/")
        if path in self.files:
            raise ValueError(f"{path} is written twice")
        payload = content.encode("utf-8") if isinstance(content, str) else content
        self.files[path] = payload
        if self._spilling and self.staging is not None:
            self._put(path, payload)
            self.files.written(path)
        return path

    @contextmanager
    def spilling(self) -> Iterator[None]:
        """Files added inside go to disk at once, when there is a folder being filled: the
        resource pages (a large site would not fit in memory, and what the workers render is
        written while they render the next)."""
        self._spilling = True
        try:
            yield
        finally:
            self._spilling = False

    def begin(self, out: Path) -> None:
        """Make the new folder beside ``out`` that the site is written into; :meth:`write` swaps
        it in, :meth:`discard` removes it.

        ``out`` must be absent, empty, or a site an earlier build wrote (it holds the marker
        file ``.fhkg-site``): fhkg never replaces a folder it did not make.
        """
        out = Path(out).resolve()
        check_target(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        clear_leftovers(out)
        for path in self.files:  # written into an earlier folder (a second write): held again
            if self.files.in_memory(path) is None:
                self.files[path] = self.files[path]
        self.discard()
        try:
            # the folder is named here before it is made, so a signal that comes as soon as it
            # exists, before mkdir returns, still finds it (tempfile.mkdtemp made the folder
            # before it returned its name)
            while True:  # the name holds this process's id: no other process makes it
                self.staging = out.parent / f".{out.name}.new-{_owner()}-{secrets.token_hex(4)}"
                try:
                    self.staging.mkdir(mode=0o700)  # nobody else can write into it while it is filled
                    break
                except FileExistsError:
                    self.staging = None  # not made here: never removed
            self.staging.chmod(0o755)  # whatever the umask: a web server must be able to read the site
            self._out, self._made = out, {self.staging}
            self.files.root = self.staging
        except BaseException:  # a signal just after mkdir included
            self.discard()
            raise

    def discard(self) -> None:
        """Remove the folder being filled, if there is one (a build that failed or was stopped)."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
            self.files.root = None

    def write(self, out: Path) -> None:
        """Write every file still in memory into the folder being filled (:meth:`begin`, made
        now if it was not), then swap it in for ``out``; on any failure it is removed and an
        existing site at ``out`` stays as it was."""
        try:
            if self.staging is None or self._out != Path(out).resolve():
                self.begin(out)
            assert self.staging is not None and self._out is not None
            self.files.setdefault(MARKER, b"This folder was written by fhkg build; the next build replaces all of it.\n")
            for path in sorted(self.files):
                payload = self.files.in_memory(path)
                if payload is not None:
                    self._put(path, payload)
            _swap(self.staging, self._out)
        except BaseException:
            self.discard()
            raise
        self.staging = None
        self.files.root = self._out

    def _put(self, path: str, payload: bytes) -> None:
        assert self.staging is not None
        target = self.staging / path
        if target.parent not in self._made:  # once per folder, not per file
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        _write_new(target, payload)


def _write_new(target: Path, payload: bytes) -> None:
    """A new file in the staging folder (os-level calls: a large site has 100,000s of them)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for open()
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def clear_leftovers(out: Path, pattern: str | None = None) -> list[Path]:
    """Remove the staging and old folders beside ``out`` that a build killed outright (SIGKILL,
    a crash, a power cut) left behind: those whose build process is gone. Their names carry the
    process id and a tag of the host (``.site.new-PID-HOST-xxxx``, ``.site.old-PID-HOST``); a
    running build's are left alone, and another host's (a shared folder: its process ids are not
    ours to judge) only once a day old.
    ``pattern`` (a glob for the site folders' names, e.g. ``site-*``) widens this from ``out``'s
    own to every site's in that folder. Returns what was removed."""
    name = glob.escape(out.name) if pattern is None else pattern
    removed = []
    for path in sorted(out.parent.glob(f".{name}.new-*")) + sorted(out.parent.glob(f".{name}.old-*")):
        m = _LEFTOVER.match(path.name)
        if m is None or not path.is_dir() or path.is_symlink():
            continue
        if m.group(1) and m.group(2) == _host_tag():
            gone = not _alive(int(m.group(1)))
        elif m.group(1) and m.group(2):  # another host's
            gone = time.time() - path.stat().st_mtime > 86400
        else:  # named before the process id was part of the name: left for an hour at most
            gone = time.time() - path.stat().st_mtime > 3600
        if gone:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


_LEFTOVER = re.compile(r"\..+\.(?:new|old)-(?:(\d+)-(?:h([0-9a-f]{8})(?:-.*)?$)?|.*)", re.S)


def _host_tag() -> str:
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


def _owner() -> str:
    """``PID-hHOST``: who is writing a staging folder, in its name."""
    return f"{os.getpid()}-h{_host_tag()}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours from an earlier build in this process: finished or failed
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _swap(new: Path, out: Path) -> None:
    if not out.exists():
        os.replace(new, out)
        return
    old = out.with_name(f".{out.name}.old-{_owner()}")
    os.replace(out, old)
    try:
        os.replace(new, out)
    except BaseException:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)




def jsonld_context(base: str) -> dict[str, str]:
    """The JSON-LD context every published JSON-LD document uses (also ``context.jsonld``)."""
    from ..terms.namespaces import prefixes

    return dict(sorted(prefixes(base).items()))
