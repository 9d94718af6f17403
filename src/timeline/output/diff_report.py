"""``timeline diff`` output: the changes between two states of a dataset, as Markdown for
a pull request's comment, or as JSON for other tools.

Every value a record holds is quoted in a code span sized to its content and clipped,
so a hostile record cannot break out of the comment's layout.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from timeline.query.dataset_diff import DatasetChanges, FieldChange, RecordChange

LONGEST_VALUE = 160
HEADINGS = {"event": "Events", "actor": "Actors", "campaign": "Campaigns"}


def changes_json(changes: DatasetChanges) -> str:
    data = asdict(changes)
    data["today"] = changes.today.isoformat()
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def code(value: Any) -> str:
    """``value`` as one Markdown code span, whatever backticks or lines it holds."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    if len(text) > LONGEST_VALUE:
        text = text[:LONGEST_VALUE - 1] + "…"
    fence = "`"
    while fence in text:
        fence += "`"
    padding = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def _items(value: Any) -> list[str]:
    return [json.dumps(v, ensure_ascii=False, sort_keys=True) if not isinstance(v, str)
            else v for v in (value or [])]


def field_line(change: FieldChange) -> str:
    """One changed field: its old and new values, or what was added and removed."""
    name = code(change.field)
    old, new = change.old, change.new
    if isinstance(old, list) or isinstance(new, list):
        before, after = _items(old), _items(new)
        added = [v for v in after if v not in before]
        removed = [v for v in before if v not in after]
        parts = []
        if added:
            parts.append("added " + ", ".join(code(v) for v in added))
        if removed:
            parts.append("removed " + ", ".join(code(v) for v in removed))
        if not parts:
            parts.append("reordered: " + code(after))
        return f"{name}: " + "; ".join(parts)
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(dict.fromkeys([*old, *new]))
        parts = [f"{code(k)} {_arrow(old.get(k), new.get(k))}"
                 for k in keys if old.get(k) != new.get(k)]
        return f"{name}: " + "; ".join(parts)
    line = f"{name}: {_arrow(old, new)}"
    if change.meaning:
        line += ": " + "; ".join(change.meaning)
    return line


def _arrow(old: Any, new: Any) -> str:
    if old is None:
        return f"set to {code(new)}"
    if new is None:
        return f"removed (was {code(old)})"
    return f"{code(old)} → {code(new)}"


def _record(change: RecordChange) -> list[str]:
    head = (f"- **{change.status.capitalize()}** {code(change.id)}: {code(change.title)} "
            f"({code(change.path)})")
    lines = [head]
    if change.status == "added":
        lines += [f"  - {code(f.field)}: {code(f.new)}"
                  + (": " + "; ".join(f.meaning) if f.meaning else "") for f in change.fields]
    elif change.status == "changed":
        lines += [f"  - {field_line(f)}" for f in change.fields]
    return lines


def _summary(changes: DatasetChanges) -> str:
    parts = []
    for kind, heading in HEADINGS.items():
        counts = changes.counts.get(kind, {})
        said = [f"{n} {status}" for status, n in counts.items() if n]
        parts.append(f"**{heading}:** {', '.join(said) if said else 'no change'}")
    return " · ".join(parts)


def changes_markdown(changes: DatasetChanges, base: str = "base", head: str = "head") -> str:
    """The report a maintainer reads in a pull request: records, then the tracker."""
    lines = [f"### What changes from {code(base)} to {code(head)}", "", _summary(changes), ""]
    if changes.new_problems:
        lines += [f"> **Warning:** {head} has {changes.new_problems} problems: the records "
                  "with problems are left out below. See the validator's annotations "
                  "(`timeline validate`).", ""]
    if changes.empty:
        lines += ["No event, actor or campaign changes.", ""]
    for kind, heading in HEADINGS.items():
        records = [r for r in changes.records if r.kind == kind]
        if records:
            lines += [f"#### {heading}", ""]
            for record in records:
                lines += _record(record)
            lines.append("")
    if changes.tallies or changes.relations:
        lines += [f"#### On the tracker, as of {changes.today.isoformat()}", ""]
        for tally in changes.tallies:
            lines.append(f"- Demand {code(tally.demand)}, {code(tally.stance)}: "
                         f"{tally.old} → {tally.new} events")
        for relation in changes.relations:
            decided = f" (decided by {code(relation.event)})" if relation.event else ""
            lines.append(f"- Relations {code(relation.country)}–{code(relation.partner)}: "
                         f"{relation.old} → {relation.new}{decided}")
        lines.append("")
    return "\n".join(lines)
