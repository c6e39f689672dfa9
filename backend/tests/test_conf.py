"""Settings (conf.py) and toggles: each carries its OEP-17 annotation."""

import re
from pathlib import Path

import pytest

from course_archive import conf

pytestmark = pytest.mark.django_db


def test_every_setting_and_toggle_carries_its_annotation():
    source = Path(conf.__file__).read_text()
    annotated = set(re.findall(r"# \.\. setting_name: (\S+)", source))
    assert annotated == set(conf.DEFAULTS)
    toggles = Path(conf.__file__).with_name("toggles.py").read_text()
    assert re.findall(r"# \.\. toggle_name: (\S+)", toggles) == ["course_archive.disabled"]
