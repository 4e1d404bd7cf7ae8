"""Learner progress: recording never breaks a check, concurrent kernels
lose no record, a corrupt line is skipped, reset works."""

import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from helpers import tracking as pg
from helpers.quiz import Question, number


@pytest.fixture
def progress_file(tmp_path, monkeypatch):
    path = tmp_path / "data" / "progress.jsonl"
    monkeypatch.setenv(pg.ENV, str(path))
    return path


def test_the_test_environment_never_points_at_the_real_file():
    path = pg.progress_path().resolve()
    assert str(path).startswith(str(Path(tempfile.gettempdir()).resolve()))


def test_default_path_is_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(pg.ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert pg.progress_path() == tmp_path / "autodiff-course/progress.jsonl"


def test_record_appends_one_json_line(progress_file):
    assert pg.record("01", "q3", "right") is None
    assert pg.record("01", "q4", "wrong") is None
    lines = progress_file.read_text().splitlines()
    assert [json.loads(line)["question"] for line in lines] == ["q3", "q4"]
    assert json.loads(lines[0])["status"] == "right"
    assert "T" in json.loads(lines[0])["time"]


def test_check_records_its_verdict(progress_file, capsys):
    question = Question("q1", number(2.0), hint="", solution="")
    question.chapter = "01"
    question.check(2.0)
    question.check(3.0)
    question.check(...)
    statuses = [r["status"] for r in pg.load()]
    assert statuses == ["right", "wrong", "unanswered"]
    assert "progress" not in capsys.readouterr().out


def test_a_full_disk_keeps_the_verdict_and_says_so(monkeypatch, capsys):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    monkeypatch.setenv(pg.ENV, "/dev/full")
    question = Question("q1", number(2.0), hint="", solution="")
    question.chapter = "01"
    verdict = question.check(2.0)
    out = capsys.readouterr().out
    assert verdict
    assert "q1: correct" in out
    assert "progress not saved" in out
    assert len(out.strip().splitlines()) == 2


def test_an_unwritable_folder_keeps_the_verdict(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(pg.ENV, str(blocker / "progress.jsonl"))
    message = pg.record("01", "q1", "right")
    assert message is not None and "progress not saved" in message
    question = Question("q1", number(2.0), hint="", solution="")
    question.chapter = "01"
    assert not question.check(3.0)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root can write to read-only folders",
)
def test_a_read_only_folder_keeps_the_verdict(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv(pg.ENV, str(folder / "progress.jsonl"))
    try:
        assert "progress not saved" in (pg.record("01", "q1", "right") or "")
    finally:
        folder.chmod(0o700)


def _append_many(args):
    path, worker, count = args
    os.environ[pg.ENV] = path
    for i in range(count):
        assert pg.record(f"{worker:02d}", f"q{i}", "wrong") is None


def test_concurrent_kernels_lose_no_record(progress_file):
    progress_file.parent.mkdir(parents=True)
    jobs = [(str(progress_file), worker, 200) for worker in range(4)]
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        pool.map(_append_many, jobs)
    records = pg.load()
    assert len(records) == 800
    assert len({(r["chapter"], r["question"]) for r in records}) == 800


def test_a_corrupt_line_is_skipped_with_a_warning(progress_file):
    pg.record("01", "q1", "right")
    with open(progress_file, "a") as handle:
        handle.write('{"chapter": "01", "quest\n\x00garbage\n[1, 2]\n')
    pg.record("01", "q2", "wrong")
    with pytest.warns(UserWarning, match="skipped 3 unreadable lines"):
        records = pg.load()
    assert [r["question"] for r in records] == ["q1", "q2"]


def test_summary_right_stays_right_and_counts_per_chapter(progress_file):
    for question, status in [
        ("q1", "wrong"),
        ("q1", "right"),
        ("q1", "wrong"),
        ("q2", "wrong"),
        ("q3", "unanswered"),
    ]:
        pg.record("01", question, status)
    pg.record("99", "q1", "right")  # an unknown chapter is ignored
    state = pg.summarize()
    assert state.states["01"]["q1"] == "right"
    assert state.states["01"]["q2"] == "tried"
    assert state.states["01"]["q3"] == "not yet"
    right, tried, total = state.counts("01")
    assert (right, tried) == (1, 2)
    assert total == len(pg.questions()["01"]) >= 3
    assert state.next_exercise() == ("00", "q1")
    assert "01      1      2" in state.table()


def test_questions_lists_every_chapter_without_importing_frameworks():
    code = (
        "import sys; from helpers.tracking import questions; "
        "found = questions(); "
        "assert len(found) == 16, found.keys(); "
        "assert 'tensorflow' not in sys.modules; "
        "assert 'torch' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_progress_shows_a_table_and_a_figure(progress_file, capsys):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pg.record("00", "q1", "right")
    state = pg.progress()
    out = capsys.readouterr().out
    assert "chapter  right  tried  total" in out
    assert "next: practice 00, q2" in out
    ax = pg.plot_progress(state)
    assert ax.get_xlabel() == "exercise"
    assert "1 of" in ax.get_title()
    plt.close("all")


def test_reset_deletes_the_file(progress_file, capsys):
    pg.record("01", "q1", "right")
    pg.progress(reset=True, plot=False)
    assert not progress_file.exists()
    assert "progress reset" in capsys.readouterr().out
    assert "nothing to reset" in pg.reset()


def test_reset_from_the_command_line_asks_first(progress_file):
    pg.record("01", "q1", "right")
    env = {**os.environ, pg.ENV: str(progress_file)}
    command = [sys.executable, "-m", "helpers.tracking", "--reset"]
    kept = subprocess.run(
        command, input="n\n", text=True, capture_output=True, env=env
    )
    assert kept.returncode == 1 and progress_file.exists()
    assert "Delete 1 records" in kept.stdout
    gone = subprocess.run(
        command, input="y\n", text=True, capture_output=True, env=env
    )
    assert gone.returncode == 0 and not progress_file.exists()
