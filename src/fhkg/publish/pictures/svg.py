"""The SVG writer the pictures share: a small document builder with deterministic output
(coordinates rounded to 0.1 px), the font and the colours, and estimated text widths, so text is
laid out without a renderer.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from ...text import linkable

SVG_NS = "http://www.w3.org/2000/svg"

FONT = "'DejaVu Sans', Verdana, sans-serif"
INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#d9d9d9"
BLUE = "#1f5fa8"
ORANGE = "#c4591a"
GREEN = "#2e7d4f"
PURPLE = "#6a3d9a"
PALE_BLUE = "#e8f0fb"
PALE_GREY = "#f2f2f2"
ROW_TINT = "#f6f8fb"


# ---------------------------------------------------------------------------- text metrics

#: advance widths of DejaVu Sans (the first font asked for) in thousandths of an em; other
#: characters count as 0.62 em. Verdana, the fallback, is about as wide.
_WIDTHS = {
    **dict.fromkeys("0123456789", 636),
    **{"a": 613, "b": 635, "c": 550, "d": 635, "e": 615, "f": 352, "g": 635, "h": 634, "i": 278, "j": 278, "k": 579,
       "l": 278, "m": 974, "n": 634, "o": 612, "p": 635, "q": 635, "r": 411, "s": 521, "t": 392, "u": 634, "v": 592,
       "w": 818, "x": 592, "y": 592, "z": 525, "A": 684, "B": 686, "C": 698, "D": 770, "E": 632, "F": 575, "G": 775,
       "H": 752, "I": 295, "J": 295, "K": 656, "L": 557, "M": 863, "N": 748, "O": 787, "P": 603, "Q": 787, "R": 695,
       "S": 635, "T": 611, "U": 732, "V": 684, "W": 989, "X": 685, "Y": 611, "Z": 685, " ": 318, ".": 318, ",": 318,
       ":": 337, ";": 337, "-": 361, "–": 500, "−": 838, "(": 390, ")": 390, "[": 390, "]": 390, "/": 337, "'": 275,
       '"': 460, "&": 780, "+": 838, "*": 500, "?": 531, "!": 401, "%": 950, "å": 613, "ä": 613, "ö": 612, "Å": 684,
       "Ä": 684, "Ö": 787, "é": 615, "ü": 634, "É": 632, "_": 500, "#": 838, "×": 838, "→": 838, "·": 318},
}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of ``text`` at font ``size`` (bold is about 9 % wider)."""
    em = sum(_WIDTHS.get(c, 620) for c in text) / 1000
    return em * size * (1.09 if bold else 1.0)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy word wrap to ``width`` px."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


# ---------------------------------------------------------------------------- SVG writer


def _num(x: float) -> str:
    r = round(float(x), 1)
    if r == int(r):
        return str(int(r))
    return f"{r:.1f}"


class Svg:
    """A small SVG document builder with deterministic output."""

    def __init__(self, width: float, height: float, title: str, desc: str, *, css: str = ""):
        self.width = math.ceil(width)
        self.height = math.ceil(height)
        self.title = title
        self.desc = desc
        self.root = ET.Element(
            "svg",
            {
                "xmlns": SVG_NS,
                "version": "1.1",
                "width": str(self.width),
                "height": str(self.height),
                "viewBox": f"0 0 {self.width} {self.height}",
                "role": "img",
                "aria-labelledby": "title desc",
                "lang": "sv",
                "xml:lang": "sv",
            },
        )
        t = ET.SubElement(self.root, "title", {"id": "title"})
        t.text = title
        d = ET.SubElement(self.root, "desc", {"id": "desc", "lang": "en", "xml:lang": "en"})
        d.text = desc
        style = ET.SubElement(self.root, "style")
        style.text = (
            f"svg{{font-family:{FONT};fill:{INK}}}"
            "text{font-size:12px}"
            ".h1{font-size:17px;font-weight:bold}"
            f".sub{{font-size:12px;fill:{MUTED}}}"
            f".small{{font-size:10.5px;fill:{MUTED}}}"
            ".b{font-weight:bold}"
            "a:hover text,a:focus text{text-decoration:underline}"
            "a:hover rect,a:focus rect{stroke-width:2.5px}"
            + css
        )
        ET.SubElement(self.root, "rect", {"x": "0", "y": "0", "width": str(self.width), "height": str(self.height), "fill": "#ffffff"})

    def el(self, parent: ET.Element | None, tag: str, attrs: dict | None = None, text: str | None = None) -> ET.Element:
        parent = self.root if parent is None else parent
        clean = {}
        for k, v in (attrs or {}).items():
            if v is None:
                continue
            clean[k] = _num(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)
        e = ET.SubElement(parent, tag, clean)
        if text is not None:
            e.text = text
        return e

    def text(self, parent, x: float, y: float, s: str, **attrs) -> ET.Element:
        cls = attrs.pop("cls", None)
        anchor = attrs.pop("anchor", None)
        a = {"x": x, "y": y}
        if cls:
            a["class"] = cls
        if anchor:
            a["text-anchor"] = anchor
        a.update({k.replace("_", "-"): v for k, v in attrs.items()})
        return self.el(parent, "text", a, s)

    def link(self, parent, href: str, title: str | None = None, **attrs) -> ET.Element:
        target = {"href": href} if linkable(href) else {}  # javascript:, data:, …: no link
        a = self.el(parent, "a", {**target, **{k.replace("_", "-"): v for k, v in attrs.items()}})
        if title:
            self.el(a, "title", None, title)
        return a

    def bytes(self) -> bytes:
        _indent(self.root)
        body = ET.tostring(self.root, encoding="unicode", short_empty_elements=True)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _indent(elem: ET.Element, level: int = 0) -> None:
    """Pretty-print, but never inside ``<text>``, ``<title>``, ``<desc>`` or ``<style>``."""
    if elem.tag in ("text", "title", "desc", "style"):
        return
    children = list(elem)
    if not children:
        return
    pad = "\n" + "  " * (level + 1)
    if not (elem.text or "").strip():
        elem.text = pad
    for i, child in enumerate(children):
        _indent(child, level + 1)
        if not (child.tail or "").strip():
            child.tail = pad if i < len(children) - 1 else "\n" + "  " * level
