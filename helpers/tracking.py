"""A learner's progress: every ``check()`` appends one line to a file.

    helpers.progress()            # a table per chapter and a figure
    helpers.progress(reset=True)  # start again (asks nothing: you called it)

The file lives in the learner's user data folder (``progress_path()``), or
wherever the environment variable ``AUTODIFF_COURSE_PROGRESS`` points; the
test suite points it at a temporary folder. One JSON object per line::

    {"chapter": "01", "question": "q3", "status": "right",
     "time": "2026-11-29T22:41:07+00:00"}

Recording never raises and never changes a verdict: when the file cannot be
written, ``record`` returns one sentence saying so and the check prints it.
Appends are single ``write`` calls on a file opened in append mode, under an
advisory lock where the platform has one, so kernels that answer at the same
moment lose no record. A line that cannot be read is skipped with a warning.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ENV = "AUTODIFF_COURSE_PROGRESS"
APP = "autodiff-course"
STATUSES = ("right", "wrong", "unanswered")


def progress_path() -> Path:
    """Where progress is kept: ``$AUTODIFF_COURSE_PROGRESS`` if set, else
    the platform's user data folder (XDG on Linux, Application Support on
    macOS, %APPDATA% on Windows) + ``autodiff-course/progress.jsonl``."""
    override = os.environ.get(ENV, "").strip()
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local/share")
    return base / APP / "progress.jsonl"


@contextmanager
def _locked(handle: Any) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``handle`` where fcntl exists."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: append is enough
        yield
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def record(chapter: str, question: str, status: str) -> str | None:
    """Append one record; return None, or one sentence if it was not saved.

    Never raises: a read-only folder or a full disk gives the sentence.
    """
    if status not in STATUSES:
        return f"progress not saved: unknown status {status!r}."
    line = json.dumps(
        {
            "chapter": str(chapter),
            "question": str(question),
            "status": status,
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    path = progress_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle, _locked(handle):
            handle.write(line + "\n")
            handle.flush()
    except Exception as error:  # never let bookkeeping break a check
        reason = getattr(error, "strerror", None) or type(error).__name__
        return f"(progress not saved: {reason} at {path})"
    return None


def load(path: Path | None = None) -> list[dict[str, str]]:
    """Every readable record, oldest first; corrupt lines are skipped with
    one warning that says how many and where."""
    path = path or progress_path()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    except OSError as error:
        warnings.warn(f"could not read {path}: {error.strerror}", stacklevel=2)
        return []
    records, bad = [], 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            ok = isinstance(item, dict) and item.get("status") in STATUSES
            ok = ok and all(
                isinstance(item.get(k), str) for k in ("chapter", "question")
            )
        except ValueError:
            ok = False
        if ok:
            records.append(item)
        else:
            bad += 1
    if bad:
        warnings.warn(
            f"skipped {bad} unreadable line{'s' * (bad != 1)} in {path}",
            stacklevel=2,
        )
    return records


QUESTION_TYPES = ("Question", "Predict")


def questions() -> dict[str, list[str]]:
    """Chapter number -> its question names, in order, from
    ``helpers/questions/chNN.py`` (read without importing TF or torch)."""
    import ast

    folder = Path(__file__).parent / "questions"
    found: dict[str, list[str]] = {}
    for module in sorted(folder.glob("ch[0-9][0-9].py")):
        names = []
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                # Predict (questions/_tools.py) is a Question too
                and getattr(node.value.func, "id", "") in QUESTION_TYPES
            ):
                names += [
                    t.id for t in node.targets if isinstance(t, ast.Name)
                ]
        found[module.stem[2:]] = sorted(names, key=_question_order)
    return found


def _question_order(name: str) -> tuple[int, str]:
    digits = "".join(ch for ch in name if ch.isdigit())
    return (int(digits) if digits else 0, name)


@dataclass
class Progress:
    """The state of every exercise: 'right', 'tried' or 'not yet'."""

    states: dict[str, dict[str, str]] = field(default_factory=dict)
    path: Path = field(default_factory=progress_path)

    def counts(self, chapter: str) -> tuple[int, int, int]:
        """(right, tried, total) for one chapter; tried includes right."""
        states = self.states.get(chapter, {}).values()
        right = sum(s == "right" for s in states)
        tried = sum(s in ("right", "tried") for s in states)
        return right, tried, len(self.states.get(chapter, {}))

    def next_exercise(self) -> tuple[str, str] | None:
        """The first exercise, in course order, not yet answered right."""
        for chapter, states in self.states.items():
            for name, state in states.items():
                if state != "right":
                    return chapter, name
        return None

    def table(self) -> str:
        """A plain-text table: chapter, right, tried, total."""
        lines = ["chapter  right  tried  total"]
        for chapter in self.states:
            right, tried, total = self.counts(chapter)
            lines.append(f"{chapter:>7}  {right:5d}  {tried:5d}  {total:5d}")
        nxt = self.next_exercise()
        lines.append(
            f"next: practice {nxt[0]}, {nxt[1]}"
            if nxt
            else "every exercise answered right"
        )
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.table())


def summarize(records: list[dict[str, str]] | None = None) -> Progress:
    """Fold records into the latest state of every known exercise.

    An exercise is 'right' once any check of it was right (a later wrong
    try does not undo it), 'tried' if it was checked but never right, and
    'not yet' otherwise. Unanswered checks (the untouched stub) count as
    not yet.
    """
    records = load() if records is None else records
    states = {
        chapter: dict.fromkeys(names, "not yet")
        for chapter, names in questions().items()
    }
    for item in records:
        chapter_states = states.get(item["chapter"])
        if chapter_states is None or item["question"] not in chapter_states:
            continue
        old = chapter_states[item["question"]]
        if item["status"] == "right":
            chapter_states[item["question"]] = "right"
        elif item["status"] == "wrong" and old != "right":
            chapter_states[item["question"]] = "tried"
    return Progress(states=states)


def plot_progress(state: Progress, *, ax: Any = None) -> Any:
    """Chapters (rows) x exercises (columns), coloured right / tried /
    not yet; returns the Axes."""
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    chapters = list(state.states)
    width = max((len(s) for s in state.states.values()), default=1)
    codes = {"not yet": 0, "tried": 1, "right": 2}
    grid = np.full((len(chapters), width), np.nan)
    for row, chapter in enumerate(chapters):
        for col, value in enumerate(state.states[chapter].values()):
            grid[row, col] = codes[value]
    colours = ["#d9d9d9", "#f4a261", "#2a9d8f"]
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, 5.0))
    ax.imshow(
        np.ma.masked_invalid(grid),
        cmap=ListedColormap(colours),
        vmin=0,
        vmax=2,
        aspect="auto",
    )
    ax.set_yticks(range(len(chapters)), [f"ch {c}" for c in chapters])
    ax.set_xticks(range(width), [f"q{i + 1}" for i in range(width)])
    ax.set_xlabel("exercise")
    ax.set_ylabel("practice notebook")
    ax.grid(False)
    ax.set_xticks(np.arange(-0.5, width), minor=True)
    ax.set_yticks(np.arange(-0.5, len(chapters)), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    right = sum(state.counts(c)[0] for c in chapters)
    total = sum(state.counts(c)[2] for c in chapters)
    nxt = state.next_exercise()
    where = f"; next: ch {nxt[0]} {nxt[1]}" if nxt else ""
    ax.set_title(f"{right} of {total} exercises right{where}")
    labels = ["not yet", "tried", "right"]
    ax.legend(
        handles=[Patch(color=c, label=k) for c, k in zip(colours, labels)],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
    )
    return ax


def reset() -> str:
    """Delete the progress file; return one sentence saying what happened."""
    path = progress_path()
    try:
        path.unlink()
    except FileNotFoundError:
        return f"nothing to reset: {path} does not exist."
    except OSError as error:
        return f"could not delete {path}: {error.strerror}."
    return f"progress reset: deleted {path}."


def progress(*, reset: bool = False, plot: bool = True) -> Progress:
    """Show the table and the figure of your progress; return it.

    With ``reset=True`` the progress file is deleted first.
    """
    if reset:
        print(_reset())
    state = summarize()
    print(state.table())
    print(f"(kept in {state.path})")
    if plot:
        import matplotlib.pyplot as plt

        plot_progress(state)
        plt.show()
    return state


_reset = reset


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.tracking [--reset [--yes]]``: print the table,
    or delete the file after asking."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m helpers.tracking")
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--yes", action="store_true", help="do not ask")
    args = parser.parse_args(argv)
    if args.reset:
        path = progress_path()
        count = len(load())
        if not args.yes:
            answer = input(f"Delete {count} records in {path}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("kept.")
                return 1
        print(_reset())
        return 0
    state = summarize()
    print(state.table())
    print(f"(kept in {state.path})")
    for chapter, states in state.states.items():
        marks = "".join(
            {"right": "#", "tried": "x", "not yet": "."}[s]
            for s in states.values()
        )
        print(f"ch {chapter}  {marks}")
    print("# right   x tried   . not yet")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
