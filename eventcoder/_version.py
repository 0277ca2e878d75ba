"""The version of eventcoder (also in pyproject.toml and CITATION.cff; a test keeps them equal)."""

__version__ = "0.1.0"
