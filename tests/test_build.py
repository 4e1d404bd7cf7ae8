"""Project commands: the port `make lab` prints is the port it uses, and
`make bench` compares notebooks with a floor measured in the same run."""

import socket

import pytest

from helpers import build


def test_free_port_skips_a_busy_port():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        port = build.free_port(taken, tries=20)
        assert port != taken and taken < port < taken + 20
        with socket.socket() as probe:  # the port it names really is free
            probe.bind(("127.0.0.1", port))


def test_no_free_port_is_one_clear_sentence():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        with pytest.raises(RuntimeError, match="no free port between"):
            build.free_port(taken, tries=1)


def test_lab_starts_jupyter_on_exactly_the_chosen_port():
    makefile = (build.ROOT / "Makefile").read_text()
    recipe = makefile[makefile.index("lab: $(STAMP)") :]
    recipe = recipe[: recipe.index("\n\n")]
    assert "helpers.build port" in recipe
    assert "--ServerApp.port=$$port" in recipe
    assert "--ServerApp.port_retries=0" in recipe
    assert "http://127.0.0.1:$$port/lab" in recipe


def test_the_floor_notebook_imports_both_frameworks():
    assert "import tensorflow" in build.FLOOR_SOURCE
    assert "import torch" in build.FLOOR_SOURCE
    assert build.BUDGET == 3.0
