"""Extraction: tokens -> clauses -> triggers -> roles -> events; rules are data in etl/rules/*.toml."""

from etl.extract.events import Explained, Explanation, extract_events, extract_explained

__all__ = ["Explained", "Explanation", "extract_events", "extract_explained"]
