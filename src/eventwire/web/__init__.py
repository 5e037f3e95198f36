"""eventwire's web app and REST API (``eventwire serve``): see :func:`eventwire.web.app.create_app`."""

from eventwire.web.app import create_app

__all__ = ["create_app"]
