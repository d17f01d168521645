"""What fhkg checks in a user's RDF file before and after the engine reads it.

Oxigraph parses; these checks turn what it cannot say well into a clear message:

* a UTF-8 byte order mark is skipped (Oxigraph's Turtle and N-Triples parsers reject one);
* JSON-LD nested deeper than :data:`MAX_JSON_DEPTH` levels is refused with its line and column
  before it is parsed (Oxigraph's JSON-LD expansion needs memory that grows much faster than the
  depth: 5,000 nested objects, a 100 KB file, took a gigabyte and crashed the process);
* a relative IRI without a base is refused with where it is and what to do, in every format
  (Oxigraph reports it for Turtle and friends, silently drops it in JSON-LD, names it without a
  place in RDF/XML);
* a file whose content looks like another format than its extension says gets a hint;
* a file that holds no triples gets a warning.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

BOM = b"\xef\xbb\xbf"
#: Deepest nesting of JSON objects and arrays accepted in a JSON-LD file.
MAX_JSON_DEPTH = 256
#: The base a JSON-LD file is read against when no base is given: an IRI that comes out under
#: it was relative in the file. A scheme of its own, so a network-path reference (``//host/x``)
#: shows too (against an https base it would pass as ``https://host/x``).
RELATIVE_SCHEME = "x-fhkg-relative:"
RELATIVE = RELATIVE_SCHEME + "/"


def relative_text(iri: str) -> str:
    """What was written in the file for an IRI read against :data:`RELATIVE`."""
    rest = iri[len(RELATIVE_SCHEME) :]
    return rest if rest.startswith("//") else rest[1:]

_STRING = re.compile(rb'"[^"]*"')  # a string once its escapes are gone: linear, no backtracking
_STRUCTURE = bytes(range(256)).translate(None, b"[]{}")  # every byte but the brackets
_DEPTH = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def open_text(path: Path) -> BinaryIO:
    """The file opened for reading, past a UTF-8 byte order mark if it starts with one."""
    fh = path.open("rb")
    if fh.read(3) != BOM:
        fh.seek(0)
    return fh


def json_depth_error(path: Path, limit: int = MAX_JSON_DEPTH) -> tuple[str, int, int] | None:
    """(message, line, column) when the JSON in ``path`` nests deeper than ``limit``, else None.
    Linear and in C for the common case: strings are blanked, every byte but the brackets is
    dropped, and the depth is counted over what is left."""
    data = path.read_bytes()
    brackets = _STRING.sub(b"", _unescaped(data)).translate(None, _STRUCTURE)
    depth = deepest = 0
    for b in brackets:
        depth += _DEPTH[b]
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    if deepest <= limit:
        return None
    line, column = _where_depth(data, limit + 1)
    return f"JSON nested deeper than {limit} levels (objects and arrays inside each other); no JSON-LD document needs that many", line, column


def _unescaped(data: bytes) -> bytes:
    """``data`` with every JSON escape's two bytes blanked (``\\\\`` first, then ``\\"``): what
    is left of a string is ``"…"`` with no quote inside. Same length, so offsets still hold."""
    return data.replace(b"\\\\", b"  ").replace(b'\\"', b"  ")


def _where_depth(data: bytes, depth: int) -> tuple[int, int]:
    """Line and column (1-based, in characters) of the bracket that opens level ``depth``."""
    level, pos = 0, 0
    for m in re.finditer(rb'"[^"]*"|[\[\]{}]', _unescaped(data)):
        c = m.group(0)
        if c in (b"[", b"{"):
            level += 1
            if level == depth:
                pos = m.start()
                break
        elif c in (b"]", b"}"):
            level -= 1
    return position(data, pos)


def position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based; the column in characters) of byte ``offset`` of ``data``."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", errors="replace")) + 1


def find_text(path: Path, text: str) -> tuple[int, int] | None:
    """Where ``text`` first appears quoted (``"text"`` or ``'text'``) in the file, if it does."""
    data = path.read_bytes()
    for quoted in (f'"{text}"', f"'{text}'"):
        i = data.find(quoted.encode("utf-8"))
        if i >= 0:
            return position(data, i + 1)
    return None


_PREFIX = re.compile(rb"(?:@prefix|(?i:PREFIX))\s+([A-Za-z][\w.-]*)?:\s*<([^>\s]*)>")
_LOCAL = re.compile(r"[\w-]+(?:\.[\w-]+)*")  # a prefixed name's local part, without escapes


def find_iri(path: Path, iri: str) -> tuple[int, int] | None:
    """Where the Turtle (or TriG, N-Triples) file first writes ``iri`` as a subject, at the start
    of a line: ``<iri>`` or a prefixed name of a prefix the file declares; else where it first
    writes it at all; None where it does not (a relative IRI, a name with escapes)."""
    data = path.read_bytes()
    spellings = [re.escape(f"<{iri}>".encode())]
    for m in _PREFIX.finditer(data):
        namespace = m.group(2).decode("utf-8", errors="replace")
        local = iri[len(namespace) :]
        if namespace and iri.startswith(namespace) and (local == "" or _LOCAL.fullmatch(local)):
            name = re.escape((m.group(1) or b"") + b":" + local.encode())
            spellings.append(rb"(?<![\w.:-])" + name + rb"(?![\w:-]|\.[\w-])")
    written = re.compile(b"|".join(spellings))
    subject = re.compile(rb"(?m)^[ \t]*(?:" + b"|".join(spellings) + b")")
    found = subject.search(data) or written.search(data)
    if found is None:
        return None
    start = found.start() + len(found.group(0)) - len(found.group(0).lstrip(b" \t"))
    return position(data, start)


def iri_at(path: Path, line: int | None, column: int | None) -> str | None:
    """The ``<IRI>`` that starts at ``line``:``column`` (1-based, in characters) of a text file."""
    if line is None or column is None:
        return None
    with open_text(path) as fh:
        for n, raw in enumerate(fh, start=1):
            if n == line:
                m = re.match(r"<([^>\s]*)>", raw.decode("utf-8", errors="replace")[column - 1 :])
                return m.group(1) if m else None
    return None


#: What the first bytes of each format look like (after a BOM and blank space).
_LOOKS = [
    ("jsonld", re.compile(rb"[\[{]")),
    ("xml", re.compile(rb"<\?xml|<rdf:RDF|<!DOCTYPE", re.I)),
    ("turtle", re.compile(rb"@prefix|@base|PREFIX\s|BASE\s", re.I)),
    ("nt", re.compile(rb"(?:<[^>\s]*>|_:\S+)\s+<[^>\s]*>\s+(?:<[^>\s]*>|_:\S+|\")")),
]
#: What each format's parser also reads (N-Triples is Turtle; Turtle is TriG; …).
_READS = {"turtle": {"turtle", "nt"}, "trig": {"trig", "turtle", "nt"}, "nq": {"nq", "nt"}, "n3": {"n3", "turtle", "nt"}}


def looks_like(path: Path) -> str | None:
    """The format the file's first bytes suggest (a format registry name), or None."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    head = head.removeprefix(BOM)
    while True:  # skip blank space and comment lines (#, which Turtle, N-Triples and TriG share)
        stripped = head.lstrip()
        if stripped.startswith(b"#"):
            head = stripped.split(b"\n", 1)[1] if b"\n" in stripped else b""
            continue
        head = stripped
        break
    for name, pattern in _LOOKS:
        if pattern.match(head):
            return name
    return None


def mismatch_hint(path: Path, fmt_name: str) -> str | None:
    """A hint when the file's content looks like another format than its extension says."""
    from ..terms.formats import FORMATS

    seen = looks_like(path)
    if seen is None or seen in _READS.get(fmt_name, {fmt_name}):
        return None
    other = FORMATS[seen]
    return (
        f"the file looks like {other.title}, not {FORMATS[fmt_name].title} as its extension says: "
        f"rename it to {Path(path).stem}{other.extension} (fhkg reads the format from the extension)"
    )


_TYPE_RULE = re.compile(r"(@\w+) value must be an? (?:JSON )?(\w+)")  # "a string", "a JSON object"


def json_path_of(path: Path, message: str) -> str | None:
    """For a JSON-LD error that names no position (``@language value must be a string``), the JSON
    path of the first value that breaks that rule, if one can be found."""
    import json

    m = _TYPE_RULE.search(message)
    if m is None:
        return None
    key, wanted = m.group(1), m.group(2)
    kinds: dict[str, type | tuple[type, ...]] = {"string": str, "object": dict, "array": list, "boolean": bool, "number": (int, float)}
    kind = kinds.get(wanted)
    if kind is None:
        return None
    try:
        doc = json.loads(path.read_bytes().removeprefix(BOM))
    except (ValueError, RecursionError):
        return None
    todo: list[tuple[object, str]] = [(doc, "$")]  # depth first, in document order
    while todo:
        node, where = todo.pop()
        children: list[tuple[object, str]] = []
        if isinstance(node, dict):
            for k, v in node.items():
                here = f"{where}[{json.dumps(k, ensure_ascii=False)}]"
                if k == key and not isinstance(v, kind):
                    return here
                children.append((v, here))
        elif isinstance(node, list):
            children = [(v, f"{where}[{i}]") for i, v in enumerate(node)]
        todo += reversed(children)
    return None
