"""``-f html``: one self-contained report a person can read in a browser.

Per document: the text with every mention highlighted by type and kind (militias, military
forces and other organisations each in their own colour and underline, so they differ in
greyscale too), and a side panel of its entities with counts, resolved date values and places
with coordinates where known. A batch gets an index of its documents with their top entities
and a list of the inputs that failed, with their codes.

The file makes no request and runs no script: styles are inline, and a Content-Security-Policy
forbids everything else, so even a page that escaped escaping could not load or run anything.
Every piece of article text, every name and every attribute is escaped, and control and
bidirectional-override characters are shown as escapes (``\\u202e``), never obeyed.
Rendered from ``to_dict()`` like every other format.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any

from .. import __version__
from ..schema import Failure, Result

# (css class, legend label) in legend order.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("militia", "Militia / armed group"),
    ("military", "Military / state forces"),
    ("org", "Other organisation"),
    ("person", "Person"),
    ("loc", "Place"),
    ("date", "Date / time"),
)
_PANEL_GROUPS: tuple[tuple[str, str], ...] = (
    ("ORG", "Organisations"),
    ("PERSON", "People"),
    ("LOC", "Places"),
    ("DATE", "Dates"),
)
_KIND_ORDER = {"MILITIA": 0, "MILITARY": 1}
INDEX_TOP = 6
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_BLANK_LINES = re.compile(r"(?:[ \t]*\r?\n|[ \t]*\r)+")

CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #f6f7f9; }
main { max-width: 1240px; margin: 0 auto; padding: 0 1rem 3rem; }
.top { background: #fff; border-bottom: 1px solid var(--line); padding: .8rem 1rem; }
.top-inner { max-width: 1240px; margin: 0 auto; display: flex; flex-wrap: wrap;
  align-items: baseline; gap: .4rem 1.5rem; }
.top h1 { font-size: 1.15rem; margin: 0; }
.top p { margin: 0; color: var(--muted); font-size: .9rem; }
.legend { display: flex; flex-wrap: wrap; gap: .35rem .9rem; margin: 0; padding: 0;
  list-style: none; font-size: .85rem; }
.legend li { white-space: nowrap; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 0 0 .4rem; overflow-wrap: anywhere; }
h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
  margin: 1rem 0 .3rem; }
h3:first-child { margin-top: 0; }
section, article.doc { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  margin: 1rem 0; padding: 1rem 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: 0;
  font-size: .85rem; color: var(--muted); }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.doc-body { display: grid; grid-template-columns: minmax(0, 1fr) 21rem; gap: 1.5rem;
  margin-top: .9rem; }
.text { font-family: Georgia, "Times New Roman", serif; font-size: 1.05rem; line-height: 1.75;
  overflow-wrap: anywhere; }
.text p { margin: 0 0 .9rem; white-space: pre-wrap; }
.panel { font-size: .9rem; border-left: 1px solid var(--line); padding-left: 1.2rem;
  position: sticky; top: .5rem; align-self: start; max-height: calc(100vh - 1rem);
  overflow-y: auto; }
.panel ul { list-style: none; margin: 0; padding: 0; }
.panel li { padding: .2rem 0; border-bottom: 1px dotted var(--line); overflow-wrap: anywhere; }
.panel li:target { background: #fff8d6; }
.sub { color: var(--muted); font-size: .8rem; }
.count { float: right; color: var(--muted); font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); font-style: italic; }
.ctl { font-family: ui-monospace, monospace; font-size: .8em; color: #b00020;
  background: #fdecee; border-radius: 3px; padding: 0 .15em; }
.error { color: #b00020; font-weight: 600; white-space: nowrap; overflow-wrap: normal; }
.chips { display: flex; flex-wrap: wrap; gap: .25rem; }
a { color: #1a56b0; }
mark { color: inherit; border-radius: 2px; padding: 0 .08em; }
mark a { color: inherit; text-decoration: none; }
.sw { display: inline-block; padding: 0 .35em; border-radius: 3px; font-size: .85em;
  line-height: 1.45; }
.militia { background: #ffd3cc; border-bottom: 3px solid #c62828; }
.military { background: #cfe0ff; border-bottom: 3px double #1c4fa0; }
.org { background: #ecdfff; border-bottom: 2px dotted #6a3fb5; }
.person { background: #fff0b3; border-bottom: 2px solid #a07800; }
.loc { background: #cdf2d8; border-bottom: 2px dashed #1b7a36; }
.date { background: #e8e8e8; border-bottom: 2px dotted #555; }
.kind { font-size: .72rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
@media (max-width: 820px) {
  main { padding: 0 .5rem 2rem; }
  section, article.doc { padding: .8rem; }
  .doc-body { grid-template-columns: 1fr; }
  .panel { border-left: 0; padding-left: 0; border-top: 1px solid var(--line); padding-top: .8rem;
    position: static; max-height: none; overflow: visible; }
  .text { font-size: 1rem; }
  .index .ref { display: none; }
}
"""


class HtmlRenderer:
    """Collects the records of a run and writes the report when the run ends.

    Documents are rendered to HTML as they arrive, so what is kept is the report itself, not
    the records.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self._docs: list[str] = []
        self._index: list[str] = []
        self._failures: list[dict[str, Any]] = []

    def write(self, result: Result) -> None:
        if isinstance(result, Failure):
            self._failures.append(result.to_dict())
            return
        record = result.to_dict(text=True)
        anchor = f"doc-{len(self._docs) + 1}"
        self._docs.append(render_document(record, anchor))
        self._index.append(_index_row(record, anchor, len(self._docs)))

    def close(self) -> None:
        self.stream.write(self._page())
        self.stream.flush()

    def _page(self) -> str:
        n, failed = len(self._docs), len(self._failures)
        summary = f"{n} document{'s' if n != 1 else ''}"
        if failed:
            summary += f", {failed} failed"
        parts = [
            "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">\n"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
            f"<title>entext report: {_e(summary)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            "<header class='top'><div class='top-inner'><h1>entext report</h1>",
            f"<p>{_e(summary)} · entext {_e(__version__)}</p>",
            _legend(),
            "</div></header>\n<main>\n",
        ]
        if n > 1 or failed:
            parts.append(self._index_section())
        if failed:
            parts.append(_failures_section(self._failures))
        if not n and not failed:
            parts.append("<section><p class='empty'>No inputs.</p></section>\n")
        parts.extend(self._docs)
        parts.append("</main>\n</body>\n</html>\n")
        return "".join(parts)

    def _index_section(self) -> str:
        if not self._index:
            return ""
        return (
            "<section class='index' id='index'><h2>Documents</h2><table><thead><tr>"
            "<th>#</th><th>Document</th><th class='ref'>Reference date</th>"
            "<th>Top entities</th></tr></thead><tbody>\n"
            + "".join(self._index)
            + "</tbody></table></section>\n"
        )


def category(entity: dict[str, Any]) -> str:
    """The highlight class of an entity: militia, military, org, person, loc or date."""
    etype = entity.get("type")
    if etype == "ORG":
        return {"MILITIA": "militia", "MILITARY": "military"}.get(str(entity.get("kind")), "org")
    return {"PERSON": "person", "LOC": "loc", "DATE": "date"}.get(str(etype), "org")


def render_document(record: dict[str, Any], anchor: str) -> str:
    """One document's section: header, highlighted text and entity panel."""
    entities = record.get("entities", [])
    ids = {id(e): f"{anchor}-e{i}" for i, e in enumerate(entities, 1)}
    heading = record.get("title") or record.get("source") or "document"
    return (
        f"<article class='doc' id='{_e(anchor)}'>\n<header><h2>{_t(heading)}</h2>"
        f"{_meta(record)}</header>\n<div class='doc-body'>\n"
        f"<div class='text'>{_highlighted(record.get('text', ''), entities, ids)}</div>\n"
        f"<aside class='panel'>{_panel(entities, ids)}</aside>\n</div>\n</article>\n"
    )


# --- pieces -------------------------------------------------------------------------------------


def _e(value: object) -> str:
    """Escape for element content and quoted attributes."""
    return html.escape(str(value), quote=True)


def _t(value: object) -> str:
    """Escape article text, showing control and bidi characters as visible escapes."""
    out: list[str] = []
    pos = 0
    text = str(value)
    for m in _CONTROL.finditer(text):
        out.append(_e(text[pos : m.start()]))
        code = m.group(0).encode("unicode_escape").decode("ascii")
        out.append(f"<span class='ctl'>{_e(code)}</span>")
        pos = m.end()
    out.append(_e(text[pos:]))
    return "".join(out)


def _legend() -> str:
    items = "".join(
        f"<li><span class='sw {cls}'>{_e(label)}</span></li>" for cls, label in CATEGORIES
    )
    return f"<ul class='legend' aria-label='Legend'>{items}</ul>"


def _meta(record: dict[str, Any]) -> str:
    rows: list[tuple[str, str]] = [("Source", _t(record.get("source", "")))]
    url = record.get("url")
    if isinstance(url, str) and url:
        rows.append(("URL", _link(url)))
    if record.get("author"):
        rows.append(("Author", _t(record["author"])))
    if record.get("published"):
        rows.append(("Published", _e(record["published"])))
    ref = record.get("ref_date")
    ref_source = {
        "metadata": "from the page's metadata",
        "text": "from the article's date line",
        "option": "given with --ref-date",
        "file": "from --ref-dates",
        "default": "given with --default-ref-date",
        "mtime": "the file's modification date",
    }.get(str(record.get("ref_date_source")), "")
    rows.append(
        (
            "Reference date",
            f"{_e(ref)} <span class='sub'>{_e(ref_source)}</span>"
            if ref
            else "<span class='empty'>none: relative dates are unresolved</span>",
        )
    )
    focus = _focus(record.get("focus"))
    if focus:
        rows.append(("Mainly about", focus))
    rows.append(("Characters", f"{record.get('chars', 0):,} · {_e(record.get('encoding', ''))}"))
    for warning in record.get("warnings", []):
        rows.append(("Warning", _t(warning)))
    cells = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f"<dl class='meta'>{cells}</dl>"


def _focus(focus: object) -> str:
    """The countries and cities a document is mainly about, with their share of its places."""
    if not isinstance(focus, dict):
        return ""
    parts = [
        f"{_t(c.get('country', ''))} {float(c.get('score', 0)):.0%}"
        for c in focus.get("countries", [])[:3]
        if isinstance(c, dict)
    ]
    parts += [
        f"{_t(c.get('name', ''))} {float(c.get('score', 0)):.0%}"
        for c in focus.get("cities", [])[:2]
        if isinstance(c, dict)
    ]
    return " · ".join(parts)


def _link(url: str) -> str:
    if re.match(r"https?://", url, re.IGNORECASE):
        return f"<a href='{_e(url)}' rel='noreferrer noopener'>{_t(url)}</a>"
    return _t(url)  # javascript:, data: ... are shown, never linked


def _highlighted(text: str, entities: Sequence[dict[str, Any]], ids: dict[int, str]) -> str:
    """The text in paragraphs with each mention marked; overlapping mentions keep the first."""
    if not text.strip():
        return "<p class='empty'>(empty document)</p>"
    spans: list[tuple[int, int, dict[str, Any]]] = []
    for entity in entities:
        for m in entity.get("mentions", []):
            start, end = int(m["start"]), int(m["end"])
            if 0 <= start < end <= len(text):
                spans.append((start, end, entity))
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, dict[str, Any]]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    paragraphs: list[str] = []
    k = 0
    for start, end in _paragraphs(text):
        while k < len(kept) and kept[k][1] <= start:
            k += 1
        out: list[str] = []
        pos = start
        j = k
        while j < len(kept) and kept[j][0] < end:
            m_start, m_end, entity = kept[j]
            m_start, m_end = max(m_start, start), min(m_end, end)
            out.append(_t(text[pos:m_start]))
            out.append(_mark(text[m_start:m_end], entity, ids[id(entity)]))
            pos = m_end
            j += 1
        out.append(_t(text[pos:end]))
        paragraphs.append(f"<p>{''.join(out)}</p>")
    return "\n".join(paragraphs)


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each non-blank line."""
    pos = 0
    for m in _BLANK_LINES.finditer(text):
        if text[pos : m.start()].strip():
            yield pos, m.start()
        pos = m.end()
    if text[pos:].strip():
        yield pos, len(text)


def _mark(surface: str, entity: dict[str, Any], target: str) -> str:
    cls = category(entity)
    kind = entity.get("kind")
    label = " · ".join(str(x) for x in (entity.get("type"), kind, entity.get("name")) if x)
    return (
        f"<mark class='{cls}' data-type='{_e(entity.get('type', ''))}' "
        f"data-kind='{_e(kind or '')}' data-entity='{_e(entity.get('id', ''))}' "
        f"title='{_e(_visible_attr(label))}'><a href='#{target}'>{_t(surface)}</a></mark>"
    )


def _visible_attr(value: str) -> str:
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), value)


def _panel(entities: Sequence[dict[str, Any]], ids: dict[int, str]) -> str:
    if not entities:
        return "<p class='empty'>No entities found.</p>"
    parts: list[str] = []
    for etype, heading in _PANEL_GROUPS:
        group = [e for e in entities if e.get("type") == etype]
        if not group:
            continue
        if etype == "DATE":
            group.sort(key=lambda e: (_first_value(e) is None, str(_first_value(e) or e["name"])))
        else:
            group.sort(
                key=lambda e: (_KIND_ORDER.get(str(e.get("kind")), 2), -int(e.get("count", 0)))
            )
        items = "".join(_panel_item(e, ids[id(e)]) for e in group)
        parts.append(f"<h3>{_e(heading)} ({len(group)})</h3><ul>{items}</ul>")
    return "".join(parts)


def _panel_item(entity: dict[str, Any], anchor: str) -> str:
    cls = category(entity)
    count = int(entity.get("count", 0))
    details: list[str] = []
    kind = entity.get("kind")
    if entity.get("type") == "DATE":
        value = _first_value(entity)
        end = next(
            (m.get("value_end") for m in entity.get("mentions", []) if m.get("value_end")), None
        )
        name = f"{value}/{end}" if value and end else (value or entity.get("name", ""))
        surfaces = sorted({str(m.get("text", "")) for m in entity.get("mentions", [])})
        details.append(
            _t("“" + "”, “".join(surfaces[:4]) + "”" + (" …" if len(surfaces) > 4 else ""))
        )
        if value is None:
            details.append("unresolved")
    else:
        name = entity.get("name", "")
        extra = [str(kind).lower()] if kind else []
        country = entity.get("country")
        if isinstance(country, list):
            country = ", ".join(str(c) for c in country)
        admin1 = entity.get("admin1")
        place = ", ".join(str(x) for x in (admin1, country) if x)
        if place:
            extra.append(place)
        aliases = entity.get("aliases")
        if isinstance(aliases, list) and aliases:
            extra.append("also " + ", ".join(str(a) for a in aliases))
        if entity.get("category"):
            extra.append(str(entity["category"]))
        if extra:
            details.append(_t(" · ".join(extra)))
        lat, lon = entity.get("lat"), entity.get("lon")
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
            details.append(f"{lat:.4f}, {lon:.4f}")
    sub = f"<br><span class='sub'>{' · '.join(details)}</span>" if details else ""
    return (
        f"<li id='{_e(anchor)}'><span class='count'>×{count}</span>"
        f"<span class='sw {cls}'>{_t(name)}</span>{sub}</li>"
    )


def _first_value(entity: dict[str, Any]) -> str | None:
    for m in entity.get("mentions", []):
        if m.get("value"):
            return str(m["value"])
    return None


def _index_row(record: dict[str, Any], anchor: str, n: int) -> str:
    entities = [e for e in record.get("entities", []) if e.get("type") != "DATE"]
    entities.sort(key=lambda e: (-int(e.get("count", 0)), _KIND_ORDER.get(str(e.get("kind")), 2)))
    chips = "".join(
        f"<span class='sw {category(e)}'>{_t(e.get('name', ''))} ×{int(e.get('count', 0))}</span>"
        for e in entities[:INDEX_TOP]
    )
    title = record.get("title")
    label = (
        _t(title) + f"<br><span class='sub'>{_t(record.get('source', ''))}</span>"
        if title
        else _t(record.get("source", ""))
    )
    return (
        f"<tr><td>{n}</td><td><a href='#{_e(anchor)}'>{label}</a></td>"
        f"<td class='ref'>{_e(record.get('ref_date') or '–')}</td>"
        f"<td><div class='chips'>{chips or '<span class=empty>none</span>'}</div></td></tr>\n"
    )


def _failures_section(failures: Sequence[dict[str, Any]]) -> str:
    rows = "".join(
        f"<tr><td>{_t(f.get('source', ''))}</td>"
        f"<td class='error'>{_e(f.get('error', {}).get('code', ''))}</td>"
        f"<td>{_t(f.get('error', {}).get('message', ''))}</td></tr>\n"
        for f in failures
    )
    return (
        f"<section class='failures' id='failures'><h2>Failed inputs ({len(failures)})</h2>"
        f"<table><thead><tr><th>Input</th><th>Code</th><th>Message</th></tr></thead>"
        f"<tbody>\n{rows}</tbody></table></section>\n"
    )
