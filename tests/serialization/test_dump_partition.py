"""The quad dumps' four named graphs partition the triples (fhkg.publish.dumps.named_graphs), also
for a link whose subject is a blank node: it is the data's blank node, written once, in ``links``.
Found while reading the callers of fhkg.io.serialize.triple_lines; see docs/mutation.md."""

from __future__ import annotations

import fhkg
from fhkg.graph import GRAPHS
from fhkg.publish.dumps import named_graphs


def test_a_link_from_a_blank_node_is_in_links_only_with_the_datas_label(tmp_path):
    data = tmp_path / "link.ttl"
    data.write_text('@prefix ex: <https://example.org/> .\n_:x ex:name "thing" ; <http://www.w3.org/2002/07/owl#sameAs> <https://www.wikidata.org/wiki/Q1> .\n')
    named = named_graphs(fhkg.load(data=[data]))
    [name_line] = [line for line in named[GRAPHS["data"]] if b'"thing"' in line]
    subject = name_line.split(b" ")[0]
    assert [line for line in named[GRAPHS["data"]] if b"wikidata" in line] == []
    assert [line for line in named[GRAPHS["links"]] if b"wikidata" in line] == [subject + b" <http://www.w3.org/2002/07/owl#sameAs> <https://www.wikidata.org/wiki/Q1> ."]
