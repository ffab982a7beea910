"""Span labels and how they map to the public types and kinds.

Rule spans are labelled ``TYPE`` or ``TYPE/KIND`` (``ORG/MILITIA``, ``LOC/BASE``); the bare
kinds ``MILITIA`` and ``MILITARY`` are accepted as shorthand. Model labels (OntoNotes) map to
the four public types; NORP, CARDINAL and the rest are not output.
"""

from __future__ import annotations

from .schema import ENTITY_TYPES, EntityType

# Words that stand before a person's name and are not part of it ("Brig. Gen.", "spokesman");
# lower-cased.
PERSON_TITLES = frozenset(
    """
    mr mrs ms miss dr dr. prof prof. sir dame lord lady sheikh sayyed sayyid mullah imam
    president vice prime minister ministers premier chancellor secretary general gen gen. lt
    lt. col col. maj maj. capt capt. cpt sgt sgt. cpl pte pvt adm adm. brig brig. brigadier
    colonel lieutenant major captain sergeant corporal private admiral commander commodore
    marshal field spokesman spokeswoman spokesperson ambassador envoy senator sen sen. rep
    rep. representative governor gov gov. mayor chief deputy king queen prince princess emir
    crown pope cardinal archbishop bishop rev rev. father judge justice foreign defence
    defense interior military army navy air force militia leader head former late acting
    then state party group rebel senior top u.s. us uk british american iraqi iranian
    israeli syrian russian ukrainian
    """.split()
)

MODEL_LABELS: dict[str, tuple[EntityType, str | None]] = {
    "PERSON": ("PERSON", None),
    "PER": ("PERSON", None),
    "ORG": ("ORG", None),
    "GPE": ("LOC", None),
    "LOC": ("LOC", None),
    "FAC": ("LOC", "FACILITY"),
    "DATE": ("DATE", "DATE"),
    "TIME": ("DATE", "TIME"),
    "MILITIA": ("ORG", "MILITIA"),
    "MILITARY": ("ORG", "MILITARY"),
}


def split_label(label: str) -> tuple[EntityType, str | None] | None:
    """Map a span label to ``(type, kind)``, or ``None`` when it is not output."""
    if "/" in label:
        head, kind = label.split("/", 1)
        if head in ENTITY_TYPES:
            return head, kind or None
        return None
    return MODEL_LABELS.get(label)


def make_label(type_: str, kind: str | None) -> str:
    """The span label for a type and kind (``ORG`` + ``MILITIA`` -> ``ORG/MILITIA``)."""
    if type_ == "DATE" and kind in (None, "DATE", "TIME"):
        return kind or "DATE"
    return f"{type_}/{kind}" if kind else type_
