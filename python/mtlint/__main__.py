"""``python -m mtlint``: the mtlint command line (``check``, ``rules``, ``align``, ``lsp``…)."""

import sys

from . import _mtlint


def main() -> int:
    """Runs the command line with this process's arguments; returns its exit code."""
    return _mtlint.main(["mtlint", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
