"""
The plugin with real tutor-contrib-aspects: its Superset dashboard in Aspects' ``superset-extra-assets``
patch, checked as Aspects' ``create_assets.py`` reads that file, and the LMS settings that keep the plugin's
events in event-routing-backends' allow-lists.
"""

from __future__ import annotations

import py_compile
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO_ROOT, TutorProject, make_project

pytest.importorskip("tutoraspects", reason="tutor-contrib-aspects is installed by run-tests.sh ([aspects] extra)")

ASSETS = "plugins/aspects/apps/superset/pythonpath/assets.yaml"
CLICKHOUSE_DATABASE = "plugins/aspects/build/aspects-superset/openedx-assets/assets/databases/OpenedX_Clickhouse.yaml"
# What Aspects' create_assets.py files each extra asset under, by the key it carries.
ASSET_KINDS = {"dashboard_title": "dashboards", "slice_name": "charts", "table_name": "datasets"}


def _backend_constant(name: str) -> str:
    """A constant of the backend's course_archive/xapi.py, read as text (the backend is not installed here)."""
    source = (REPO_ROOT / "backend" / "course_archive" / "xapi.py").read_text(encoding="utf-8")
    values = dict(re.findall(r'^(\w+) = f?"([^"]+)"', source, re.M))
    return values[name].replace("{IRI_BASE}", values["IRI_BASE"])


@pytest.fixture(scope="module")
def aspects_project(tmp_path_factory: pytest.TempPathFactory) -> TutorProject:
    project = make_project(tmp_path_factory.mktemp("aspects") / "tutor-root", ("course_archive", "mfe", "aspects"))
    # Aspects then rewrites ERB's tracking backends in the LMS settings (events through the event bus).
    project.save({"ASPECTS_ENABLE_EVENT_BUS_PRODUCER": "true"})
    return project


def _our_assets(project: TutorProject) -> dict[str, list[dict]]:
    assets: dict[str, list[dict]] = {kind: [] for kind in ASSET_KINDS.values()}
    for asset in yaml.safe_load_all(project.read(ASSETS)):
        assert isinstance(asset, dict) and "_file_name" in asset, asset  # create_assets.py refuses others
        kinds = [kind for key, kind in ASSET_KINDS.items() if key in asset]
        assert len(kinds) == 1, asset
        assets[kinds[0]].append(asset)
    return assets


def test_dashboard_charts_and_dataset_are_in_the_extra_assets(aspects_project: TutorProject) -> None:
    assets = _our_assets(aspects_project)
    (dataset,) = assets["datasets"]
    (dashboard,) = assets["dashboards"]
    assert len(assets["charts"]) == 3
    # The dataset queries Aspects' own ClickHouse database, in the xAPI database the config names.
    clickhouse = yaml.safe_load(aspects_project.read(CLICKHOUSE_DATABASE))
    assert dataset["database_uuid"] == clickhouse["uuid"]
    xapi_database = aspects_project.tutor("config", "printvalue", "ASPECTS_XAPI_DATABASE").stdout.strip()
    assert dataset["schema"] == xapi_database
    assert f"from {xapi_database}.xapi_events_all_parsed" in dataset["sql"]
    assert "{{" not in dataset["sql"]
    # Its verbs are the ones the backend's transformers write.
    for verb in ("VERB_ARCHIVED", "VERB_UNARCHIVED"):
        assert f"'{_backend_constant(verb)}'" in dataset["sql"]
    columns = {column["column_name"] for column in dataset["columns"]}
    metrics = {metric["metric_name"] for metric in dataset["metrics"]}
    for column in dataset["columns"]:
        assert "verbose_name" in column  # Aspects translates it
    # Each chart reads the dataset's columns and metrics.
    for chart in assets["charts"]:
        assert chart["dataset_uuid"] == dataset["uuid"]
        params = chart["params"]
        assert set(params["metrics"]) <= metrics
        assert set(params.get("groupby", [])) <= columns
        if "x_axis" in params:
            assert params["x_axis"] in columns
    # The dashboard places every chart, by uuid and name; Aspects reads its slug, description and roles.
    placed = {
        element["meta"]["uuid"]: element["meta"]["sliceName"]
        for element in dashboard["position"].values()
        if isinstance(element, dict) and element.get("type") == "CHART"
    }
    assert placed == {chart["uuid"]: chart["slice_name"] for chart in assets["charts"]}
    assert dashboard["slug"] == "course-archive" and dashboard["description"]
    assert dashboard["_roles"] == ["Operator"]
    uuids = [asset["uuid"] for kind in assets.values() for asset in kind]
    assert len(set(uuids)) == len(uuids)


def test_lms_settings_add_the_events_after_aspects_settings(aspects_project: TutorProject) -> None:
    for name in ("production", "development"):
        path = aspects_project.env / f"apps/openedx/settings/lms/{name}.py"
        text = path.read_text(encoding="utf-8")
        py_compile.compile(str(path), doraise=True)
        call = text.index("_course_archive_register_xapi_events(_course_archive_sys.modules[__name__])")
        # After every ERB setting Aspects writes.
        assert 'EVENT_TRACKING_BACKENDS["event_transformer"]' in text
        assert call > text.rindex("EVENT_TRACKING_BACKENDS") and call > text.rindex("EVENT_BUS_PRODUCER_CONFIG")


def test_dashboard_can_be_left_out(tmp_path: Path) -> None:
    project = make_project(tmp_path / "tutor-root", ("course_archive", "mfe", "aspects"))
    project.save({"COURSE_ARCHIVE_ASPECTS_DASHBOARD": "false"})
    assert list(yaml.safe_load_all(project.read(ASSETS))) == []


def test_without_aspects_nothing_of_it_is_rendered(default_project: TutorProject) -> None:
    assert not (default_project.env / ASSETS).exists()
    for name in ("production", "development"):
        assert "register_xapi_events" not in default_project.read(f"apps/openedx/settings/lms/{name}.py")
