"""skseq's version, in a module of its own: the package face re-exports it,
and the modules that record or print it import it from here, so that no
module below the face imports ``skseq`` itself (issue 26). setuptools reads
it too (``[tool.setuptools.dynamic]`` in pyproject.toml)."""

__version__ = "0.2.0.dev0"
