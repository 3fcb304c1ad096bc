"""The docs' estimator lists and defaults table are written from the family
registry (docs/_registry_tables.py, run by docs/conf.py), and the pages
include them: no family name or default is kept by hand (issue 26)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from skseq.estimators import all_estimators
from skseq.models import SHARED
from skseq.networks import all_networks

DOCS = Path(__file__).resolve().parents[1] / "docs"
sys.path.insert(0, str(DOCS))
from _registry_tables import (  # noqa: E402
    api_list,
    defaults_table,
    substitutions,
    write_tables,
)


def test_the_api_lists_name_every_estimator_of_the_registry():
    for task in ("Classifier", "Regressor"):
        listed = re.findall(r"^   (\w+)$", api_list(task), flags=re.M)
        assert listed == list(all_estimators(task.lower()))
    index = (DOCS / "api" / "index.rst").read_text(encoding="utf-8")
    assert ".. include:: ../generated/api_classifiers.rst" in index
    assert ".. include:: ../generated/api_regressors.rst" in index
    assert "LSTMClassifier" not in index  # no list kept by hand


def test_the_defaults_table_states_every_default_from_the_code():
    rows = {
        match[1]: match[2]
        for match in re.finditer(r"^\| `(\w+)` \| (.+?) \|", defaults_table(), re.M)
    }
    params = [*SHARED, *(p for n in all_networks().values() for p in n.params)]
    for param in params:
        shown = f'`"{param.default}"`' if isinstance(param.default, str) else None
        assert rows[param.name] == (shown or f"`{param.default}`"), param.name
    # A shared parameter some families ignore names the ones that read it.
    assert "| `bidirectional` | `False` | Conv1D, GRU, LSTM, SimpleRNN |" in (
        defaults_table()
    )
    models = (DOCS / "user_guide" / "models.md").read_text(encoding="utf-8")
    assert "{include} ../generated/estimator_defaults.md" in models
    assert "| `units` | 32 |" not in models  # the hand table is gone


def test_write_tables_writes_the_three_pages(tmp_path):
    written = write_tables(tmp_path / "generated")
    assert sorted(p.name for p in written) == [
        "api_classifiers.rst",
        "api_regressors.rst",
        "estimator_defaults.md",
    ]
    assert (
        "TransformerRegressor"
        in (tmp_path / "generated" / "api_regressors.rst").read_text()
    )


def test_the_models_page_names_the_families_through_substitutions():
    values = substitutions()
    for task in ("classifier", "regressor"):
        named = re.findall(r"`(\w+)`", values[f"{task}s"])
        assert named == list(all_estimators(task))
    models = (DOCS / "user_guide" / "models.md").read_text(encoding="utf-8")
    assert "| {{ classifiers }} |" in models
    assert "| {{ regressors }} |" in models
    # No class name of a family is written out by hand in the overview.
    assert not re.search(r"`(SimpleRNN|LSTM|GRU)(Classifier|Regressor)`, `", models)
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert "myst_substitutions = substitutions()" in conf
