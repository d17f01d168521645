"""The one gate: load, validate, ready. The CLI's verbs, ``fhkg build`` and ``fhkg serve`` all
pass through :func:`prepare`.

Validation runs on Oxigraph (:mod:`fhkg.validation`); its verdict is remembered in the cache
folder under a key of the code, the base and the bytes of every file that went in (the shipped
graph and shapes, the user's data and shapes), so a repeated command on unchanged files does not
validate again. A graph that does not conform raises :class:`NotConforming` (exit 1), which
carries the report in Swedish and English.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from . import resources
from .cache import cache_root, content_key
from .errors import InvalidData
from .graph import KnowledgeGraph, load


class NotConforming(InvalidData):
    """The graph does not conform to the shapes; ``report(lang)`` is the report to show."""

    def __init__(self, message: str, texts: dict[str, str]):
        super().__init__(message)
        self.texts = texts

    def report(self, lang: str = "sv") -> str:
        return self.texts.get(lang) or self.texts.get("sv", "")


def prepare(
    data: Iterable[str | Path] = (),
    *,
    base: str | None = None,
    validate: bool = True,
    extra_shapes: Iterable[str | Path] = (),
    what: str = "the graph",
    relative_base: str | None = None,
) -> KnowledgeGraph:
    """Load the shipped graph and ``data``; unless ``validate`` is false, refuse a graph that does
    not conform (:class:`NotConforming`, naming ``what``). Relative IRIs in ``data`` resolve
    against ``relative_base`` (the user's ``--base``), else they are refused."""
    kg = load(list(data), base=base, relative_base=relative_base)
    if validate:
        check(kg, extra_shapes=extra_shapes, what=what)
    return kg


def verdict_key(kg: KnowledgeGraph, extra_shapes: Iterable[str | Path] = ()) -> str:
    shapes = [*resources.files("shapes"), *map(Path, extra_shapes)]
    return content_key("validation", kg.base, *(s.graph for s in kg.sources), files=[*(s.path for s in kg.sources), *shapes])


def check(kg: KnowledgeGraph, *, extra_shapes: Iterable[str | Path] = (), what: str = "the graph") -> None:
    """Validate ``kg`` (or reuse the verdict for the same inputs); raise if it does not conform."""
    extra = list(extra_shapes)
    verdict = _read(_verdict_path(kg, extra))
    if verdict is None:
        report(kg, extra_shapes=extra, what=what)
    elif not verdict["conforms"]:
        raise NotConforming(f"{what} does not conform to the shapes", verdict["text"])


def report(kg: KnowledgeGraph, *, extra_shapes: Iterable[str | Path] = (), what: str = "the graph"):
    """Validate ``kg`` now (for a caller that needs the report itself), remember the verdict, and
    return the :class:`~fhkg.shacl.report.Report`; raise if it does not conform."""
    from .validation import validate

    extra = list(extra_shapes)
    result = validate(kg, extra_shapes=extra)
    texts = {"sv": result.text("sv"), "en": result.text("en")}
    _write(_verdict_path(kg, extra), {"conforms": result.conforms, "text": texts})
    if not result.conforms:
        raise NotConforming(f"{what} does not conform to the shapes", texts)
    return result


def _verdict_path(kg: KnowledgeGraph, extra: list) -> Path:
    return cache_root() / "validation" / f"{verdict_key(kg, extra)}.json"


def _read(path: Path) -> dict | None:
    try:
        verdict = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return verdict if isinstance(verdict, dict) and isinstance(verdict.get("conforms"), bool) else None


#: How many verdicts the cache keeps (the most recently written; each is a few kilobytes).
KEEP = 256


def _write(path: Path, verdict: dict) -> None:
    """Best effort (a read-only cache folder only costs the next run a validation); the oldest
    verdicts beyond :data:`KEEP` are removed, so the folder does not grow without bound."""
    import tempfile  # (only when a verdict is written: not on every command's way)

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".verdict-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(verdict, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:  # interrupted or failed: no half-written verdict stays behind
            Path(tmp).unlink(missing_ok=True)
            raise
        kept = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
