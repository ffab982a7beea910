"""Saved web pages: telling HTML from text, its declared encoding, and the article inside it.

The article's main text is extracted with trafilatura (boilerplate removal: navigation, ads,
related links, comment threads and cookie banners are left out) and its metadata (title,
canonical URL, author, publication date found by htmldate) is kept beside it. trafilatura and
lxml cost about 0.6 s to import, so they are imported only when a page is read: ``entext
--help`` and ``import entext`` never load them.

Offsets in a page's results refer to the extracted text (the headline, a blank line, the
article body), which is put in the record so that ``text[start:end] == mention.text`` can
always be checked.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .dates import ReferenceMoment
from .errors import InputError
from .schema import PageInfo

__all__ = [
    "Article",
    "declared_encoding",
    "extract_article",
    "has_markup",
    "looks_like_html",
    "rank_ref_date",
]

# A page opens with a doctype, an <html>/<head> tag, or an XML declaration before one, after
# optional whitespace and comments. Text articles never do; HTML fragments that only contain
# a few tags (a <p> in a pasted article) are left as text.
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.*?-->\s*)*"
    rb"(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_SNIFF_BYTES = 4096
# Any tag, comment or doctype in ASCII-compatible or UTF-16 bytes: a file named .html without
# one is plain text under a page's name. "a < b" and "<3" are not tags.
_MARKUP = re.compile(rb"<(?:\x00)?(?:[A-Za-z!/?])")
# <meta charset="..."> and <meta http-equiv="Content-Type" content="text/html; charset=...">,
# and the encoding of an XML declaration (XHTML), within the first bytes as the HTML standard
# prescribes (its prescan looks at 1,024; pages with long <head> scripts put it later).
_DECLARED = re.compile(
    rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)",
    re.IGNORECASE,
)
# The HTML standard reads these labels as windows-1252, which is what such pages really are
# (curly quotes and dashes in 0x80-0x9F).
_WINDOWS_1252_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}
)
# An article has at least one sentence: six words or more ending in a full stop, question or
# exclamation mark (perhaps inside quotes). When a page has no article, trafilatura's fallback
# returns what text there is, such as the words of a navigation bar ("Home World").
_SENTENCE = re.compile(r"(?:\S+\s+){5,}\S*[.!?][\"'”’)]*(?:\s|$)")
# How far a date line in the text may precede the page's metadata date and still win.
TEXT_DATE_LEAD_DAYS = 7


@dataclass(frozen=True)
class Article:
    """What was extracted from a page: the article text and the page's metadata."""

    text: str
    page: PageInfo


def looks_like_html(data: bytes) -> bool:
    """Whether bytes are an HTML page (doctype, ``<html>`` or ``<head>`` at the start)."""
    return _HTML_START.match(data[:_SNIFF_BYTES]) is not None


def has_markup(data: bytes) -> bool:
    """Whether bytes hold any tag, comment or doctype at all."""
    return _MARKUP.search(data) is not None


def declared_encoding(data: bytes) -> str | None:
    """The character encoding a page declares in its first bytes, as a Python codec name.

    Returns None when it declares none or names an encoding Python does not know.
    """
    match = _DECLARED.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def extract_article(html: str, source: str = "<html>") -> Article:
    """Reduce a page to its article: main text without boilerplate, plus its metadata.

    Args:
        html: the decoded page.
        source: the page's name, for messages.

    Returns:
        The article text (the headline, a blank line, then the body) and the page metadata.

    Raises:
        InputError: ``no_article`` when the page has no article text (an index page, a form,
            a page that is built by JavaScript, or no HTML at all).
    """
    found = _extract(html, fast=True)
    body = _body(found)
    if not _SENTENCE.search(body):
        # The fast path skips trafilatura's fallback extractors (jusText, a readability port),
        # which cost about 40% more per page; they run only where it found no article.
        found = _extract(html, fast=False)
        body = _body(found)
    if not _SENTENCE.search(body):
        raise InputError(
            "no_article",
            "a web page with no article text that could be extracted "
            "(no sentence outside navigation and forms: an index page, or one built by JavaScript)",
        )
    title = _clean(getattr(found, "title", None))
    text = body if title is None or body.startswith(title) else f"{title}\n\n{body}"
    return Article(
        text,
        PageInfo(
            title=title,
            url=_clean(getattr(found, "url", None)),
            author=_clean(getattr(found, "author", None)),
            published=_iso_date(getattr(found, "date", None)),
        ),
    )


def _extract(html: str, *, fast: bool) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        fast=fast,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        # Metadata only (meta tags, JSON-LD, <time>, the URL): a date from the article text
        # is the text's own date line, ranked against this one by rank_ref_date.
        date_extraction_params={"original_date": True, "extensive_search": False},
    )


def _body(found: Any) -> str:
    return str(getattr(found, "text", None) or "").strip() if found is not None else ""


def rank_ref_date(published: dt.date, text_date: ReferenceMoment | None) -> ReferenceMoment:
    """Choose between a page's metadata date and a date line in its article text.

    The rule: the metadata date wins (it is machine-written and unambiguous), with the text's
    time of day when both name the same day, except when the text's date line is up to
    ``TEXT_DATE_LEAD_DAYS`` days earlier. That happens when a page was republished or
    updated after the story was written (a wire story on a partner's site, an "updated"
    timestamp in the metadata): its relative dates ("yesterday") were written against the
    text's date. A text date later than the metadata (an "Updated" line) or far from it
    (another story's date) loses.

    Returns:
        The moment, with source ``"metadata"`` or ``"text"``; the text's date line keeps its
        span either way, so that it stays one whole mention.
    """
    if text_date is None:
        return ReferenceMoment(published, None, "metadata")
    span = text_date.span
    if text_date.date == published:
        return ReferenceMoment(published, text_date.time, "metadata", span)
    if dt.timedelta(0) < published - text_date.date <= dt.timedelta(days=TEXT_DATE_LEAD_DAYS):
        return text_date
    return ReferenceMoment(published, None, "metadata", span)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
