"""What loading a data folder found: the valid dataset and every problem."""

from __future__ import annotations

import threading
from collections.abc import Callable

from timeline.errors import Problem
from timeline.model import Dataset
from timeline.validate import collector


class LoadReport:
    """The valid part of a dataset and everything wrong with the rest.

    A report read back from the cache holds its dataset as the cache's bytes until
    :attr:`dataset` is first asked for, so that checking a folder that has not
    changed (``timeline validate``) never builds its records.
    """

    __slots__ = ("_dataset", "_decode", "_lock", "_stored", "checked", "invalid_records",
                 "problems")

    def __init__(self, dataset: Dataset | None, problems: list[Problem] | None = None,
                 checked: dict[str, int] | None = None, invalid_records: int = 0, *,
                 stored: bytes | memoryview | None = None,
                 decode: Callable[[bytes | memoryview], Dataset] | None = None) -> None:
        if dataset is None and (stored is None or decode is None):
            raise ValueError("a report needs its dataset, or its stored bytes and a decoder")
        self._dataset, self._stored, self._decode = dataset, stored, decode
        self._lock = threading.Lock()
        self.problems: list[Problem] = problems if problems is not None else []
        self.checked: dict[str, int] = checked if checked is not None else {}
        self.invalid_records = invalid_records

    @property
    def dataset(self) -> Dataset:
        dataset = self._dataset
        if dataset is None:
            with self._lock:
                dataset = self._dataset
                if dataset is None:
                    assert self._decode is not None and self._stored is not None
                    with collector.paused():
                        dataset = self._dataset = self._decode(self._stored)
                    self._stored = self._decode = None
        return dataset

    def decoder(self) -> Callable[[bytes | memoryview], Dataset]:
        """How the stored dataset becomes records (for a report made from this one)."""
        decode, dataset = self._decode, self._dataset
        if decode is not None:
            return decode
        assert dataset is not None
        return lambda _stored: dataset

    def stored(self) -> bytes | memoryview:
        """The dataset's stored bytes, while it has not been built."""
        return self._stored if self._stored is not None else b""

    @property
    def is_built(self) -> bool:
        """Whether the dataset's records exist yet (they are built when first asked for)."""
        return self._dataset is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]
