"""Worker processes: how many, and how to start them safely.

Both the loader (checking files) and the likely-duplicate check use them; a failure
to start any is never an error, the caller then does the work itself.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import multiprocessing.context

# multiprocessing is imported when workers are asked for: most commands (``timeline
# new``, a warm ``validate``) never start one.


def cpu_count() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether forking is available and safe here (no other threads, as in the CLI).

    A forked child of a threaded process (a web server) can inherit a lock held by
    another thread and hang.
    """
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and (
        threading.active_count() == 1)


def start_context() -> multiprocessing.context.BaseContext:
    """Fork when it is safe (it starts in milliseconds), else spawn (a few tenths)."""
    import multiprocessing

    return multiprocessing.get_context("fork" if can_fork() else "spawn")
