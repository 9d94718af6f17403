"""What loading a data folder found: the valid dataset and every problem."""

from __future__ import annotations

import threading
from collections.abc import Callable

from timeline.errors import Problem
from timeline.model import Dataset
from timeline.validate import collector
from timeline.validate.outline import DatasetOutline


class LoadReport:
    """The valid part of a dataset and everything wrong with the rest.

    A report read back from the cache holds its dataset as the cache's bytes until
    :attr:`dataset` is first asked for, so that checking a folder that has not
    changed (``timeline validate``) never builds its records. Its :attr:`outline`
    (what a new record is checked against) is kept apart the same way, so that
    ``timeline new`` never builds them either.
    """

    __slots__ = ("_dataset", "_decode", "_decode_outline", "_lock", "_outline", "_stored",
                 "_stored_outline", "checked", "invalid_records", "problems")

    def __init__(self, dataset: Dataset | None, problems: list[Problem] | None = None,
                 checked: dict[str, int] | None = None, invalid_records: int = 0, *,
                 stored: bytes | memoryview | None = None,
                 decode: Callable[[bytes | memoryview], Dataset] | None = None,
                 stored_outline: bytes | memoryview | None = None,
                 decode_outline: Callable[[bytes | memoryview], DatasetOutline] | None = None
                 ) -> None:
        if dataset is None and (stored is None or decode is None):
            raise ValueError("a report needs its dataset, or its stored bytes and a decoder")
        self._dataset, self._stored, self._decode = dataset, stored, decode
        self._outline: DatasetOutline | None = None
        self._stored_outline: bytes | memoryview | None = None
        self._decode_outline: Callable[[bytes | memoryview], DatasetOutline] | None = None
        if stored_outline and decode_outline is not None:
            self._stored_outline, self._decode_outline = stored_outline, decode_outline
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

    @property
    def outline(self) -> DatasetOutline:
        """The settings, actors, campaigns and the events' ids, files, spans, types,
        countries and titles: decoded alone where they were stored apart, else taken
        from the dataset."""
        outline = self._outline
        if outline is None:
            stored, decode = self._stored_outline, self._decode_outline
            if stored is not None and decode is not None:
                with self._lock:
                    outline = self._outline
                    if outline is None:
                        with collector.paused():
                            outline = self._outline = decode(stored)
            else:
                outline = self._outline = DatasetOutline.of(self.dataset)
        return outline

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

    def outline_decoder(self) -> Callable[[bytes | memoryview], DatasetOutline] | None:
        """How the stored outline is decoded, while it is stored apart (else None)."""
        return self._decode_outline if self._stored_outline is not None else None

    def stored_outline(self) -> bytes | memoryview:
        """The outline's stored bytes, if it was stored apart."""
        return self._stored_outline if self._stored_outline is not None else b""

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
