"""Build the course website from the notebooks' stored outputs.

    python -m helpers.sitebuild [OUT]      # default OUT: _site/

Steps: stage a copy of the repository's layout (README.md becomes the home
page with the table of contents appended; chapters/, practice/, solutions/
and the glossary keep their folders so every relative link resolves as in
JupyterLab), copy MathJax 3 from the npm registry into the site's static
files (cached in the virtual environment, never committed), then run
Sphinx with myst-nb, warnings as errors. Nothing is executed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONF = Path(__file__).resolve().parent / "site"
MATHJAX = "mathjax@3.2.2"
EXPLORER_NOTE = (
    "*On this website the explorer above shows no sliders: run the "
    "notebook in JupyterLab (`make lab`) and its sliders redraw the "
    "figure.*"
)
# Only what tex-chtml.js loads; the combined SVG, MathML and speech builds
# are left out (about 10 MB of the package's 24 MB).
MATHJAX_SKIP = ("*-full*", "tex-svg*", "mml-*", "tex-mml-*", "node-main.js")


def mathjax_folder() -> Path:
    """The es5/ folder of MathJax 3.2.2, fetched once with ``npm pack``.

    Raises:
        RuntimeError: if npm is missing or the registry cannot be reached.
    """
    cache = Path(sys.prefix) / "share" / "autodiff-course" / "mathjax-3.2.2"
    es5 = cache / "package" / "es5"
    if (es5 / "tex-chtml.js").exists():
        return es5
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "npm is needed once to fetch MathJax for the site; install "
            "Node.js 20 (it brings npm) and run `make site` again."
        )
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        packed = subprocess.run(
            [npm, "pack", MATHJAX, "--silent"],
            cwd=folder,
            capture_output=True,
            text=True,
        )
        if packed.returncode != 0:
            raise RuntimeError(
                f"`npm pack {MATHJAX}` failed: {packed.stderr.strip()}"
            )
        tarball = Path(folder) / packed.stdout.strip().splitlines()[-1]
        shutil.unpack_archive(tarball, cache)
    return es5


def _home_page(readme: str, chapters: list[str]) -> str:
    """README.md plus hidden toctrees: chapters, practice, solutions."""
    sections = [("Chapters", "chapters", [*chapters, "glossary", "progress"])]
    sections += [
        ("Practice", "practice", chapters),
        ("Solutions", "solutions", chapters),
    ]
    blocks = []
    for caption, folder, names in sections:
        entries = "\n".join(f"{folder}/{name}" for name in names)
        blocks.append(
            f"```{{toctree}}\n:caption: {caption}\n:hidden:\n\n{entries}\n```"
        )
    return readme.rstrip() + "\n\n" + "\n\n".join(blocks) + "\n"


def _stage_notebook(source: Path, target: Path) -> None:
    """Copy a notebook, adding a note after each explorer cell."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    if source.parent.name == "solutions":  # same H1 as practice otherwise
        title = nb["cells"][0]
        text = "".join(title["source"])
        title["source"] = text.replace("# Practice", "# Solutions", 1)
    cells = []
    for number, cell in enumerate(nb["cells"]):
        text = "".join(cell.get("source", ""))
        if cell["cell_type"] == "markdown":  # the home page is index.md
            cell["source"] = text.replace("](../README.md", "](../index.md")
        cells.append(cell)
        if cell["cell_type"] == "code" and "_explorer(" in text:
            cells.append(
                {
                    "cell_type": "markdown",
                    "id": f"explorer-note-{number}",
                    "metadata": {},
                    "source": EXPLORER_NOTE,
                }
            )
    nb["cells"] = cells
    target.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def stage(folder: Path) -> Path:
    """Write the Sphinx source tree into ``folder``; return it."""
    shutil.copy(CONF / "conf.py", folder / "conf.py")
    shutil.copytree(CONF / "_static", folder / "_static")
    es5 = mathjax_folder()
    shutil.copytree(
        es5,
        folder / "_static" / "mathjax",
        ignore=shutil.ignore_patterns(*MATHJAX_SKIP),
    )
    chapters = sorted(p.stem for p in (ROOT / "chapters").glob("[0-9]*.ipynb"))
    for sub in ("chapters", "practice", "solutions"):
        (folder / sub).mkdir()
        for path in sorted((ROOT / sub).glob("[0-9][0-9]_*.ipynb")):
            _stage_notebook(path, folder / sub / path.name)
    shutil.copy(ROOT / "chapters" / "glossary.md", folder / "chapters")
    _stage_notebook(
        ROOT / "chapters" / "progress.ipynb",
        folder / "chapters" / "progress.ipynb",
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (folder / "index.md").write_text(
        _home_page(readme, chapters), encoding="utf-8"
    )
    return folder


def build(out: Path) -> float:
    """Build the site into ``out``; return seconds. Raises
    subprocess.CalledProcessError when Sphinx reports a warning."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "src"
        source.mkdir()
        stage(source)
        if out.exists():
            shutil.rmtree(out)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "html",
                "-W",
                "--keep-going",
                "-q",
                "-d",
                str(Path(folder) / "doctrees"),
                str(source),
                str(out),
            ],
            check=True,
        )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.sitebuild")
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "_site")
    args = parser.parse_args(argv)
    try:
        seconds = build(args.out.resolve())
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    except subprocess.CalledProcessError:
        print(
            "the site build reported warnings (shown above)", file=sys.stderr
        )
        return 1
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(
        f"built {args.out} in {seconds:.1f} s ({size / 1e6:.1f} MB); "
        f"open {args.out / 'index.html'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
