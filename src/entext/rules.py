"""Gazetteers and token patterns: loading, validating and compiling them for spaCy.

Two line shapes are accepted in every JSONL rules file (built-in or ``--patterns``):

* a gazetteer entry, one canonical entity per line::

    {"id": "militia/kataib-hezbollah", "name": "Kataib Hezbollah", "type": "ORG",
     "kind": "MILITIA", "aliases": ["Kata'ib Hezbollah"], "weak_aliases": ["KH"],
     "country": "IQ", "category": "political militia"}

* a spaCy ``span_ruler`` pattern line::

    {"label": "ORG/MILITIA", "pattern": "Liwa Fatemiyoun", "id": "militia/liwa-fatemiyoun"}
    {"label": "ORG/MILITIA", "pattern": [{"LOWER": "liwa"}, {"IS_TITLE": true, "OP": "+"}]}

Token patterns may name a set from ``countries.jsonl`` (``"$DEMONYMS"``, ``"$demonyms"``
lower-cased, ``"$COUNTRIES"``) and may say which tokens of the match are the name
(``"name_tokens": [1, -1]``, slice bounds), so that cue words such as "neighbourhood" help
find a place without becoming part of it.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .datafiles import data_dir
from .errors import InputError, RulesError
from .labels import MODEL_LABELS, make_label, split_label
from .normalize import APOSTROPHES, lookup_key, slugify
from .regex_check import backtracking_problem

GAZETTEER_FILES = (
    "militias.jsonl",
    "military.jsonl",
    "organisations.jsonl",
    "places.jsonl",
)
PATTERN_FILES = (
    "patterns/militia.jsonl",
    "patterns/military.jsonl",
    "patterns/places.jsonl",
    "patterns/government.jsonl",
    "date_patterns.jsonl",
)
ENTRY_KEYS = frozenset({"id", "name", "type", "kind", "aliases", "weak_aliases"})
META_KEYS = frozenset(
    {
        "country",
        "region",
        "category",
        "branch",
        "parent",
        "admin1",
        "lat",
        "lon",
        "active",
        "note",
        "members",
        "population",
        "geonames_id",
    }
)
PATTERN_KEYS = frozenset({"label", "pattern", "id", "name_tokens", "name", "kinds"})
MAX_PATTERN_CHARS = 2_000
MAX_RULES_BYTES = 50 * 1024 * 1024  # the built-in rules are under 1 MB
MAX_TOKEN_PATTERNS_PER_LINE = 64
_ID_RE = re.compile(r"^[a-z0-9_-]+(/[a-z0-9_-]+)+$")
_ARTICLE_RE = re.compile(r"\b([Aa]l|[Ee]l|[Aa]d|[Aa]r|[Aa]s|[Aa]sh|[Aa]t|[Aa]z)([- ])(?=\w)")


@dataclass(frozen=True)
class EntityInfo:
    """What a rules file says about one canonical entity."""

    id: str
    name: str
    type: str
    kind: str | None
    attrs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return make_label(self.type, self.kind)


@dataclass(frozen=True)
class PatternSpec:
    """How to finish a token-pattern match: which tokens are the name, and the kind by cue word.

    One pattern with ``"kinds": {"camp": "CAMP", "crossing": "CROSSING"}`` replaces one pattern
    per cue word; fewer patterns that start on any capitalised word keep the Matcher fast.
    """

    name_tokens: tuple[int | None, int | None] = (None, None)
    kinds: tuple[tuple[str, str], ...] = ()


@dataclass
class RuleSet:
    """Everything the pipeline needs from the rules files, ready for spaCy."""

    entities: dict[str, EntityInfo] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)  # surface form -> id
    weak_phrases: dict[str, str] = field(default_factory=dict)
    token_patterns: list[dict[str, Any]] = field(default_factory=list)
    # Token patterns made only of literal lower-case words, compiled to phrases: the Matcher's
    # cost grows with its number of patterns, a PhraseMatcher's hardly at all.
    lower_phrase_patterns: list[dict[str, Any]] = field(default_factory=list)
    pattern_specs: dict[str, PatternSpec] = field(default_factory=dict)
    # Known names looked up for spans the model found (case-folded); countries live only here,
    # because the model finds them well and a bare list would overrule "Jordan" the person.
    lookup: dict[str, str] = field(default_factory=dict)

    def find(self, text: str) -> EntityInfo | None:
        """The known entity a span's text names, if any."""
        ent_id = self.lookup.get(lookup_key(text))
        return self.entities.get(ent_id) if ent_id else None

    def span_ruler_phrases(self) -> list[dict[str, Any]]:
        out = []
        for table in (self.phrases, self.weak_phrases):
            for text, ent_id in table.items():
                out.append({"label": self.entities[ent_id].label, "pattern": text, "id": ent_id})
        return out


def surface_variants(text: str) -> list[str]:
    """Mechanical spelling variants of a name: apostrophes and Arabic article forms.

    ``"Asa'ib Ahl al-Haq"`` also matches ``Asa’ib Ahl al-Haq``, ``Asa'ib Ahl Al-Haq`` and
    ``Asa'ib Ahl al Haq``; the list is capped so that long names cannot explode.
    """
    forms = {text}
    if any(a in text for a in APOSTROPHES):
        for a in "'’":
            forms.add(re.sub(f"[{APOSTROPHES}]", a, text))
    out = set()
    for form in forms:
        out.add(form)
        articles = list(_ARTICLE_RE.finditer(form))[:3]
        if not articles:
            continue
        options = []
        for m in articles:
            art = m.group(1).lower()
            options.append([f"{art}-", f"{art.capitalize()}-", f"{art} ", f"{art.capitalize()} "])
        for combo in itertools.product(*options):
            pieces, last = [], 0
            for m, rep in zip(articles, combo, strict=True):
                pieces.append(form[last : m.start()])
                pieces.append(rep)
                last = m.end()
            pieces.append(form[last:])
            out.add("".join(pieces))
    return sorted(out)[:48]


def _iter_lines(path: Any, display: str) -> Iterator[tuple[str, int, dict[str, Any]]]:
    raw = read_rules_text(path, display) if isinstance(path, Path) else path.read_text("utf-8")
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        if len(line) > 100_000:
            raise RulesError(f"{display}:{n}: line is {len(line):,} characters; too long")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RulesError(f"{display}:{n}: invalid JSON: {exc.msg}") from None
        if not isinstance(obj, dict):
            raise RulesError(f"{display}:{n}: expected a JSON object")
        yield display, n, obj


def read_rules_text(path: Path, display: str) -> str:
    """A user's rules file as text, refusing what is not a file of sane size.

    Raises:
        RulesError: naming the file.
    """
    from .inputs import open_regular

    try:
        fd = open_regular(path, display)
    except InputError as exc:
        why = {
            "not_found": "no such rules file",
            "special_file": "not a regular file (a device, FIFO or socket); give a rules file",
        }.get(exc.code, str(exc))
        raise RulesError(f"{display}: {why}") from None
    with open(fd, "rb") as fh:
        data = fh.read(MAX_RULES_BYTES + 1)
    if len(data) > MAX_RULES_BYTES:
        raise RulesError(
            f"{display}: a rules file of more than {MAX_RULES_BYTES // 1024 // 1024} MB; "
            "split it, or check that it is the file you meant"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RulesError(f"{display}: not UTF-8 (byte {exc.start})") from None


def load_rules(user_files: Iterable[str | Path] = (), *, builtin: bool = True) -> RuleSet:
    """Load the built-in gazetteers and patterns, then the user's files (which win).

    The result is kept in the cache folder (``cache.py``) under a digest of the built-in
    files' stamps, the user files' contents and this module's code: reading it back takes a
    few milliseconds, parsing the files a tenth of a second.

    Raises:
        RulesError: listing every invalid line with file and line number.
    """
    import sys

    from . import cache, labels, normalize, regex_check

    user = [Path(f) for f in user_files]
    parts: list[bytes | str] = [f"builtin={builtin}"]
    if builtin:
        data = data_dir()
        parts += [cache.file_stamp(data / n) for n in ("countries.jsonl", *GAZETTEER_FILES)]
        parts += [cache.file_stamp(data / n) for n in PATTERN_FILES]
    parts += cache.module_stamps(sys.modules[__name__], labels, normalize, regex_check)
    for f in user:
        try:
            parts += [str(f), read_rules_text(f, str(f))]
        except RulesError:  # not a readable rules file: report it (and any other) uncached
            return _read_rules(user, builtin)
    return cache.load_or_build("rules", parts, lambda: _read_rules(user, builtin), plain=False)


def _read_rules(user_files: list[Path], builtin: bool) -> RuleSet:
    rules = RuleSet()
    errors: list[str] = []
    countries = load_countries() if builtin else []
    sets = _pattern_sets(countries)
    sources: list[tuple[Any, str, bool]] = []
    if builtin:
        data = data_dir()
        for name in GAZETTEER_FILES + PATTERN_FILES:
            res = data / name
            if res.is_file():
                sources.append((res, f"entext/data/{name}", False))
        _add_countries(rules, countries)
    for f in user_files:
        sources.append((f, str(f), True))
    for res, display, is_user in sources:
        try:
            for where, n, obj in _iter_lines(res, display):
                try:
                    _add_line(rules, obj, sets, user=is_user)
                except RulesError as exc:
                    errors.append(f"{where}:{n}: {exc}")
        except RulesError as exc:
            errors.append(str(exc))
    if errors:
        more = f"\n  … and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise RulesError("invalid rules:\n  " + "\n  ".join(errors[:20]) + more)
    return rules


def _add_line(rules: RuleSet, obj: dict[str, Any], sets: dict[str, list[str]], user: bool) -> None:
    if "pattern" in obj or "label" in obj:
        _add_pattern(rules, obj, sets, user)
    else:
        _add_entry(rules, obj, user)


def _check_id(value: Any) -> str:
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise RulesError(f"id {value!r} must look like 'kind/lowercase-slug'")
    return value


def _add_entry(rules: RuleSet, obj: dict[str, Any], user: bool) -> None:
    unknown = set(obj) - ENTRY_KEYS - META_KEYS
    if unknown:
        raise RulesError(f"unknown keys {sorted(unknown)}; known: {sorted(ENTRY_KEYS | META_KEYS)}")
    ent_id = _check_id(obj.get("id"))
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RulesError("'name' must be a non-empty string")
    type_ = obj.get("type", "ORG")
    kind = obj.get("kind")
    if isinstance(type_, str) and type_ in MODEL_LABELS:
        # spaCy's own labels are accepted for convenience: GPE and FAC are places, MILITIA an ORG.
        type_, default_kind = MODEL_LABELS[type_]
        kind = kind or default_kind
    if split_label(make_label(type_, kind)) is None:
        raise RulesError(f"type {type_!r} must be one of PERSON, ORG, LOC, DATE")
    if kind is not None and not isinstance(kind, str):
        raise RulesError("'kind' must be a string or null")
    aliases = _string_list(obj, "aliases")
    weak = _string_list(obj, "weak_aliases")
    attrs = {k: obj[k] for k in obj if k in META_KEYS}
    rules.entities[ent_id] = EntityInfo(ent_id, name, type_, kind, attrs)
    for alias in [name, *aliases]:
        rules.lookup[lookup_key(alias)] = ent_id
        for form in surface_variants(alias):
            if user or form not in rules.phrases:
                rules.phrases[form] = ent_id
            rules.weak_phrases.pop(form, None)
    for alias in weak:
        for form in surface_variants(alias):
            if form not in rules.phrases:
                rules.weak_phrases[form] = ent_id


def _string_list(obj: dict[str, Any], key: str) -> list[str]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RulesError(f"'{key}' must be a list of non-empty strings")
    too_long = [v for v in value if len(v) > MAX_PATTERN_CHARS]
    if too_long:
        raise RulesError(f"an alias in '{key}' is longer than {MAX_PATTERN_CHARS} characters")
    return list(value)


def _add_pattern(
    rules: RuleSet, obj: dict[str, Any], sets: dict[str, list[str]], user: bool
) -> None:
    unknown = set(obj) - PATTERN_KEYS
    if unknown:
        raise RulesError(f"unknown keys {sorted(unknown)}; known: {sorted(PATTERN_KEYS)}")
    label = obj.get("label")
    type_kind = split_label(label) if isinstance(label, str) else None
    if not isinstance(label, str) or type_kind is None:
        raise RulesError(f"label {label!r} is not one of PERSON, ORG, LOC, DATE, TIME, ORG/KIND …")
    pattern = obj.get("pattern")
    ent_id = _check_id(obj["id"]) if obj.get("id") is not None else None
    if isinstance(pattern, str):
        _add_phrase(rules, obj, pattern, ent_id, type_kind, user)
    else:
        _add_token_pattern(rules, obj, pattern, ent_id, type_kind, sets)


def _add_phrase(
    rules: RuleSet,
    obj: dict[str, Any],
    pattern: str,
    ent_id: str | None,
    type_kind: tuple[str, str | None],
    user: bool,
) -> None:
    if not pattern.strip() or len(pattern) > MAX_PATTERN_CHARS:
        raise RulesError(f"a phrase pattern must be 1 to {MAX_PATTERN_CHARS} characters")
    if ent_id is None:
        ent_id = f"{type_kind[0].lower()}/{slugify(pattern)}"
    if ent_id not in rules.entities:
        name = str(obj["name"]) if isinstance(obj.get("name"), str) else pattern
        rules.entities[ent_id] = EntityInfo(ent_id, name, type_kind[0], type_kind[1])
    for form in surface_variants(pattern):
        if user or form not in rules.phrases:
            rules.phrases[form] = ent_id


def _add_token_pattern(
    rules: RuleSet,
    obj: dict[str, Any],
    pattern: Any,
    ent_id: str | None,
    type_kind: tuple[str, str | None],
    sets: dict[str, list[str]],
) -> None:
    if not isinstance(pattern, list) or not pattern:
        raise RulesError("'pattern' must be a string or a non-empty list of token objects")
    if len(pattern) > MAX_TOKEN_PATTERNS_PER_LINE:
        raise RulesError(f"a token pattern may have at most {MAX_TOKEN_PATTERNS_PER_LINE} tokens")
    if len(json.dumps(pattern)) > 50 * MAX_PATTERN_CHARS:
        raise RulesError("the token pattern is too large")
    expanded = [_expand_token(tok, sets) for tok in pattern]
    _check_token_pattern(expanded)
    line: dict[str, Any] = {"label": obj["label"], "pattern": expanded}
    if ent_id is not None:
        line["id"] = ent_id
        if ent_id not in rules.entities:
            name = str(obj["name"]) if isinstance(obj.get("name"), str) else ent_id.split("/")[-1]
            rules.entities[ent_id] = EntityInfo(ent_id, name, type_kind[0], type_kind[1])
    spec = _pattern_spec(obj)
    if spec is not None:
        key = f"p{len(rules.pattern_specs)}"
        rules.pattern_specs[key] = spec
        line["id"] = f"{line.get('id', '')}#{key}"
    literal = _literal_lower_phrases(expanded)
    if literal is not None:
        for phrase in literal:
            rules.lower_phrase_patterns.append({**line, "pattern": phrase})
        return
    rules.token_patterns.append(line)


def _pattern_spec(obj: dict[str, Any]) -> PatternSpec | None:
    """The ``name_tokens`` and ``kinds`` of a pattern line, checked (``None``: neither)."""
    name_tokens = obj.get("name_tokens")
    if name_tokens is not None and (
        not isinstance(name_tokens, list)
        or len(name_tokens) != 2
        or not all(v is None or isinstance(v, int) for v in name_tokens)
    ):
        raise RulesError("'name_tokens' must be [start, end] slice bounds (integers or null)")
    kinds = obj.get("kinds")
    if kinds is not None and (
        not isinstance(kinds, dict)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in kinds.items())
    ):
        raise RulesError('\'kinds\' must map cue words to kinds, e.g. {"camp": "CAMP"}')
    if name_tokens is None and not kinds:
        return None
    return PatternSpec(
        tuple(name_tokens) if name_tokens else (None, None),
        tuple((k.lower(), v) for k, v in (kinds or {}).items()),
    )


def _literal_lower_phrases(pattern: list[Any], limit: int = 2_000) -> list[str] | None:
    """The phrases a pattern of fixed ``LOWER`` words matches, or ``None`` if it is not one."""
    options: list[list[str]] = []
    for tok in pattern:
        if not isinstance(tok, dict) or set(tok) != {"LOWER"}:
            return None
        value = tok["LOWER"]
        if isinstance(value, str):
            options.append([value])
        elif (
            isinstance(value, dict)
            and set(value) == {"IN"}
            and all(isinstance(v, str) and v == v.lower() and " " not in v for v in value["IN"])
        ):
            options.append(list(value["IN"]))
        else:
            return None
    size = 1
    for opt in options:
        size *= len(opt)
    if size > limit or not options:
        return None
    return [" ".join(combo) for combo in itertools.product(*options)]


_REGEX_OPS = frozenset({"REGEX", "FUZZY"})


def _check_token_pattern(pattern: list[Any]) -> None:
    """Reject what spaCy's Matcher would choke on or what could run for ever.

    Regular expressions are allowed only when short and free of nested quantifiers, the
    usual source of catastrophic backtracking.
    """
    for tok in pattern:
        if not isinstance(tok, dict):
            raise RulesError("each token in a pattern must be a JSON object")
        for value in tok.values():
            if isinstance(value, dict):
                for op, arg in value.items():
                    if op in _REGEX_OPS or op.startswith("FUZZY"):
                        if not isinstance(arg, str) or len(arg) > 200:
                            raise RulesError("REGEX patterns must be strings of at most 200 chars")
                        problem = backtracking_problem(arg)
                        if problem:
                            raise RulesError(
                                f"REGEX {arg!r} {problem} (catastrophic backtracking: "
                                "a long token would take hours); rewrite it without"
                            )
                        try:
                            re.compile(arg)
                        except re.error as exc:
                            raise RulesError(f"REGEX {arg!r} is invalid: {exc}") from None


def _expand_token(tok: Any, sets: dict[str, list[str]]) -> Any:
    if isinstance(tok, dict):
        return {k: _expand_token(v, sets) for k, v in tok.items()}
    if isinstance(tok, str) and tok.startswith("$"):
        if tok not in sets:
            raise RulesError(f"unknown set {tok}; known: {sorted(sets)}")
        return sets[tok]
    if isinstance(tok, list):
        out: list[Any] = []
        for v in tok:
            expanded = _expand_token(v, sets)
            out.extend(expanded if isinstance(v, str) and v.startswith("$") else [expanded])
        return out
    return tok


def load_countries() -> list[dict[str, Any]]:
    """The countries table (names, demonyms, centroids) shipped with entext."""
    res = data_dir() / "countries.jsonl"
    if not res.is_file():
        return []
    return [obj for _, _, obj in _iter_lines(res, "entext/data/countries.jsonl")]


def _pattern_sets(countries: list[dict[str, Any]]) -> dict[str, list[str]]:
    demonyms = sorted(
        {d for c in countries for d in c.get("demonyms", []) + c.get("adjectives", [])}
    )
    names = sorted({n for c in countries for n in [c["name"], *c.get("aliases", [])]})
    return {
        "$DEMONYMS": demonyms,
        "$demonyms": sorted({d.lower() for d in demonyms}),
        "$COUNTRIES": names,
        "$countries": sorted({n.lower() for n in names}),
    }


def _add_countries(rules: RuleSet, countries: list[dict[str, Any]]) -> None:
    for c in countries:
        ent_id = f"country/{str(c['iso2']).lower()}"
        attrs: dict[str, Any] = {"country": c["iso2"]}
        if "lat" in c and "lon" in c:
            attrs.update(lat=c["lat"], lon=c["lon"])
        rules.entities[ent_id] = EntityInfo(ent_id, c["name"], "LOC", "COUNTRY", attrs)
        for alias in [c["name"], *c.get("aliases", [])]:
            rules.lookup.setdefault(lookup_key(alias), ent_id)
