"""Saved web pages: detection, declared encodings, the article without the page around it,
its metadata, and the reference date ranked against the text's own date line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import DATA, SAMPLE, names
from entext.cli import app
from entext.dates import ReferenceMoment
from entext.errors import InputError
from entext.inputs import InputSource, iter_sources, read_text
from entext.webpage import (
    declared_encoding,
    extract_article,
    has_markup,
    looks_like_html,
    rank_ref_date,
)

PAGES = DATA / "html"
ERBIL = PAGES / "erbil-rocket-attack.html"
OG_ONLY = PAGES / "khartoum-og-only.html"
CP1251 = PAGES / "pokrovsk-cp1251.html"

# Armed groups named only in the navigation, related links, most-read box and comments of
# ERBIL: none of them may be found in the article.
CHROME_GROUPS = {
    "Hamas",
    "Houthis",
    "Wagner Group",
    "RSF",
    "JNIM",
    "Hezbollah",
    "Hayat Tahrir al-Sham",
    "Al-Shabaab",
    "Asaib Ahl al-Haq",
    "Harakat al-Nujaba",
}


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# --- detection and encodings -----------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body>x</body></html>",
        b"\xef\xbb\xbf\n  <!doctype HTML>\n<html>",
        b"<html lang='en'><head>",
        b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0'>",
        b"<!-- saved from url=(0042)https://example.org/ -->\n<html>",
        b"<head><title>t</title></head>",
    ],
)
def test_pages_are_recognised_by_content(data):
    assert looks_like_html(data)


@pytest.mark.parametrize(
    "data",
    [
        b"BAGHDAD, Feb 8 (Reuters) - A drone strike ...",
        b"The <html> tag opens a page, the article said.",
        b"<p>A pasted paragraph</p> with a tag or two",
        b"",
    ],
)
def test_text_is_not_taken_for_a_page(data):
    assert not looks_like_html(data)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta charset="windows-1256">', "cp1256"),
        ("<meta charset=koi8-r>", "koi8-r"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=Windows-1251">', "cp1251"),
        # The HTML standard reads latin-1 labels as windows-1252.
        ('<meta charset="ISO-8859-1">', "cp1252"),
        ('<meta charset="no-such-charset">', None),
        ("<title>none declared</title>", None),
    ],
)
def test_declared_encoding(head, expected):
    assert declared_encoding(_page("", head).encode("ascii")) == expected


def test_declared_encoding_decodes_a_page_that_is_not_utf8():
    doc = read_text(InputSource(str(CP1251), CP1251))
    assert doc.encoding == "cp1251"
    assert doc.warning is None  # declared, not guessed
    assert "Покровськ" in doc.text and "Ситуація складна" in doc.text


def test_utf8_bytes_win_over_a_wrong_declaration(tmp_path):
    path = tmp_path / "p.html"
    body = "<p>" + "Fighters of the Rapid Support Forces entered Wad Madani – officials said. " * 6
    path.write_bytes(_page(body + "</p>", '<meta charset="iso-8859-1">').encode("utf-8"))
    doc = read_text(InputSource(str(path), path))
    assert doc.encoding == "utf-8" and "Madani – officials" in doc.text


def test_plain_text_under_a_page_name_is_read_as_text(tmp_path):
    path = tmp_path / "saved.html"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    doc = read_text(InputSource(str(path), path))
    assert doc.page is None and doc.text == SAMPLE.read_text(encoding="utf-8")
    assert doc.warning is not None and "holds no markup; read as text" in doc.warning
    # A fragment with a tag or two is a page, and "a < b" is not markup.
    assert has_markup(b"<p>RSF fighters entered Wad Madani.</p>")
    assert has_markup("<p>x</p>".encode("utf-16-le"))
    assert not has_markup(b"Losses: 3 < 5, said the army <3")


def test_folders_take_html_files(tmp_path):
    (tmp_path / "a.htm").write_text("x")
    (tmp_path / "b.HTML").write_text("x")
    (tmp_path / "c.txt").write_text("x")
    (tmp_path / "d.css").write_text("x")
    found = [s.source for s in iter_sources([str(tmp_path)])]
    assert [f.rsplit("/", 1)[1] for f in found] == ["a.htm", "b.HTML", "c.txt"]


# --- the article and its metadata -------------------------------------------------------------


def test_article_text_leaves_out_the_page_chrome():
    article = extract_article(ERBIL.read_text(encoding="utf-8"), "erbil")
    text = article.text
    assert text.startswith("Rockets hit US base near Erbil airport")
    assert "Kataib Hezbollah, the most powerful of the factions" in text
    for chrome in ("cookies", "Related stories", "Fly Emirates", "Advertisement", "Comments"):
        assert chrome not in text
    assert article.page.title.startswith("Rockets hit US base")
    assert not article.page.title.endswith("Levant Daily")
    assert (
        article.page.url == "https://levantdaily.example/middle-east/2024/03/05/erbil-rocket-attack"
    )
    assert article.page.author == "Hana Barzani"
    # First publication, not the modification date also in the metadata.
    assert article.page.published == dt.date(2024, 3, 5)


def test_og_metadata_alone_gives_title_url_and_date():
    article = extract_article(OG_ONLY.read_text(encoding="utf-8"), "og")
    assert article.page.title == "Drone strike on Omdurman market kills 12, medics say"
    assert article.page.url == "https://sudanwire.example/news/omdurman-market-drone-strike"
    assert article.page.published == dt.date(2024, 6, 14)
    assert article.text.startswith(article.page.title + "\n\n")
    assert "Sudan Wire – independent news" not in article.text


@pytest.mark.parametrize(
    "body",
    [
        "",
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>",
        "<form><input name='q'><button>Search</button></form>",
        "<div id='app'></div><script>render()</script>",
    ],
)
def test_a_page_without_an_article_is_an_error(body):
    with pytest.raises(InputError) as err:
        extract_article(_page(body), "index.html")
    assert err.value.code == "no_article" and "no article text" in str(err.value)


# --- the reference date --------------------------------------------------------------------------

D = dt.date


M = ReferenceMoment
LINE = (0, 12)  # where the text's date line is


@pytest.mark.parametrize(
    ("published", "text_date", "expected"),
    [
        (D(2024, 3, 5), None, M(D(2024, 3, 5), None, "metadata")),
        # Same day: the metadata's date, the text's time, the date line still one mention.
        (
            D(2024, 3, 5),
            M(D(2024, 3, 5), dt.time(9, 15), "text", LINE),
            M(D(2024, 3, 5), dt.time(9, 15), "metadata", LINE),
        ),
        # Republished two days later: the text was written on its own date.
        (
            D(2024, 3, 7),
            M(D(2024, 3, 5), None, "text", LINE),
            M(D(2024, 3, 5), None, "text", LINE),
        ),
        # An "Updated" line after the publication date loses (but stays one mention).
        (
            D(2024, 3, 5),
            M(D(2024, 3, 6), None, "text", LINE),
            M(D(2024, 3, 5), None, "metadata", LINE),
        ),
        # A date line months earlier is another story's date.
        (
            D(2024, 3, 5),
            M(D(2023, 11, 2), None, "text", LINE),
            M(D(2024, 3, 5), None, "metadata", LINE),
        ),
        # Eight days earlier is beyond the republication window.
        (
            D(2024, 3, 13),
            M(D(2024, 3, 5), None, "text", LINE),
            M(D(2024, 3, 13), None, "metadata", LINE),
        ),
    ],
)
def test_rank_ref_date(published, text_date, expected):
    assert rank_ref_date(published, text_date) == expected


# --- end to end ----------------------------------------------------------------------------------


def test_page_entities_come_from_the_article_only(extractor):
    [doc] = list(extractor.run([InputSource(str(ERBIL), ERBIL)]))
    found = names(doc)
    assert {"Kataib Hezbollah", "Islamic Resistance in Iraq", "US Central Command"} <= found
    assert not found & CHROME_GROUPS, found & CHROME_GROUPS
    assert "Levant Daily" not in " ".join(found)
    record = doc.to_dict()
    assert record["title"].startswith("Rockets hit") and record["url"].startswith("https://")
    assert (record["ref_date"], record["ref_date_source"]) == ("2024-03-05", "metadata")
    # "late on Monday" resolves against the metadata date (Tuesday 5 March).
    dates = {
        m["text"]: m["value"]
        for e in record["entities"]
        if e["type"] == "DATE"
        for m in e["mentions"]
    }
    monday = [value for text, value in dates.items() if text.endswith("Monday")]
    assert monday and set(monday) == {"2024-03-04"}, dates
    text = record["text"]
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


# Pages written after the extraction was, with armed groups named only around the article
# (navigation, related stories, most-read boxes, comments): (page, groups in the article,
# groups only in the chrome, title start, url, author, (ref_date, ref_date_source), encoding).
OTHER_PAGES = [
    (
        "sahel-convoy.html",
        {"Jama'at Nusrat al-Islam wal-Muslimin", "Malian Armed Forces", "Africa Corps"},
        {"ISWAP", "Al-Shabaab", "Ansarul Islam", "Macina Liberation Front", "Boko Haram"},
        "Jihadists ambush army convoy",
        "https://sahelmonitor.example/2025/03/14/boulkessi-convoy-ambush/",
        "Aminata Traoré",
        ("2025-03-14", "metadata"),
        "utf-8",
    ),
    (
        "mogadishu-og.html",  # og: metadata only
        {"al-Shabaab", "Somali National Army"},
        {"TPLF", "Fano"},
        "Car bomb kills 9 at checkpoint in Mogadishu",
        "https://hornpost.example/somalia/mogadishu-checkpoint-bomb-2025",
        None,
        ("2025-05-20", "metadata"),
        "utf-8",
    ),
    (
        "goma-cp1252.html",  # windows-1252, declared in a meta http-equiv
        {"March 23 Movement", "Armed Forces of the Democratic Republic of the Congo"},
        {"ADF", "CODECO", "Mai-Mai", "FDLR"},
        "M23 rebels advance towards Goma",
        "https://greatlakesreview.example/drc/m23-goma-advance",
        "Jean-Pierre Mugabo",
        ("2025-01-24", "metadata"),
        "cp1252",
    ),
    (
        # A wire story republished two days after its own date line: the text's date wins.
        "red-sea-republished-wire.html",
        {"Houthis", "US Central Command"},
        {"Hamas", "Kataib Hezbollah"},
        "Houthis claim drone attack on tanker",
        "https://gulfpartner.example/wires/2024/07/13/houthis-tanker-drone",
        "Wire staff",
        ("2024-07-11", "text"),
        "utf-8",
    ),
]


@pytest.mark.parametrize(
    ("name", "inside", "outside", "title", "url", "author", "ref", "encoding"), OTHER_PAGES
)
def test_other_pages(extractor, name, inside, outside, title, url, author, ref, encoding):
    path = PAGES / name
    [doc] = list(extractor.run([InputSource(str(path), path)]))
    found = names(doc)
    assert inside <= found, inside - found
    assert not found & outside, found & outside
    record = doc.to_dict()
    assert record["title"].startswith(title) and record["url"] == url
    assert record.get("author") == author and record["encoding"] == encoding
    assert (record["ref_date"], record["ref_date_source"]) == ref
    text = record["text"]
    assert "cookies" not in text and "comment" not in text.lower()
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
            if m.get("value") and m["text"] == "yesterday":  # written against the text's date
                assert m["value"] == "2024-07-10"


def test_the_ref_date_option_still_wins(extractor):
    from dataclasses import replace

    from entext.extract import Extractor

    ex = Extractor(replace(extractor.settings, ref_date=dt.date(2024, 3, 9)))
    ex._pipeline = extractor.pipeline
    [doc] = list(ex.run([InputSource(str(OG_ONLY), OG_ONLY)]))
    assert (doc.ref_date, doc.ref_date_source) == ("2024-03-09", "option")
    assert doc.to_dict()["published"] == "2024-06-14"


def test_cli_page_on_stdin_is_detected_and_a_page_without_article_fails():
    runner = CliRunner()
    result = runner.invoke(app, ["extract", "-", "-f", "jsonl"], input=OG_ONLY.read_bytes())
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["source"] == "-" and record["ref_date_source"] == "metadata"
    assert "Rapid Support Forces" in {e["name"] for e in record["entities"]}

    empty = _page("<nav><a href='/'>Home</a></nav>").encode()
    result = runner.invoke(app, ["extract", "-", "-f", "jsonl"], input=empty)
    assert result.exit_code == 1
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["error"]["code"] == "no_article"
    assert "no_article" in result.stderr


def test_include_text_for_plain_text():
    runner = CliRunner()
    without = runner.invoke(app, ["extract", str(SAMPLE), "-f", "json"])
    with_text = runner.invoke(app, ["extract", str(SAMPLE), "-f", "json", "--include-text"])
    assert "text" not in json.loads(without.stdout)[0]
    record = json.loads(with_text.stdout)[0]
    assert record["text"] == SAMPLE.read_text(encoding="utf-8")
    assert "title" not in record and "url" not in record


def test_import_and_help_do_not_load_the_extractor():
    code = (
        "import sys\n"
        "import entext, entext.inputs, entext.webpage\n"
        "from entext.cli import app\n"
        "for args in (['--help'], ['extract', '--help']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = sorted(m for m in ('trafilatura', 'htmldate', 'lxml', 'justext') "
        "if m in sys.modules)\n"
        "assert not heavy, heavy\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("ok")
