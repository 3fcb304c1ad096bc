"""Loaders for the benchmark data sets, in the style of ``sklearn.datasets.fetch_*``.

Every fetcher follows one contract:

* the first argument may be positional (``fetch_imdb("test")``,
  ``fetch_jena_climate(data_home)``); every other option is keyword-only;
* ``data_home``: the cache folder, else the ``SKSEQ_DATA`` environment
  variable, else ``~/skseq_data`` (see :func:`get_data_home`), one sub-folder
  per data set, so a read-only copy of that layout works as ``data_home``;
* ``download_if_missing=True``: a missing cache is downloaded from the
  official URL (with a progress bar on a terminal), verified, and written
  atomically; with False, a ``FileNotFoundError`` says where the files belong;
* ``as_frame``: pandas objects if True, NumPy arrays if False;
* ``return_X_y``: ``(X, y)`` instead of the whole data set.

A failed download, a checksum mismatch or an interruption leaves no file
behind. Shared by both: ``_base`` (data home, download, checksum, atomic
writes); one module per data set: ``_imdb``, ``_jena_climate``.
"""

from ._base import get_data_home
from ._imdb import IMDB_SHA256, IMDB_URL, fetch_imdb
from ._jena_climate import (
    JENA_SHA256,
    JENA_TARGET,
    JENA_TARGET_COLUMN,
    JENA_URL,
    fetch_jena_climate,
    find_jena_file,
)
from ._sampling import balanced_sample

__all__ = [
    "IMDB_SHA256",
    "IMDB_URL",
    "JENA_SHA256",
    "JENA_TARGET",
    "JENA_TARGET_COLUMN",
    "JENA_URL",
    "balanced_sample",
    "fetch_imdb",
    "fetch_jena_climate",
    "find_jena_file",
    "get_data_home",
]
