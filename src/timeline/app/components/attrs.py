"""Attributes whose names are not Python names (``aria-*``, ``data-*``), as keywords.

Dash components take them only through ``**{...}``; these helpers build that mapping
with a type the components' typed signatures accept: ``html.Nav(...,
**aria(label="Site"))``.
"""

from __future__ import annotations

from typing import Any


def aria(**values: str) -> dict[str, Any]:
    """``aria(labelledby="x")`` -> ``{"aria-labelledby": "x"}``."""
    return {f"aria-{name}": value for name, value in values.items()}


def data(**values: str) -> dict[str, Any]:
    """``data(stance="supports")`` -> ``{"data-stance": "supports"}``."""
    return {f"data-{name.replace('_', '-')}": value for name, value in values.items()}
