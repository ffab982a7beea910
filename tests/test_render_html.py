"""The ``-f html`` report's markup: every mention marked once with its category, everything
from the article escaped, an index and failures for batches, nothing external."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from entext.render.html import HtmlRenderer, category
from entext.schema import Document, Entity, Failure, Mention, PageInfo

TEXT = (
    "Kataib Hezbollah <b>denied</b> it & CENTCOM said\x1b[31m so.\n\n"
    "Strikes hit Al-Qaim on Friday.\u202e"
)


def _mention(text: str, surface: str, source: str = "gazetteer", **kw) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, source, **kw)


def _doc(text: str = TEXT, page: PageInfo | None = None, source: str = "a.txt") -> Document:
    entities = (
        Entity(
            "militia/kataib-hezbollah",
            "ORG",
            "MILITIA",
            "Kataib Hezbollah",
            (_mention(text, "Kataib Hezbollah"),),
        ),
        Entity(
            "military/us-central-command",
            "ORG",
            "MILITARY",
            "US Central Command",
            (_mention(text, "CENTCOM"),),
        ),
        Entity(
            "place/al-qaim",
            "LOC",
            "CITY",
            "Al-Qaim",
            (_mention(text, "Al-Qaim"),),
            {"country": "IQ", "lat": 34.37, "lon": 41.09},
        ),
        Entity(
            "date/2024-02-02",
            "DATE",
            "DATE",
            "2024-02-02",
            (_mention(text, "Friday", "model", value="2024-02-02", is_date=True),),
        ),
    )
    return Document(source, "0" * 64, text, entities, "2024-02-08", "text", page=page)


class _Marks(HTMLParser):
    """Collects (class, text) of each <mark> and every start tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self._open: list[str] | None = None
        self._cls = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            self._cls = dict(attrs).get("class", "")
            self._open = []

    def handle_endtag(self, tag):
        if tag == "mark" and self._open is not None:
            self.marks.append((self._cls, "".join(self._open)))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)


def _render(*records) -> str:
    out = io.StringIO()
    renderer = HtmlRenderer(out)
    for record in records:
        renderer.write(record)
    renderer.close()
    return out.getvalue()


def _parse(page: str) -> _Marks:
    parser = _Marks()
    parser.feed(page)
    return parser


def test_each_mention_is_marked_with_its_category():
    parsed = _parse(_render(_doc()))
    assert parsed.marks == [
        ("militia", "Kataib Hezbollah"),
        ("military", "CENTCOM"),
        ("loc", "Al-Qaim"),
        ("date", "Friday"),
    ]


def test_article_markup_and_controls_are_text():
    page = _render(_doc())
    parsed = _parse(page)
    assert "b" not in parsed.tags  # the article's <b> is not an element
    assert "&lt;b&gt;denied&lt;/b&gt; it &amp; " in page
    assert "\x1b" not in page and "\u202e" not in page
    assert "<span class='ctl'>\\x1b</span>" in page and "<span class='ctl'>\\u202e</span>" in page


def test_nothing_external_and_no_script():
    page = _render(_doc(page=PageInfo(url="javascript:alert(1)", title="<i>T</i>")))
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert "href='javascript:" not in page  # a non-http URL is shown, not linked
    assert "&lt;i&gt;T&lt;/i&gt;" in page


def test_http_urls_are_linked_escaped():
    page = _render(_doc(page=PageInfo(url="https://x.example/a?b=1&c='2'")))
    assert "href='https://x.example/a?b=1&amp;c=&#x27;2&#x27;'" in page


def test_panel_shows_values_and_coordinates():
    page = _render(_doc())
    assert "34.3700, 41.0900" in page
    assert "2024-02-02" in page and "“Friday”" in page


def test_places_show_admin1_and_the_document_its_focus():
    from dataclasses import replace

    doc = _doc()
    place = replace(doc.entities[2], attrs={"country": "IQ", "admin1": "Al Anbar", "lat": 1.0})
    focus = {"countries": [{"country": "IQ", "score": 0.75}], "cities": [{"name": "Al-Qaim<"}]}
    page = _render(replace(doc, entities=(*doc.entities[:2], place), focus=focus))
    assert "city · Al Anbar, IQ" in page
    assert "1.0000," not in page  # no coordinates without both lat and lon
    assert "Mainly about" in page and "IQ 75%" in page and "Al-Qaim&lt; 0%" in page


def test_a_single_document_has_no_index_a_batch_does():
    assert "id='index'" not in _render(_doc())
    batch = _render(_doc(), _doc(source="b.txt"), Failure("c.html", "no_article", "no <article>"))
    assert "id='index'" in batch and "href='#doc-2'" in batch
    assert "no_article" in batch and "no &lt;article&gt;" in batch
    assert "2 documents, 1 failed" in batch


def test_overlapping_and_cross_paragraph_mentions():
    text = "Islamic Resistance\nin Iraq struck."
    outer = Entity("militia/irq", "ORG", "MILITIA", "IRI", (Mention(0, 26, text[:26], "pattern"),))
    inner = Entity("country/iq", "LOC", "COUNTRY", "Iraq", (Mention(22, 26, "Iraq", "model"),))
    doc = Document("x", "0" * 64, text, (outer, inner))
    page = _render(doc)
    parsed = _parse(page)
    # The mention across a line break is marked in both paragraphs; the nested one is not
    # marked a second time (it is still in the panel).
    assert parsed.marks == [("militia", "Islamic Resistance"), ("militia", "in Iraq")]
    body = page.split("<div class='text'>", 1)[1].split("</div>", 1)[0]
    assert body.count("<p>") == 2


def test_empty_run_and_empty_document():
    assert "No inputs." in _render()
    page = _render(Document("e.txt", "0" * 64, "", ()))
    assert "(empty document)" in page and "No entities found." in page


def test_category():
    assert category({"type": "ORG", "kind": "MILITIA"}) == "militia"
    assert category({"type": "ORG", "kind": "MILITARY"}) == "military"
    assert category({"type": "ORG", "kind": None}) == "org"
    assert category({"type": "LOC", "kind": "BASE"}) == "loc"
    assert category({"type": "DATE", "kind": "TIME"}) == "date"
