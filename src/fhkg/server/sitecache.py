"""The static site the server serves: built once per (code, data, base) into a cache folder, or
given with ``--site`` (then it must have been built for the same base).

The cache lives in ``$FHKG_CACHE`` (else ``$XDG_CACHE_HOME/fhkg``, else ``~/.cache/fhkg``), one
folder per key: a hash of the fhkg version and source code, the base and every loaded file. A
stamp file ``.fhkg-serve.json`` (never served: dot files are not) records the key and the base.

The cache stays small: after a build, only the :data:`KEEP` most recently used sites are kept,
and the rest are removed, except a site a running server holds (each server keeps a shared
``flock`` on its site's stamp for as long as it serves; removal takes the lock exclusively and
skips a site it cannot get). Staging folders of builds killed outright are removed too.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
from pathlib import Path

from .. import __version__
from ..cache import cache_root, content_key
from ..errors import UsageError
from ..graph import KnowledgeGraph

STAMP = ".fhkg-serve.json"
#: Built sites the cache keeps (the most recently used; a site in use is never removed).
KEEP = 4
__all__ = ["KEEP", "STAMP", "cache_root", "check", "hold", "prepare", "prune", "site_key"]


def site_key(kg: KnowledgeGraph) -> str:
    return content_key("site", kg.base, *(s.graph for s in kg.sources), files=[s.path for s in kg.sources])[:24]


def prepare(kg: KnowledgeGraph, log=print) -> tuple[Path, int | None]:
    """The site for ``kg`` from the cache, building it (validation already done) if needed, and
    a descriptor that holds it (see :func:`hold`) until closed or the process ends."""
    from ..publish import build

    key = site_key(kg)
    out = cache_root() / f"site-{key}"
    stamp = out / STAMP
    held = hold(out)  # taken before deciding to reuse it, so a pruner cannot remove it meanwhile
    if held is not None:
        try:
            if json.loads(stamp.read_text(encoding="utf-8")).get("key") == key:
                log(f"using the site built before in {out}")
                os.utime(stamp)  # most recently used
                return out, held
        except (OSError, ValueError):
            pass
        os.close(held)
    log(f"building the site for {kg.base} into {out} …")
    site = build(kg, out, validate=False, jobs=None)  # fhkg serve: one page worker per core for a large graph
    stamp.write_text(json.dumps({"key": key, "base": kg.base, "version": __version__, "files": len(site.files)}), encoding="utf-8")
    held = hold(out)
    for old in prune(out):
        log(f"removed {old.name} from the cache (kept the {KEEP} most recently used sites)")
    return out, held


def hold(site: Path) -> int | None:
    """Mark ``site`` as in use until the returned descriptor is closed (or the process ends), so
    :func:`prune` in another process leaves it. None for a site without a stamp (``--site``) or
    one being removed right now."""
    try:
        fd = os.open(Path(site) / STAMP, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


#: The folders the cache's sites live in (``site-`` and the 24 hex digits of the key): nothing
#: else in the cache folder is ever removed.
_SITE = re.compile(r"site-[0-9a-f]{24}")


def prune(current: Path, keep: int = KEEP) -> list[Path]:
    """Remove cached sites beyond the ``keep`` most recently used (``current`` always stays),
    skipping any a server holds; and leftovers of killed builds. Only folders named as the cache
    names its sites, with their stamp, are considered. Returns what was removed."""
    from ..publish.site import clear_leftovers

    root = Path(current).parent
    removed = clear_leftovers(Path(current), pattern="site-*")
    sites: list[tuple[float, Path]] = []
    for p in root.glob("site-*"):
        if not _SITE.fullmatch(p.name) or p.is_symlink() or p == Path(current):
            continue
        try:
            sites.append(((p / STAMP).stat().st_mtime, p))
        except OSError:
            continue  # no stamp (not fhkg's, or half made): left alone
    for _, old in sorted(sites, reverse=True)[max(0, keep - 1) :]:
        try:
            fd = os.open(old / STAMP, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
        except OSError:
            continue  # a running server holds it
        finally:
            os.close(fd)
    return removed


def check(site: Path, base: str) -> None:
    """Refuse (UsageError) a ``--site`` folder built for another base than ``base``."""
    site = Path(site)
    if not site.is_dir():
        raise UsageError(f"--site {site}: no such folder (build one with: fhkg build --base {base} -o {site})")
    stamp = site / STAMP
    if stamp.is_file():
        try:
            built_for = json.loads(stamp.read_text(encoding="utf-8")).get("base")
        except (OSError, ValueError):
            built_for = None
        if built_for and built_for != base:
            raise UsageError(f"--site {site} was built for the base {built_for}, but the server's base is {base}: rebuild it with fhkg build --base {base} -o {site}")
        return
    ids = site / "id"
    sample = next((p for p in sorted(ids.rglob("*.nt"))[:1]), None) if ids.is_dir() else None
    sample = sample or (next((p for p in sorted(ids.rglob("*.ttl"))[:1]), None) if ids.is_dir() else None)
    if sample is None:
        return
    text = sample.read_text(encoding="utf-8", errors="replace")
    if base + "id/" not in text:
        raise UsageError(
            f"--site {site} was not built for the base {base} (its {sample.relative_to(site)} does not mention {base}id/): "
            f"rebuild it with fhkg build --base {base} -o {site}"
        )
