"""``python -m consistency_check``."""

from consistency_check.cli import main

main()
