"""Where each estimator's HTML representation links: its API page.

scikit-learn draws a "?" icon in an estimator's HTML representation (in
Jupyter) that links to the page ``_get_doc_link`` returns
(``sklearn.utils._repr_html.base._HTMLDocumentationLinkMixin``); by default
it returns "" for classes outside scikit-learn. Every public skseq class is
importable from ``skseq`` and documented at ``api/generated/skseq.<Name>``
(docs/api/index.rst), so one template covers them all.
"""

from __future__ import annotations

DOCS_URL = "https://skseq.readthedocs.io/en/{version}/"
API_PAGE = "api/generated/skseq.{name}.html"


def docs_version(version: str) -> str:
    """The docs' version folder: ``latest`` for a development version (as
    Read the Docs names the build of the default branch), else ``X.Y.Z``."""
    return "latest" if ("dev" in version or "+" in version) else version


class DocLinkMixin:
    """Mixin: the estimator's HTML representation links to its API page.

    Mix in before ``BaseEstimator``.
    """

    _doc_link_module = "skseq"
    _doc_link_template = DOCS_URL + API_PAGE

    def _doc_link_url_param_generator(self) -> dict[str, str]:
        from skseq._version import __version__

        return {
            "version": docs_version(__version__),
            "name": type(self).__name__,
        }
