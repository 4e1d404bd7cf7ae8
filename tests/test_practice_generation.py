"""practice/ is exactly what the generator makes from solutions/."""

from pathlib import Path

import nbformat
import pytest

from helpers.build import make_practice, practice_path, practice_source

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_practice_is_generated_from_solutions(path):
    expected = make_practice(nbformat.read(path, as_version=4))
    target = practice_path(path)
    assert target.exists(), f"run `make practice` to create {target.name}"
    actual = nbformat.read(target, as_version=4)
    assert nbformat.writes(actual) == nbformat.writes(expected), (
        f"practice/{path.name} is stale: run `make practice`"
    )


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_every_solution_region_is_balanced_and_checked(path):
    nb = nbformat.read(path, as_version=4)
    regions = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        regions += cell.source.count("# BEGIN SOLUTION")
        practice_source(cell.source)  # raises on unbalanced markers
    assert regions >= 5, "a practice notebook has 5-10 exercises"


def test_top_level_answers_become_ellipsis():
    source = (
        "# BEGIN SOLUTION\nanswer = 2 * 3\n# END SOLUTION\nq.q1.check(answer)"
    )
    assert practice_source(source) == (
        "answer = ...  # your answer here\nq.q1.check(answer)"
    )


def test_function_bodies_become_not_implemented():
    source = (
        "def df(x):\n    # BEGIN SOLUTION\n    return 2 * x\n"
        "    # END SOLUTION\n\nq.q2.check(df)"
    )
    assert practice_source(source) == (
        'def df(x):\n    raise NotImplementedError("your code here")\n'
        "\nq.q2.check(df)"
    )


def test_unbalanced_markers_are_an_error():
    with pytest.raises(ValueError):
        practice_source("# BEGIN SOLUTION\nx = 1\n")
    with pytest.raises(ValueError):
        practice_source("x = 1\n# END SOLUTION\n")


def test_solution_only_cells_are_dropped():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("keep"),
            nbformat.v4.new_markdown_cell(
                "drop", metadata={"tags": ["solution-only"]}
            ),
        ]
    )
    assert [c.source for c in make_practice(nb).cells] == ["keep"]
