"""
Progress of the maintenance commands (management/progress.py): a count and a rate rewritten in place on a
terminal, plain lines at most every interval elsewhere.
"""

from io import StringIO

from django.core.management.base import OutputWrapper

from course_archive.management.progress import Progress
from tests.conftest import Terminal


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def _wrapped(stream):
    return OutputWrapper(stream)


def test_progress_on_a_terminal_rewrites_one_line_with_the_count_and_rate():
    out, clock = Terminal(), Clock()
    progress = Progress(_wrapped(out), "rows", total=300, clock=clock)
    clock.now = 2.0
    progress.add(100, "course 1/2")
    clock.now = 4.0
    progress.add(100, "course 2/2")
    progress.finish()
    text = out.getvalue()
    assert "\r\x1b[K100/300 rows (50/s): course 1/2" in text
    assert "\r\x1b[K200/300 rows (50/s): course 2/2" in text
    assert text.endswith("200/300 rows (50/s)\n") and text.count("\n") == 1


def test_progress_elsewhere_writes_a_plain_line_at_most_every_interval():
    out, clock = StringIO(), Clock()
    progress = Progress(_wrapped(out), "rows", clock=clock, interval=10)
    for second in range(1, 26):
        clock.now = float(second)
        progress.add(10)
    progress.finish()
    assert out.getvalue().splitlines() == ["100 rows (10/s)", "200 rows (10/s)", "250 rows (10/s)"]
    assert "\r" not in out.getvalue()


def test_counts_have_thousands_separators_and_no_time_is_no_rate():
    out, clock = StringIO(), Clock()
    progress = Progress(_wrapped(out), "statuses", total=2000, clock=clock)
    progress.add(1500)
    progress.finish("resume after course-v1:edX+C+1")
    assert out.getvalue() == "1,500/2,000 statuses (0/s): resume after course-v1:edX+C+1\n"
