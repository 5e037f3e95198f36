"""eventwire: English news reports in, structured, geocoded, sourced event records out.

Example:
    >>> import eventwire  # doctest: +SKIP
    >>> rec = eventwire.extract("Police arrested 12 men in Kano.", published="2025-03-05")  # doctest: +SKIP
    >>> rec["events"][0]["type"], rec["events"][0]["counts"]["arrested"]["value"]  # doctest: +SKIP
    ('COERCE', 12)
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Pipeline", "extract", "__version__"]


def __getattr__(name: str):
    # Loading spaCy takes seconds: import the pipeline only when the API is used, not on `import eventwire`.
    if name == "Pipeline":
        from eventwire.pipeline import Pipeline

        return Pipeline
    if name == "extract":
        from eventwire.pipeline import extract

        return extract
    raise AttributeError(name)
