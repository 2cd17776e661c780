"""consistency-check: a channel-consistency policy linter.

It reads web FAQ pages, chatbot intent repositories, agent knowledge bases
and store scripts, turns them into one canonical model of statements with
typed facts, and reports every contradiction between them.
"""

__version__ = "0.1.0"
