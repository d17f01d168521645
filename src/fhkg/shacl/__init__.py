"""SHACL: the shapes graph (:mod:`.shapes`), validation on Oxigraph (:mod:`.engine`), pySHACL as
the reference (:mod:`.reference`) and the report both produce (:mod:`.report`)."""

#: fast: every constraint on Oxigraph; pyshacl: pySHACL, the reference validator (slower).
ENGINES = ("fast", "pyshacl")
