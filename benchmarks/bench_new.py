"""How long ``timeline new event`` takes to answer in a large data folder.

It generates a valid folder (``benchmarks/generate.py``) once, then times, each in a
fresh process, ``timeline new event`` with every option given (the file is written
and removed again after each run):

- with no cache at all (the first command ever run on the folder);
- after ``timeline validate`` has left its cache (the usual case: the folder was
  checked or served before), several times.

Each time is the wall time, followed by the CPU time (user + system) of the command,
which a busy machine disturbs less. ``--no-cold`` skips the first case (a minute or
more at 100,000 events). Run it as::

    .venv/bin/python benchmarks/bench_new.py --size 100000 --repeat 3 --keep /tmp/bench-new

It prints numbers; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for generate.py

from generate import generate_dataset  # noqa: E402

COMMAND = [sys.executable, "-m", "timeline", "new", "event", "--title",
           "A benchmark sit-in outside the senate", "--date", "2025-05-21", "--type",
           "sit-in", "--country", "MX", "--source", "https://example.org/bench"]


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(arguments: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)
         ) -> tuple[float, float, str]:
    """Wall time, CPU time and output of one command."""
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(arguments, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(arguments[2:5])} failed:\n{done.stderr}")
    return elapsed, _cpu() - cpu, done.stdout.strip()


def _new_event(folder: Path, env: dict[str, str]) -> tuple[float, float]:
    elapsed, cpu, written = _run([*COMMAND, "--data", str(folder)], env)
    Path(written).unlink()
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate here, or reuse what is here")
    parser.add_argument("--no-cold", action="store_true",
                        help="skip the run with no cache (the slowest)")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-new-"))
    folder = options.keep or work / "data"
    try:
        if not (folder / "timeline.yaml").exists():
            start = time.perf_counter()
            generate_dataset(folder, options.size)
            print(f"generated {options.size:,} events in {time.perf_counter() - start:.1f} s")
        env = {**os.environ, "TIMELINE_CACHE_DIR": str(work / "cache")}
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.2f}; {options.size:,} events in {folder}")
        shutil.rmtree(work / "cache", ignore_errors=True)
        if not options.no_cold:
            wall, cpu = _new_event(folder, env)
            print(f"  timeline new event, no cache yet          {wall:7.2f} s  "
                  f"(CPU {cpu:.2f} s)")
        warm = []
        for _ in range(options.repeat):
            # It leaves the cache (problems in an older generated folder do not matter).
            _run([sys.executable, "-m", "timeline", "validate", str(folder)], env, ok=(0, 1))
            warm.append(_new_event(folder, env))
        walls, cpus = [w for w, _ in warm], [c for _, c in warm]
        print(f"  timeline new event, after validate        {statistics.median(walls):7.2f} s"
              f"  (median of {len(warm)}: {', '.join(f'{w:.2f}' for w in walls)}; "
              f"CPU median {statistics.median(cpus):.2f} s: "
              f"{', '.join(f'{c:.2f}' for c in cpus)})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
