"""The ``-f html`` report opened in a real headless Chromium, with JavaScript disabled.

Everything is read through the DevTools protocol (tests/cdp.py): which marks exist, their
computed colours and laid-out boxes, the DOM the hostile article produced, the network
requests the page made, and screenshots at desktop and phone width, saved as artifacts in
``test-artifacts/`` (or ``$ENTEXT_ARTIFACTS``) for a person to look at.

``.ci/run`` installs Debian's ``chromium``; where it cannot be installed the test is skipped
and says so.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cdp import Browser, find_chromium
from conftest import DATA, ROOT, SAMPLE
from entext.cli import app
from robustness import battery

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on PATH (.ci/run installs it as root with apt-get install chromium)",
)

# The robustness battery's hostile article (console markup, terminal escapes, spreadsheet
# formulas, a bidi override) with markup that would act in a browser.
HOSTILE = battery.HOSTILE + (
    "<script>alert('x')</script><img src=x onerror=alert(1)><iframe src='https://evil.example'>"
    '</iframe></p></mark><style>mark{display:none}</style> Houthis & "Hamas" in Gaza.\n'
)
# File names a folder may hold: markup, a newline, bytes that are not UTF-8 (shown escaped).
HOSTILE_NAMES = ("<b onmouseover=alert(1)>bold.txt", "new\nline.txt")
HOSTILE_BYTES_NAME = b"caf\xe9-\xff.txt"
# A saved page whose article text holds markup as text (escaped in the page's own HTML).
HOSTILE_PAGE = (
    "<!DOCTYPE html><html><head><title>&lt;img src=x onerror=alert(2)&gt; headline</title>"
    "<meta property='og:url' content='javascript:alert(3)'></head><body><nav>Home</nav>"
    "<article><h1>&lt;img src=x onerror=alert(2)&gt; headline</h1>"
    "<p>Kataib Hezbollah fighters wrote &lt;script&gt;alert(4)&lt;/script&gt; on a wall in "
    "Baghdad, a reporter for the newspaper said on Friday.</p>"
    "<p>US Central Command said it was aware of the &lt;b&gt;reports&lt;/b&gt; and would "
    "respond in due course, officials in Washington said.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "hostile-page.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    names = folder / "names"
    names.mkdir()
    for name in HOSTILE_NAMES:
        (names / name).write_text("RSF fighters shelled El Fasher on Monday.", encoding="utf-8")
    (names / os.fsdecode(HOSTILE_BYTES_NAME)).write_text("Houthis fired on Aden.")
    (folder / "index.html").write_text(
        "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    out = folder / "report.html"
    result = CliRunner().invoke(
        app,
        [
            "extract",
            str(SAMPLE),
            str(folder / "hostile.txt"),
            str(folder / "hostile-page.html"),
            str(names),
            str(DATA / "html" / "erbil-rocket-attack.html"),
            str(DATA / "html" / "goma-cp1252.html"),
            str(folder / "index.html"),
            "-f",
            "html",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 3, result.output  # the index page has no article
    return out


@pytest.fixture(scope="module")
def browser(report: Path, tmp_path_factory: pytest.TempPathFactory):
    assert CHROMIUM is not None
    with Browser(CHROMIUM, tmp_path_factory.mktemp("profile")) as b:
        b.open(report.as_uri())
        yield b


def _artifacts() -> Path:
    folder = Path(os.environ.get("ENTEXT_ARTIFACTS", ROOT / "test-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _document(browser: Browser, source: str) -> int:
    """The report's one section for the input whose name contains ``source``."""
    [doc] = [n for n in browser.select_all("article.doc") if source in browser.outer_html(n)[:2000]]
    return doc


def _shown(browser: Browser, node: int) -> dict[str, str]:
    """The computed style of a node that must be visible (a laid-out, non-empty box)."""
    style = browser.computed_style(node)
    _, _, width, height = browser.rect(node)
    assert width > 0 and height > 0
    assert style["display"] != "none" and style["visibility"] == "visible"
    assert float(style["opacity"]) == 1.0
    return style


def test_militia_and_military_are_highlighted_and_look_different(browser):
    militia = browser.select_all("mark[data-entity='militia/kataib-hezbollah']")
    military = browser.select_all("mark[data-entity='military/us-central-command']")
    other = browser.select_all("mark.org")
    assert militia and military and other
    assert all("militia" in browser.outer_html(n).split(">")[0] for n in militia)
    assert "Kataib Hezbollah" in browser.outer_html(militia[0])
    looks = {}
    for name, node in (("militia", militia[0]), ("military", military[0]), ("org", other[0])):
        style = _shown(browser, node)
        looks[name] = (style["background-color"], style["border-bottom-style"])
        assert style["background-color"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert len(set(looks.values())) == 3, looks
    # Colour is not the only difference: the underline styles differ too.
    assert len({border for _, border in looks.values()}) == 3, looks


def test_every_kind_is_in_the_legend(browser):
    items = browser.select_all(".legend .sw")
    labels = [browser.outer_html(n) for n in items]
    assert len(items) == 6
    assert any("Militia" in label for label in labels)
    assert any("Military" in label for label in labels)
    for node in items:
        _shown(browser, node)


def test_hostile_text_shows_as_text(browser):
    # Nothing from the article became an element: no script, image, frame or style of its own.
    assert browser.select_all("script, img, iframe") == []
    assert len(browser.select_all("style")) == 1
    doc = _document(browser, "hostile.txt")
    markup = browser.outer_html(doc)
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in markup
    assert "&lt;style&gt;mark{display:none}&lt;/style&gt;" in markup
    assert "[bold red]" in markup and "[link=https://evil.example]" in markup
    # Escape and bidi-override characters are shown, not obeyed.
    assert "\x1b" not in markup and "\u202e" not in markup
    assert "\\x1b" in markup and "\\u202e" in markup
    assert "\\x07" in markup and "=HYPERLINK(" in markup and "]0;pwned" in markup
    # The marks after the injected </mark> and <style> are still shown.
    for node in browser.select_all("mark[data-entity='militia/kataib-hezbollah']"):
        _shown(browser, node)


def test_hostile_page_and_names_show_as_text(browser):
    doc = _document(browser, "hostile-page.html")
    markup = browser.outer_html(doc)
    assert "&lt;img src=x onerror=alert(2)&gt; headline" in markup
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in markup
    assert browser.select_all("a[href^='javascript']") == []
    for node in browser.select_all(f"#{browser_id(browser, doc)} mark"):
        _shown(browser, node)
    page = browser.outer_html(browser.select_all("main")[0])
    assert "&lt;b onmouseover=alert(1)&gt;bold.txt" in page
    assert "new\\nline.txt" in page or "new\nline.txt" in page
    assert "caf\\xe9-\\xff.txt" in page
    assert browser.select_all("b, [onmouseover]") == []


def browser_id(browser: Browser, node: int) -> str:
    """The id attribute of an element."""
    match = re.match(r"<[^>]*\bid=['\"]([^'\"]+)", browser.outer_html(node))
    assert match is not None
    return match.group(1)


def test_failures_are_listed_with_their_codes(browser):
    [table] = browser.select_all("#failures")
    markup = browser.outer_html(table)
    assert "index.html" in markup and "no_article" in markup


def test_the_page_requests_nothing(browser, report):
    urls = [e["params"]["request"]["url"] for e in browser.events("Network.requestWillBeSent")]
    assert urls == [report.as_uri()]


def test_screenshots_at_desktop_and_phone_width(browser):
    folder = _artifacts()
    wide = browser.screenshot(folder / "report-1280.png", 1280)
    phone = browser.screenshot(folder / "report-390.png", 390, mobile=True)
    # One screen of the seed article, as a reviewer sees it, at each width.
    screens = []
    for width, mobile, band in ((1280, False, 900), (390, True, 844)):
        browser.viewport(width, 900, mobile)
        seed = _document(browser, "drone-strike")
        _, top, _, _ = browser.rect(seed)
        screens.append(
            browser.screenshot(
                folder / f"report-{width}-article.png", width, mobile, clip=(top, band)
            )
        )
    for png in (wide, phone, *screens):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    # At phone width nothing is wider than the screen, and the panel sits below the text.
    metrics = browser.send("Page.getLayoutMetrics")
    assert metrics["cssContentSize"]["width"] <= 390
    text = browser.select_all("article.doc .text")[0]
    panel = browser.select_all("article.doc .panel")[0]
    _, text_y, _, text_h = browser.rect(text)
    _, panel_y, _, _ = browser.rect(panel)
    assert panel_y >= text_y + text_h
    browser.viewport(1280, 900)
