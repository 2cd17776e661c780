"""Typed fact extraction (placeholder: being written)."""
