"""Shared helper for the publishing tests: a Site for a graph with some modules contributed."""

from __future__ import annotations

import re

from fhkg.publish.site import Site
from fhkg.publish.urls import Urls


def make_site(kg, *modules) -> Site:
    """A Site (in memory, not written) for ``kg`` after running each module's ``contribute``."""
    site = Site(kg=kg, urls=Urls(kg.base))
    for module in modules:
        module.contribute(site)
    return site


def shell(page: str) -> tuple[str, str]:
    """The ``<header class="site">`` and ``<footer class="site">`` of an HTML page (``base.html``'s)."""
    header = re.search(r'<header class="site">.*?</header>', page, re.S)
    footer = re.search(r'<footer class="site">.*?</footer>', page, re.S)
    assert header and footer, "no site header or footer"
    return header.group(0), footer.group(0)


def site_shell(kg, lang: str) -> tuple[str, str]:
    """The header and footer of the home page in ``lang`` (only the home page is rendered)."""
    from fhkg.publish.pages import Pages, home

    site = Site(kg=kg, urls=Urls(kg.base))
    home.home(Pages(site), lang)
    return shell(site.files[site.urls.index(lang)].decode("utf-8"))
