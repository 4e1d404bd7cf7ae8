"""The course website: built once from the stored outputs, then read in
headless Chromium from a static server on 127.0.0.1 with every other
http(s) request blocked. Screenshots land in screenshots/ (git-ignored).
"""

import functools
import http.server
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from chromium import HAVE_CHROMIUM, SKIP_REASON, launch

from helpers import sitebuild

if not HAVE_CHROMIUM:
    pytest.skip(SKIP_REASON, allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("[0-9]*.ipynb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "_site"
    sitebuild.build(out)
    return out


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def context(server):
    blocked = []

    def only_local(route):
        url = route.request.url
        if url.startswith(server) or not url.startswith("http"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        ctx.route("**/*", only_local)
        ctx.blocked = blocked
        yield ctx
        browser.close()


@pytest.fixture(scope="module")
def shots():
    SHOTS.mkdir(exist_ok=True)
    return SHOTS


def stored_notebook(folder, name):
    return json.loads((ROOT / folder / f"{name}.ipynb").read_text())


def has_math(nb):
    return any(
        "$" in "".join(cell["source"])
        for cell in nb["cells"]
        if cell["cell_type"] == "markdown"
    )


def stored_images(nb):
    return sum(
        "image/png" in output.get("data", {})
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for output in cell["outputs"]
    )


MATH_DONE = """() => window.MathJax && MathJax.startup &&
  MathJax.startup.promise && document.readyState === 'complete'"""


@pytest.fixture(scope="module")
def chapter_pages(context, server):
    """Every chapter page, opened at once in its own tab, math typeset."""
    pages = {}
    for name in CHAPTERS:  # start every navigation before waiting on any
        page = context.new_page()
        page.goto(f"{server}/chapters/{name}.html", wait_until="commit")
        pages[name] = page
    for name, page in pages.items():
        page.wait_for_load_state("load")
        if has_math(stored_notebook("chapters", name)):
            page.wait_for_function(MATH_DONE, timeout=60_000)
            page.evaluate("() => MathJax.startup.promise")
    yield pages
    for page in pages.values():
        page.close()


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_page_renders_math_and_images(
    chapter_pages, context, name, shots
):
    nb = stored_notebook("chapters", name)
    page = chapter_pages[name]
    if has_math(nb):
        assert page.locator("mjx-container").count() > 0
    images = page.locator("article img")
    assert images.count() >= stored_images(nb)
    broken = page.evaluate(
        """() => [...document.querySelectorAll('article img')]
           .filter(i => !(i.complete && i.naturalWidth > 0))
           .map(i => i.src)"""
    )
    assert not broken, f"images that did not load: {broken}"
    if name.startswith(("01", "08")):
        page.screenshot(path=shots / f"site_{name[:2]}.png")
    assert not context.blocked, context.blocked


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if tag in ("a", "img", "link", "script") and attrs.get(key):
                self.targets.append(attrs[key])


def test_no_link_on_any_page_points_to_a_missing_file(site):
    missing = []
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) >= 3 * len(CHAPTERS)
    for page in pages:
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme in ("http", "https", "mailto", "data"):
                continue
            if not parts.path:
                continue
            resolved = (page.parent / unquote(parts.path)).resolve()
            if not resolved.exists():
                missing.append(f"{page.relative_to(site)} -> {target}")
    assert not missing, "\n".join(missing[:20])


def test_no_page_links_outside_the_site(site):
    external = re.compile(r'(?:src|href)="https?://(?!127\.0\.0\.1)')
    for page in ["index.html", "chapters/01_derivatives.html"]:
        text = (site / page).read_text(encoding="utf-8")
        assert "mathjax/tex-chtml.js" in text
        scripts = re.findall(r'<script[^>]+src="https?://[^"]+"', text)
        assert not scripts, scripts
        assert not external.search(text) or "github" not in text


def test_chapter_links_resolve_in_both_directions(site):
    text = (site / "chapters/07_gradient_tape.html").read_text()
    assert 'href="../practice/07_gradient_tape.html' in text
    assert 'href="08_pytorch_autograd.html' in text
    home = (site / "index.html").read_text()
    for name in CHAPTERS:
        assert f'href="chapters/{name}.html' in home, name
    assert 'href="chapters/glossary.html' in home


def test_every_page_links_to_its_notebook_source(site):
    for folder in ("chapters", "practice", "solutions"):
        for name in CHAPTERS:
            html = (site / folder / f"{name}.html").read_text()
            source = f"../_sources/{folder}/{name}.ipynb"
            assert source in html, f"{folder}/{name} has no download link"
            assert (site / "_sources" / folder / f"{name}.ipynb").exists()


def test_solutions_pages_are_titled_as_solutions(site):
    html = (site / "solutions/07_gradient_tape.html").read_text()
    assert "<title>Solutions 07" in html
    html = (site / "practice/07_gradient_tape.html").read_text()
    assert "<title>Practice 07" in html


def test_table_of_contents_follows_the_chapter_order(context, server):
    page = context.new_page()
    page.goto(f"{server}/index.html")
    captions = page.locator("nav.bd-links p.caption").all_inner_texts()
    assert [c.strip() for c in captions] == [
        "Chapters",
        "Practice",
        "Solutions",
    ]
    links = page.locator("nav.bd-links a.reference.internal")
    hrefs = [h for h in links.evaluate_all("a => a.map(e => e.href)")]
    chapter_links = [h for h in hrefs if "/chapters/" in h]
    pages = [h.rsplit("/", 1)[-1] for h in chapter_links]
    order = [page[:2] for page in pages if page[:2].isdigit()]
    assert "glossary.html" in pages and "progress.html" in pages
    assert order == [name[:2] for name in CHAPTERS]
    page.close()


def test_search_finds_gradient_tape_in_chapter_07(context, server, shots):
    page = context.new_page()
    page.goto(f"{server}/search.html?q=GradientTape")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=30_000)
    hrefs = results.evaluate_all("a => a.map(e => e.getAttribute('href'))")
    assert any("chapters/07_gradient_tape" in h for h in hrefs), hrefs
    page.screenshot(path=shots / "site_search.png")
    page.close()


def test_expected_errors_are_styled_as_expected(context, server):
    page = context.new_page()
    page.goto(f"{server}/chapters/08_pytorch_autograd.html")
    tagged = page.locator("div.cell.tag_raises-exception")
    assert tagged.count() >= 1
    label = tagged.first.locator("div.cell_output").evaluate(
        "e => getComputedStyle(e, '::before').content"
    )
    assert "Expected error" in label
    page.close()


def test_explorers_show_their_figure_and_say_where_sliders_work(site):
    html = (site / "chapters/01_derivatives.html").read_text()
    assert "explorer above shows no sliders" in html
    assert "run the notebook in JupyterLab" in html
