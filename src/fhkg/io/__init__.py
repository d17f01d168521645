"""Reading and writing RDF: the user's input files (:mod:`.inputs`), deterministic serialisations
(:mod:`.serialize`) with their blank-node labels (:mod:`.bnodes`), the twins' compact JSON-LD
(:mod:`.jsonld`) and the source files' Turtle layout (:mod:`.turtle`)."""
