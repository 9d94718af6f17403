"""campaign-timeline: an event timeline and campaign tracker kept as YAML records in git."""

__version__ = "0.1.0"
