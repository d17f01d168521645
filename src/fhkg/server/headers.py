"""The security headers of every response, for ``fhkg serve`` and for the generated nginx and
Apache rules of a static deployment (one definition for both; this module imports nothing)."""

from __future__ import annotations


def content_security_policy(*script_hashes: str) -> str:
    """What a page may load: only this server's own scripts (plus inline scripts with one of
    ``script_hashes``), styles and images; no plugins, no framing, forms and fetches to itself."""
    scripts = " ".join(("'self'", *script_hashes))
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:;"
        " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


#: On every response (CSP matters for HTML and SVG; the rest is harmless elsewhere).
SECURITY = {
    "Content-Security-Policy": content_security_policy(),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
