"""Rewrite rules for static hosting (``deploy/nginx.conf``, ``deploy/apache.htaccess``)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from ... import __version__
from .. import render
from ..urls import TWINS
from .core import (
    DEPLOY,
    Pages,
)


def deploy(pages: Pages) -> None:
    """Rewrite rules for nginx and Apache: 303 from a thing IRI to its page or twin."""
    path = urlparse(pages.base).path or "/"
    if not path.endswith("/"):
        path += "/"
    from ...server.headers import SECURITY

    ctx = {"base": pages.base, "base_path": path, "base_path_re": re.escape(path), "twins": sorted(TWINS.items()), "version": __version__, "security": sorted(SECURITY.items())}
    for target in DEPLOY:
        name = Path(target).name
        pages.site.add(target, render.environment().get_template(f"deploy/{name}").render(**ctx))
