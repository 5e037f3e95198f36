"""Readers: files in, :class:`Article` or :class:`BadItem` out. Nothing read is ever dropped silently."""

from eventwire.ingest.readers import Article, BadItem, read_paths

__all__ = ["Article", "BadItem", "read_paths"]
