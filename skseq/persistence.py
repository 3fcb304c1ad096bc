"""Deprecated alias of :mod:`skseq.saving` (renamed in 0.2; removed in 0.3).

"Persistence" now means only the last-value forecast
(``PersistenceRegressor``, ``persistence_column``).
"""

import warnings

from skseq.saving import load, save, saved_versions
from skseq.utils import VersionWarning, versions

__all__ = ["VersionWarning", "load", "save", "saved_versions", "versions"]

warnings.warn(
    "skseq.persistence was renamed skseq.saving in skseq 0.2 and will be removed "
    "in 0.3; import save, load, saved_versions and VersionWarning from "
    "skseq.saving",
    FutureWarning,
    stacklevel=2,
)
