"""Docs pages written from the model-family registry at build time
(issue 26): the estimator lists of the API reference, the defaults table
of the models page and the class names its prose lists, so that no default
or family name is stated twice.

``docs/conf.py`` calls :func:`write_tables`; the pages include the files it
writes under ``docs/generated/`` (not in git). ``tests/test_docs_tables.py``
checks the output against the registry.
"""

from __future__ import annotations

import re
from pathlib import Path


def _default(value) -> str:
    return f'`"{value}"`' if isinstance(value, str) else f"`{value}`"


def _first_sentence(doc: str) -> str:
    text = " ".join(doc.split())
    # The first ". " before a capital letter ("e.g. 'mse'" goes on).
    match = re.search(r"(?<!e\.g)(?<!i\.e)\.\s+(?=[A-Z])", text)
    return text if match is None else text[: match.start() + 1]


def api_list(task: str) -> str:
    """An autosummary directive listing every ``<Family><task>`` class.

    Self-contained, as autosummary scans it alone for stub pages
    (``autosummary_generate`` in ``docs/conf.py``): it sets its own
    ``currentmodule``, and its ``:toctree:`` is ``../api/generated/``, the
    same folder from ``docs/generated/`` and from ``docs/api/`` (where
    ``index.rst`` includes it).
    """
    from skseq.estimators import all_estimators

    names = all_estimators(task.lower())
    head = (
        ".. currentmodule:: skseq\n\n"
        ".. autosummary::\n   :toctree: ../api/generated/\n   :nosignatures:\n\n"
    )
    return head + "".join(f"   {name}\n" for name in names)


def defaults_table() -> str:
    """A Markdown table: each parameter, its default, the families that
    read it, and the first sentence of its documentation."""
    from skseq.models import SHARED
    from skseq.models._params import CLASSIFIER, REGRESSOR
    from skseq.networks import all_networks, readers

    networks = all_networks()
    prefixes = {name: network.prefix for name, network in networks.items()}
    lines = [
        "| parameter | default | read by | meaning |",
        "|---|---|---|---|",
    ]
    for param in SHARED:
        families = readers(param.name)
        # Read by the stem, the head or training, or by every body.
        everyone = not families or len(families) == len(networks)
        who = "all families" if everyone else ", ".join(prefixes[f] for f in families)
        lines.append(
            f"| `{param.name}` | {_default(param.default)} | {who} | "
            f"{_first_sentence(param.doc)} |"
        )
    for name, network in networks.items():
        for param in network.params:
            lines.append(
                f"| `{param.name}` | {_default(param.default)} | {prefixes[name]} "
                f"only | {_first_sentence(param.doc)} |"
            )
    for task, params in (("classifiers", CLASSIFIER), ("regressors", REGRESSOR)):
        for param in params:
            lines.append(
                f"| `{param.name}` | {_default(param.default)} | {task} | "
                f"{_first_sentence(param.doc)} |"
            )
    return "\n".join(lines) + "\n"


def substitutions() -> dict[str, str]:
    """MyST substitutions for prose: ``{{ classifiers }}`` and
    ``{{ regressors }}``, every estimator class name of the task, quoted as
    code and separated by commas (``docs/conf.py`` sets
    ``myst_substitutions`` to this)."""
    from skseq.estimators import all_estimators

    return {
        f"{task}s": ", ".join(f"`{name}`" for name in all_estimators(task))
        for task in ("classifier", "regressor")
    }


def write_tables(folder: Path) -> list[Path]:
    """Write the generated pages into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "api_classifiers.rst": api_list("Classifier"),
        "api_regressors.rst": api_list("Regressor"),
        "estimator_defaults.md": defaults_table(),
    }
    written = []
    for name, text in files.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")  # unchanged: no rebuild
        written.append(path)
    return written
