"""Content negotiation (RFC 9110 §12): ``Accept`` media ranges with q-values, and ``Accept-Language``.

A media range matches an offered type when it is ``*/*``, ``type/*`` or the type itself; of the
ranges that match an offer, the most specific one gives its quality (so ``text/*;q=0.2, text/html``
weighs HTML at 1 and Turtle at 0.2). ``q=0`` means "not acceptable". The offer with the highest
quality wins; ties go to the server's order of preference (the order of ``offers``). No ``Accept``
header (or an empty one) accepts anything. Media-type parameters other than ``q`` (``charset``,
JSON-LD's ``profile``) do not exclude a match; they only make the range more specific.

>>> negotiate("text/turtle;q=0.9, application/ld+json", ["text/html", "text/turtle", "application/ld+json"])
'application/ld+json'
>>> negotiate("text/*;q=0.5, text/html;q=0", ["text/html", "text/turtle"])
'text/turtle'
>>> negotiate("image/png", ["text/html"]) is None
True
>>> negotiate(None, ["text/html", "text/turtle"])
'text/html'
>>> negotiate_language("en-GB,en;q=0.9,sv;q=0.5")
'en'
>>> negotiate_language("de")
'sv'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE = re.compile(rf"^\s*({_TOKEN}|\*)/({_TOKEN}|\*)\s*$")
_QVALUE = re.compile(r"^(0(\.\d{0,3})?|1(\.0{0,3})?)$")


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float = 1.0
    params: tuple[tuple[str, str], ...] = ()

    def specificity(self, media_type: str) -> int:
        """-1 if this range does not match ``media_type``, else how specific the match is."""
        t, _, s = media_type.lower().partition("/")
        if self.type == "*":
            return 0 if self.subtype == "*" else -1
        if self.type != t:
            return -1
        if self.subtype == "*":
            return 1
        if self.subtype != s:
            return -1
        return 2 + len(self.params)


def _split(header: str) -> list[str]:
    """Split a header on commas that are not inside quoted strings."""
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for c in header:
        if c == '"':
            quoted = not quoted
        if c == "," and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(c)
    parts.append("".join(buf))
    return [p for p in (p.strip() for p in parts) if p]


def _q(value: str) -> float | None:
    value = value.strip()
    return float(value) if _QVALUE.match(value) else None


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; malformed elements are skipped."""
    if header is None or not header.strip():
        return [MediaRange("*", "*")]
    out = []
    for element in _split(header):
        range_, *raw_params = element.split(";")
        m = _RANGE.match(range_)
        if not m:
            continue
        q, params, ok = 1.0, [], True
        for p in raw_params:
            name, _, value = p.partition("=")
            name, value = name.strip().lower(), value.strip().strip('"')
            if name == "q":
                qv = _q(value)
                if qv is None:
                    ok = False
                q = qv if qv is not None else 0.0
                break  # anything after q are accept-extensions
            if name:
                params.append((name, value.lower()))
        if ok:
            out.append(MediaRange(m.group(1).lower(), m.group(2).lower(), q, tuple(params)))
    return out


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The quality the client gives ``media_type`` (0 when no range matches)."""
    best, best_q = -1, 0.0
    for r in ranges:
        s = r.specificity(media_type)
        if s > best:
            best, best_q = s, r.q
    return best_q


def negotiate(header: str | None, offers: Sequence[str]) -> str | None:
    """The offered media type the client prefers, or None (answer 406)."""
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for offer in offers:
        q = quality(ranges, offer)
        if q > best_q:
            best, best_q = offer, q
    return best


def acceptable(header: str | None, offers: Sequence[str]) -> list[str]:
    """Every offer the client accepts (q > 0), in the server's order."""
    ranges = parse_accept(header)
    return [o for o in offers if quality(ranges, o) > 0]


def parse_accept_language(header: str | None) -> list[tuple[str, float]]:
    out = []
    for element in _split(header or ""):
        tag, *params = element.split(";")
        tag = tag.strip().lower()
        if not re.fullmatch(r"\*|[a-z]{1,8}(-[a-z0-9]{1,8})*", tag):
            continue
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                qv = _q(value)
                q = qv if qv is not None else 0.0
        out.append((tag, q))
    return out


def negotiate_language(header: str | None, offers: Sequence[str] = ("sv", "en"), default: str = "sv") -> str:
    """The language the client prefers among ``offers`` (basic filtering, RFC 4647); else ``default``.

    ``en-GB`` matches ``en``; ``*`` matches anything. A language the server does not have is no
    reason to refuse: the default (Swedish, the language of the source) is answered instead.
    """
    ranges = parse_accept_language(header)
    best, best_q = None, 0.0
    for offer in offers:
        spec, q = -1, 0.0
        for tag, tq in ranges:
            if tag == offer:
                s = 3
            elif tag.startswith(offer + "-") or offer.startswith(tag + "-"):
                s = 2
            elif tag == "*":
                s = 0
            else:
                continue
            if s > spec:
                spec, q = s, tq
        if q > best_q:
            best, best_q = offer, q
    return best or default
