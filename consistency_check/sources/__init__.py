"""Source format registry (placeholder: being written)."""
