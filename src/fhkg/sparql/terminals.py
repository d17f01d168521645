"""The SPARQL 1.1 grammar's terminals (the specification's regular expressions) and keywords.

Names (prefixed names, variables, blank-node labels) use large Unicode classes, which take
Python's re module most of a tenth of a second to compile: a request that is all ASCII (nearly
all are) is read with the same patterns over the classes' ASCII part, which match the same on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

UNICODE_BASE = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
)  # as Oxigraph reads it: the BMP only
UNICODE_NAME = "\u00b7\u0300-\u036f\u203f-\u2040"
PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"


class Names:
    """The name terminals, over the full classes or their ASCII part."""

    def __init__(self, unicode: bool):
        base = "A-Za-z" + (UNICODE_BASE if unicode else "")
        extra = UNICODE_NAME if unicode else ""
        chars_u = base + "_"
        chars = chars_u + "\\-0-9" + extra
        # The dotted parts are read as Oxigraph's PEG reads them (greedy: ``ex:a.b.c`` is
        # ``ex:a.b`` followed by ``.c``), so both parsers always see the same name.
        prefix = f"[{base}][{chars}]*(?:\\.+[{chars}]+)*"
        local = f"(?:[{chars_u}:0-9]|{PLX})(?:[{chars}:]|{PLX})*(?:\\.+(?:[{chars}:]|{PLX})+)?"
        self.pname = re.compile(f"({prefix})?:({local})?")
        self.blank_label = re.compile(f"_:[{chars_u}0-9][{chars}]*(?:\\.+[{chars}]+)*")
        self.var = re.compile(f"[?$]([{chars_u}0-9][{chars_u}0-9{extra}]*)")
        self.name_char = re.compile(f"[{chars}:]")
        self.prefix_decl = re.compile(f"({prefix})?:")


ASCII_NAMES = Names(unicode=False)


def names_beyond_ascii(text: str) -> bool:
    """Whether a character beyond ASCII stands outside strings, IRIs and comments (so a name may
    hold it). Reading such a name with the ASCII classes could only fail, never read it otherwise."""
    return not text.isascii() and not OPAQUE.sub("", text).isascii()


@lru_cache(maxsize=1)
def unicode_names() -> Names:
    return Names(unicode=True)


UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
ECHAR = r"\\[tbnrf\\\"']"

WS_OR_COMMENT = re.compile(r"(?:[ \t\r\n]+|#[^\r\n]*)*")
IRIREF = re.compile(f"<((?:[^<>\"{{}}|^`\\\\\\x00-\\x20]|{UCHAR})*)>")
LANGTAG = re.compile(r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?")  # with RDF 1.2's direction
NUMBER = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+)")
INTEGER = re.compile(r"[0-9]+")
STRING = re.compile(
    f"'''(?:(?:'|'')?(?:[^'\\\\]|{ECHAR}|{UCHAR}))*'''"
    f'|"""(?:(?:"|"")?(?:[^"\\\\]|{ECHAR}|{UCHAR}))*"""'
    f"|'(?:[^'\\\\\\n\\r]|{ECHAR}|{UCHAR})*'"
    f'|"(?:[^"\\\\\\n\\r]|{ECHAR}|{UCHAR})*"'
)
OPAQUE = re.compile(f"{STRING.pattern}|{IRIREF.pattern}|#[^\\r\\n]*")
NIL = re.compile(r"\([ \t\r\n]*\)")
ANON = re.compile(r"\[[ \t\r\n]*\]")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
SILENT_GLUED = re.compile(r"SILENT(?![ \t\r\n#<?$])", re.IGNORECASE)
LOCAL_ESC = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")
UESC = re.compile(UCHAR)
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")

FUNCTIONS_1 = {
    "STR", "LANG", "DATATYPE", "IRI", "URI", "ABS", "CEIL", "FLOOR", "ROUND", "STRLEN", "UCASE",
    "LCASE", "ENCODE_FOR_URI", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE",
    "TZ", "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL",
    "ISNUMERIC",
}  # fmt: skip
FUNCTIONS_2 = {"LANGMATCHES", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "STRLANG", "STRDT", "SAMETERM"}
FUNCTIONS_0 = {"RAND", "NOW", "UUID", "STRUUID"}
AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}
BUILTINS = FUNCTIONS_0 | FUNCTIONS_1 | FUNCTIONS_2 | AGGREGATES | {"BOUND", "BNODE", "CONCAT", "SUBSTR", "REPLACE", "REGEX", "COALESCE", "IF", "EXISTS", "NOT"}
UPDATE_WORDS = ("LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "INSERT", "DELETE", "WITH")
QUERY_WORDS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def unescape_iri(text: str) -> str:
    return UESC.sub(lambda m: chr(int(m.group(0).removeprefix("\\u").removeprefix("\\U"), 16)), text)
