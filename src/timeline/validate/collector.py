"""Holding Python's cycle collector while many long-lived objects are built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Hold the cycle collector while a load builds its many long-lived objects.

    They are all kept, so each collection (triggered every few hundred new objects)
    scans a growing heap for nothing: a tenth of a cold load, half of a warm one.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # File what was built in the oldest generation without examining it now: the
        # first collection after a pause would otherwise walk every new object.
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()
