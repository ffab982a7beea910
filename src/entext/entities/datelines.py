"""Datelines: the capitalised place that opens a story ("BAGHDAD, March 3 (Reuters) -")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .context import Context, Draft, by_start
from .place_context import GAP_MIN_POPULATION

_CAPS_NAME = r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}"
# One or two capitalised places, as in "TIJUANA & SAN DIEGO".
_CAPS_PLACES = rf"({_CAPS_NAME}(?:[ \t]*[&/][ \t]*{_CAPS_NAME})?)"
_WIRES = (
    "AP|Reuters|AFP|CNN|UPI|dpa|DPA|Xinhua|IANS|PTI|ANI|Bloomberg|Bernama|Anadolu|AA|"
    "NNA|SANA|IRNA|KUNA|WAFA|Sputnik|TASS|Interfax|Ukrinform|Yonhap|Kyodo"
)
# "BOSTON (Reuters) -", "ALBUQUERQUE, N.M. (AP) -", "KHARTOUM, Sudan, Jan 5 (Reuters) -":
# the wire service in brackets makes it a dateline wherever it stands.
_WIRE_DATELINE = re.compile(
    rf"(?<![\w-]){_CAPS_PLACES}(?:,[ \t]+(?:(?![A-Z]{{2}})[^()\n]){{1,30}}?)?"
    rf"[ \t]*\((?:{_WIRES})\)"
)
# "WINNIPEG — ...", "BAGHDAD, March 3 -": a capitalised name opening a line or a sentence,
# then a dash or a comma; away from the first lines only known places are taken.
_DATELINE = re.compile(
    rf"(?:^|(?<=[.!?][ \t])|(?<=[.!?][\"”’)][ \t]))[ \t]*{_CAPS_PLACES}"
    r"(?=(?:(?P<comma>,+[ \t])|[ \t]*\(|[ \t]+[—–-]+[ \t]|(?P<titled>[ \t]+[A-Z][a-z])))",
    re.MULTILINE,
)
_DATELINE_OPENING = 1_500
_NOT_DATELINES = frozenset(
    "UPDATE EXCLUSIVE BREAKING ANALYSIS OPINION WATCH LIVE VIDEO PHOTOS CORRECTION REFILE "
    "FACTBOX EXPLAINER INTERVIEW EDITORIAL NEWS AP AFP".split()
)
_PLACE_SEPARATOR = re.compile(r"[ \t]*[&/][ \t]*")


def dateline_places(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """The capitalised place of a dateline ("WINNIPEG — ...", "BAGHDAD, March 3 (Reuters) -")
    is a place, whatever the model made of it. Stories pasted one after another each have one,
    so they are looked for throughout: anywhere before a wire service's name in brackets, and
    at the start of a line or sentence when the name is a known place (in the opening lines,
    any capitalised name before a comma, dash or bracket)."""
    from ..places import known_place

    text, rules = ctx.text, ctx.rules

    def known(name: str, min_population: int) -> bool:
        info = rules.find(name)
        if info is not None:
            return info.type == "LOC"
        place = known_place(name)
        if place is None or place.is_word:
            return False
        return place.kind == "ADMIN" or place.population >= min_population

    found: list[tuple[int, int]] = []
    for match in _WIRE_DATELINE.finditer(text):
        found.extend(_dateline_names(match.group(1), match.start(1)))
    for match in _DATELINE.finditer(text):
        line_start = text.rfind("\n", 0, match.start(1)) + 1
        opening = (
            match.start(1) < _DATELINE_OPENING
            and not match.group("titled")
            and not text[line_start : match.start(1)].strip()
        )
        # "AMLO, as he is known": before a comma, a small town's name is too weak a sign.
        min_population = GAP_MIN_POPULATION if match.group("comma") else 0
        for start, end in _dateline_names(match.group(1), match.start(1)):
            if opening or known(text[start:end], min_population):
                found.append((start, end))
    if not found:
        return mentions
    out = list(mentions)
    for start, end in sorted(set(found)):
        clash = [o for o in out if o.start < end and start < o.end]
        inside = all(start <= o.start and o.end <= end for o in clash)
        if any((o.type == "LOC" and not inside) or o.source != "model" for o in clash):
            continue
        out = [o for o in out if o not in clash]
        out.append(Draft(start, end, "LOC", None, "", "pattern"))
    return by_start(out)


def _dateline_names(names: str, offset: int) -> Iterator[tuple[int, int]]:
    """The spans of the one or two names in a dateline, without words that are not places."""
    position = 0
    for sep in [*_PLACE_SEPARATOR.finditer(names), None]:
        stop = sep.start() if sep else len(names)
        name = names[position:stop]
        words = name.replace(".", "").split()
        if len(name) >= 3 and not any(w in _NOT_DATELINES for w in words):
            yield offset + position, offset + stop
        position = sep.end() if sep else stop
