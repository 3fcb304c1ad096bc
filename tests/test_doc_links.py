"""Each public estimator's HTML representation links to its own API page,
and that page is one the docs generate (docs/api/index.rst lists the name)."""

import sys
from pathlib import Path

import pytest
from sklearn.base import BaseEstimator
from sklearn.pipeline import make_pipeline

import skseq
from skseq.utils._doc_link import docs_version

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs"))
from _registry_tables import api_list  # noqa: E402

DOCS = Path(__file__).resolve().parents[1] / "docs"
API_RST = DOCS / "api" / "index.rst"
ESTIMATORS = [
    name
    for name in skseq.__all__
    if isinstance(getattr(skseq, name), type)
    and issubclass(getattr(skseq, name), BaseEstimator)
]
REQUIRED = {"SlidingWindow": {"lookback": 4}}


def test_every_public_estimator_is_found():
    assert {"GRUClassifier", "SlidingWindow", "TextVectorizer"} <= set(ESTIMATORS)
    assert len(ESTIMATORS) >= 17


@pytest.mark.parametrize("name", ESTIMATORS)
def test_link_names_the_estimator_and_its_page_exists(name):
    estimator = getattr(skseq, name)(**REQUIRED.get(name, {}))
    assert estimator._get_doc_link() == (
        f"https://skseq.readthedocs.io/en/latest/api/generated/skseq.{name}.html"
    )
    # The estimator lists come from the family registry (docs/_registry_tables.py).
    generated = api_list("Classifier") + api_list("Regressor")
    listed = {line.strip() for line in (API_RST.read_text() + generated).splitlines()}
    assert name in listed, f"{name} is missing from docs/api/index.rst"


def test_pipeline_html_links_each_step():
    html = make_pipeline(skseq.TextVectorizer(), skseq.GRUClassifier())._repr_html_()
    for name in ["TextVectorizer", "GRUClassifier"]:
        assert f"api/generated/skseq.{name}.html" in html


@pytest.mark.parametrize(
    ("version", "folder"),
    [("0.2.0.dev0", "latest"), ("0.2.0", "0.2.0"), ("0.2.1+g1234", "latest")],
)
def test_docs_version(version, folder):
    assert docs_version(version) == folder
