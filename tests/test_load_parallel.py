"""The fast paths of loading give the answers of the plain path.

Worker processes, the cached combined report and the benchmark's generator are
checked against a load in one process without the cache, on generated data and on
the broken fixtures (so problems, not only records, are compared).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import DATA, REPO
from timeline.validate.loader import LoadReport, load_dataset


def _generator() -> ModuleType:
    """benchmarks/generate.py, which is a script folder, not a package."""
    name = "timeline_benchmarks_generate"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "generate.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated") / "events"
    _generator().generate_dataset(folder, 120, seed=7)
    return folder


def _first_event_file(folder: Path) -> Path:
    year = sorted(p for p in folder.iterdir() if p.name.isdigit())[0]
    return sorted(year.iterdir())[0]


def _same(left: LoadReport, right: LoadReport) -> None:
    assert left.dataset == right.dataset
    assert left.problems == right.problems
    assert left.checked == right.checked
    assert left.invalid_records == right.invalid_records


def test_generated_data_is_valid_and_the_same_for_a_seed(generated: Path, tmp_path: Path
                                                         ) -> None:
    report = load_dataset(generated, use_cache=False)
    assert report.errors == []
    assert report.checked == {"event": 120, "actor": 25, "campaign": 2}
    again = tmp_path / "again"
    _generator().generate_dataset(again, 120, seed=7)
    written = sorted(p.relative_to(generated) for p in generated.rglob("*.yaml"))
    assert written == sorted(p.relative_to(again) for p in again.rglob("*.yaml"))
    assert all((generated / p).read_bytes() == (again / p).read_bytes() for p in written)


def test_generator_refuses_a_folder_with_files(generated: Path) -> None:
    with pytest.raises(FileExistsError):
        _generator().generate_dataset(generated, 5)


@pytest.mark.parametrize("source", ["generated", "broken", "valid"])
def test_workers_give_the_report_of_one_process(source: str, generated: Path) -> None:
    folder = generated if source == "generated" else DATA / source
    alone = load_dataset(folder, use_cache=False, workers=1)
    shared = load_dataset(folder, use_cache=False, workers=2)
    _same(alone, shared)


@pytest.mark.parametrize("source", ["generated", "broken"])
def test_warm_loads_give_the_report_of_a_cold_one(source: str, generated: Path,
                                                  tmp_path: Path) -> None:
    folder = tmp_path / "events"
    shutil.copytree(generated if source == "generated" else DATA / source, folder,
                    symlinks=True)
    cold = load_dataset(folder, use_cache=False)
    _same(load_dataset(folder, workers=2), cold)  # writes the cache
    _same(load_dataset(folder), cold)  # reuses the combined report
    target = _first_event_file(folder)
    info = target.stat()
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns + 2_000_000_000))
    _same(load_dataset(folder), cold)  # touched: read again, same bytes


def test_an_edit_after_a_warm_load_is_seen(generated: Path, tmp_path: Path) -> None:
    folder = tmp_path / "events"
    shutil.copytree(generated, folder)
    load_dataset(folder)
    load_dataset(folder)
    target = _first_event_file(folder)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("type: ", "type: x", 1), encoding="utf-8")
    edited = load_dataset(folder)
    assert "invalid-choice" in [p.code for p in edited.errors]
    _same(edited, load_dataset(folder, use_cache=False))
    target.write_text(text, encoding="utf-8")
    _same(load_dataset(folder), load_dataset(folder, use_cache=False))


def test_a_cache_made_under_another_folder_name_is_not_reused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "events"
    shutil.copytree(DATA / "broken", folder, symlinks=True)
    load_dataset(folder)
    monkeypatch.chdir(tmp_path)
    relative = load_dataset("events")
    assert {p.path.split("/")[0] for p in relative.problems} == {"events"}
    _same(relative, load_dataset("events", use_cache=False))
