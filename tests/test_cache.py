"""The loader's cache: a warm load equals a cold one, and any change invalidates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from folder_kit import EVENT, damage_cache, events_folder
from timeline.validate.cache import cache_file, default_cache_dir
from timeline.validate.loader import load_dataset


def _folder(tmp_path: Path) -> Path:
    return events_folder(tmp_path, {"2025-05-21-a.yaml": EVENT.format(title="First"),
                                    "2025-05-21-b.yaml": EVENT.format(title="Second")})


def test_warm_load_equals_cold_load(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    cold = load_dataset(root)
    assert cache_file(default_cache_dir(), root).exists()
    warm = load_dataset(root)
    assert warm.problems == cold.problems
    assert warm.checked == cold.checked
    # The records are built when first asked for, not by the load itself.
    assert cold.is_built and not warm.is_built
    assert warm.dataset == cold.dataset
    assert warm.is_built


def test_a_cache_whose_stamps_alone_changed_is_rewritten_intact(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    cold = load_dataset(root)
    target = root / "2025" / "2025-05-21-b.yaml"
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 7_000_000))
    touched = load_dataset(root)  # rewrites the cache from its stored sections
    assert not touched.is_built
    again = load_dataset(root)
    assert again.dataset == cold.dataset and again.problems == cold.problems
    # Then an edit needs the per-file results, which point into the stored dataset.
    target.write_text(EVENT.format(title="Second").replace("march", "marhc"))
    edited = load_dataset(root)
    assert [p.code for p in edited.problems] == ["invalid-choice"]
    assert [e.id for e in edited.dataset.events] == ["2025-05-21-a"]


def test_changed_content_is_checked_again(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    load_dataset(root)
    target = root / "2025" / "2025-05-21-a.yaml"
    stat = target.stat()
    # Same size and same modification time, different bytes: the digest catches it only
    # when the time changes, so change both the bytes and the time as an editor does.
    target.write_text(EVENT.format(title="Frist").replace("march", "marhc"))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    report = load_dataset(root)
    assert [p.code for p in report.problems] == ["invalid-choice"]


def test_touched_but_unchanged_file_is_reused(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    first = load_dataset(root)
    target = root / "2025" / "2025-05-21-a.yaml"
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 5_000_000))
    again = load_dataset(root)
    # Reused, not parsed again: the stored report is served and its records not built.
    assert not again.is_built
    assert again.problems == first.problems and again.dataset == first.dataset
    # The new time is kept: the next load does not even read the file.
    assert not load_dataset(root).is_built


def test_settings_change_drops_the_cache(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    load_dataset(root)
    (root / "timeline.yaml").write_text("title: T\nlanguages: [en]\ntimezone: Asia/Tokyo\n")
    report = load_dataset(root)
    assert report.dataset.events[0].date.timezone == "Asia/Tokyo"


def test_deleted_and_added_files_are_seen(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    load_dataset(root)
    (root / "2025" / "2025-05-21-b.yaml").unlink()
    (root / "2025" / "2025-05-21-c.yaml").write_text(EVENT.format(title="Third"))
    ids = [e.id for e in load_dataset(root).dataset.events]
    assert ids == ["2025-05-21-a", "2025-05-21-c"]


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    load_dataset(root)
    cache_file(default_cache_dir(), root).write_bytes(b"not a pickle")
    assert len(load_dataset(root).dataset.events) == 2


DATASET_SECTION, OUTLINE_SECTION, RESULTS_SECTION = 2, 3, 4


def test_a_damaged_dataset_section_is_rebuilt_from_the_files(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    cold = load_dataset(root)
    store = cache_file(default_cache_dir(), root)
    damage_cache(store, DATASET_SECTION)
    warm = load_dataset(root)  # the problems and counts are intact, and read
    assert warm.problems == cold.problems and not warm.is_built
    assert warm.dataset == cold.dataset  # decoding fails: the files are loaded again
    assert not store.exists()  # and the next load writes a good cache
    load_dataset(root)
    assert load_dataset(root).dataset == cold.dataset


def test_a_damaged_results_section_means_checking_every_file(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    load_dataset(root)
    store = cache_file(default_cache_dir(), root)
    damage_cache(store, RESULTS_SECTION)
    # One file edited: the others' results would come from the damaged section.
    target = root / "2025" / "2025-05-21-a.yaml"
    target.write_text(EVENT.format(title="First").replace("march", "marhc"))
    report = load_dataset(root)
    assert [p.code for p in report.problems] == ["invalid-choice"]
    assert [e.id for e in report.dataset.events] == ["2025-05-21-b"]
    again = load_dataset(root)  # from a cache written afresh
    assert again.problems == report.problems and not again.is_built
    assert again.dataset == report.dataset


def test_cache_lives_outside_the_data_folder(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    before = sorted(p.name for p in root.rglob("*"))
    load_dataset(root)
    assert sorted(p.name for p in root.rglob("*")) == before


def test_the_code_stamp_covers_every_module_of_the_package(tmp_path: Path) -> None:
    import shutil

    import timeline
    from timeline.validate import cache

    package = Path(timeline.__file__).parent
    copy = tmp_path / "timeline"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.code_stamp(copy)
    assert cache.code_stamp(copy) == before
    # A module three levels down (a module of the timeline page) changes: the stamp changes.
    page = copy / "app" / "pages" / "timeline" / "answers.py"
    page.write_text(page.read_text() + "\n# edited\n")
    assert cache.code_stamp(copy) != before
    # The stamp in use is the one of the whole installed package, not of one folder.
    assert cache._code_stamp() == cache.code_stamp(package)


# ------------------------------------------------------------------ hostile surroundings


def _load_in_child(root: Path, cache_dir: Path, prelude: str = ""
                   ) -> subprocess.CompletedProcess[str]:
    """Load ``root`` in a fresh process (bounded in time, so a hang fails the test)."""
    script = (f"{prelude}\nfrom timeline.validate.loader import load_dataset\n"
              f"report = load_dataset({str(root)!r})\n"
              "print(len(report.dataset.events), len(report.problems))\n")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "TIMELINE_CACHE_DIR": str(cache_dir)})


def test_a_fifo_in_place_of_the_cache_file_does_not_hang(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    os.mkfifo(cache_file(cache_dir, root))
    try:
        done = _load_in_child(root, cache_dir)
    except subprocess.TimeoutExpired:
        pytest.fail("loading waited for a writer on the FIFO")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "0"]


def test_a_full_disk_leaves_no_temporary_files(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    # Writes past 200 bytes fail in the child (EFBIG), as on a full disk (ENOSPC).
    prelude = ("import resource, signal\nsignal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
               "resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))")
    done = _load_in_child(root, cache_dir, prelude)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "0"]
    assert sorted(p.name for p in cache_dir.iterdir()) == []


def test_the_cache_serves_the_folder_however_it_is_spelled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = events_folder(tmp_path, {"2025-05-21-a.yaml": EVENT.format(title="First"),
                                    "2025-05-21-a-again.yaml": EVENT.format(title="First")})
    (root / "2025" / "2025-05-21-b.yaml").write_text(EVENT.format(title="B"))
    (root / "more").mkdir()
    (root / "more" / "2025-05-21-b.yaml").write_text(EVENT.format(title="Bis"))
    monkeypatch.chdir(tmp_path)
    first = load_dataset(str(root))  # absolute
    # messages that name other files: the duplicate id, the likely duplicate
    assert first.is_built and {"duplicate-id", "likely-duplicate"} <= {
        p.code for p in first.problems}
    for spelling in ("events", "./events", str(root) + "/"):
        warm = load_dataset(spelling)
        cold = load_dataset(spelling, use_cache=False)
        assert not warm.is_built, spelling  # nothing was checked again
        assert warm.problems == cold.problems, spelling
        assert warm.dataset == cold.dataset, spelling
    # A change under another spelling rewrites the cache with that spelling, intact.
    target = root / "2025" / "2025-05-21-b.yaml"
    target.write_text(EVENT.format(title="Bee"))
    edited = load_dataset("events")
    assert edited.problems == load_dataset("events", use_cache=False).problems
    again = load_dataset("events")
    assert not again.is_built and again.problems == edited.problems
    assert again.dataset == edited.dataset
    assert [e.path for e in load_dataset(str(root)).dataset.events][0].startswith(str(root))


def test_a_folder_beyond_the_path_limit_is_reported(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    limit = os.pathconf(str(root), "PC_PATH_MAX")
    name = "d" * 200
    # Made one level at a time relative to its parent, as the system allows.
    descriptor = os.open(root / "2025", os.O_RDONLY)
    depth = 0
    try:
        while len(str(root / "2025")) + depth * (len(name) + 1) <= limit:
            os.mkdir(name, dir_fd=descriptor)
            inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
            depth += 1
    finally:
        os.close(descriptor)
    report = load_dataset(root)
    deep = [p for p in report.problems if p.code == "folder-too-deep"]
    assert len(deep) == 1, report.problems
    assert deep[0].path.startswith(f"{root}/2025/{name}/")
    assert deep[0].message == (
        f"the folder's path is longer than this system allows ({limit} bytes), so its "
        "files are not checked; move them to a folder nearer the top")
    assert len(report.dataset.events) == 2
