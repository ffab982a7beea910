"""Nicknames, kunyas and aliases: one person under several names.

* A quoted nickname or kunya inside a name is part of it: ``Nemesio "El Mencho" Oseguera``,
  ``Jamal Jaafar "Abu Mahdi" al-Muhandis`` are one person each, the nickname an alias.
* "also known as", "known as", "alias", "a.k.a.", "nom de guerre" join two names of a person:
  "Salim Hadi, also known as Abu Hadi".
* Later mentions of an alias ("El Mencho said ...") are the same person.
"""

from __future__ import annotations

import re

from ..labels import PERSON_TITLES
from ..name_words import LEADING_WORDS
from .context import Context, Draft, by_start, whole_word_spans
from .names import name_tokens

_PARTICLE = r"(?:(?:al|el|ad|ash|as|ar|az|bin|ibn|abu|de|del|la|van|von)[- ])"
# A capitalised word of a name; never a word that opens a sentence ("The", "In").
_WORD = r"(?!(?:" + "|".join(sorted(LEADING_WORDS)) + r")\b)[A-Z][\w'’-]*\w"
_NAME = rf"{_WORD}(?:[ \t]+{_PARTICLE}?{_WORD}){{0,3}}"
# Given names, a quoted nickname of one to three words, then the family name:
# Jamal Jaafar "Abu Mahdi" al-Muhandis.
_NICK = r"[\"“](?P<nick>[A-Z][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,2})[\"”][ \t]+"
_QUOTED = re.compile(
    rf"(?<![\w'’.-])(?P<given>{_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]+{_NICK}"
    rf"(?P<family>{_PARTICLE}?{_WORD}(?:[ \t]+{_PARTICLE}?{_WORD}){{0,2}})(?![\w'’-])"
)
# Salim Hadi, also known as Abu Hadi / Salim Hadi (alias "Abu Hadi").
_AKA_WORDS = (
    r"(?:known[ \t]+as|alias|a\.k\.a\.|aka|(?:whose|with[ \t]+the|under[ \t]+the|by[ \t]+the|"
    r"his|her)[ \t]+nom[ \t]+de[ \t]+guerre(?:[ \t]+is)?|nom[ \t]+de[ \t]+guerre)"
)
# An age may stand between: "Mohamed Hamdan Dagalo, 49, known as Hemedti".
_AKA = re.compile(
    rf"(?P<name>{_NAME})(?:,[ \t]+\d{{1,3}})?,?[ \t]+"
    rf"\(?(?:also[ \t]+|better[ \t]+)?{_AKA_WORDS}[ \t]+[\"“]?(?P<alias>{_NAME})"
)
# Every match of _QUOTED holds a match of _QUOTED_CUE and every match of _AKA one of _AKA_CUE:
# a text without them (almost every one) is not scanned name by name.
_QUOTED_CUE = re.compile(rf"{_NICK}{_PARTICLE}?[A-Z]")
_AKA_CUE = re.compile(_AKA_WORDS)


def nicknames_and_aliases(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Whole people with their nicknames, names joined by "also known as", and later mentions
    of an alias, as PERSON mentions; ``ctx.aliases`` records which name each alias stands for."""
    text = ctx.text
    out = list(mentions)
    for match in _QUOTED.finditer(text) if _QUOTED_CUE.search(text) else ():
        start = _after_titles(text, match.start("given"), match.end("given"))
        if start is None:
            continue
        draft = Draft(start, match.end(), "PERSON", None, "", "pattern")
        if _replace(ctx, out, draft):
            full = name_tokens(text[start : match.end()])
            _record(ctx, match.group("nick"), full)
    for match in _AKA.finditer(text) if _AKA_CUE.search(text) else ():
        out = _aka(ctx, out, match) or out
    if not ctx.aliases:
        return mentions if out == mentions else by_start(out)
    return by_start(_later_mentions(ctx, out))


def _after_titles(text: str, start: int, end: int) -> int | None:
    """The start of a name after any title words in front of it ("Commander Jamal ...")."""
    for word in re.finditer(r"\S+", text[start:end]):
        if (
            word.group().lower().rstrip(".") not in PERSON_TITLES
            and word.group().lower() not in PERSON_TITLES
        ):
            return start + word.start()
    return None


def _replace(ctx: Context, mentions: list[Draft], draft: Draft) -> bool:
    """Put ``draft`` in place of the mentions it overlaps, unless one is a known entity or
    something other than a person reaching outside it (then nothing changes). A person the
    model cut short is taken in whole."""
    clash = [m for m in mentions if m.start < draft.end and draft.start < m.end]
    for m in clash:
        inside = draft.start <= m.start and m.end <= draft.end
        if m.ent_id in ctx.rules.entities or not (inside or m.type == "PERSON"):
            return False
    for m in clash:
        mentions.remove(m)
    start = min([draft.start, *(m.start for m in clash)])
    end = max([draft.end, *(m.end for m in clash)])
    mentions.append(Draft(start, end, draft.type, draft.kind, draft.ent_id, draft.source))
    return True


def _aka(ctx: Context, mentions: list[Draft], match: re.Match[str]) -> list[Draft] | None:
    """Join "<name>, also known as <alias>" when the name is a person's."""
    start, end = match.span("name")
    person = next(
        (m for m in mentions if m.type == "PERSON" and m.start < end and start < m.end), None
    )
    if person is None or person.end != end:
        return None
    alias = Draft(match.start("alias"), match.end("alias"), "PERSON", None, "", "alias")
    out = list(mentions)
    if not _replace(ctx, out, alias):
        return None
    _record(ctx, match.group("alias"), name_tokens(ctx.surface(person)))
    return out


def _record(ctx: Context, alias: str, full: tuple[str, ...]) -> None:
    tokens = name_tokens(alias)
    if tokens and full and tokens != full:
        ctx.aliases.setdefault(tokens, full)
        names = ctx.alias_names.setdefault(full, [])
        if alias not in names:
            names.append(alias)


def _later_mentions(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Every other mention of an alias is the person too ("El Mencho" on its own)."""
    text = ctx.text
    out = list(mentions)
    for names in ctx.alias_names.values():
        for alias in names:
            for start, end in whole_word_spans(text, alias, not_before="'’"):
                draft = Draft(start, end, "PERSON", None, "", "alias")
                if not any(
                    m.start <= draft.start and draft.end <= m.end and m.type == "PERSON"
                    for m in out
                ):
                    _replace(ctx, out, draft)
    return out
