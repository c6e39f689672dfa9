"""Unit tests of the plugin's template helpers (no Tutor project needed)."""

from __future__ import annotations

import ast
import json
import shlex

import pytest
from tutor import exceptions

from tutorcourse_archive import plugin


@pytest.mark.parametrize(
    "value",
    [
        "60/minute",
        None,
        {},
        'https://x.example/{course_id}?q=\'a"b\'\\\n"""',
        {"MITx": 'it\'s "quoted"', "edX": "https://e.example/{course}/{run}"},
        ["a", 1, True, None],
    ],
)
def test_python_literal_round_trips(value):
    assert ast.literal_eval(plugin.python_literal(value)) == value


def test_python_literal_refuses_what_is_not_a_literal():
    with pytest.raises(exceptions.TutorError, match="cannot be written to the Django settings"):
        plugin.python_literal(object())


@pytest.mark.parametrize("value", ["openedx-course-archive==0.1.0", "a b", "x'; rm -rf / #", "$(id)"])
def test_shell_quote_round_trips(value):
    assert shlex.split(plugin.shell_quote(value)) == [value]


def test_consumer_command():
    command = plugin.consumer_command("course-catalog-info-changed", "course_archive", "course_archive.lms")
    assert command[:7] == [
        "./manage.py",
        "lms",
        "consume_events",
        "-t",
        "course-catalog-info-changed",
        "-g",
        "course_archive",
    ]
    assert command[7] == "--extra"
    assert json.loads(command[8]) == {"consumer_name": "course_archive.lms"}


def test_mounted_folder_detection():
    mounts = ["/src/openedx-course-archive/", "lms:/dists/course-archive-dist:/somewhere"]
    assert plugin.is_repository_mounted(mounts)
    assert plugin.is_dist_mounted(mounts)
    assert not plugin.is_repository_mounted(["/src/openedx-course-archive-fork", "/src/edx-platform"])
    assert not plugin.is_dist_mounted([])
