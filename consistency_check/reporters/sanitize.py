"""Make untrusted source text safe to print on a terminal.

Quotes, paths, subjects and messages come from files the tool did not write.
A quote holding ``\\x1b[2J`` must not clear the reader's screen, and one
holding U+202E must not reorder what they read. Every such character is
replaced by a visible escape (``\\x1b``, ``\\u202e``) so the reader still sees
that it was there.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, the Unicode bidi
# embedding/override/isolate controls, and the line/paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_SPACE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    """Spell one unsafe character as a Python-style escape."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _visible_or_space(match: re.Match[str]) -> str:
    """Like :func:`_visible`, but turn tab and newline into a plain space."""
    if match.group() in "\t\n":
        return " "
    return _visible(match)


def clean(text: str) -> str:
    """Return ``text`` with every unsafe character shown as an escape; keeps ``\\n`` and ``\\t``."""
    return _UNSAFE.sub(_visible, text)


def clean_line(text: str) -> str:
    """Return ``text`` on one line: unsafe characters escaped, tabs and newlines as spaces."""
    return _UNSAFE_OR_SPACE.sub(_visible_or_space, text)
