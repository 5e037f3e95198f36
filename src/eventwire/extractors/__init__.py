"""Extractors: one module per field family, each reading a spaCy Doc and returning record-shaped dicts."""
