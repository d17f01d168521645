"""Where an error in a user's file is: the exact ``file:line:column`` fhkg reports, for real syntax
errors in every format it reads (1-based; the column counted in characters, a byte order mark not
counted). The hostile corpus (tests/hostile/) checks the same messages through the command line in
a child process; these run in-process, so a mutation test sees them too (docs/mutation.md)."""

from __future__ import annotations

import signal

import pyoxigraph as ox
import pytest

from fhkg.errors import EXIT_ERROR, EXIT_INVALID, InputError, Interrupted, InvalidData, UsageError
from fhkg.graph import load_file, parse_file
from fhkg.io.inputs import find_iri

GRAPH = "http://example.org/graph"
EXAMPLE = "http://example.org/"
RELATIVE = "(write absolute IRIs, set a base in the file (@base), or give --base URL to resolve them against)"
FIX = "(fix the file and run the command again)"
RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'

#: name -> (file content, "line:column: message (hint)")
CASES: dict[str, tuple[bytes | str, str]] = {
    "broken.ttl": ('@prefix ex: <http://example.org/> .\nex:a ex:b "c" ;\n    ex:d ex:e ex:f .\n', f"3:15: invalid Turtle: A dot is expected at the end of statements {FIX}"),
    # the column counts characters, not bytes: å, ä and ö are two bytes each in UTF-8
    "unicode.ttl": ('@prefix ex: <http://example.org/> .\nex:å ex:b "åäö" ex:c .\n', f"2:17: invalid Turtle: A dot is expected at the end of statements {FIX}"),
    "relative.ttl": ('<klippan> <http://example.org/p> "v" .\n', f"1:1: invalid Turtle: the relative IRI 'klippan' and no base to resolve it against {RELATIVE}"),
    # the relative IRI is named from the place the engine gives, counted in characters
    "relative-unicode.ttl": ("@prefix ex: <http://example.org/> .\nex:å ex:p <klippan> .\n", f"2:11: invalid Turtle: the relative IRI 'klippan' and no base to resolve it against {RELATIVE}"),
    # … and the line is read leniently: bytes that are not UTF-8 further on do not hide it
    "relative-not-utf8.ttl": (b'<klippan> <http://example.org/p> "\xff" .\n', f"1:1: invalid Turtle: the relative IRI 'klippan' and no base to resolve it against {RELATIVE}"),
    # a message that holds ": " is kept whole
    "undeclared.ttl": ('@prefix ex: <http://example.org/> .\nfoo:a ex:p "v" .\n', f"2:1: invalid Turtle: The prefix foo: has not been declared {FIX}"),
    "broken.nt": (
        '<http://example.org/a> <http://example.org/b> "c" .\n<http://example.org/a> <http://example.org/b> c .\n',
        f"2:47: invalid N-Triples: The object of a triple must be an IRI, a blank node or a literal {FIX}",
    ),
    # a byte order mark is skipped, and not counted in the column
    "bom.nt": (b"\xef\xbb\xbf<http://example.org/a> <http://example.org/b> c .\n", f"1:47: invalid N-Triples: The object of a triple must be an IRI, a blank node or a literal {FIX}"),
    "broken.trig": ("@prefix ex: <http://example.org/> .\nex:g { ex:a ex:b ex:c . \n", f"3:1: invalid TriG: Unexpected end {FIX}"),
    "broken.jsonld": ('{\n  "@id": "http://example.org/a",\n  "http://example.org/b": [1, 2,]\n}\n', f"3:33: invalid JSON-LD: Trailing commas are not allowed {FIX}"),
    "relative.jsonld": ('{"@id": "klippan", "http://example.org/p": "v"}', f"1:10: invalid JSON-LD: the relative IRI 'klippan' and no base to resolve it against {RELATIVE}"),
    # the bracket that opens level 257 (the 256th "[" after the one object)
    "deep.jsonld": (
        '{"@id": "http://example.org/a",\n "http://example.org/p": ' + "[" * 300 + "]" * 300 + "}",
        "2:281: invalid JSON-LD: JSON nested deeper than 256 levels (objects and arrays inside each other); no JSON-LD document needs that many (flatten the document)",
    ),
    "broken.rdf": (
        f'<?xml version="1.0"?>\n<rdf:RDF {RDF}>\n  <rdf:Description rdf:about="http://example.org/a">\n  </rdf:Descriptio>\n</rdf:RDF>\n',
        f"4:5: invalid RDF/XML: not well-formed XML (mismatched tag) {FIX}",
    ),
    "relative.rdf": (
        f'<?xml version="1.0"?>\n<rdf:RDF {RDF}>\n  <rdf:Description rdf:about="klippan" xmlns:ex="http://example.org/"><ex:p>v</ex:p></rdf:Description>\n</rdf:RDF>\n',
        f"3:31: invalid RDF/XML: the relative IRI 'klippan' and no base to resolve it against {RELATIVE}",
    ),
}


def _write(tmp_path, name: str):
    content = CASES[name][0]
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_parse_file_reports_the_exact_line_and_column(tmp_path, name):
    path = _write(tmp_path, name)
    with pytest.raises(InputError) as e:
        parse_file(path, GRAPH)
    assert str(e.value) == f"{path}:{CASES[name][1]}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_load_file_reports_the_same_place(tmp_path, name):
    path = _write(tmp_path, name)
    with pytest.raises(InputError) as e:
        load_file(ox.Store(), path, GRAPH)
    assert str(e.value) == f"{path}:{CASES[name][1]}"
    line, column = (int(n) for n in CASES[name][1].split(":")[:2])
    assert (e.value.line, e.value.column) == (line, column)
    assert e.value.exit_code == EXIT_ERROR == 2


def test_a_relative_iri_is_read_against_a_base_when_one_is_given(tmp_path):
    for name in ("relative.ttl", "relative.jsonld", "relative.rdf"):
        quads = parse_file(_write(tmp_path, name), GRAPH, base_iri="http://example.org/base/")
        assert [q.subject.value for q in quads] == ["http://example.org/base/klippan"], name


def test_an_error_without_a_place_names_the_file_only(tmp_path):
    assert str(InputError("a.ttl", "no such file", hint="check the path")) == "a.ttl: no such file (check the path)"
    assert str(InputError("a.ttl", "bad", line=3)) == f"a.ttl:3: bad {FIX}"
    assert str(InputError("a.ttl", "bad", line=3, column=0)) == f"a.ttl:3:0: bad {FIX}"
    with pytest.raises(InputError) as e:
        parse_file(tmp_path / "missing.ttl", GRAPH)
    assert str(e.value) == f"{tmp_path / 'missing.ttl'}: no such file (check the path)"
    (tmp_path / "latin1.ttl").write_bytes(b'<http://example.org/a> <http://example.org/b> "\xe5" .\n')
    with pytest.raises(InputError) as e:
        parse_file(tmp_path / "latin1.ttl", GRAPH)
    assert str(e.value).startswith(f"{tmp_path / 'latin1.ttl'}:") and "UTF-8" in str(e.value)


def test_exit_codes():
    assert InvalidData("x").exit_code == EXIT_INVALID == 1
    assert UsageError("x").exit_code == EXIT_ERROR
    e = Interrupted(signal.SIGTERM)
    assert (e.signum, e.exit_code, e.args) == (signal.SIGTERM, 143, (signal.SIGTERM,))
    assert Interrupted(signal.SIGHUP).exit_code == 129


def test_the_hostile_corpus_in_process(tmp_path):
    """Every case of tests/hostile/cases/ that the command line refuses (exit 2), read here by
    parse_file: the same file:line:column and message fragments as on stderr."""
    import tomllib
    from pathlib import Path

    from hostile.test_corpus import CASES as CORPUS
    from hostile.test_corpus import content_of

    seen = 0
    for case_file in sorted(Path(CORPUS).glob("*.toml")):
        case = tomllib.loads(case_file.read_text(encoding="utf-8"))
        if case.get("exit") != 2 or case.get("args") or case.get("verbs", ["validate"]) == ["query"]:
            continue
        path = tmp_path / case["file"]
        path.write_bytes(content_of(case))
        with pytest.raises(InputError) as e:
            parse_file(path, GRAPH)
        message = str(e.value).replace(str(tmp_path) + "/", "")
        for fragment in case.get("stderr", []):
            assert fragment in message, (case_file.name, message)
        seen += 1
    assert seen >= 20


def _quads(tmp_path, name: str, content: str, **kw) -> list[ox.Quad]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return parse_file(path, GRAPH, **kw)


def test_an_unknown_extension_names_the_formats_fhkg_reads(tmp_path):
    from fhkg.terms.formats import extensions

    for name, shown in (("data.csv", "'.csv'"), ("data", "'(none)'")):
        (tmp_path / name).write_text("a,b\n", encoding="utf-8")
        with pytest.raises(InputError) as e:
            parse_file(tmp_path / name, GRAPH)
        assert str(e.value) == f"{tmp_path / name}: unknown RDF file type {shown} (use one of {', '.join(extensions())})"
        assert e.value.args == (str(e.value),)  # the exception carries its message (tracebacks, logs)


def test_triples_go_to_the_graph_asked_for_and_a_quad_file_keeps_its_own(tmp_path):
    g, other = ox.NamedNode(GRAPH), ox.NamedNode("http://example.org/other")
    a, p = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p")
    assert _quads(tmp_path, "t.ttl", '<http://example.org/a> <http://example.org/p> "v" .\n') == [ox.Quad(a, p, ox.Literal("v"), g)]
    nq = '<http://example.org/a> <http://example.org/p> "v" <http://example.org/other> .\n<http://example.org/a> <http://example.org/p> "w" .\n'
    assert _quads(tmp_path, "q.nq", nq) == [ox.Quad(a, p, ox.Literal("v"), other), ox.Quad(a, p, ox.Literal("w"), g)]
    trig = '<http://example.org/other> { <http://example.org/a> <http://example.org/p> "v" }\n<http://example.org/a> <http://example.org/p> "w" .\n'
    assert _quads(tmp_path, "q.trig", trig) == [ox.Quad(a, p, ox.Literal("v"), other), ox.Quad(a, p, ox.Literal("w"), g)]
    store = ox.Store()
    (tmp_path / "b.ttl").write_text("<x> <http://example.org/p> 1 .\n", encoding="utf-8")
    load_file(store, tmp_path / "b.ttl", GRAPH, base_iri="http://example.org/")
    load_file(store, tmp_path / "q.nq", GRAPH)
    assert sorted(str(q) for q in store) == sorted(
        str(q) for q in [ox.Quad(ox.NamedNode("http://example.org/x"), p, ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), g), ox.Quad(a, p, ox.Literal("v"), other), ox.Quad(a, p, ox.Literal("w"), g)]
    )


def test_absolute_json_ld_passes_without_a_base(tmp_path):
    doc = '{"@id": "http://example.org/a", "http://example.org/p": [{"@value": "1", "@type": "http://www.w3.org/2001/XMLSchema#integer"}, {"@id": "_:b"}, "x-fhkg-relative: only text"]}'
    assert len(_quads(tmp_path, "ok.jsonld", doc)) == 3
    store = ox.Store()
    load_file(store, tmp_path / "ok.jsonld", GRAPH)
    assert len(store) == 3


def test_a_relative_datatype_and_a_network_path_in_json_ld(tmp_path):
    cases = {
        "datatype.jsonld": ('{"@id": "http://example.org/a", "http://example.org/p": {"@value": "1", "@type": "number"}}', "1:83", "number"),
        "network.jsonld": ('{"@id": "//evil.example/x", "http://example.org/p": "v"}', "1:10", "//evil.example/x"),
        # the same relative IRI twice: the first place is named; a file starting with a newline counts it
        "twice.jsonld": ('\n{"@id": "klippan", "http://example.org/p": {"@id": "klippan"}}', "2:10", "klippan"),
    }
    for name, (content, where, relative) in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        for read in (parse_file, lambda p, g: load_file(ox.Store(), p, g)):
            with pytest.raises(InputError) as e:
                read(path, GRAPH)
            assert str(e.value) == f"{path}:{where}: invalid JSON-LD: the relative IRI {relative!r} and no base to resolve it against {RELATIVE}"


def _deep(levels: int, before: str = "") -> str:
    """A JSON-LD document whose deepest bracket opens level ``levels`` (the object is level 1)."""
    return '{"@id": "http://example.org/a", ' + before + '"http://example.org/p": ' + "[" * (levels - 1) + "1" + "]" * (levels - 1) + "}"


def test_json_nesting_of_256_levels_passes_and_257_is_refused_at_its_bracket(tmp_path):
    assert len(_quads(tmp_path, "d256.jsonld", _deep(256))) == 1
    with pytest.raises(InputError) as e:
        _quads(tmp_path, "d257.jsonld", _deep(257))
    assert (e.value.line, e.value.column) == (1, 57 + 255)  # the first "[" is character 57


def test_closed_brackets_and_escapes_do_not_move_the_place_of_the_deep_one(tmp_path):
    # closed objects and arrays before the deep one, a string with an escaped quote and brackets,
    # an escaped backslash right before a closing quote, a string after the deep part
    before = '"http://example.org/q": [{"@value": "x"}, {"@value": "y\\"[[{{\\\\"}], '
    doc = _deep(257, before)[:-1] + ', "http://example.org/r": "after"}'
    with pytest.raises(InputError) as e:
        _quads(tmp_path, "d.jsonld", doc)
    first = doc.index("[[[") + 1  # 1-based column of the first bracket of the deep part
    assert (e.value.line, e.value.column) == (1, first + 255)
    # the same brackets inside strings count for nothing
    flat = '{"@id": "http://example.org/a", "http://example.org/p": ["\\\\", "' + "[" * 300 + '\\"' + "{" * 300 + '", "b"]}'
    assert len(_quads(tmp_path, "flat.jsonld", flat)) == 3


@pytest.mark.parametrize(
    "name, content, looks",
    [
        ("mine.nt", "# a comment with words\n# another one\n\n  @prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n", "Turtle"),
        ("mine.ttl", '\ufeff\n  {"@id": "http://example.org/a"', "JSON-LD"),
        ("mine.jsonld", "\n\n<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", "N-Triples"),
    ],
)
def test_a_file_that_looks_like_another_format_gets_a_hint(tmp_path, name, content, looks):
    from fhkg.terms.formats import FORMATS, by_path

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        parse_file(path, GRAPH)
    other = next(f for f in FORMATS.values() if f.title == looks)
    declared = by_path(path)
    assert declared is not None
    assert e.value.hint == f"the file looks like {looks}, not {declared.title} as its extension says: rename it to mine{other.extension} (fhkg reads the format from the extension)"


def test_a_file_of_only_a_comment_gets_no_hint(tmp_path):
    path = tmp_path / "comment.jsonld"
    path.write_text("# only a comment", encoding="utf-8")
    with pytest.raises(InputError) as e:
        parse_file(path, GRAPH)
    assert e.value.hint == "fix the file and run the command again" and e.value.line == 1


def test_what_fhkg_refuses_to_fetch_or_expand_says_what_to_do_instead(tmp_path):
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://example.org/x", "p": "v"}', encoding="utf-8")
    with pytest.raises(InputError) as e:
        parse_file(remote, GRAPH)
    assert str(e.value) == f"{remote}: invalid JSON-LD: a remote @context is not fetched: fhkg makes no requests to other servers (put the context into the file itself)"
    entity = tmp_path / "entity.rdf"
    entity.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        f'<rdf:RDF {RDF}><rdf:Description rdf:about="http://example.org/a"><rdf:value>&e;</rdf:value></rdf:Description></rdf:RDF>\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        parse_file(entity, GRAPH)
    assert "external entities are never read and entity definitions are not used" in e.value.message
    assert e.value.hint == "write the text out instead of an entity"


@pytest.mark.parametrize(
    "doc, where",
    [
        ('{"@id": "http://example.org/a", "http://example.org/p": [{"@value": "a", "@language": "sv"}, {"@value": 1, "@language": 5}]}', '$["http://example.org/p"][1]["@language"]'),
        ('{"@id": "http://example.org/a", "http://example.org/p": {"@reverse": 5}}', '$["http://example.org/p"]["@reverse"]'),
        ('{"@context": {"@version": "1.1x"}, "@id": "http://example.org/a"}', '$["@context"]["@version"]'),
        ('{"@context": {"@propagate": "yes"}, "@id": "http://example.org/a"}', '$["@context"]["@propagate"]'),
        ('[{"@id": "http://example.org/a"}, {"@id": 5}]', '$[1]["@id"]'),
        ('{"@id": "http://example.org/a", "http://example.org/ålder": {"@value": "x", "@language": 5}}', '$["http://example.org/ålder"]["@language"]'),  # as written, not \u escaped
    ],
)
def test_a_json_ld_error_without_a_place_gets_the_json_path(tmp_path, doc, where):
    path = tmp_path / "k.jsonld"
    path.write_text(doc, encoding="utf-8")
    with pytest.raises(InputError) as e:
        parse_file(path, GRAPH)
    assert e.value.message.endswith(f" (at {where})") and e.value.line is None, str(e.value)


def test_the_deep_bracket_is_placed_after_closed_ones_at_the_same_level(tmp_path):
    doc = '{"@id": "http://example.org/a", "http://example.org/p": [{"@list": [1]}, ' + "[" * 300 + "]" * 300 + "]}"
    with pytest.raises(InputError) as e:
        _quads(tmp_path, "d.jsonld", doc)
    # levels: { 1, [ 2, then the deep part opens level 3 at its first bracket
    assert (e.value.line, e.value.column) == (1, doc.index("[[[") + 1 + 254)


def test_the_json_path_is_found_past_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.jsonld"
    path.write_bytes(b'\xef\xbb\xbf{"@id": "http://example.org/a", "http://example.org/p": {"@value": "x", "@language": 5}}')
    with pytest.raises(InputError) as e:
        parse_file(path, GRAPH)
    assert e.value.message == 'invalid JSON-LD: @language value must be a string (at $["http://example.org/p"]["@language"])'


def test_where_a_file_writes_an_iri(tmp_path):
    """The place a refused shapes component is reported at (fhkg.validation): its first line as a subject."""
    path = tmp_path / "shapes.ttl"
    path.write_text(
        "@prefix ex: <http://example.org/> .\nPREFIX e: <http://example.org/e/>\n@prefix : <http://example.org/d/> .\n"
        "# ex:C in a comment, and ex:C as an object first\nex:S ex:uses ex:C, ex:C.x .\n"  # 4, 5
        "  ex:C a ex:K .\n<http://example.org/D> a ex:K .\ne:F a ex:K.\n:G a ex:K .\nex:Hx a ex:H .\ne: a ex:K .\n",  # 6 .. 11
        encoding="utf-8",
    )
    assert find_iri(path, EXAMPLE + "C") == (6, 3)  # as a subject at a line's start, before any other place
    assert find_iri(path, EXAMPLE + "D") == (7, 1)
    assert find_iri(path, EXAMPLE + "e/F") == (8, 1)  # a SPARQL-style PREFIX; the statement's dot is no part of the name
    assert find_iri(path, EXAMPLE + "d/G") == (9, 1)  # the empty prefix
    assert find_iri(path, EXAMPLE + "H") == (10, 9)  # only as an object: its first place (ex:Hx is another name)
    assert find_iri(path, EXAMPLE + "C.x") == (5, 20)  # a dot inside a local name
    assert find_iri(path, EXAMPLE + "S") == (5, 1)
    assert find_iri(path, EXAMPLE + "e/") == (11, 1)  # a namespace itself: a prefix and no local name
    assert find_iri(path, EXAMPLE + "nowhere") is None and find_iri(path, EXAMPLE + "a b") is None
    odd = tmp_path / "odd.ttl"  # bytes that are not UTF-8 in another prefix's IRI do not stop the search
    odd.write_bytes(b"@prefix odd: <http://example.org/\xff/> .\n@prefix ex: <http://example.org/> .\nex:C a ex:K .\n")
    assert find_iri(odd, EXAMPLE + "C") == (3, 1)
