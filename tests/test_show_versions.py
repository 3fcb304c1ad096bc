"""skseq.show_versions(): the versions a bug report needs, read from the
running process, on either backend."""

import re

import keras
import numpy as np
import pandas as pd
import pytest
import sklearn

import skseq

pytestmark = pytest.mark.jax


def _printed(capsys) -> dict[str, str]:
    skseq.show_versions()
    lines = capsys.readouterr().out.splitlines()
    return dict(
        re.fullmatch(r"\s*(\S+): (.*)", line).groups()
        for line in lines
        if line.startswith(" ") or ": " in line
    )


def test_versions_match_the_running_libraries(capsys):
    printed = _printed(capsys)
    assert printed["skseq"] == skseq.__version__
    assert printed["scikit-learn"] == sklearn.__version__
    assert printed["keras"] == keras.__version__
    assert printed["numpy"] == np.__version__
    assert printed["pandas"] == pd.__version__
    assert printed["scikeras"].startswith("0.13")
    backend = keras.backend.backend()
    assert printed["backend"] == backend
    if backend == "jax":
        import jax

        assert printed["jax"] == jax.__version__
    else:
        import tensorflow as tf

        assert tf.__version__ in {
            printed.get("tensorflow"),
            printed.get("tensorflow-cpu"),
        }


def test_sections_in_order(capsys):
    skseq.show_versions()
    out = capsys.readouterr().out
    titles = [line for line in out.splitlines() if line.endswith(":")]
    assert titles == ["System:", "Python dependencies:", "Keras backend:"]
    assert f"python: {skseq._show_versions.sys.version.split()[0]}" in out
