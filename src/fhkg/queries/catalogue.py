"""The catalogue of named queries (``queries/*.rq``): each file's comment header (titles,
question, parameters) read into a :class:`NamedQuery`; a query given by name, file or text.

Every query file starts with a comment header::

    # title: Kommuner per samarbetsorganisation
    # title@en: Municipalities by joint organisation
    # question: Vilka kommuner deltar i vilken samarbetsorganisation, och hur många?
    # question@en: Which municipalities take part in which joint organisation, and how many?
    # param: kommun | municipality | Klippan | Kommunen: namn, kommunkod eller IRI / The municipality: name, code or IRI

>>> q = catalogue()["municipalities-by-organisation"]
>>> q.title("en")
'Municipalities by joint organisation'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import resources
from ..errors import InputError, UsageError

TYPES = ("municipality", "iri", "date", "integer", "string")


_HEADER = re.compile(r"^#\s*(title|question|param)(@[a-z]{2})?\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    description: str

    def describe(self) -> str:
        default = f", default {self.default}" if self.default else ", required"
        return f"{self.name} ({self.type}{default}): {self.description}"

    def description_in(self, lang: str) -> str:
        """The description in ``lang`` (a header writes ``svenska / English``), else the whole text."""
        parts = [s.strip() for s in self.description.split(" / ")]
        return parts[0 if lang == "sv" else 1] if len(parts) == 2 else self.description


@dataclass
class NamedQuery:
    name: str
    text: str
    path: Path | None = None
    titles: dict[str, str] = field(default_factory=dict)
    questions: dict[str, str] = field(default_factory=dict)
    parameters: list[Parameter] = field(default_factory=list)
    #: one of the shipped catalogue's (its text is ours, and checked by the guard in the tests)
    shipped: bool = False

    def title(self, lang: str = "sv") -> str:
        return self.titles.get(lang) or self.titles.get("sv") or self.name

    def question(self, lang: str = "sv") -> str:
        return self.questions.get(lang) or self.questions.get("sv") or ""

    def command(self, values: dict[str, str] | None = None) -> str:
        """The ``fhkg query`` command that runs this query with ``values`` (else the defaults)."""
        import shlex

        given = values or {}
        args = [(p.name, given.get(p.name) or p.default) for p in self.parameters]
        return "fhkg query " + self.name + "".join(f" --param {n}={shlex.quote(v)}" for n, v in args if v)

    @classmethod
    def parse(cls, text: str, name: str, path: Path | None = None) -> NamedQuery:
        q = cls(name=name, text=text, path=path)
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.startswith("#"):
                break
            m = _HEADER.match(line)
            if not m:
                continue
            key, lang, value = m.group(1), (m.group(2) or "@sv")[1:], m.group(3)
            if key == "title":
                q.titles[lang] = value
            elif key == "question":
                q.questions[lang] = value
            else:
                parts = [p.strip() for p in value.split("|")]
                if len(parts) != 4 or parts[1] not in TYPES or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", parts[0]):
                    raise InputError(
                        path or name,
                        "a parameter line must read '# param: name | type | default | description'"
                        f" with type one of {', '.join(TYPES)}",
                        line=lineno,
                    )
                q.parameters.append(Parameter(parts[0], parts[1], parts[2] or None, parts[3]))
        return q


def catalogue() -> dict[str, NamedQuery]:
    """Every shipped named query, by name (the file name without ``.rq``)."""
    return {path.stem: _shipped(path) for path in resources.files("queries")}


def _shipped(path: Path) -> NamedQuery:
    q = NamedQuery.parse(path.read_text(encoding="utf-8"), path.stem, path)
    q.shipped = True
    return q


def resolve(spec: str) -> NamedQuery:
    """A named query, a ``.rq`` file or literal SPARQL text."""
    named = resources.shipped_file("queries", spec)
    if named is not None:
        return _shipped(named)
    if spec.endswith((".rq", ".sparql")):
        path = Path(spec)
        if not path.is_file():
            raise InputError(path, "no such query file", hint="check the path")
        try:
            return NamedQuery.parse(path.read_text(encoding="utf-8"), path.stem, path)
        except UnicodeDecodeError:
            raise InputError(path, "not UTF-8 text", hint="save the file as UTF-8") from None
    if re.search(r"[\s{}?$]", spec):  # a name has none of these: SPARQL text, checked by run()
        return NamedQuery.parse(spec, "query")
    raise UsageError(f"unknown query {spec!r}: not a named query, a .rq file or SPARQL text (see 'fhkg queries')")
