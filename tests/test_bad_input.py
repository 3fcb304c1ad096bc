"""The bad-input catalogue (examples/bad_input.py), one test per case."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "examples" / "bad_input.py"
_SPEC = importlib.util.spec_from_file_location("bad_input", _PATH)
catalogue = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = catalogue  # dataclasses look their module up there
_SPEC.loader.exec_module(catalogue)


@pytest.mark.parametrize("case", catalogue.CASES, ids=lambda c: c.title)
def test_bad_input_is_answered_as_documented(case):
    ok, kind, message = catalogue.as_documented(case)
    assert ok, (
        f"expected {case.expected.__name__} matching {case.names!r}; got "
        f"{kind.__name__ if kind else 'nothing'}: {message}"
    )


def test_the_catalogue_covers_the_documented_cases():
    assert len(catalogue.CASES) == len({c.title for c in catalogue.CASES}) >= 25
