"""Making article text safe for a terminal: no markup, no escape sequences."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Show control characters (ESC, bidi overrides, ...) as ``\\x1b``-style escapes and fold
    line breaks to spaces, so that article text can never change the terminal."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return escape_controls(text)


def escape_controls(text: str) -> str:
    """Control characters other than line feed and tab as ``\\x1b``-style escapes."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
