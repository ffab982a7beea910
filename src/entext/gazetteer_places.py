"""The bigger gazetteer also fixes recognition: a name the small model reads as a person or an
organisation that the world gazetteer knows as a place in the document's focus country, and
that the text uses as a place, becomes a place.

This works on whole entities after entity building (``entities/`` decides by cue nouns and the
small tables; this pass only adds what the world gazetteer and the document's focus know), and
only on what the model alone produced: gazetteer and pattern entities keep their type, and so
does any name the document gives to a person. A name is taken when every one of these holds:

* the world gazetteer has a town, village, city or subdivision under that main name (not an
  alternate spelling) in one of the document's focus countries, and the name is no ordinary
  English word ("Reading") and no short all-capital word;
* no mention follows a title ("Mr Burton", "Governor Kent") or is followed by a speech verb
  ("Hayes said"), and the name is no part of a longer person's name in this document
  ("Michael Jordan" ... "Jordan");
* at least one mention is used as a place: after a locative word ("in Clarinda", "at
  Coggeshall"; organisations only after the words that never introduce one, so "at Harvard"
  stays an organisation), after ", of" ("Sarah Abdhou, of Hayes,"), before a designator ("Obinze
  district") or a larger place (", Essex"), beside another place in a list ("Žilina, Nitra,
  Prešov"), or with its own designator ("Sokoto State").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .entities.names import proper_runs
from .entities.place_context import LOCATIVE, LOCATIVE_KNOWN
from .labels import PERSON_TITLES
from .normalize import slugify
from .place_index import Place, PlaceIndex
from .schema import Entity, Mention

# After these a name is a place whoever the model thought it was ("in", "near", "outside" ...):
# the locative words of entity building. The wider set ("at", "from", verbs of attack) also
# introduces organisations ("studied at Harvard", "a grant from Boeing"), so it counts only for
# names the model took for a person, and without "to", which opens letters and dedications
# ("To Ashley, of Swindon").
_PLACE_WORDS = LOCATIVE
_PERSON_PLACE_WORDS = LOCATIVE_KNOWN - {"to"}
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+(?:the[ \t]+)?$")
_OF_AFTER_COMMA = re.compile(r",[ \t]+of[ \t]+$")
_DESIGNATOR_AFTER = re.compile(
    r"[ \t]+(?:district|province|governorate|county|region|state|village|town|municipality|"
    r"prefecture|oblast|subdistrict|sub-district)\b",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(
    r"[ \t]+(?:said|says|told|added|asked|wrote|argued|explained|stated|insisted|replied)\b"
)
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
# What joins the items of a list: ", ", " and ", ", and ", " or ".
_LIST_GAP = re.compile(r"^(?:,[ \t]+(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+)$")
# The words that open a list of places: "in Žilina, Nitra and Prešov", "across Peshawar, Karak".
_LIST_OPENERS = _PLACE_WORDS | frozenset({"at", "from", "to", "between"})
_LIST_GOES_ON = re.compile(r"(?:,[ \t]+[A-Z]|[ \t]+and[ \t]+[A-Z])")
# A name that describes the next word is no place here: "the Oatley family", "Pompey striker",
# "McDonald's boss".
_ROLE_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?:family|families|clan|brothers|sisters|striker|midfielder|defender|"
    r"goalkeeper|winger|forward|manager|boss|coach|player|players|fans|supporters|chairman|councillor|"
    r"captain)\b",
    re.IGNORECASE,
)
_FEATURES = frozenset({"CITY", "TOWN", "VILLAGE", "ADMIN1", "ADMIN2"})
_FOCUS_MIN_SHARE = 0.25


def focus_countries(countries: Sequence[tuple[str, float]]) -> frozenset[str]:
    """The countries a document is mainly about: its first, and any with a quarter of its places."""
    return frozenset(
        c for i, (c, share) in enumerate(countries) if i == 0 or share >= _FOCUS_MIN_SHARE
    )


def places_the_model_called_people(
    text: str,
    entities: Sequence[Entity],
    index: PlaceIndex,
    countries: frozenset[str],
) -> tuple[list[Entity], list[Entity]]:
    """The entities with model-only people and organisations that are places made places.

    Args:
        text: the document text.
        entities: the document's entities.
        index: the world gazetteer.
        countries: the document's focus countries (``focus_countries``).

    Returns:
        All entities in their order (converted ones as LOC) and the converted ones alone.
    """
    if not countries:
        return list(entities), []
    from .geocode import name_keys
    from .places import is_place_word

    people = _parts_of_people(entities)
    out = list(entities)
    changed: list[Entity] = []
    # Two rounds: a name beside one converted in the first ("between Coggeshall and Marks Tey").
    for _ in range(2):
        spans = sorted((m.start, m.end, e.type) for e in out for m in e.mentions)
        found = False
        for i, e in enumerate(out):
            if not _model_only(e):
                continue
            surfaces = {_bare(m.text) for m in e.mentions}
            if len(surfaces) != 1:
                continue
            surface = surfaces.pop()
            if tuple(surface.casefold().split()) in people or is_place_word(surface):
                continue
            keys, designator = name_keys(surface)
            place = _place_in(index, keys, countries)
            if place is None or not _used_as_place(
                text, e, _Layout(text, spans, index, place.country), bool(designator)
            ):
                continue
            out[i] = _as_place(e, place)
            changed.append(out[i])
            found = True
        if not found:
            break
    return out, changed


def _model_only(e: Entity) -> bool:
    return (
        e.type in ("PERSON", "ORG")
        and e.kind is None
        and e.id.startswith(("person/", "org/"))
        and all(m.source == "model" for m in e.mentions)
    )


def _bare(surface: str) -> str:
    return _POSSESSIVE_AFTER.sub("", " ".join(surface.split())).strip()


def _parts_of_people(entities: Sequence[Entity]) -> set[tuple[str, ...]]:
    """Every word and run of words of the longer people's names in the document."""
    out: set[tuple[str, ...]] = set()
    for e in entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            words = tuple(_bare(m.text).casefold().split())
            if len(words) < 2:
                continue
            out.update(proper_runs(words))
    return out


def _place_in(index: PlaceIndex, keys: Sequence[str], countries: frozenset[str]) -> Place | None:
    """The best-known place of these names (main names only) in the focus countries."""
    best: Place | None = None
    for key in keys:
        for p in index.lookup(key):
            if not p.main_name or p.country not in countries or p.feature not in _FEATURES:
                continue
            if p.lat is None:
                continue
            if best is None or (p.population, p.alternates) > (best.population, best.alternates):
                best = p
    return best


@dataclass(frozen=True)
class _Layout:
    """Where the document's mentions are, for reading lists and parents."""

    text: str
    spans: Sequence[tuple[int, int, str]]  # start, end, entity type; in text order
    index: PlaceIndex
    country: str | None  # of the candidate place

    def joined(self, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
        gap = self.text[left[1] : right[0]]
        return len(gap) <= 7 and _LIST_GAP.match(gap) is not None

    def list_around(self, k: int) -> tuple[int, int]:
        """The first and last item of the list that item ``k`` is in."""
        first = last = k
        while first > 0 and self.joined(self.spans[first - 1], self.spans[first]):
            first -= 1
        while last + 1 < len(self.spans) and self.joined(self.spans[last], self.spans[last + 1]):
            last += 1
        return first, last


def _used_as_place(text: str, e: Entity, layout: _Layout, has_designator: bool) -> bool:
    words = _PERSON_PLACE_WORDS if e.type == "PERSON" else _PLACE_WORDS
    evidence = has_designator
    for m in e.mentions:
        word = _word_before(text, m.start)
        if (
            word in PERSON_TITLES
            or _SPEECH_AFTER.match(text, m.end)
            or _ROLE_AFTER.match(text, m.end)
        ):
            return False
        if evidence:
            continue
        possessive = _POSSESSIVE_AFTER.match(text, m.end) is not None
        evidence = (
            (word in words and not possessive)
            or _OF_AFTER_COMMA.search(text, max(0, m.start - 10), m.start) is not None
            or _DESIGNATOR_AFTER.match(text, m.end) is not None
            or _in_a_list_of_places(layout, m)
            or _before_its_area(layout, m)
        )
    return evidence


def _word_before(text: str, start: int) -> str:
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before.group(1).lower() if before else ""


def _position(layout: _Layout, m: Mention) -> int:
    return next(i for i, s in enumerate(layout.spans) if s[0] == m.start and s[1] == m.end)


def _in_a_list_of_places(layout: _Layout, m: Mention) -> bool:
    """An item of a list a locative word opens that names another place: "in Žilina, Nitra,
    Prešov and Košice", "across Peshawar, Karak, Bannu" (not team sheets, "with Everton,
    Chelsea and Charlton", or "Belle and Sebastian")."""
    k = _position(layout, m)
    first, last = layout.list_around(k)
    if first == last:
        return False
    places = [i for i in range(first, last + 1) if i != k and layout.spans[i][2] == "LOC"]
    return bool(places) and _word_before(layout.text, layout.spans[first][0]) in _LIST_OPENERS


def _before_its_area(layout: _Layout, m: Mention) -> bool:
    """Followed by the country or subdivision the place is in: "Croft, Yorkshire.", "Owatonna,
    Minnesota" (the area not going on as a list, the name not in a list of people)."""
    from .geocode import name_keys

    k = _position(layout, m)
    spans, text = layout.spans, layout.text
    if k + 1 >= len(spans) or spans[k + 1][2] != "LOC":
        return False
    nxt = spans[k + 1]
    if not re.fullmatch(r",[ \t]+", text[m.end : nxt[0]]):
        return False
    if _LIST_GOES_ON.match(text, nxt[1]) or _POSSESSIVE_AFTER.match(text, nxt[1]):
        return False
    if k > 0 and spans[k - 1][2] == "PERSON" and layout.joined(spans[k - 1], spans[k]):
        return False
    keys, _ = name_keys(text[nxt[0] : nxt[1]])
    return any(
        p.country == layout.country and p.feature in ("COUNTRY", "ADMIN1", "ADMIN2")
        for key in keys
        for p in layout.index.lookup(key)
    )


def _as_place(e: Entity, place: Place) -> Entity:
    kind = "CITY" if place.feature in ("CITY", "TOWN", "VILLAGE") else None
    return replace(e, id=f"loc/{slugify(e.name)}", type="LOC", kind=kind, attrs={})
