"""Notebook hygiene: every notebook follows the course skeleton and stores
only outputs that a fresh run reproduces."""

import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers.build import WIDGET_VIEW

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
PRACTICE = sorted((ROOT / "practice").glob("[0-9][0-9]_*.ipynb"))
ALL = CHAPTERS + SOLUTIONS + PRACTICE
STORED = CHAPTERS + SOLUTIONS
# Chapters that teach with NumPy alone; importing TF or torch there would
# cost every learner seconds of start-up.
NUMPY_ONLY = {"01", "02", "03", "04", "05", "06"}


def name(path):
    return f"{path.parent.name}/{path.name}"


def read(path):
    return nbformat.read(path, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def markdown(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_there_are_notebooks_and_each_folder_matches():
    assert CHAPTERS, "no chapters found"
    chapter_names = {p.name for p in CHAPTERS}
    assert {p.name for p in SOLUTIONS} <= chapter_names
    assert {p.name for p in PRACTICE} == {p.name for p in SOLUTIONS}


@pytest.mark.parametrize("path", ALL, ids=name)
def test_file_name_is_two_digits_and_snake_case(path):
    assert re.fullmatch(r"\d\d_[a-z0-9]+(_[a-z0-9]+)*\.ipynb", path.name)


@pytest.mark.parametrize("path", ALL, ids=name)
def test_skeleton_headings(path):
    nb = read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    text = markdown(nb)
    assert len(re.findall(r"^# ", text, flags=re.M)) == 1, "one H1 title"
    assert len(re.findall(r"^- You will ", text, flags=re.M)) >= 3, (
        "3-5 'You will…' objectives"
    )
    for heading in ("## Setup", "## Summary", "## Next"):
        assert re.search(rf"^{heading}\s*$", text, flags=re.M), heading
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[0] == "Setup" and headings[-2:] == ["Summary", "Next"]


@pytest.mark.parametrize("path", ALL, ids=name)
def test_first_code_cell_is_the_setup_cell(path):
    cells = code_cells(read(path))
    setup = cells[0].source
    assert "import helpers" in setup and "helpers.setup()" in setup
    for cell in cells[1:]:
        assert "helpers.setup(" not in cell.source


@pytest.mark.parametrize("path", STORED, ids=name)
def test_execution_counts_run_1_to_n(path):
    counts = [c.execution_count for c in code_cells(read(path))]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", STORED, ids=name)
def test_errors_only_where_tagged_raises_exception(path):
    for i, cell in enumerate(code_cells(read(path))):
        tagged = "raises-exception" in cell.metadata.get("tags", [])
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors or tagged, f"code cell {i} stores an error"
        if tagged:
            assert errors, f"code cell {i} is tagged but does not raise"


@pytest.mark.parametrize("path", STORED, ids=name)
def test_stored_outputs_are_reproducible_text(path):
    for i, cell in enumerate(code_cells(read(path))):
        text = json.dumps(cell.outputs)
        assert not re.search(r"0x[0-9a-f]{6,}", text), f"address in cell {i}"
        assert "with 0 Axes" not in text, f"empty figure in cell {i}"
        assert not re.search(r"matplotlib\.\w+\.\w+ (object )?at", text)
        assert not re.search(r"\[<matplotlib", text), f"repr in cell {i}"
        assert not re.search(
            r"InitializeLog|oneDNN custom operations|[IWE]0000 \d", text
        ), f"TensorFlow log in cell {i}"
        assert "np.float64(" not in text, f"NumPy 2 scalar repr in cell {i}"
        for output in cell.outputs:
            if output.output_type == "stream":
                assert output.name == "stdout", f"stderr in cell {i}"


@pytest.mark.parametrize("path", STORED, ids=name)
def test_figures_are_stored_as_images(path):
    for i, cell in enumerate(code_cells(read(path))):
        for output in cell.outputs:
            data = output.get("data", {})
            if "<Figure size" in data.get("text/plain", ""):
                assert "image/png" in data, f"figure without image, cell {i}"


@pytest.mark.parametrize("path", ALL, ids=name)
def test_no_run_metadata_is_stored(path):
    nb = read(path)
    assert "widgets" not in nb.metadata
    for cell in nb.cells:
        assert "execution" not in cell.metadata
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", ALL, ids=name)
def test_no_absolute_paths_network_or_stray_files(path):
    for cell in code_cells(read(path)):
        source = cell.source
        assert not re.search(r"['\"](/home|/Users|/root|C:\\\\)", source)
        assert not re.search(r"https?://|urlopen|requests\.|wget", source)
        assert "savefig" not in source and "open(" not in source
        assert "sys.path" not in source


@pytest.mark.parametrize("path", ALL, ids=name)
def test_numpy_only_chapters_do_not_import_frameworks(path):
    if path.name[:2] not in NUMPY_ONLY:
        return
    source = "\n".join(c.source for c in code_cells(read(path)))
    assert not re.search(
        r"^\s*(import|from)\s+(tensorflow|torch)\b", source, flags=re.M
    )


@pytest.mark.parametrize("path", STORED, ids=name)
def test_plot_cells_end_with_show(path):
    for i, cell in enumerate(code_cells(read(path))):
        lines = cell.source.rstrip().splitlines()
        if not lines:
            continue
        assert not lines[-1].rstrip().endswith(";"), (
            f"cell {i} ends with ';' (nbval still shows the result)"
        )
        draws = any(o.get("data", {}).get("image/png") for o in cell.outputs)
        if draws and "NBVAL_IGNORE_OUTPUT" not in cell.source:
            assert lines[-1].strip() == "plt.show()", f"cell {i}"


@pytest.mark.parametrize("path", PRACTICE, ids=name)
def test_practice_stores_no_outputs(path):
    for cell in code_cells(read(path)):
        assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", STORED, ids=name)
def test_code_cells_stay_short(path):
    for i, cell in enumerate(code_cells(read(path))):
        assert len(cell.source.splitlines()) <= 20, f"cell {i} over 20 lines"


@pytest.mark.parametrize("path", CHAPTERS, ids=name)
def test_korean_names_for_key_terms(path):
    text = markdown(read(path))
    assert re.search(r"\*\*[^*]+\*\* \([\uac00-\ud7a3]", text), (
        "first use of a key term: **term** (한국어)"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=name)
def test_next_links_to_the_next_chapter_and_its_practice(path):
    nb = read(path)
    last = next(c for c in reversed(nb.cells) if c.cell_type == "markdown")
    here = int(path.name[:2])
    assert (
        f"../practice/{path.name}" in last.source or "## Next" in last.source
    )
    nxt = sorted((ROOT / "chapters").glob(f"{here + 1:02d}_*.ipynb"))
    if nxt:
        assert nxt[0].name in markdown(nb)


def glossary_terms():
    text = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([^|]+) \| ([^|]+) \|", text, flags=re.M)
    return {normal(english.split(" (")[0]) for english, _ in rows[1:]} | {
        normal(english) for english, _ in rows[1:]
    }


def normal(term):
    return re.sub(r"\s+", " ", term.replace("`", "")).strip().lower()


@pytest.mark.parametrize("path", CHAPTERS, ids=name)
def test_every_bold_korean_term_is_in_the_glossary(path):
    text = markdown(read(path))
    terms = re.findall(
        r"\*\*([^*]+)\*\*\s+\(([^)]*[\uac00-\ud7a3][^)]*)\)", text
    )
    known = glossary_terms()
    missing = [
        t
        for t, _ in terms
        if normal(t) not in known
        and normal(t).removeprefix("tf.") not in known
    ]
    assert not missing, f"add to chapters/glossary.md: {missing}"


@pytest.mark.parametrize("path", ALL, ids=name)
def test_relative_links_point_to_existing_files(path):
    for target in re.findall(
        r"\]\(([^)#]+\.(?:ipynb|md))\)", markdown(read(path))
    ):
        assert (path.parent / target).exists(), f"broken link {target}"


@pytest.mark.parametrize("path", STORED, ids=name)
def test_explorer_cells_ignore_output_and_store_no_widget(path):
    for i, cell in enumerate(code_cells(read(path))):
        if "_explorer(" in cell.source:
            first = cell.source.splitlines()[0]
            assert first == "# NBVAL_IGNORE_OUTPUT", f"cell {i}"
        for output in cell.outputs:
            assert WIDGET_VIEW not in output.get("data", {}), f"cell {i}"
