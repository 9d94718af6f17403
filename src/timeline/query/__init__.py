"""Dataset -> answers: the reader's view as a value (:class:`~timeline.query.filters.Filters`),
the index that answers it, and the tracker's computations (demands, stances, relations).

Pure functions over a loaded :class:`~timeline.model.Dataset`. It may import the core,
``dates`` and ``i18n``; never ``validate`` (it takes a dataset, not a folder),
``figures``, ``output``, plotly, dash or the CLI.
"""
