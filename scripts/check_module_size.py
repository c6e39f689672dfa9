"""
Fail, naming each file, where a module of backend/course_archive (migrations aside) has more than 250 lines.

Run by ``make quality``: a module that long does more than one thing, so it is split by concern (issue 26).
"""

import pathlib
import sys

MAX_LINES = 250
PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "backend" / "course_archive"


def main():
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.relative_to(PACKAGE).parts:
            continue
        with path.open(encoding="utf-8") as module:
            lines = sum(1 for _ in module)
        if lines > MAX_LINES:
            too_long.append(f"{path.relative_to(PACKAGE.parent.parent)}: {lines} lines (at most {MAX_LINES})")
    for line in too_long:
        print(line, file=sys.stderr)  # noqa: T201 - a command-line check reports on stderr
    return 1 if too_long else 0


if __name__ == "__main__":
    sys.exit(main())
