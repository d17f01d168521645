"""Writing RDF: deterministic blank-node labels (:mod:`.bnodes`)."""
