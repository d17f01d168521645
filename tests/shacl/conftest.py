"""Fixtures shared by the SHACL tests."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from fhkg.graph import GRAPHS, parse_file
from fhkg.shacl.shapes import ShapesGraph

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def component_shapes() -> ShapesGraph:
    """``components-shapes.ttl``: shapes that use every SHACL Core component (with ``components-data.ttl``)."""
    return ShapesGraph(ox.Triple(q.subject, q.predicate, q.object) for q in parse_file(HERE / "components-shapes.ttl", GRAPHS["shapes"]))
