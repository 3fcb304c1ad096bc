"""A fresh Python process, started early, that runs a script given later.

Importing TensorFlow costs a new process 6-8 s. A test that checks something
"in a new process" starts one with :class:`FreshPython` *before* it fits the
models it saves: the child does its imports meanwhile, then waits for the
script on its standard input. The child is still a new interpreter that never
saw the parent's objects; only the imports named in ``preload`` ran first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile


class FreshPython:
    """``python -c`` that runs ``preload``, then the script sent to :meth:`run`."""

    def __init__(self, preload: str = "import numpy", env: dict | None = None):
        code = (
            f"{preload}\nimport sys\nexec(compile(sys.stdin.read(), 'script', 'exec'))"
        )
        self._stderr = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in close())
        self.process = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # A file, not a pipe: a child that fills one pipe while the
            # parent reads the other would wait forever.
            stderr=self._stderr,
            text=True,
            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})},
        )

    def send(self, script: str) -> None:
        """Give the child ``script`` and return at once: :meth:`wait` for it."""
        self.process.stdin.write(script)
        self.process.stdin.close()
        self.process.stdin = None  # communicate() would flush the closed pipe

    def wait(self, timeout: float = 300) -> str:
        """The child's standard output once it exits; fail with its standard
        error if it failed."""
        try:
            out = self.process.communicate(timeout=timeout)[0]
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        self._stderr.seek(0)
        assert self.process.returncode == 0, self._stderr.read()[-3000:]
        return out

    def run(self, script: str, timeout: float = 300) -> str:
        """Run ``script`` in the child and wait: its standard output."""
        self.send(script)
        return self.wait(timeout)

    def close(self) -> None:
        """Stop a child that was never given its script (a failed fit)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        self._stderr.close()
