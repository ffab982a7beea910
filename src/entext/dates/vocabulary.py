"""Words and regular-expression pieces the date resolver and the date-line finder read."""

from __future__ import annotations

import re

_MON3 = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_ALT = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WD3 = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WD_ALT = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)"
)
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty first": 21, "twenty second": 22,
    "twenty third": 23, "twenty fourth": 24, "twenty fifth": 25, "twenty sixth": 26,
    "twenty seventh": 27, "twenty eighth": 28, "twenty ninth": 29, "thirtieth": 30,
    "thirty first": 31,
}  # fmt: skip
_ORD_ALT = "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "half a dozen": 6,
}  # fmt: skip
_NUM_ALT = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_VAGUE_NUM = r"(?:a few|few|several|some|many|a number of|countless|numerous)"
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# The month each season starts in; winter is filed under the year of its January (TIMEX3
# annotators write "this winter" in January 2013 as 2013-WI), so it "starts" in month 1.
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 1}
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                  "fourth": 4, "4th": 4, "final": 4, "last": 4}  # fmt: skip

_PRESENT_REF = {
    "now", "right now", "just now", "currently", "nowadays", "at present", "presently",
    "the present", "present", "at the moment", "these days", "by now", "until now",
    "up to now", "so far", "as of now", "for now", "today's", "the present day",
    "present day", "at this time", "this time", "modern times", "the moment",
}  # fmt: skip
_PAST_REF = {
    "the past", "in the past", "past", "recently", "at the time", "formerly", "previously",
    "lately", "in recent times", "earlier", "at that time", "at that point", "once",
    "back then", "in those days", "then", "historically", "years ago", "long ago",
    "some time ago", "a while ago", "a while back", "in the old days", "in the recent past",
}  # fmt: skip
_FUTURE_REF = {
    "the future", "in the future", "future", "soon", "later", "in the near future",
    "the near future", "eventually", "shortly", "someday", "in due course",
    "in the coming years", "the years ahead", "in the years ahead",
}  # fmt: skip

# Words that introduce a mention without changing its value ("on Tuesday", "since 2009").
_LEADING_FILLERS = {
    "on", "in", "at", "by", "since", "from", "during", "of", "until", "till", "til",
    "through", "throughout", "for", "as", "around", "about", "approximately", "circa", "c.",
    "some", "nearly", "almost", "roughly", "before", "after", "between", "as of", "starting",
    "beginning", "within", "over", "into", "to", "up to", "prior to", "ahead of", "sometime",
    "some time", "just", "only", "exactly", "precisely", "shortly before", "shortly after",
    "not until", "no later than", "no earlier than", "later than", "earlier than",
    "on or before", "on or after", "as early as", "as late as", "as recently as",
}  # fmt: skip
_LEADING_RE = re.compile(
    r"^(?:"
    + "|".join(re.escape(w) for w in sorted(_LEADING_FILLERS, key=len, reverse=True))
    + r")\s+"
)
# "the" is dropped unless it carries meaning ("the past", "the coming week", "the 1990s" is fine).
_THE_KEEP = re.compile(
    r"^the\s+(?=(?:past|last|next|following|previous|same|future|present|other|coming|"
    r"current|day|week|month|year|time|morning|afternoon|evening|night|moment|weekend|end|"
    r"beginning|start|middle|rest|remainder|close|turn|early|small|wee)"
    r"\b)"
)
# Modifiers that TIMEX3 records in ``mod`` while keeping the value of what they modify.
_MODIFIER_RE = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?:(?:end|beginning|start|middle|close|rest|remainder|turn|dawn|"
    r"height|course)\s+of|(?:early|small|wee)\s+hours(?:\s+of)?)\s+(?:the\s+)?"
)
_SIMPLE_MOD_RE = re.compile(r"^(?:the\s+)?(?:very\s+)?(?:early|late|mid|earlier|later)\s+(?=\S)")

_NORM_TRANS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2012": "-",
        "\u2010": "-", "\u2011": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ",
        "\u2009": " ", "\n": " ", "\r": " ", "\t": " ",
    }
)  # fmt: skip

# A future-tense or scheduling cue in the clause before a mention ("will", "is due to").
_FUTURE_CUE_RE = re.compile(
    r"\b(?:will|would|'ll|'d|shall|won't|wo n't|gonna|next|plans?|planned|planning|scheduled|"
    r"schedules?|due|expected|expects?|expecting|upcoming|forthcoming|coming|set to|is to|"
    r"are to|aims? to|intends? to|hopes? to|promised to|vowed to|threatened to|"
    r"to (?:be|begin|start|run|take|hold|meet|visit|open|launch|resume|return|vote|travel|"
    r"close|finish|complete|end|continue|last|arrive|sign|host|attend|announce|release|"
    r"publish|go|come|hold))\b"
)
_PAST_PERFECT_RE = re.compile(r"\b(?:had|was|were|did|ago|last)\b")
# A sentence or clause ends at punctuation, but not at the dot of "p.m." or "Feb.".
_CLAUSE_SPLIT_RE = re.compile(
    r"(?<!\.m)(?<!\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))(?<!\bsept)\.\s"
    r"|[!?;:]\s|\n|\"|\(|\)"
)


def _month_num(token: str) -> int:
    return _MON3[token[:3]]


def _wd_num(token: str) -> int:
    return _WD3[token[:3]]


def _parse_number(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        return int(token)
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[ -](\w+)", token)
    if m and m.group(2) in _NUMBER_WORDS and _NUMBER_WORDS[m.group(2)] < 10:
        return _NUMBER_WORDS[m.group(1)] + _NUMBER_WORDS[m.group(2)]
    return None


# Regular-expression pieces shared by the mention and date-line patterns.
_MON = rf"(?P<mon>{_MONTH_ALT})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4}|'\d{2})"
_WD = rf"(?P<wd>{_WD_ALT})\.?"
_TZ = (
    r"(?:gmt|utc|bst|cet|cest|eet|eest|est|edt|cst|cdt|mst|mdt|pst|pdt|ast|msk|ist|z"
    r"|local time|local|\(\s*\w+\s*\))"
)
