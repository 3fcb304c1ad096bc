"""``python -m skseq``: see ``skseq.cli`` or ``python -m skseq --help``."""

import sys

from skseq.cli import main

if __name__ == "__main__":
    sys.exit(main())
