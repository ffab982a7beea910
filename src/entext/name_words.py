"""Words around names that are not names: Arabic name particles, kunyas, and the words that open
a capitalised run or a span without being part of the name.

One list of each, used by the spaCy components (``components``) and by entity building
(``entities``); each use that needs fewer words takes a named subset of the list here.
"""

from __future__ import annotations

# Arabic (and Hebrew) particles of a name that do not identify a person on their own:
# "al-Saadi", "bin Laden", "ibn Taymiyyah", "bint Abdullah", "ben Gvir", "Tal ez-Zaatar".
NAME_PARTICLES = frozenset("al el ad ar as ash at az ez ed bin ibn bint ben wal fi ad-".split())
# "Abu Mahdi", "Umm Hussein": a kunya ("father of", "mother of") opens a name that is whole.
KUNYA_WORDS = frozenset({"abu", "umm", "abou"})
# Particles that are also common lower-case English words ("as", "at") never continue a name
# after a known one ("Hezbollah as a whole"), nor do the spelling variants.
_NOT_CHAINING = frozenset({"as", "at", "ad-", "bint", "ben", "abou"})
# Lower-case words that start the next part of an Arabic name ("al-Thani", "bin Laden"): the
# chain particles of the militia patterns (data/patterns/militia.jsonl) hold all of these.
NAME_CHAIN_PARTICLES = (NAME_PARTICLES | KUNYA_WORDS) - _NOT_CHAINING

# The article the model often includes in a span ("the Pentagon").
ARTICLES = frozenset({"the", "The", "THE"})
# Capitalised words that open a sentence or a run of capitalised words without being part of
# the name that follows: "In Aleppo", "Meanwhile Kabul", "The Houthis".
LEADING_WORDS = frozenset(
    """
    The A An This That These Those In On At By For From To Near With Of Its His Her Their Our
    When While After Before As If But And Or So Yet Then Now Also Meanwhile However
    """.split()
)
# A rule span (a cue-noun pattern starts on any capitalised word) also sheds the describing
# words in front of the name ("Rival Popular Mobilisation Forces", "Former Seleka fighters").
# Not for runs that may be places: "New York", "Two Rivers".
DESCRIBING_WORDS = LEADING_WORDS | frozenset(
    "Some Many Several Both All Two Three Local Rival Other Former New Mr Mrs Ms Dr".split()
)

# Cue nouns that name something else as the first part of a hyphenated compound: a
# "quarter-final" or "quarter-century" is a fraction, not a city quarter ("district-level",
# "neighbourhood-watch" keep their sense, and the name before them stays a place).
OTHER_SENSE_BEFORE_A_HYPHEN = frozenset({"quarter"})
