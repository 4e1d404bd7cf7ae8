"""Project commands for notebooks (not used by the notebooks themselves).

    python -m helpers.build execute NOTEBOOK...   re-run and store outputs
    python -m helpers.build practice              practice/ from solutions/
    python -m helpers.build bench [NOTEBOOK...]   time notebooks against
                                                  the floor of the same run

``execute`` is the one canonical way to store outputs: the course's kernel
(this interpreter), the test suite's environment variables, and afterwards
each cell's ``metadata.execution`` timestamps and the notebook's widget
state are removed, so a re-run changes only what the code changed.

``practice`` turns each solutions/NN_*.ipynb into practice/NN_*.ipynb: code
between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes a stub, cells
tagged ``solution-only`` are dropped, and outputs are removed.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEST_ENV = {
    "PYTHONHASHSEED": "0",
    "OMP_NUM_THREADS": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
}
BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"


def test_environment() -> None:
    """Set the variables the test command sets, for kernels started later.

    Progress records go to a temporary folder, never to the learner's file.
    """
    for key, value in TEST_ENV.items():
        os.environ.setdefault(key, value)
    if not os.environ.get("AUTODIFF_COURSE_PROGRESS"):
        import tempfile

        folder = tempfile.mkdtemp(prefix="autodiff-progress-")
        os.environ["AUTODIFF_COURSE_PROGRESS"] = str(
            Path(folder) / "progress.jsonl"
        )


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def strip_run_metadata(nb: Any) -> Any:
    """Drop per-run noise: execution timestamps and widget state.

    A widget's stored view cannot be shown without its state (JupyterLab
    would print "model not found"), so widget outputs are dropped as well:
    an explorer cell shows its sliders once the learner runs it.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            cell.outputs = [
                output
                for output in cell.outputs
                if WIDGET_VIEW not in output.get("data", {})
            ]
    return nb


def execute(path: Path, *, write: bool = True) -> float:
    """Run a notebook top to bottom in its own folder; return seconds."""
    import nbformat
    from nbclient import NotebookClient

    test_environment()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    # The kernel's own stderr (ipykernel's "running over TCP" notice) is
    # not part of the notebook; keep it off the terminal.
    client.execute(stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    if write:
        nbformat.write(strip_run_metadata(nb), path)
    return seconds


def _stub(region: list[str], indent: str) -> list[str]:
    """The practice version of one solution region."""
    if indent:
        return [f'{indent}raise NotImplementedError("your code here")\n']
    try:
        tree = ast.parse("".join(region))
    except SyntaxError:
        tree = ast.Module(body=[], type_ignores=[])
    names = [
        ast.unparse(target)
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
    ]
    if not names:
        return ["...  # your code here\n"]
    return [f"{name} = ...  # your answer here\n" for name in names]


def practice_source(source: str) -> str:
    """Replace every BEGIN/END SOLUTION region of a cell with its stub."""
    lines = source.splitlines(keepends=True)
    out: list[str] = []
    region: list[str] | None = None
    indent = ""
    for line in lines:
        stripped = line.strip()
        if stripped == BEGIN:
            if region is not None:
                raise ValueError(f"nested {BEGIN!r} in:\n{source}")
            region, indent = [], line[: len(line) - len(line.lstrip())]
        elif stripped == END:
            if region is None:
                raise ValueError(f"{END!r} without {BEGIN!r} in:\n{source}")
            out.extend(_stub(region, indent))
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise ValueError(f"{BEGIN!r} without {END!r} in:\n{source}")
    return "".join(out).rstrip("\n")


def make_practice(solution: Any) -> Any:
    """The practice notebook made from a solution notebook (a copy)."""
    nb = copy.deepcopy(solution)
    cells = []
    for cell in nb.cells:
        if "solution-only" in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.source = practice_source(cell.source)
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    nb.cells = cells
    return strip_run_metadata(nb)


def practice_path(solution_path: Path) -> Path:
    return solution_path.parent.parent / "practice" / solution_path.name


def write_practice() -> list[Path]:
    import nbformat

    written = []
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        target = practice_path(path)
        nb = make_practice(nbformat.read(path, as_version=4))
        target.parent.mkdir(exist_ok=True)
        nbformat.write(nb, target)
        written.append(target)
    return written


def import_cost(module: str) -> float:
    """Seconds for a fresh interpreter to import ``module``."""
    test_environment()
    code = (
        "import time; t = time.perf_counter(); "
        f"import {module}; print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    ).stdout
    return float(out.strip().splitlines()[-1])


def notebooks() -> list[Path]:
    return sorted(
        p
        for folder in ("chapters", "solutions", "practice")
        for p in (ROOT / folder).glob("[0-9][0-9]_*.ipynb")
    )


def explorer_redraw_ms() -> dict[str, float]:
    """Median milliseconds for one slider move of each explorer: redraw in
    place plus rendering the PNG that Jupyter sends to the browser."""
    import io
    import statistics

    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    from matplotlib.figure import Figure

    from . import explorers

    rng = np.random.default_rng(0)
    x = rng.uniform(-3, 3, 100)
    y = 2 * x + 1 + rng.normal(0, 0.5, 100)
    moves = {
        "tangent": lambda ax, i: explorers.draw_tangent(
            lambda t: t**2, lambda t: 2 * t, 1.0, 10 ** (-i / 10), ax=ax[0]
        ),
        "step_size": lambda ax, i: explorers.draw_step_size(
            np.sin, np.cos, 1.0, -i / 2, ax=ax[0]
        ),
        "newton": lambda ax, i: explorers.draw_newton(
            lambda t: t**2 / 2 + t**4 / 4,
            lambda t: t + t**3,
            lambda t: 1 + 3 * t**2,
            2.0,
            i % 10,
            ax=ax[0],
            lr=0.15,
        ),
        "descent": lambda ax, i: explorers.draw_descent(
            x, y, -2 + i / 10, 5, 10, axes=(ax[0], ax[1])
        ),
    }
    medians = {}
    for name, move in moves.items():
        fig = Figure(figsize=(6.0, 4.0), dpi=100)
        axes = fig.subplots(1, 2 if name == "descent" else 1, squeeze=False)[0]
        times = []
        for i in range(21):
            start = time.perf_counter()
            move(axes, i)
            fig.savefig(io.BytesIO(), format="png")
            if i:  # the first draw builds the axes
                times.append(1000 * (time.perf_counter() - start))
        medians[name] = statistics.median(times)
    return medians


FLOOR_SOURCE = "import helpers\nimport tensorflow\nimport torch\n"
BUDGET = 3.0  # every notebook within this multiple of the floor


def floor_seconds(repeats: int = 3) -> float:
    """Median seconds of the floor notebook: a kernel start plus
    ``import helpers, tensorflow, torch``, run the way ``execute`` runs a
    notebook. Measured in the same run as the notebooks it is compared to,
    because load on a shared machine changes every figure 2-5x."""
    import statistics
    import tempfile

    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    times = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "floor.ipynb"
        nbformat.write(nb, path)
        for _ in range(repeats):
            times.append(execute(path, write=False))
    return statistics.median(times)


def bench(paths: list[Path] | None = None) -> int:
    """Print each notebook's time as seconds and as a multiple of the
    floor measured in the same run; return 1 if one is over budget."""
    chosen = [p.resolve() for p in paths] if paths else notebooks()
    floor = floor_seconds()
    rows = [(_name(p), execute(p, write=False)) for p in chosen]
    floor_after = floor_seconds(repeats=1)
    floor = min(floor, floor_after) if floor_after > 0 else floor
    width = max([len(name) for name, _ in rows] + [24])
    print(f"floor (kernel start + import helpers, tensorflow, torch): "
          f"{floor:.1f} s")
    print(f"{'notebook':<{width}}  seconds  x floor")
    over = 0
    for name, seconds in sorted(rows, key=lambda row: -row[1]):
        ratio = seconds / floor
        flag = "  over budget" if ratio > BUDGET else ""
        over += bool(flag)
        print(f"{name:<{width}}  {seconds:7.1f}  {ratio:7.2f}{flag}")
    total = sum(s for _, s in rows)
    print(f"{'total (serial)':<{width}}  {total:7.1f}  {total / floor:7.1f}")
    if paths:
        return int(over > 0)
    for module in ("numpy", "matplotlib.pyplot", "tensorflow", "torch"):
        print(f"import {module:<18} {import_cost(module):5.1f} s")
    for name, ms in explorer_redraw_ms().items():
        print(f"explorer {name:<16} {ms:5.0f} ms per slider move")
    return int(over > 0)


def _name(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def free_port(start: int = 8888, tries: int = 50) -> int:
    """The first port from ``start`` that 127.0.0.1 can bind right now.

    ``make lab`` picks the port with this and starts Jupyter on exactly it
    (no retries), so the URL it prints is the URL the server uses.

    Raises:
        RuntimeError: if none of ``tries`` ports is free.
    """
    import socket

    for port in range(start, start + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(
        f"no free port between {start} and {start + tries - 1} on "
        "127.0.0.1; close another Jupyter server or set LAB_PORT."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.build")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("execute", help="re-run notebooks, store outputs")
    run.add_argument("paths", nargs="+", type=Path)
    sub.add_parser("practice", help="generate practice/ from solutions/")
    port = sub.add_parser("port", help="print a free port for make lab")
    port.add_argument("start", nargs="?", type=int, default=8888)
    timing = sub.add_parser("bench", help="time notebooks against the floor")
    timing.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "execute":
        for path in args.paths:
            print(f"{path}: {execute(path.resolve()):.1f} s", flush=True)
    elif args.command == "port":
        try:
            print(free_port(args.start))
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 1
    elif args.command == "practice":
        for path in write_practice():
            print(f"wrote {path.relative_to(ROOT)}")
    else:
        return bench(args.paths)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
