"""Text utilities shared by checks: the term matcher and helpers for reading comment text."""

from commentguard.text.terms import TermMatch, TermMatcher, compile_terms

__all__ = ["TermMatch", "TermMatcher", "compile_terms"]
