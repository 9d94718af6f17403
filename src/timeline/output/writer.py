"""Writing new record files for contributors.

A new file is checked with the same schema the validator uses before it is
written, and it is created exclusively: a writer never replaces a file, so
nothing a user wrote is ever lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import yaml

from timeline.dates import DateSyntaxError, parse_written
from timeline.errors import TimelineError, WriteRefused
from timeline.folding import fold
from timeline.model import Dataset, Settings
from timeline.validate.loader import load_dataset
from timeline.validate.outline import DatasetOutline
from timeline.validate.proposal import Known, check_proposal
from timeline.validate.record import Kind

MAX_SLUG_LENGTH = 60


def slugify(text: str, limit: int = MAX_SLUG_LENGTH) -> str:
    """ASCII, lower-case, hyphenated words, cut at a word boundary."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "untitled"


def event_id(date: str, title: str) -> str:
    """``2025-05-21`` + ``March in Mexico City`` -> ``2025-05-21-march-in-mexico-city``."""
    written = parse_written(date)
    lower = written.lower
    prefix = f"{lower.year:04d}"
    if lower.month:
        prefix += f"-{lower.month:02d}"
        if lower.day:
            prefix += f"-{lower.day:02d}"
    return f"{prefix}-{slugify(title)}"


EVENT_HEADER = ("# One event of the timeline; docs/format.md describes every field.\n"
                "# `timeline validate` checks it, as the pull request's check will.\n")
ACTOR_HEADER = ("# One actor of the timeline; docs/format.md describes every field.\n"
                "# Events name it by its id, the file name without .yaml.\n")


@dataclass(frozen=True, slots=True)
class SourceDraft:
    """One source as typed: empty strings are fields left out."""

    url: str
    title: str = ""
    publisher: str = ""
    date: str = ""
    language: str = ""
    archive_url: str = ""


@dataclass(frozen=True, slots=True)
class DemandDraft:
    demand: str  # <campaign-id>/<demand-id>
    stance: str
    by: Sequence[str] = ()  # who holds the stance: some of the event's actors
    quote: Mapping[str, str] = field(default_factory=dict)  # their words, by language


@dataclass(frozen=True, slots=True)
class MediaDraft:
    """One media item as typed: a local ``file`` under ``media/`` or a ``url``."""

    file: str = ""
    url: str = ""
    kind: str = ""
    alt: Mapping[str, str] = field(default_factory=dict)
    caption: Mapping[str, str] = field(default_factory=dict)
    credit: str = ""

    def is_empty(self) -> bool:
        return not any(v.strip() for v in (self.file, self.url, self.kind, self.credit,
                                           *self.alt.values(), *self.caption.values()))


@dataclass(frozen=True, slots=True)
class EventDraft:
    """A new event as a person typed it, before it is a record.

    Text maps hold one entry per language; empty values are left out of the file, so
    the validator (not this class) says what is missing.
    """

    title: Mapping[str, str]
    date: str
    type: str
    countries: Sequence[str] = ()
    actors: Sequence[str] = ()
    campaigns: Sequence[str] = ()
    demands: Sequence[DemandDraft] = ()
    place: str = ""
    place_country: str = ""
    lat: str = ""
    lon: str = ""
    summary: Mapping[str, str] = field(default_factory=dict)
    sources: Sequence[SourceDraft] = ()
    tags: Sequence[str] = ()
    media: Sequence[MediaDraft] = ()


@dataclass(frozen=True, slots=True)
class ActorDraft:
    name: str
    kind: str = ""
    countries: Sequence[str] = ()
    url: str = ""
    actor_id: str = ""

    @property
    def id(self) -> str:
        return self.actor_id.strip() or slugify(self.name)


def _local(text: Mapping[str, str], languages: Sequence[str]) -> str | dict[str, str] | None:
    """One language as plain text, several as a mapping in the dataset's order."""
    given = {k: v.strip() for k, v in text.items() if v and v.strip()}
    ordered = {k: given[k] for k in dict.fromkeys([*languages, *given]) if k in given}
    if not ordered:
        return None
    if list(ordered) == list(languages[:1]):
        return ordered[languages[0]]
    return ordered


def _texts(values: Iterable[str]) -> list[str]:
    """The values given, stripped, empty ones left out."""
    return [v.strip() for v in values if v.strip()]


def _fields(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The keys whose values are given, stripped, in the order of ``pairs``."""
    return {key: value.strip() for key, value in pairs if value.strip()}


def _number(text: str) -> float | str:
    """A coordinate as a number when it reads as one; else the text, for the validator
    to name."""
    try:
        value = float(text)
    except ValueError:
        return text
    return value if value == value and abs(value) != float("inf") else text


def event_record(draft: EventDraft, languages: Sequence[str] = ("en",)) -> dict[str, Any]:
    """The record of a draft, in the format's key order, leaving empty fields out."""
    record: dict[str, Any] = {}
    title = _local(draft.title, languages)
    record["title"] = title if title is not None else ""
    record["date"] = draft.date.strip()
    record["type"] = draft.type.strip()
    record["countries"] = _texts(draft.countries)
    for name in ("actors", "campaigns"):
        values = _texts(getattr(draft, name))
        if values:
            record[name] = values
    demands = []
    for d in draft.demands:
        if not d.demand.strip():
            continue
        entry: dict[str, Any] = _fields((("demand", d.demand), ("stance", d.stance)))
        holders = _texts(d.by)
        if holders:
            entry["by"] = holders
        quote = _local(d.quote, languages)
        if quote is not None:
            entry["quote"] = quote
        demands.append(entry)
    if demands:
        record["demands"] = demands
    location: dict[str, Any] = _fields((("name", draft.place),
                                        ("country", draft.place_country)))
    for key, value in _fields((("lat", draft.lat), ("lon", draft.lon))).items():
        location[key] = _number(value)
    if location:
        record["location"] = location
    summary = _local(draft.summary, languages)
    if summary is not None:
        record["summary"] = summary
    sources = []
    for source in draft.sources:
        entry = _fields((name, getattr(source, name)) for name in
                        ("url", "title", "publisher", "date", "language", "archive_url"))
        if entry:
            sources.append(entry)
    record["sources"] = sources
    tags = _texts(draft.tags)
    if tags:
        record["tags"] = tags
    media = [media_record(item, languages) for item in draft.media if not item.is_empty()]
    if media:
        record["media"] = media
    return record


def media_record(draft: MediaDraft, languages: Sequence[str] = ("en",)) -> dict[str, Any]:
    """A media item in the format's key order (the example of docs/format.md)."""
    item: dict[str, Any] = _fields((("file", draft.file), ("url", draft.url),
                                    ("kind", draft.kind)))
    for key, text in (("alt", draft.alt), ("caption", draft.caption)):
        local = _local(text, languages)
        if local is not None:
            item[key] = local
    if draft.credit.strip():
        item["credit"] = draft.credit.strip()
    return item


def actor_record(draft: ActorDraft) -> dict[str, Any]:
    record: dict[str, Any] = {"name": draft.name.strip()}
    if draft.kind.strip():
        record["kind"] = draft.kind.strip()
    countries = _texts(draft.countries)
    if countries:
        record["countries"] = countries
    if draft.url.strip():
        record["url"] = draft.url.strip()
    return record


def _dump(record: dict[str, Any]) -> str:
    return yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=88)


def event_text(record: dict[str, Any]) -> str:
    """The file ``timeline new event`` writes for ``record``, byte for byte (as UTF-8)."""
    return EVENT_HEADER + _dump(record)


def actor_text(record: dict[str, Any]) -> str:
    """The file ``timeline new actor`` writes for ``record``."""
    return ACTOR_HEADER + _dump(record)


def event_file_id(record: dict[str, Any], languages: Sequence[str] = ("en",)) -> str | None:
    """The id (file name) of a new event, or None while its date or title is unusable."""
    title = record.get("title")
    text = title if isinstance(title, str) else ""
    if isinstance(title, dict) and title:
        text = title.get(languages[0] if languages else "") or next(iter(title.values()))
    if not text or not isinstance(record.get("date"), str):
        return None
    try:
        return event_id(record["date"], text)
    except DateSyntaxError:
        return None


def event_relative_path(identifier: str, folder_name: str = "events") -> str:
    """Where a new event goes in the repository: ``events/<year>/<id>.yaml``."""
    return f"{folder_name}/{identifier[:4]}/{identifier}.yaml"


def _refused(path: Path) -> WriteRefused:
    return WriteRefused(f"{path} already exists; it was left as it is. Edit that file, "
                        "or choose a different title")


def _create(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("xb") as handle:  # "x": fail rather than replace
            handle.write(content)
    except FileExistsError:
        raise _refused(path) from None


def existing_outline(folder: Path) -> DatasetOutline:
    """What a new file is checked against in ``folder``: the settings, actors, campaigns
    and the events' ids, files, dates, types, countries and titles.

    Read through the loader's cache, as ``timeline validate`` leaves it, without
    decoding the events' records: a new record in a folder of 100,000 events is checked
    in well under a second of work instead of twenty. A file changed since is checked
    again first, as every load does, so the answer is the same as with the dataset.
    """
    if not folder.is_dir():
        return DatasetOutline.of(Dataset.build(Settings(), [], {}, {}, str(folder)))
    return load_dataset(folder).outline


def _check(content: bytes, display: str, kind: Kind, dataset: Known) -> None:
    found = check_proposal(content, display, kind, dataset)
    problems = [p.as_text() for p in found.errors]
    if problems:
        raise TimelineError("the new record would not be valid:\n" + "\n".join(problems))


StanceEntry = tuple[str, str, tuple[str, ...]]  # demand reference, stance, holders


def parse_stance(text: str) -> StanceEntry:
    """``<campaign>/<demand>:<stance>:<actor>[,<actor>...]`` -> its three parts.

    The parts are checked by the schema with the rest of the record; this only splits.
    """
    parts = text.split(":")
    if len(parts) != 3 or not all(p.strip() for p in parts):
        raise TimelineError(
            f"--stance {text!r}: write <campaign-id>/<demand-id>:<stance>:<actor-id>[,...], "
            "e.g. mexico-break-relations-with-israel/break-relations:supports:"
            "claudia-sheinbaum")
    demand, stance, holders = (p.strip() for p in parts)
    return demand, stance, tuple(h.strip() for h in holders.split(",") if h.strip())


def with_holders(actors: Sequence[str], demands: Sequence[DemandDraft]) -> list[str]:
    """``actors`` and, after them, every holder of a stance not among them yet."""
    return list(dict.fromkeys([*actors, *(a for d in demands for a in d.by)]))


def write_event(folder: Path, *, title: str, date: str, type_: str,
                countries: Sequence[str], sources: Sequence[str],
                actors: Sequence[str] = (), stances: Sequence[StanceEntry] = ()) -> Path:
    """Write ``folder/<year>/<id>.yaml`` and return its path.

    Each of ``stances`` becomes an entry of ``demands`` held by its actors, who are
    added to the event's ``actors`` when missing (a holder must be one of them).
    """
    dataset = existing_outline(folder)
    demands = [DemandDraft(demand, stance, holders) for demand, stance, holders in stances]
    draft = EventDraft(title={dataset.settings.default_language: title}, date=date,
                       type=type_, countries=countries, actors=with_holders(actors, demands),
                       demands=demands, sources=[SourceDraft(url) for url in sources])
    return write_event_draft(folder, draft, dataset)


def write_event_draft(folder: Path, draft: EventDraft, dataset: Known) -> Path:
    """Write a drafted event as ``folder/<year>/<id>.yaml`` and return its path."""
    languages = dataset.settings.languages
    record = event_record(draft, languages)
    try:
        parse_written(record["date"])
    except DateSyntaxError as error:
        raise TimelineError(f"--date {draft.date!r}: {error}") from None
    identifier = event_file_id(record, languages) or "untitled"
    content = event_text(record).encode("utf-8")
    path = folder / identifier[:4] / f"{identifier}.yaml"
    if path.exists():
        raise _refused(path)
    _check(content, str(path), "event", dataset)
    _create(path, content)
    return path


def write_actor(folder: Path, *, name: str, kind: str, countries: Sequence[str] = (),
                url: str | None = None, actor_id: str | None = None) -> Path:
    """Write ``folder/actors/<id>.yaml`` and return its path."""
    draft = ActorDraft(name=name, kind=kind, countries=countries, url=url or "",
                       actor_id=actor_id or "")
    identifier = draft.id
    content = actor_text(actor_record(draft)).encode("utf-8")
    path = folder / "actors" / f"{identifier}.yaml"
    if path.exists():
        raise _refused(path)
    _check(content, str(path), "actor", existing_outline(folder))
    _create(path, content)
    return path


SETTINGS_HEADER = "# The dataset's settings; docs/format.md describes every field.\n"


def write_imported_event(folder: Path, identifier: str, record: dict[str, Any]) -> Path:
    """Write an imported event as ``folder/<year>/<id>.yaml``, formatted as ``timeline new
    event`` writes it, and return its path. It is not checked first (the import reports
    the validator's findings for every file it wrote); it never replaces a file."""
    if slugify(identifier, limit=200) != identifier:
        raise TimelineError(f"{identifier!r} is not a usable event id")
    path = folder / identifier[:4] / f"{identifier}.yaml"
    _create(path, event_text(record).encode("utf-8"))
    return path


def write_stub(folder: Path, kind: str, identifier: str) -> Path:
    """An actor or campaign file holding only its id as its name, for an import that
    names one the folder lacks; the import says to complete it."""
    if slugify(identifier, limit=200) != identifier:
        raise TimelineError(f"{identifier!r} is not a usable {kind} id")
    record: dict[str, Any] = {"name": identifier}
    if kind == "actor":
        record["kind"] = "other"
    path = folder / f"{kind}s" / f"{identifier}.yaml"
    header = ACTOR_HEADER if kind == "actor" else (
        "# One campaign of the timeline; docs/format.md describes every field.\n")
    _create(path, (header + _dump(record)).encode("utf-8"))
    return path


def write_settings(folder: Path, settings: dict[str, Any]) -> Path:
    """``folder/timeline.yaml`` for a folder that has none (never over one)."""
    path = folder / "timeline.yaml"
    _create(path, (SETTINGS_HEADER + _dump(settings)).encode("utf-8"))
    return path

# GitHub answers "414 URI Too Long" well before browsers give up; 8,000 characters
# stays under every limit observed for github.com's new-file page.
MAX_GITHUB_URL = 8000
_GITHUB_REPOSITORY = re.compile(
    r"https://github\.com/(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/"
    r"(?P<name>[A-Za-z0-9._-]{1,100}?)(?:\.git)?/?")


def github_repository(url: str | None) -> tuple[str, str] | None:
    """``(owner, name)`` of a ``https://github.com/<owner>/<name>`` address, else None."""
    match = _GITHUB_REPOSITORY.fullmatch((url or "").strip())
    return (match["owner"], match["name"]) if match else None


def github_new_file_url(repository: str | None, path: str, content: str,
                        branch: str = "main", limit: int = MAX_GITHUB_URL) -> str | None:
    """GitHub's new-file page for ``repository`` with ``path`` and ``content`` filled in.

    Someone without write access is led from there to fork the repository and open a
    pull request, all in the browser. None when the repository is not on GitHub or the
    address would be longer than ``limit`` (then the file is downloaded or copied).
    """
    found = github_repository(repository)
    if found is None:
        return None
    owner, name = found
    query = urlencode({"filename": path, "value": content}, quote_via=quote)
    url = f"https://github.com/{owner}/{name}/new/{quote(branch, safe='/')}?{query}"
    return url if len(url) <= limit else None
