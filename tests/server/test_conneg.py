"""Content negotiation, unit by unit (RFC 9110 §12.5.1 Accept, §12.5.4 Accept-Language)."""

from __future__ import annotations

import pytest

from fhkg.server.conneg import MediaRange, acceptable, negotiate, negotiate_language, parse_accept, parse_accept_language, quality

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
        ("text/turtle;q=2, */*;q=0.5", "text/html"),  # … skipped, not read as q=0: the other ranges still count
        ("text/html;q=x, text/*;q=0.5", "text/html"),
        ("*/html", None),  # not a media range (a type wildcard needs a subtype wildcard): matches nothing
        ("*/html, text/turtle;q=0.5", "text/turtle"),
    ],
)
def test_negotiate(accept, expected):
    assert negotiate(accept, THING) == expected


def test_quality_uses_the_most_specific_range():
    ranges = parse_accept("*/*;q=0.1, text/*;q=0.4, text/html;q=0.9")
    assert quality(ranges, "text/html") == 0.9
    assert quality(ranges, "text/turtle") == 0.4
    assert quality(ranges, "application/ld+json") == 0.1


def test_parameters_make_a_range_more_specific_and_are_kept_unquoted_in_lower_case():
    ranges = parse_accept('application/ld+json, application/ld+json;profile="http://www.w3.org/ns/json-ld#Compacted";q=0.2')
    assert ranges == [
        MediaRange("application", "ld+json", 1.0, ()),
        MediaRange("application", "ld+json", 0.2, (("profile", "http://www.w3.org/ns/json-ld#compacted"),)),
    ]
    # the range with a parameter is the more specific one, whatever the order
    assert quality(ranges, "application/ld+json") == 0.2
    assert quality(list(reversed(ranges)), "application/ld+json") == 0.2
    assert quality(parse_accept("text/html;level=1;charset=utf-8;q=0.3, text/html;charset=utf-8;q=0.6"), "text/html") == 0.3


def test_a_quoted_parameter_may_hold_commas_semicolons_and_equals_signs():
    ranges = parse_accept('application/ld+json;profile="http://example.org/a,b?c=X";q=0.5, text/html')
    assert ranges == [MediaRange("application", "ld+json", 0.5, (("profile", "http://example.org/a,b?c=x"),)), MediaRange("text", "html")]
    assert negotiate('application/ld+json;profile="x,text/turtle";q=0.5, text/html;q=0.1', ["text/turtle", "text/html", "application/ld+json"]) == "application/ld+json"


def test_a_range_without_q_has_quality_one():
    assert parse_accept("text/turtle") == [MediaRange("text", "turtle", 1.0, ())]
    assert quality(parse_accept("text/turtle"), "text/turtle") == 1.0
    assert parse_accept(None) == parse_accept(" ") == [MediaRange("*", "*", 1.0, ())]


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
        ("en;q=x", "sv"),  # an invalid q is q=0
        ("x_y, en", "en"),  # a malformed tag is skipped, the rest still read
        ("sv;q=1, en", "sv"),  # no q is q=1: a tie, the server's order
        ("en-GB;q=0.2, en;q=0.9, sv;q=0.5", "en"),  # the exact tag is more specific than en-GB
        ("en-GB;q=0.9, en-US;q=0.1, sv;q=0.5", "en"),  # of two equally specific ranges the first counts
    ],
)
def test_negotiate_language(header, expected):
    assert negotiate_language(header) == expected


def test_a_language_range_matches_the_offers_it_is_a_prefix_of():
    assert negotiate_language("en", offers=("sv", "en-gb")) == "en-gb"
    assert negotiate_language("en-gb", offers=("sv", "en")) == "en"
    assert negotiate_language("de", offers=("sv", "en-gb"), default="en-gb") == "en-gb"


def test_parse_accept_language():
    assert parse_accept_language(None) == parse_accept_language("") == []
    assert parse_accept_language("en-GB, sv;q=0.5, *;q=0.1, x_y, de;q=2") == [("en-gb", 1.0), ("sv", 0.5), ("*", 0.1), ("de", 0.0)]
