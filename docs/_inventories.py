"""Intersphinx inventories written from the installed libraries, offline.

Intersphinx links ``:class:`sklearn.pipeline.Pipeline``` and the like to
other projects' sites by reading their ``objects.inv``, which it downloads.
The docs are built where there is no internet (CI), where a failed download
is a warning that ``-W`` turns into an error. So the build writes each
inventory itself, from the public names of the installed scikit-learn,
NumPy and pandas and the URL scheme of their API pages (one page per
object, as each project's own docs generate them), and a hand-kept table
for Keras, whose site (keras.io) publishes no inventory.

The format is Sphinx's inventory version 2
(https://sphobjinv.readthedocs.io/en/stable/syntax.html): four header lines,
then zlib-compressed lines ``name domain:role priority uri display``, where
a ``uri`` ending in ``$`` stands for the name.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import zlib
from pathlib import Path

# Keras objects the docs mention, by their keras.io pages.
KERAS_PAGES = {
    "keras.Model": "api/models/model/",
    "keras.Sequential": "api/models/sequential/",
    "keras.layers.Embedding": "api/layers/core_layers/embedding/",
    "keras.layers.Dense": "api/layers/core_layers/dense/",
    "keras.layers.SimpleRNN": "api/layers/recurrent_layers/simple_rnn/",
    "keras.layers.LSTM": "api/layers/recurrent_layers/lstm/",
    "keras.layers.GRU": "api/layers/recurrent_layers/gru/",
    "keras.layers.Bidirectional": "api/layers/recurrent_layers/bidirectional/",
    "keras.layers.Conv1D": "api/layers/convolution_layers/convolution1d/",
    "keras.layers.MultiHeadAttention": (
        "api/layers/attention_layers/multi_head_attention/"
    ),
    "keras.layers.TextVectorization": (
        "api/layers/preprocessing_layers/text/text_vectorization/"
    ),
    "keras.callbacks.EarlyStopping": "api/callbacks/early_stopping/",
    "keras.optimizers.Adam": "api/optimizers/adam/",
    "keras.utils.PyDataset": "api/utils/python_utils/#pydataset-class",
    "keras.utils.timeseries_dataset_from_array": "api/data_loading/timeseries/",
}


def _role(obj) -> str | None:
    if inspect.isclass(obj):
        return "py:class"
    if callable(obj):
        return "py:function"
    return None


def _public_objects(package: str):
    """(full name, object) for each public name of ``package``'s public
    modules, as each module's ``__all__`` (or its public attributes) lists."""
    root = importlib.import_module(package)
    modules = [root]
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if any(
            part.startswith("_") or part == "tests" for part in info.name.split(".")
        ):
            continue
        try:
            modules.append(importlib.import_module(info.name))
        except Exception:  # noqa: BLE001 - optional dependencies missing here
            continue
    for module in modules:
        names = getattr(module, "__all__", None) or [
            name for name in vars(module) if not name.startswith("_")
        ]
        for name in names:
            obj = getattr(module, name, None)
            if _role(obj) and getattr(obj, "__module__", "").startswith(package):
                yield f"{module.__name__}.{name}", obj


def _sklearn_lines():
    for name, obj in _public_objects("sklearn"):
        yield f"{name} {_role(obj)} 1 modules/generated/{name}.html#$ -"


def _numpy_lines():
    import numpy

    for name in sorted(dir(numpy)):
        obj = getattr(numpy, name)
        if not name.startswith("_") and _role(obj):
            page = f"reference/generated/numpy.{name}.html#$"
            yield f"numpy.{name} {_role(obj)} 1 {page} -"


def _pandas_lines():
    import pandas

    for name in pandas.__all__:
        obj = getattr(pandas, name)
        if _role(obj):
            yield f"pandas.{name} {_role(obj)} 1 reference/api/pandas.{name}.html#$ -"
    for owner in ("DataFrame", "Series", "DatetimeIndex", "Index"):
        for name, _ in inspect.getmembers(getattr(pandas, owner)):
            if not name.startswith("_"):
                full = f"pandas.{owner}.{name}"
                yield f"{full} py:method 1 reference/api/{full}.html#$ -"


def _keras_lines():
    for name, page in KERAS_PAGES.items():
        role = "py:function" if name[name.rfind(".") + 1].islower() else "py:class"
        yield f"{name} {role} 1 {page} -"


SOURCES = {
    "sklearn": ("scikit-learn", "https://scikit-learn.org/stable/", _sklearn_lines),
    "numpy": ("NumPy", "https://numpy.org/doc/stable/", _numpy_lines),
    "pandas": ("pandas", "https://pandas.pydata.org/docs/", _pandas_lines),
    "keras": ("Keras", "https://keras.io/", _keras_lines),
}


def write_inventories(folder: Path) -> dict[str, tuple[str, str]]:
    """Write one ``<key>.inv`` per library into ``folder``; return the
    ``intersphinx_mapping`` that reads them."""
    folder.mkdir(parents=True, exist_ok=True)
    mapping = {}
    for key, (project, url, lines) in SOURCES.items():
        body = "\n".join(sorted(set(lines()))) + "\n"
        header = (
            "# Sphinx inventory version 2\n"
            f"# Project: {project}\n"
            "# Version: installed\n"
            "# The remainder of this file is compressed using zlib.\n"
        )
        path = folder / f"{key}.inv"
        path.write_bytes(header.encode() + zlib.compress(body.encode()))
        mapping[key] = (url, str(path))
    return mapping
