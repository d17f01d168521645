"""Content negotiation, unit by unit (RFC 9110 §12.5.1 Accept, §12.5.4 Accept-Language)."""

from __future__ import annotations

import pytest

from fhkg.server.conneg import acceptable, negotiate, negotiate_language, parse_accept, quality

THING = ["text/html", "text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"]


@pytest.mark.parametrize(
    "accept, expected",
    [
        (None, "text/html"),
        ("", "text/html"),
        ("*/*", "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/n-triples", "application/n-triples"),
        ("text/turtle;q=0.5, application/ld+json;q=0.8", "application/ld+json"),
        ("text/*;q=0.5, text/html;q=0.1", "text/turtle"),  # most specific range wins for HTML
        ("*/*;q=0.1, application/rdf+xml", "application/rdf+xml"),
        ("text/html;q=0, */*", "text/turtle"),  # q=0 excludes
        ("text/html;q=0, */*;q=0.3, application/n-triples;q=0.3", "text/turtle"),  # tie: server order
        ("application/*", "application/ld+json"),
        ("TEXT/Turtle", "text/turtle"),  # case-insensitive
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', "application/ld+json"),
        ("text/turtle; charset=utf-8; q=0.9, text/html; q=0.8", "text/turtle"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),  # a browser
        ("image/png", None),
        ("text/turtle;q=0", None),
        ("*/*;q=0", None),
        ("garbage, text/turtle", "text/turtle"),  # malformed elements are skipped
        ("text/turtle;q=2", None),  # an invalid q makes the range unusable
    ],
)
def test_negotiate(accept, expected):
    assert negotiate(accept, THING) == expected


def test_quality_uses_the_most_specific_range():
    ranges = parse_accept("*/*;q=0.1, text/*;q=0.4, text/html;q=0.9")
    assert quality(ranges, "text/html") == 0.9
    assert quality(ranges, "text/turtle") == 0.4
    assert quality(ranges, "application/ld+json") == 0.1


def test_acceptable_lists_everything_with_q_above_zero():
    assert acceptable("text/*, text/html;q=0", THING) == ["text/turtle"]


@pytest.mark.parametrize(
    "header, expected",
    [
        (None, "sv"),
        ("sv", "sv"),
        ("en", "en"),
        ("en-GB", "en"),
        ("sv-SE,sv;q=0.9,en;q=0.8", "sv"),
        ("en-US,en;q=0.9,sv;q=0.8", "en"),
        ("sv;q=0.2, en;q=0.7", "en"),
        ("de, fr;q=0.9", "sv"),  # nothing we have: the default
        ("*", "sv"),
        ("en;q=0, *", "sv"),
        ("sv;q=0, *", "en"),
    ],
)
def test_negotiate_language(header, expected):
    assert negotiate_language(header) == expected
