"""Every word the interface says: the catalogues (``locales/<lang>.yaml``), country names
and the locale data of dates and numbers.

A new interface language is one catalogue file. It may import only ``timeline.errors``;
every other stage may import it.
"""
