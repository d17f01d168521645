"""Shared helper for the publishing tests: a Site for a graph with some modules contributed."""

from __future__ import annotations

from fhkg.publish.site import Site
from fhkg.publish.urls import Urls


def make_site(kg, *modules) -> Site:
    """A Site (in memory, not written) for ``kg`` after running each module's ``contribute``."""
    site = Site(kg=kg, urls=Urls(kg.base))
    for module in modules:
        module.contribute(site)
    return site
