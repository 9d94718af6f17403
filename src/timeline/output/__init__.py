"""Records -> files for other tools and people: one function per export format, the JSON
Schema of the record format, and the writer of new record files.

It may import the core, ``dates``, ``i18n``, ``validate`` (the writer checks what it
writes with the validator's own schema) and ``query``; never ``app``. It never prints:
the CLI does.
"""
