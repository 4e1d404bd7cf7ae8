"""helpers.setup: seeds, prints nothing, never imports TF or PyTorch."""

import os
import subprocess
import sys
import types

import numpy as np

import helpers


def test_setup_seeds_numpy_and_prints_nothing(capsys):
    helpers.setup(seed=3)
    first = np.random.rand(3)
    helpers.setup(seed=3)
    assert np.array_equal(first, np.random.rand(3))
    assert capsys.readouterr() == ("", "")


def test_import_sets_the_tensorflow_quiet_variables():
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "3"
    assert os.environ["TF_ENABLE_ONEDNN_OPTS"] == "0"


def test_setup_never_imports_the_frameworks():
    code = (
        "import sys, helpers; helpers.setup(); "
        "print('tensorflow' in sys.modules, 'torch' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["False", "False"]


def test_versions_lists_numpy():
    assert f"NumPy      {np.__version__}" in helpers.versions()


class _FakeLogger:
    level = "INFO"  # what TensorFlow picks in an interactive kernel

    def setLevel(self, level):
        self.level = level


def test_setup_lets_tensorflow_warnings_through(monkeypatch):
    """TF's Python warnings (persistent tape inside its block, non-float
    watch, retracing) are lessons: setup() keeps them, hiding only INFO."""
    logger = _FakeLogger()
    seeds = []
    fake_tf = types.SimpleNamespace(
        random=types.SimpleNamespace(set_seed=seeds.append),
        get_logger=lambda: logger,
        config=types.SimpleNamespace(
            threading=types.SimpleNamespace(
                set_intra_op_parallelism_threads=lambda n: None,
                set_inter_op_parallelism_threads=lambda n: None,
            )
        ),
    )
    monkeypatch.setitem(sys.modules, "tensorflow", fake_tf)
    helpers.setup(seed=5)
    assert seeds == [5]
    assert logger.level == "WARNING"
