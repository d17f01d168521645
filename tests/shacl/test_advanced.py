"""What a user's shapes file asks for beyond SHACL Core and SHACL-SPARQL: an entailment regime
(``sh:entailment``), which SHACL 1.0 (section 1.5) says a processor that does not support it must
refuse, is refused with exit 2; the Advanced Features (rules, SPARQL targets, node expressions),
which neither engine runs, get a warning naming the file and the terms, and validation goes on.
"""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox

from fhkg.shacl.shapes import advanced_features, entailments

HEAD = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"
AF = HEAD + (
    "ex:S a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select \"SELECT ?this WHERE { ?this a <http://example.org/C> }\" ] ;\n"
    "  sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate ex:p ; sh:object ex:o ] ;\n"
    "  sh:property [ sh:path ex:p ; sh:minCount 1 ] .\n"
)


def triples(ttl: str) -> list[ox.Triple]:
    return list(ox.parse(ttl.encode(), format=ox.RdfFormat.TURTLE))


def test_the_advanced_features_a_shapes_graph_uses_are_named():
    assert advanced_features(triples(AF)) == ["sh:SPARQLTarget", "sh:TripleRule", "sh:rule", "sh:target"]
    core = HEAD + "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this WHERE { $this ex:p 1 }\" ] ; sh:property [ sh:path ex:p ; sh:minCount 1 ] ."
    assert advanced_features(triples(core)) == []
    assert entailments(triples(HEAD + "ex:G sh:entailment <http://www.w3.org/ns/entailment/RDFS> .")) == ["http://www.w3.org/ns/entailment/RDFS"]
    assert entailments(triples(core)) == []


def fhkg(*args: str):
    return subprocess.run([sys.executable, "-m", "fhkg", *args], capture_output=True, text=True)


def test_a_shapes_file_with_advanced_features_gets_a_warning_and_is_validated(tmp_path):
    path = tmp_path / "af.ttl"
    path.write_text(AF, encoding="utf-8")
    done = fhkg("validate", "--shapes", str(path))
    assert done.returncode == 0, done.stdout + done.stderr  # the shipped graph holds no ex:C
    assert f"fhkg: warning: {path}: uses sh:SPARQLTarget, sh:TripleRule, sh:rule, sh:target, of the SHACL Advanced Features, which fhkg does not run" in done.stderr
    assert done.stderr.count("warning") == 1 and "Traceback" not in done.stderr


def test_a_shapes_file_that_asks_for_entailment_is_refused(tmp_path):
    path = tmp_path / "rdfs.ttl"
    path.write_text(HEAD + "ex:Shapes sh:entailment <http://www.w3.org/ns/entailment/RDFS> .\nex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .\n", encoding="utf-8")
    for engine in ("fast", "pyshacl"):
        done = fhkg("validate", "--shapes", str(path), "--engine", engine)
        assert done.returncode == 2, done.stdout + done.stderr
        assert f"{path}: sh:entailment <http://www.w3.org/ns/entailment/RDFS> asks for an entailment regime" in done.stderr
        assert "remove sh:entailment and add the inferred triples to the data instead" in done.stderr
        assert done.stdout == "" and "Traceback" not in done.stderr
