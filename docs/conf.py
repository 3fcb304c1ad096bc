"""Sphinx configuration of the skseq documentation.

Build: ``python -m sphinx -W -b html docs docs/_build/html`` (add
``-D plot_gallery=0`` to skip running the examples). The user guide is
MyST Markdown, the API reference is generated from the numpydoc docstrings
(autosummary), and the gallery is made from ``examples/`` by sphinx-gallery,
each example run on small real-data slices (``SKSEQ_DATA`` must point at the
data, as for the tests).
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Quiet TensorFlow's C++ start-up lines in the build log; examples draw into
# files, never a window.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("MPLBACKEND", "Agg")
# Sphinx reads this file from docs/ and the examples run from examples/:
# make the data folder absolute, a relative SKSEQ_DATA being relative to the
# repository root, where the README's commands run.
os.environ["SKSEQ_DATA"] = str(
    (ROOT / os.environ.get("SKSEQ_DATA", "../shared/data")).resolve()
)

import skseq  # noqa: E402
from skseq.utils._doc_link import docs_version  # noqa: E402

project = "skseq"
author = "the skseq developers"
copyright = "2026, the skseq developers"
release = skseq.__version__
version = docs_version(release)

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "numpydoc",
    "myst_parser",
    "sphinx_gallery.gen_gallery",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
# generated/: pages written from the registry, included by others.
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "img/README.md", "generated"]
templates_path = ["_templates"]

# API reference: one page per public object, as docs/api/index.rst lists them.
# Stub pages for every autosummary entry: the API index's own, and the
# estimator lists written from the registry (docs/_registry_tables.py), which
# the index includes; autosummary does not follow includes when it scans.
autosummary_generate = [
    "api/index.rst",
    "generated/api_classifiers.rst",
    "generated/api_regressors.rst",
]
autodoc_default_options = {"members": False, "inherited-members": False}
numpydoc_show_class_members = True
numpydoc_show_inherited_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
# numpydoc validation runs in tests/test_docstrings.py, not here.
numpydoc_validation_checks = set()

# Markdown user guide: ``[text](page.md#heading)`` links resolve to headings.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "dollarmath", "substitution"]

# Links to scikit-learn, NumPy, pandas and Keras through inventories written
# from the installed libraries (docs/_inventories.py): the build needs no
# internet, and -W fails on an inventory it cannot download.
sys.path.insert(0, str(Path(__file__).parent))
from _inventories import write_inventories  # noqa: E402

intersphinx_mapping = write_inventories(ROOT / "docs" / "_build" / "inventories")

# The estimator lists, the defaults table and the class names in prose
# ({{ classifiers }}), from the family registry.
from _registry_tables import substitutions, write_tables  # noqa: E402

write_tables(ROOT / "docs" / "generated")
myst_substitutions = substitutions()
intersphinx_disabled_reftypes = ["std:doc"]

sphinx_gallery_conf = {
    "examples_dirs": [str(ROOT / "examples")],
    "gallery_dirs": ["auto_examples"],
    # Every example runs (not only plot_*.py), on its small default slices;
    # --full is each example's command-line option for full-size settings.
    # The Dask one starts a cluster of worker processes (4 minutes on 2
    # cores): it is shown, not run.
    "filename_pattern": r"/(?!dask_)\w+\.py$",
    "ignore_pattern": r"__init__\.py",
    "within_subsection_order": "FileNameSortKey",
    "download_all_examples": False,
    "remove_config_comments": True,
    "matplotlib_animations": False,
    "image_scrapers": ("matplotlib",),
    "abort_on_example_error": True,
    "plot_gallery": "True",
    # "Gallery examples" on each API page: the examples that use the object.
    "doc_module": ("skseq",),
    "backreferences_dir": "api/generated/backreferences",
    "reference_url": {"skseq": None},
}

html_theme = "pydata_sphinx_theme"
html_title = f"skseq {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "header_links_before_dropdown": 6,
    "secondary_sidebar_items": ["page-toc"],
}
# Pages without sub-pages: no empty "Section Navigation" column beside them.
html_sidebars = {
    page: []
    for page in ["index", "getting_started", "results", "changelog", "development"]
}
html_static_path: list[str] = []
html_show_sourcelink = False

warnings.filterwarnings(
    "ignore",
    category=UserWarning,
    message="Matplotlib is currently using agg, which is a non-GUI backend",
)
