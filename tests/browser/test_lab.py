"""The course in a real browser: JupyterLab in headless Chromium.

What a learner sees and clicks: Run All reaches the last cell of each
chapter, a practice exercise answers ✗ with its reason and then ✓, an
explorer's slider moves the figure, and the server refuses requests
without its token. Screenshots land in screenshots/ (git-ignored).
"""

import json
import re
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]


RUN_ALL_CHAPTERS = [  # the chapters issue 7 names
    name
    for number in ("00", "01", "06", "13")
    for name in sorted(
        p.name for p in (ROOT / "chapters").glob(f"{number}_*.ipynb")
    )
]
# Done when nothing is queued or running: after an error JupyterLab clears
# the queue, so a stopped Run All also ends here (and the tests say so).
PROMPTS_DONE = """() => {
  const prompts = [
    ...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')
  ].map(e => e.textContent.trim());
  const idle = document.querySelector(
    ".jp-Notebook-ExecutionIndicator[data-status='idle']");
  return idle && prompts.some(t => /\\d/.test(t))
    && !prompts.some(t => t.includes('*'));
}"""
NEWS = "official Jupyter news"


KERNEL_READY = """() => {
  const bar = document.querySelector('.jp-StatusBar-Widget');
  return bar && bar.innerText.includes('Python 3 (ipykernel) | Idle');
}"""


def open_notebook(page, lab, path):
    """Open a notebook and wait until its kernel has started and is idle."""
    page.goto(lab.page_url(path))
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    page.wait_for_function(KERNEL_READY, timeout=90_000)


def run_all(page):
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def stored(path):
    nb = nbformat.read(ROOT / path, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    tagged = sum(
        "raises-exception" in c.metadata.get("tags", []) for c in cells
    )
    images = sum(
        "image/png" in o.get("data", {}) for c in cells for o in c.outputs
    )
    return len(cells), tagged, images


@pytest.fixture(scope="module")
def chapters_run(lab, browser, shots):
    """Open every chapter in its own tab, Run All in each, wait for all."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pages = {}
    start = time.monotonic()
    for name in RUN_ALL_CHAPTERS:  # start them all: the kernels run at once
        page = context.new_page()
        open_notebook(page, lab, f"chapters/{name}")
        run_all(page)
        pages[name] = page
    for name, page in pages.items():
        page.wait_for_timeout(500)  # let the queue fill before waiting
        page.wait_for_function(PROMPTS_DONE, timeout=180_000)
        page.screenshot(path=shots / f"chapter_{name[:2]}.png")
    yield pages, time.monotonic() - start
    context.close()


@pytest.mark.parametrize("name", RUN_ALL_CHAPTERS)
def test_run_all_reaches_the_last_cell_without_unexpected_errors(
    chapters_run, name
):
    pages, _ = chapters_run
    page = pages[name]
    cells, tagged, images = stored(f"chapters/{name}")
    prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()
    unrun = [i for i, p in enumerate(prompts) if not p.strip()[1:-2].isdigit()]
    assert not unrun, f"Run All stopped: code cells {unrun} never ran"
    numbers = [int(p.strip()[1:-2]) for p in prompts]
    assert len(numbers) == cells and numbers == sorted(numbers)
    errors = page.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
    )
    assert errors.count() == tagged, errors.all_inner_texts()
    figures = page.locator(".jp-OutputArea-output img").count()
    assert figures >= images
    assert page.get_by_text(NEWS).count() == 0


def code_cell(page, marker):
    """The code cell whose source contains ``marker``."""
    return page.locator(".jp-CodeCell").filter(
        has=page.locator(".jp-InputArea-editor", has_text=marker)
    )


def replace_and_run(page, cell, source):
    cell.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(source)
    page.keyboard.press("Shift+Enter")
    output = cell.locator(".jp-OutputArea-output")
    output.first.wait_for(timeout=30_000)
    page.wait_for_function(PROMPTS_DONE, timeout=30_000)
    return output.all_inner_texts()


def test_practice_01_answers_with_reasons(lab, page, shots):
    open_notebook(page, lab, "practice/01_derivatives.ipynb")
    run_all(page)
    page.wait_for_function(PROMPTS_DONE, timeout=60_000)
    untouched = code_cell(page, "q.q2.check").locator(".jp-OutputArea-output")
    assert untouched.all_inner_texts() == ["… q2: not answered yet.\n"]
    cell = code_cell(page, "q.q1.check")
    wrong = replace_and_run(page, cell, "answer = 26\nq.q1.check(answer)")
    assert wrong == [
        "✗ q1: 26 is not right: divide the change in f by the width 2.\n"
    ]
    word = replace_and_run(
        page, cell, "answer = 'thirteen'\nq.q1.check(answer)"
    )
    assert word == ["✗ q1: expected a number; got str 'thirteen'.\n"]
    right = replace_and_run(page, cell, "answer = 13\nq.q1.check(answer)")
    assert right == ["✓ q1: correct.\n"]
    page.screenshot(path=shots / "practice_01.png")
    assert "Traceback" not in page.locator(".jp-Notebook").inner_text()
    # The progress view now shows that exercise as right.
    open_notebook(page, lab, "chapters/progress.ipynb")
    run_all(page)
    page.wait_for_function(PROMPTS_DONE, timeout=60_000)
    view = code_cell(page, "helpers.progress()")
    view.locator(".jp-OutputArea-output img").first.wait_for(timeout=30_000)
    table = "\n".join(view.locator(".jp-OutputArea-output").all_inner_texts())
    row = re.search(r"^\s*01\s+(\d+)\s+(\d+)\s+(\d+)", table, flags=re.M)
    assert row, table
    assert (int(row[1]), int(row[2])) == (1, 1), table
    assert "next: practice 00, q1" in table
    page.screenshot(path=shots / "progress.png")


def test_tangent_explorer_follows_the_keyboard(chapters_run, shots):
    pages, _ = chapters_run
    page = pages["01_derivatives.ipynb"]
    explorer = page.locator(".jp-OutputArea-output .widget-vbox").first
    explorer.scroll_into_view_if_needed()
    label = explorer.locator(".widget-html")
    image = explorer.locator("img")
    image.wait_for(timeout=30_000)
    before = (label.inner_text(), image.get_attribute("src"))
    assert "h = 1:" in before[0]
    handle = explorer.locator(".noUi-handle").nth(1)  # the h slider
    handle.click()
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "([el, text]) => el.innerText !== text",
        arg=[label.element_handle(), before[0]],
        timeout=10_000,
    )
    after = (label.inner_text(), image.get_attribute("src"))
    assert after[0] != before[0] and after[1] != before[1]
    assert "secant slope" in after[0]
    explorer.screenshot(path=shots / "tangent_explorer.png")


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_requests_without_the_token_are_refused(lab):
    for api in ("/api/contents", "/api/kernels"):
        assert status(lab.url + api) == 403
        assert status(f"{lab.url}{api}?token={lab.token}") == 200


def test_the_server_listens_on_loopback_only(lab):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.255.255.255", 1))  # no packet is sent
        address = probe.getsockname()[0]
    if address.startswith("127."):
        pytest.skip("this machine has no non-loopback address to try")
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex((address, lab.port)) != 0


def test_lab_settings_switch_the_news_prompt_off():
    import sys

    overrides = Path(sys.prefix) / "share/jupyter/lab/settings/overrides.json"
    settings = json.loads(overrides.read_text())
    notification = settings["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false"
