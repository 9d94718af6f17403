"""Files -> records: safe YAML reading, the schemas, one file's checks, the checks across
files, the loader and its cache.

Its one job is :func:`load_dataset`: every valid record of a folder and every problem,
each with file, line, field and fix. It may import the core (``errors``, ``model``,
``vocab``, ``folding``), ``dates`` and ``i18n``; never ``query``, ``figures``,
``output``, ``app`` or the CLI. It never prints or exits.
"""

from timeline.validate.loader import load_dataset
from timeline.validate.report import LoadReport

__all__ = ["LoadReport", "load_dataset"]
