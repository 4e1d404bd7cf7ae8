"""helpers.setup: seeds, prints nothing, never imports TF or PyTorch."""

import os
import subprocess
import sys

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
