"""Every message the validator can say, keyed by code, in one place.

Each says what is wrong, shows the bad value and says how to fix it. Tests assert
the exact text of the important ones; the docs list the codes.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from timeline.errors import Problem, Severity

DATE_EXAMPLES = (
    "write e.g. 2025-05-21, 2025-05, 2013, 2025-05-21T14:30:00-06:00, "
    '"2013~" (approximate), "2024-04?" (uncertain), "2025-05-21/2025-06-02" (interval), '
    '"2024-04-06/.." (ongoing)'
)

MESSAGES: dict[str, str] = {
    # files
    "file-unreadable": "the file cannot be read ({detail}); check its permissions",
    "folder-unreadable": (
        "the folder cannot be read ({detail}), so its files are not checked; check its "
        "permissions"),
    "folder-too-deep": (
        "the folder's path is longer than this system allows ({limit} bytes), so its "
        "files are not checked; move them to a folder nearer the top"),
    "file-not-regular": "{what} is not read, for safety; replace it with a regular file",
    "file-too-large": (
        "the file is {size} bytes, over the limit of {limit} bytes; a record is never that "
        "large: remove embedded data or raise --max-bytes"
    ),
    "file-encoding": "the file is not valid UTF-8 text ({detail}); save it as UTF-8",
    "file-empty": "the file is empty; write the record's fields or delete the file",
    "file-not-mapping": (
        "the file holds a {found}, but a record is one mapping of `field: value` lines"
    ),
    "file-name": (
        "the file name {name!r} is not a valid id: use lower-case letters, digits and single "
        "hyphens, e.g. {example}"
    ),
    # YAML
    "yaml-syntax": (
        "the file is not well-formed YAML: {detail}; check the indentation and quoting here"
    ),
    "yaml-duplicate-key": (
        "the key {key!r} appears twice in one mapping (first on line {first}); YAML would "
        "silently keep only the last value: keep one"
    ),
    "yaml-alias": (
        "this value is reused through an alias or merge key (*name, <<), which records do "
        "not allow; write the value out in full"
    ),
    "yaml-tag": (
        "the tag {tag!r} is not allowed: records hold plain text, numbers, lists and "
        "mappings only; remove the tag"
    ),
    "yaml-key": "a key must be plain text; write `name: value`",
    "yaml-depth": "the data is nested deeper than {limit} levels; records are never that deep",
    # fields
    "unknown-field": "unknown field {name!r}{suggestion}; allowed here: {allowed}",
    "missing-field": "the required field {name!r} is missing; add it, e.g. `{example}`",
    "wrong-type": "must be {expected}, not {found} {value!r}{fix}",
    "empty-value": "must not be empty; {fix}",
    "empty-list": "needs at least one item; {fix}",
    "invalid-choice": "{value!r} is not a valid {what}{suggestion}; choose one of: {choices}",
    "bad-slug": (
        "{value!r} is not a valid id: use lower-case letters, digits and single hyphens "
        "(e.g. {example})"
    ),
    "date-syntax": "{value!r} is not a valid date: {reason}; " + DATE_EXAMPLES,
    "date-order": (
        "{value!r} ends ({end}) before it starts ({start}); swap the two dates"
    ),
    "date-order-zone": (
        "{value!r} ends ({end}) before it starts ({start}) when read in the time zone {zone}; "
        "give both ends the same UTC offset, or none, or swap them"
    ),
    "local-time-skipped": (
        "{value!r} names {time} on a day the clocks in {zone} went forward {shift}, so that "
        "time never showed there; it is read as {first}, the instant {time} would be at the "
        "offset before the change (RFC 9557); write {first} to keep that, or correct the time"
    ),
    "local-time-repeated": (
        "{value!r} names {time} on a day the clocks in {zone} went back {shift}, so that time "
        "happened twice; it is read as the first, {first} (RFC 9557); write {first} or "
        "{second} to say which"
    ),
    "unknown-timezone": (
        "{value!r} is not a known IANA time zone{suggestion}; use a name like "
        "America/Mexico_City or UTC"
    ),
    "unknown-country": (
        "{value!r} is not an ISO 3166-1 alpha-2 country code{suggestion}; use two capital "
        "letters, e.g. MX"
    ),
    "unknown-language": (
        "{value!r} is not one of the dataset's languages ({languages}); add it to "
        "`languages` in timeline.yaml or fix the code"
    ),
    "bad-language": "{value!r} is not a language code; use a two-letter code such as en or es",
    "summary-too-long": (
        "the summary is {size:,} characters long, over the limit of {limit:,}; a summary is "
        "a few paragraphs: shorten it and link the full text from `sources`"
    ),
    "summary-too-many-lines": (
        "the summary has {count:,} lines, over the limit of {limit}; a summary is a few "
        "paragraphs: shorten it, or join short list items into sentences"
    ),
    "summary-too-deep": (
        "the summary's Markdown nests {depth} levels deep (lists, quotes, emphasis or links "
        "inside each other), over the limit of {limit}; write it with less nesting"
    ),
    "bad-url": "{value!r} is not an http(s) link; write a full address starting with https://",
    "bad-branch": (
        "{value!r} is not a git branch name; use letters, digits, '-', '_', '.' and '/' "
        "(no '..', no part starting with '.', no '/' at either end), e.g. main"
    ),
    "coordinate-range": "{value!r} is out of range; {name} goes from {low} to {high}",
    "relation-countries": (
        "a {type!r} event names exactly two countries, the one that acts first "
        "(e.g. [MX, EC]), not {count}: {value}"
    ),
    "duplicate-country": "{value!r} is listed twice; list each country once",
    "demand-ref": (
        "{value!r} is not a demand reference; write <campaign-id>/<demand-id>, "
        "e.g. {example}"
    ),
    "stance-without-by": (
        "this stance does not say who holds it: a stance belongs to the actors "
        "who took it, not to the event; add `by: [{example}]` listing those of the event's "
        "actors who took it, and give an actor who took another stance (or declined to "
        "take one) an entry of its own"
    ),
    "stance-holder-not-actor": (
        "{value!r} holds this stance but is not among the event's actors ({actors}); add it "
        "to `actors` or fix the id"
    ),
    "media-source": (
        "a media item has a local `file` (under the data folder's media/) or an http(s) "
        "`url`, exactly one of them; this one has {found}"
    ),
    "media-alt": (
        "an image needs `alt`: a short description for people who cannot see it, e.g. "
        "alt: Marchers on Paseo de la Reforma"
    ),
    "media-local-kind": (
        "a local file can only be an image (kind: image); link a {value!r} with `url:` "
        "instead"
    ),
    "media-path": (
        "{value!r} is not a path under media/; write it relative to the data folder's "
        "media/ folder with letters, digits, '-', '_' and '.', e.g. maps/route.png"
    ),
    # cross-file
    "media-missing": (
        "the media file {value!r} does not exist; put it at {expected} or fix the path"
    ),
    "media-not-image": (
        "the media file {value!r} is not a PNG, JPEG, GIF, WebP or AVIF image (judged by "
        "its content{detail}); convert it to one of those"
    ),
    "media-too-large": (
        "the media file {value!r} is {size} bytes, over the limit of {limit}; make it "
        "smaller (scale it down or compress it)"
    ),
    "id-mismatch": (
        "the id {value!r} does not match the file name {expected!r}; the id is the file "
        "name: rename the file or fix the id"
    ),
    "duplicate-id": (
        "the {kind} id {value!r} is used twice: here and in {other}; rename one of the files"
    ),
    "unknown-actor": (
        "{value!r} is not a known actor{suggestion}; add {folder}/actors/{value}.yaml "
        "(timeline new actor) or fix the id"
    ),
    "unknown-campaign": (
        "{value!r} is not a known campaign{suggestion}; add {folder}/campaigns/{value}.yaml "
        "or fix the id"
    ),
    "unknown-demand": (
        "{value!r} is not a demand of campaign {campaign!r}{suggestion}; its demands are: "
        "{choices}"
    ),
    "unknown-event": "{value!r} is not a known event id{suggestion}; fix the id",
    "duplicate-demand": "the demand id {value!r} is used twice in this campaign; rename one",
    "likely-duplicate": (
        "this event looks like a duplicate of {other} (same date, shared countries, similar "
        "title {title!r}); merge them or make the titles distinct"
    ),
    "too-many-problems": (
        "and {count} more problems in this file, not shown; fix the ones above and run "
        "`timeline validate` again"
    ),
    "settings-missing": (
        "there is no timeline.yaml in the data folder; create it with at least "
        "`title: ...` and `languages: [en]`"
    ),
}


# Placeholders that quote what a user wrote: a value can be a whole file's worth of
# text or list, so a message shows its start only.
_QUOTED = frozenset({"value", "name", "title", "tag", "key", "type", "campaign", "actors",
                     "example"})
LONGEST_QUOTE = 100


def render(code: str, **values: object) -> str:
    return MESSAGES[code].format(**{
        name: _Clipped(value) if name in _QUOTED else value
        for name, value in values.items()})


class _Clipped:
    """A value that prints (``str`` or ``repr``) as at most :data:`LONGEST_QUOTE` chars."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __str__(self) -> str:
        return _clip(str(self.value))

    def __repr__(self) -> str:
        return _clip(repr(self.value))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _clip(text: str) -> str:
    return text if len(text) <= LONGEST_QUOTE else text[:LONGEST_QUOTE - 1] + "…"


def problem(path: str, line: int, column: int, field: str, code: str,
            severity: str = "error", **values: object) -> Problem:
    return Problem(path, line, column, field, render(code, **values), code,
                   "warning" if severity == "warning" else "error")


# One file shows at most this many problems, then one line saying how many more: a
# generated or hostile file can hold thousands, and its first ones tell what is wrong.
MAX_PROBLEMS_PER_FILE = 100


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """At most ``limit`` problems of each file, then ``and N more``, in the same order.

    Each file's problems must be next to each other (sorted by path, or one file's).
    """
    # What each file's problems past the limit stand for, in one pass (a scan of the
    # rest for each file would be quadratic: 20,000 files over the limit, 2 million
    # problems).
    taken: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    errors: set[str] = set()
    for item in problems:
        taken[item.path] += 1
        if taken[item.path] > limit:
            hidden[item.path] += item.hidden or 1
            if item.severity == "error":
                errors.add(item.path)
    if not hidden:
        return problems
    shown: list[Problem] = []
    taken.clear()
    for item in problems:
        taken[item.path] += 1
        if taken[item.path] <= limit:
            shown.append(item)
        elif taken[item.path] == limit + 1:
            count = hidden[item.path]
            severity: Severity = "error" if item.path in errors else "warning"
            shown.append(Problem(item.path, item.line, item.column, "",
                                 render("too-many-problems", count=count),
                                 "too-many-problems", severity, count))
    return shown


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when one choice is close, else an empty string."""
    if not isinstance(value, str) or not value:
        return ""
    options = choices if isinstance(choices, tuple | list) else list(choices)
    # difflib's ratio counts characters in matching blocks, a common subsequence, so
    # rapidfuzz's ratio (the longest common subsequence, in C) is never below it: only
    # the choices that pass it can pass difflib, which then picks as it always did.
    # A look-up costs microseconds over hundreds of choices, not milliseconds.
    close = _closest(value, options)
    if not close:
        lowered = {o.casefold(): o for o in options}
        close = [lowered[value.casefold()]] if value.casefold() in lowered else []
    return f" (did you mean {close[0]!r}?)" if close else ""


def _closest(value: str, options: Iterable[str]) -> list[str]:
    """``difflib.get_close_matches(value, options, n=1, cutoff=0.6)``, the same answer.

    The choices are tried best bound first, and the search stops once no bound can
    beat (or tie with) the best difflib ratio found.
    """
    best: tuple[float, str] | None = None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(value)
    for choice, bound, _ in process.extract(value, options, scorer=fuzz.ratio,
                                            score_cutoff=60, limit=None):
        if best is not None and bound / 100 < best[0] - 1e-9:
            break
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
            score = matcher.ratio()
            if score >= 0.6 and (best is None or (score, choice) > best):
                best = (score, choice)
    return [best[1]] if best is not None else []


def choices_text(choices: Iterable[str]) -> str:
    return ", ".join(choices)
