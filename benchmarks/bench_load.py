"""How fast a dataset loads and validates, per stage, cold and from the cache.

For each size it generates a valid dataset once (``benchmarks/generate.py``), then
runs every measurement in a fresh Python process, so that nothing is warm that a
user's first run would not have warm:

- stages: each stage of a cold load, one after the other in one process (file
  discovery, read + parse YAML, schema, cross-file checks), with files per second;
- cold load without the cache, in one process and with the default workers;
- cold load that writes the cache, then a warm load from it (a warm load builds the
  records only when they are first used: a second warm load times that too);
- a warm load after touching one file (new time, same bytes) and after editing one;
- ``timeline validate`` end to end, without and with the cache (10,000 events only).

It prints wall time and peak memory (``ru_maxrss``) of each process and of its
worker processes. Run it as::

    .venv/bin/python benchmarks/bench_load.py --sizes 1000,10000,100000 --repeat 3 \\
        --keep /tmp/timeline-bench

It prints numbers; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for generate.py

from generate import generate_dataset  # noqa: E402

CLI_SIZE = 10_000
STAGE_CHUNK = 1_000
MEASUREMENTS = ("stages", "cold-1-worker", "cold", "cold-writing-cache", "warm",
                "warm-records", "touched", "edited", "cli-no-cache", "cli-cold-cache",
                "cli-warm")
LABELS = {
    "stages": "stages, one process",
    "cold-1-worker": "cold, no cache, 1 process",
    "cold": "cold, no cache, default workers",
    "cold-writing-cache": "cold, writing the cache",
    "warm": "warm, from the cache",
    "warm-records": "warm, then every record built",
    "touched": "warm, 1 file touched",
    "edited": "warm, 1 file edited",
    "cli-no-cache": "timeline validate --no-cache",
    "cli-cold-cache": "timeline validate (cold cache)",
    "cli-warm": "timeline validate (warm cache)",
}


# ------------------------------------------------------------------ the child side


def _child(measure: str, folder: Path, cache_dir: Path) -> dict[str, Any]:
    """Run one measurement in this (fresh) process and return its numbers."""
    from timeline.validate.loader import load_dataset

    if measure == "stages":
        return _stages(folder)
    if measure == "touched":
        target = _sample_file(folder)
        info = target.stat()
        os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    if measure == "edited":
        target = _sample_file(folder)
        original = target.read_bytes()
        target.write_bytes(original + b"# edited by the benchmark\n")
    workers = 1 if measure == "cold-1-worker" else None
    use_cache = measure not in ("cold-1-worker", "cold")
    started = time.perf_counter()
    report = load_dataset(folder, use_cache=use_cache, cache_dir=cache_dir, workers=workers)
    if measure == "warm-records":
        len(report.dataset.events)  # what serving or exporting needs next
    seconds = time.perf_counter() - started
    if measure == "edited":
        target.write_bytes(original)
    # A warm load leaves the records to be built when first used: count them only if
    # they were, so the process's CPU time is that of the measurement.
    events = len(report.dataset.events) if report.is_built else report.checked["event"]
    return {"seconds": seconds, "events": events,
            "errors": len(report.errors), "warnings": len(report.warnings),
            "workers_max_rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


def _sample_file(folder: Path) -> Path:
    """One event file, the same every time."""
    year = sorted(p for p in folder.iterdir() if p.name.isdigit())[0]
    return sorted(year.iterdir())[0]


def _stages(folder: Path) -> dict[str, Any]:
    """Time each stage of a cold load on its own, in the loader's order.

    Files go through reading and schema checking in chunks, so that parsed data does
    not pile up (the loader itself keeps one file's at a time).
    """
    from timeline.validate.loader import combine_results, find_record_files, read_settings
    from timeline.validate.record import FileResult, check_parsed
    from timeline.validate.schema import build_schemas
    from timeline.validate.yamlfile import DEFAULT_MAX_BYTES, Parsed, read_record

    gc.disable()  # as load_dataset does while it builds the dataset
    shown = str(folder)
    found: list[Any] = []
    times = dict.fromkeys(("discover", "read + parse YAML", "schema", "cross-file checks"),
                          0.0)

    started = time.perf_counter()
    settings, _ = read_settings(folder, shown, DEFAULT_MAX_BYTES, found)
    files = find_record_files(folder, shown, found)
    times["discover"] = time.perf_counter() - started

    schemas = build_schemas(settings)
    results: list[Any] = []
    for first in range(0, len(files), STAGE_CHUNK):
        chunk = files[first:first + STAGE_CHUNK]
        started = time.perf_counter()
        parsed = [read_record(folder / relative, f"{shown}/{relative}", DEFAULT_MAX_BYTES)
                  for relative, _ in chunk]
        times["read + parse YAML"] += time.perf_counter() - started
        started = time.perf_counter()
        results += [check_parsed(item, f"{shown}/{relative}", kind, schemas)
                    if isinstance(item, Parsed)
                    else FileResult(kind, f"{shown}/{relative}", None, [item])
                    for (relative, kind), item in zip(chunk, parsed, strict=True)]
        times["schema"] += time.perf_counter() - started

    started = time.perf_counter()
    report = combine_results(settings, results, list(found), shown)
    times["cross-file checks"] = time.perf_counter() - started
    return {"seconds": sum(times.values()), "stages": times, "files": len(files),
            "events": len(report.dataset.events), "errors": len(report.errors),
            "warnings": len(report.warnings), "workers_max_rss_kib": 0}


# ----------------------------------------------------------------- the parent side


def _run_child(measure: str, folder: Path, cache_dir: Path) -> dict[str, Any]:
    """Run a measurement in a fresh process; add its wall time and peak memory."""
    if measure.startswith("cli-"):
        command = [*_timeline_command(), "validate", str(folder)]
        if measure == "cli-no-cache":
            command.append("--no-cache")
    else:
        command = [sys.executable, __file__, "--child", measure, "--folder", str(folder),
                   "--cache-dir", str(cache_dir)]
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(cache_dir)}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    out = process.stdout.read().decode() if process.stdout else ""
    err = process.stderr.read().decode() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if measure.startswith("cli-"):
        if process.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(command)} failed:\n{err}")
        summary = (out + err).strip().splitlines()[-1]
        result: dict[str, Any] = {"seconds": wall, "summary": summary, "workers_max_rss_kib": 0}
    else:
        if process.returncode != 0:
            raise RuntimeError(f"{measure} failed:\n{err}")
        result = json.loads(out)
    result["process_seconds"] = wall
    # CPU time of the process and of the worker processes it waited for: unlike wall
    # time, it hardly changes when other work shares the machine.
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    result["max_rss_kib"] = usage.ru_maxrss
    return result


def _timeline_command() -> list[str]:
    script = Path(sys.executable).with_name("timeline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "timeline"]


def _dataset(size: int, seed: int, keep: Path | None, scratch: Path) -> Path:
    """The generated folder for ``size``, reused from ``keep`` when complete."""
    base = keep if keep is not None else scratch
    folder = base / f"n{size}-seed{seed}"
    done = base / f"n{size}-seed{seed}.done"
    if folder.exists() and done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    base.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    generate_dataset(folder, size, seed)
    done.write_text("complete\n")
    print(f"generated {size:,} events in {time.perf_counter() - started:.1f} s: {folder}",
          file=sys.stderr)
    return folder


def _measure_size(size: int, folder: Path, repeat: int, scratch: Path
                  ) -> dict[str, list[dict[str, Any]]]:
    runs: dict[str, list[dict[str, Any]]] = {m: [] for m in MEASUREMENTS}
    for round_ in range(repeat):
        cache_dir = scratch / f"cache-{size}-{round_}"
        shutil.rmtree(cache_dir, ignore_errors=True)
        for measure in MEASUREMENTS:
            if measure.startswith("cli-") and size != CLI_SIZE:
                continue
            if measure == "cli-cold-cache":
                shutil.rmtree(cache_dir, ignore_errors=True)
            result = _run_child(measure, folder, cache_dir)
            runs[measure].append(result)
            print(f"  {size:>7,} {LABELS[measure]:<34} {result['seconds']:8.2f} s", file=sys.stderr)
        shutil.rmtree(cache_dir, ignore_errors=True)
    return runs


def _table(all_runs: dict[int, dict[str, list[dict[str, Any]]]], repeat: int) -> str:
    lines = [f"{'events':>8}  {'measurement':<36} {'best s':>7} {'spread':>7} "
             f"{'events/s':>9} {'CPU s':>7} {'peak MiB':>9} {'workers MiB':>11}"]
    for size, runs in all_runs.items():
        stage_runs = runs["stages"]
        if stage_runs:
            for stage in stage_runs[0]["stages"]:
                values = [r["stages"][stage] for r in stage_runs]
                lines.append(_row(size, f"  stage: {stage}", values, size, None, None, None))
        for measure in MEASUREMENTS:
            results = runs[measure]
            if not results:
                continue
            values = [r["seconds"] for r in results]
            peak = max(r["max_rss_kib"] for r in results) / 1024
            workers = max(r["workers_max_rss_kib"] for r in results) / 1024
            cpu = min(r["cpu_seconds"] for r in results)
            lines.append(_row(size, LABELS[measure], values, size, cpu, peak, workers))
        cold = runs["cold"][0]
        lines.append(f"{'':>8}  (loaded {cold['events']:,} valid events; {cold['errors']} "
                     f"errors, {cold['warnings']} warnings: likely duplicates)")
        lines.append("")
    lines.append(f"best of {repeat} (wall time); spread = slowest - fastest; CPU = user + "
                 "system time of the process (start-up and imports included) and its "
                 "workers, least of the runs;")
    lines.append("peak = ru_maxrss of the measured process (and its workers, if larger); "
                 "workers = largest worker process")
    return "\n".join(lines)


def _row(size: int, label: str, values: list[float], events: int, cpu: float | None,
         peak: float | None, workers: float | None) -> str:
    best = min(values)
    spread = max(values) - best
    rate = f"{events / best:,.0f}" if best > 0 else "-"
    cpu_text = f"{cpu:.2f}" if cpu is not None else ""
    peak_text = f"{peak:,.0f}" if peak is not None else ""
    workers_text = f"{workers:,.0f}" if workers else ""
    return (f"{size:>8,}  {label:<36} {best:7.2f} {spread:7.2f} {rate:>9} {cpu_text:>7} "
            f"{peak_text:>9} {workers_text:>11}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated numbers of events (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path,
                        help="generate the datasets here and reuse them on later runs")
    parser.add_argument("--json", type=Path, help="also write every run's numbers here")
    parser.add_argument("--child", choices=MEASUREMENTS, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.folder, args.cache_dir)))
        return 0

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    scratch = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f} at start", file=sys.stderr)
    try:
        all_runs = {}
        for size in sizes:
            folder = _dataset(size, args.seed, args.keep, scratch)
            all_runs[size] = _measure_size(size, folder, args.repeat, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(_table(all_runs, args.repeat))
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in all_runs.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
