"""``/suggest``: a form that turns what a witness knows into the event's record file.

Everything is checked on the server by the validator's own code
(:func:`timeline.validate.proposal.check_proposal`: schema, rules, references, the
likely-duplicate check against the dataset), each message shown next to its field.
The file is made by :mod:`timeline.output.writer`, so it is byte for byte what
``timeline new event`` writes, and leaves by one of three ways: GitHub's new-file page
(which leads someone without write access to a fork and a pull request), a download,
or the clipboard. The server writes nothing and keeps nothing: the callbacks are pure
functions of what the browser sends. Accessibility glue (``aria-describedby``,
``aria-invalid``, focus on the first problem) is in ``assets/suggest.js``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from dash import Dash, Input, Output, State, dcc, html, no_update
from dash.development.base_component import Component

from timeline.app.components.attrs import aria, data
from timeline.app.components.markdown import render_markdown
from timeline.app.html.links import event_path, in_language
from timeline.dates import format_span
from timeline.i18n.catalogue import Translate, translator, type_label, vocab_label
from timeline.i18n.countries import all_countries
from timeline.model import Dataset, localise
from timeline.output.writer import (
    ActorDraft,
    DemandDraft,
    EventDraft,
    MediaDraft,
    SourceDraft,
    actor_record,
    actor_text,
    event_file_id,
    event_record,
    event_relative_path,
    event_text,
    github_new_file_url,
    github_repository,
    with_holders,
)
from timeline.query.actor_search import actor_label, chosen_first
from timeline.validate.proposal import check_proposal, read_date
from timeline.validate.schema import Schemas, build_schemas
from timeline.vocab import ACTOR_KINDS, EVENT_TYPE_IDS, MEDIA_KINDS, STANCES

if TYPE_CHECKING:
    from timeline.app.context import AppContext

DEMAND_ROWS = 2
SOURCE_ROWS = 3
SOURCE_PARTS = ("url", "title", "publisher", "date", "language", "archive_url")
MEDIA_ROWS = 2
MEDIA_PARTS = ("url", "file", "kind", "credit")  # and alt and caption in each language
ACTOR_OPTIONS = 50  # the most actors a picker offers at once: the matches of the search
# Every text the browser sends, together; an event is never near this long, and a
# larger request is refused before any check runs.
MAX_TEXT = 40_000
MAX_FIELD = 10_000  # the inputs' maxLength
GENERAL = "general"


def _id(name: str) -> str:
    return f"suggest-{name}"


# ------------------------------------------------------------------ the fields


@dataclass(frozen=True, slots=True)
class FormShape:
    """The form's controls for one dataset: which slots exist, in page order."""

    languages: tuple[str, ...]

    def text_slots(self) -> list[str]:
        """Controls whose value is text, in the order the callback receives them."""
        return [*(f"title-{lang}" for lang in self.languages), "date", "type",
                "actor-name", "actor-kind", "actor-url",
                *(f"demand-{n}" for n in range(DEMAND_ROWS)),
                *(f"stance-{n}" for n in range(DEMAND_ROWS)),
                *self.quote_slots(),
                "place", "place-country", "lat", "lon",
                *(f"summary-{lang}" for lang in self.languages),
                *(f"source-{n}-{part}" for n in range(SOURCE_ROWS) for part in SOURCE_PARTS),
                "tags", *self.media_slots()]

    def quote_slots(self, row: int | None = None) -> list[str]:
        rows = range(DEMAND_ROWS) if row is None else (row,)
        return [f"quote-{n}-{lang}" for n in rows for lang in self.languages]

    def media_slots(self, row: int | None = None) -> list[str]:
        rows = range(MEDIA_ROWS) if row is None else (row,)
        return [slot for n in rows for slot in (
            f"media-{n}-url", f"media-{n}-file", f"media-{n}-kind",
            *(f"media-{n}-alt-{lang}" for lang in self.languages),
            *(f"media-{n}-caption-{lang}" for lang in self.languages),
            f"media-{n}-credit")]

    def list_slots(self) -> list[str]:
        return ["countries", "actors", "actor-countries", "campaigns",
                *(f"by-{n}" for n in range(DEMAND_ROWS))]

    def message_slots(self) -> list[str]:
        """Every control with a message next to it, in page order, then the general one."""
        return [*(f"title-{lang}" for lang in self.languages), "date", "type", "countries",
                "actors", "actor-name", "actor-kind", "actor-url", "actor-countries",
                "campaigns", *(slot for n in range(DEMAND_ROWS) for slot in (
                    f"demand-{n}", f"stance-{n}", f"by-{n}", *self.quote_slots(n))),
                "place", "place-country", "lat", "lon",
                *(f"summary-{lang}" for lang in self.languages),
                *(f"source-{n}-{part}" for n in range(SOURCE_ROWS) for part in SOURCE_PARTS),
                "tags", *self.media_slots(), GENERAL]


def _text(value: object) -> str:
    """A control's value as text; anything else a request might carry is no text."""
    return value if isinstance(value, str) else ""


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


@dataclass(frozen=True, slots=True)
class Drafted:
    """The drafts of one submission and where each record index came from."""

    event: EventDraft
    actor: ActorDraft | None
    demand_rows: list[int]
    source_rows: list[int]
    chosen_actors: int
    media_rows: list[int]


def draft_from(shape: FormShape, texts: dict[str, str], lists: dict[str, list[str]]
               ) -> Drafted:
    """The event (and new actor) as typed, and the rows their list items came from."""
    actor = None
    actors = list(lists["actors"])
    chosen = len(actors)
    if texts["actor-name"].strip():
        actor = ActorDraft(name=texts["actor-name"], kind=texts["actor-kind"],
                           countries=lists["actor-countries"], url=texts["actor-url"])
        actors.append(actor.id)
    demand_rows = [n for n in range(DEMAND_ROWS) if texts[f"demand-{n}"].strip()]
    demands = [DemandDraft(texts[f"demand-{n}"], texts[f"stance-{n}"], lists[f"by-{n}"],
                           {lang: texts[f"quote-{n}-{lang}"] for lang in shape.languages})
               for n in demand_rows]
    # A holder of a stance must be one of the event's actors: they are added.
    actors = with_holders(actors, demands)
    source_rows = [n for n in range(SOURCE_ROWS)
                   if any(texts[f"source-{n}-{p}"].strip() for p in SOURCE_PARTS)]
    media = [MediaDraft(file=texts[f"media-{n}-file"], url=texts[f"media-{n}-url"],
                        kind=texts[f"media-{n}-kind"],
                        alt={lang: texts[f"media-{n}-alt-{lang}"] for lang in shape.languages},
                        caption={lang: texts[f"media-{n}-caption-{lang}"]
                                 for lang in shape.languages},
                        credit=texts[f"media-{n}-credit"]) for n in range(MEDIA_ROWS)]
    media_rows = [n for n, item in enumerate(media) if not item.is_empty()]
    event = EventDraft(
        title={lang: texts[f"title-{lang}"] for lang in shape.languages},
        date=texts["date"], type=texts["type"], countries=lists["countries"],
        actors=actors, campaigns=lists["campaigns"],
        demands=demands,
        place=texts["place"], place_country=texts["place-country"], lat=texts["lat"],
        lon=texts["lon"], summary={lang: texts[f"summary-{lang}"] for lang in shape.languages},
        sources=[SourceDraft(*(texts[f"source-{n}-{p}"] for p in SOURCE_PARTS))
                 for n in source_rows],
        tags=_split(texts["tags"]), media=[media[n] for n in media_rows])
    return Drafted(event, actor, demand_rows, source_rows, chosen, media_rows)


def _language(parts: Sequence[str], index: int, languages: Sequence[str]) -> str:
    """The language a field path names at ``index`` (``title.es``), else the first."""
    return parts[index] if len(parts) > index and parts[index] in languages else languages[0]


def event_slot(field: str, drafted: Drafted, languages: Sequence[str]) -> str:
    """The control next to which a problem of the event file is shown."""
    parts = field.split(".") if field else []
    head = parts[0] if parts else ""
    index = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    if head in ("title", "summary"):
        return f"{head}-{_language(parts, 1, languages)}"
    if head in ("date", "type", "countries", "campaigns", "tags"):
        return head
    if head == "actors":
        new = drafted.actor is not None and index == drafted.chosen_actors
        return "actor-name" if new else "actors"
    if head == "demands" and index is not None and index < len(drafted.demand_rows):
        row = drafted.demand_rows[index]
        part = parts[2] if len(parts) > 2 and parts[2] in ("stance", "by", "quote") else (
            "demand")
        if part == "quote":
            return f"quote-{row}-{_language(parts, 3, languages)}"
        return f"{part}-{row}"
    if head == "media" and index is not None and index < len(drafted.media_rows):
        row = drafted.media_rows[index]
        part = parts[2] if len(parts) > 2 else "file"
        if part in ("alt", "caption"):
            return f"media-{row}-{part}-{_language(parts, 3, languages)}"
        return f"media-{row}-{part if part in MEDIA_PARTS else 'file'}"
    if head == "location":
        part = parts[1] if len(parts) > 1 else "name"
        return {"name": "place", "country": "place-country", "lat": "lat",
                "lon": "lon"}.get(part, "place")
    if head == "sources":
        if index is None or index >= len(drafted.source_rows):
            return "source-0-url"
        part = parts[2] if len(parts) > 2 and parts[2] in SOURCE_PARTS else "url"
        return f"source-{drafted.source_rows[index]}-{part}"
    return GENERAL


def actor_slot(field: str) -> str:
    head = field.split(".")[0] if field else ""
    return {"name": "actor-name", "kind": "actor-kind", "url": "actor-url",
            "countries": "actor-countries"}.get(head, "actor-name")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one check says: messages by slot, the files, the likely duplicates."""

    messages: dict[str, list[str]]
    event_path: str
    event_text: str
    actor_path: str | None
    actor_text: str | None
    duplicates: list[tuple[str, str, str]]  # (id, title, message)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.messages.values())


def check_submission(shape: FormShape, dataset: Dataset, schemas: Schemas,
                     texts: dict[str, str], lists: dict[str, list[str]],
                     language: str) -> Outcome:
    """Build the files from what was typed and check them as the validator would."""
    drafted = draft_from(shape, texts, lists)
    languages = dataset.settings.languages
    record = event_record(drafted.event, languages)
    identifier = event_file_id(record, languages)
    folder = PurePosixPath(dataset.folder.replace("\\", "/")).name or "events"
    path = event_relative_path(identifier, folder) if identifier else f"{folder}/new-event.yaml"
    content = event_text(record)
    found: dict[str, list[str]] = {}
    actor_path = actor_content = None
    new_actors: list[str] = []
    if drafted.actor is not None:
        actor_path = f"{folder}/actors/{drafted.actor.id}.yaml"
        actor_content = actor_text(actor_record(drafted.actor))
        new_actors.append(drafted.actor.id)
        for problem in check_proposal(actor_content.encode("utf-8"), actor_path, "actor",
                                      dataset, schemas=schemas).errors:
            found.setdefault(actor_slot(problem.field), []).append(problem.message)
    checked = check_proposal(content.encode("utf-8"), path, "event", dataset,
                             schemas=schemas, new_actors=new_actors, shown_folder=folder)
    for problem in checked.errors:
        found.setdefault(event_slot(problem.field, drafted, languages), []).append(
            problem.message)
    warnings = [p.message for p in checked.problems if p.severity == "warning"]
    duplicates = [(event.id, localise(event.title, language), message)
                  for event, message in zip(checked.duplicates, warnings, strict=False)]
    return Outcome(found, path, content, actor_path, actor_content, duplicates)


# ------------------------------------------------------------------ the layout


def _hint(slot: str, text: str) -> html.P:
    return html.P(text, id=_id(f"{slot}-hint"), className="suggest-hint")


def _message_box(slot: str) -> html.Div:
    return html.Div(id=_id(f"{slot}-msg"), className="suggest-message", role="alert",
                    **data(target=_id(slot)))


def _field(slot: str, label: str, control: Component, t: Translate, *, hint: str = "",
           required: bool = False, extra: Sequence[Component] = ()) -> html.Div:
    need = t("suggest.required") if required else t("suggest.optional")
    return html.Div([
        html.Label([label, " ", html.Span(f"({need})", className="suggest-need")],
                   htmlFor=_id(slot), id=_id(f"{slot}-label")),
        control,
        *([_hint(slot, hint)] if hint else []),
        *extra,
        _message_box(slot),
    ], className="suggest-field" + (" suggest-required" if required else ""))


def _input(slot: str, *, kind: Literal["text", "url"] = "text", placeholder: str = "",
           required: bool = False, mode: str | None = None) -> dcc.Input:
    extra: dict[str, Any] = {"inputMode": mode} if mode else {}
    return dcc.Input(id=_id(slot), type=kind, value="", maxLength=MAX_FIELD,
                     placeholder=placeholder, required=required, debounce=False,
                     autoComplete="off", className="suggest-input", **extra)


def _dropdown(slot: str, options: list[dict[str, str]], placeholder: str, *,
              multi: bool = False) -> dcc.Dropdown:
    return dcc.Dropdown(id=_id(slot), options=options, value=[] if multi else None,
                        multi=multi, placeholder=placeholder, searchable=True,
                        clearable=True, className="suggest-dropdown")


def _fieldset(legend: str, children: Sequence[Component], name: str) -> html.Fieldset:
    return html.Fieldset([html.Legend(legend), *children], className="suggest-group",
                         id=_id(f"group-{name}"))


def actor_options(dataset: Dataset, language: str, ids: Sequence[str],
                  new_actor: ActorDraft | None = None, new_label: str = ""
                  ) -> list[dict[str, str]]:
    """Options of an actor picker: the actor being proposed first (``new_label``, e.g.
    "new"), then ``ids`` of the registry, labelled ``Name (id)``."""
    options = []
    if new_actor is not None and new_actor.id not in dataset.actors:
        options.append({"label": f"{new_actor.name.strip()} ({new_actor.id}, {new_label})",
                        "value": new_actor.id})
    options.extend({"label": actor_label(dataset, actor_id, language), "value": actor_id}
                   for actor_id in ids if new_actor is None or actor_id != new_actor.id)
    return options


def _language_name(code: str) -> str:
    return translator(code)("app.language")


def layout(context: AppContext, ident: str | None, query: str, language: str
           ) -> html.Div:
    """The form, in the reader's language, with the dataset's choices."""
    t = translator(language)
    dataset = context.dataset
    languages = context.languages
    countries = [{"label": f"{name} ({code})", "value": code}
                 for code, name in all_countries(language)]
    types = [{"label": f"{type_label(type_id, language)}: "
                       f"{t('suggest.type_help.' + type_id)}", "value": type_id}
             for type_id in EVENT_TYPE_IDS]
    # The actor pickers start with a bounded handful; typing asks the server for matches.
    actors = actor_options(dataset, language, context.actor_search().find("", ACTOR_OPTIONS))
    kinds = [{"label": vocab_label("actor_kind", k, language), "value": k}
             for k in ACTOR_KINDS]
    campaigns = [{"label": localise(c.name, language), "value": c.id}
                 for c in dataset.campaigns.values()]
    demands = [{"label": f"{localise(c.name, language)}: {localise(d.text, language)}",
                "value": f"{c.id}/{d.id}"}
               for c in dataset.campaigns.values() for d in c.demands]
    stances = [{"label": t(f"tracker.stance.{s}"), "value": s} for s in STANCES]
    default = languages[0]

    event_fields: list[Component] = [
        _field(f"title-{lang}", t("suggest.title_in", language=_language_name(lang)),
               _input(f"title-{lang}", required=lang == default), t,
               hint=t("suggest.title_hint") if lang == default else "",
               required=lang == default)
        for lang in languages]
    event_fields += [
        _field("date", t("suggest.date"), _input("date", required=True), t,
               hint=t("suggest.date_hint"), required=True,
               extra=[html.P(id=_id("date-reads"), className="suggest-reads",
                             **aria(live="polite"))]),
        _field("type", t("suggest.type"), _dropdown("type", types, t("suggest.type_choose")),
               t, required=True),
        _field("countries", t("suggest.countries"),
               _dropdown("countries", countries, t("suggest.choose_countries"), multi=True),
               t, hint=t("suggest.countries_hint"), required=True),
    ]
    who: list[Component] = [
        _field("actors", t("suggest.actors"),
               _dropdown("actors", actors, t("suggest.choose_actors"), multi=True), t,
               hint=t("suggest.actors_hint")),
        html.Details([
            html.Summary(t("suggest.new_actor")),
            _hint("new-actor", t("suggest.new_actor_hint")),
            _field("actor-name", t("suggest.actor_name"), _input("actor-name"), t),
            _field("actor-kind", t("suggest.actor_kind"),
                   _dropdown("actor-kind", kinds, t("suggest.actor_kind")), t),
            _field("actor-countries", t("suggest.actor_countries"),
                   _dropdown("actor-countries", countries, t("suggest.choose_countries"),
                             multi=True), t),
            _field("actor-url", t("suggest.actor_url"),
                   _input("actor-url", kind="url", placeholder="https://"), t),
        ], className="suggest-new-actor", id=_id("new-actor")),
        _field("campaigns", t("suggest.campaigns"),
               _dropdown("campaigns", campaigns, t("suggest.choose_campaigns"), multi=True), t),
    ]
    for number in range(DEMAND_ROWS):
        who.append(html.Div([
            _field(f"demand-{number}", t("suggest.demand", number=number + 1),
                   _dropdown(f"demand-{number}", demands, t("suggest.choose_demand")), t,
                   hint=t("suggest.demand_hint") if number == 0 else ""),
            _field(f"stance-{number}", t("suggest.stance"),
                   _dropdown(f"stance-{number}", stances, t("suggest.choose_stance")), t),
            _field(f"by-{number}", t("suggest.by"),
                   _dropdown(f"by-{number}", actors, t("suggest.choose_actors"), multi=True),
                   t, hint=t("suggest.by_hint") if number == 0 else ""),
            *(_field(f"quote-{number}-{lang}",
                     t("suggest.quote_in", language=_language_name(lang)),
                     _input(f"quote-{number}-{lang}"), t,
                     hint=t("suggest.quote_hint") if number == 0 and lang == default else "")
              for lang in languages),
        ], className="suggest-row"))
    where: list[Component] = [
        _field("place", t("suggest.place"), _input("place", placeholder=t("suggest.place_hint")),
               t),
        _field("place-country", t("suggest.place_country"),
               _dropdown("place-country", countries, t("suggest.choose_countries")), t),
        html.Div([
            _field("lat", t("suggest.latitude"), _input("lat", mode="decimal"), t),
            _field("lon", t("suggest.longitude"), _input("lon", mode="decimal"), t),
        ], className="suggest-row"),
        _hint("coordinates", t("suggest.coordinates_hint")),
    ]
    summary: list[Component] = []
    for lang in languages:
        summary.append(_field(
            f"summary-{lang}", t("suggest.summary_in", language=_language_name(lang)),
            dcc.Textarea(id=_id(f"summary-{lang}"), value="", maxLength=MAX_FIELD,
                         className="suggest-textarea", rows=5),
            t, hint=t("suggest.summary_hint") if lang == default else "",
            extra=[html.Div([html.P(t("suggest.preview"), className="suggest-preview-label"),
                             html.Div(id=_id(f"summary-{lang}-preview"),
                                      className="suggest-preview", lang=lang)])]))
    sources: list[Component] = [_hint("sources", t("suggest.sources_hint"))]
    labels = {"url": "suggest.source_url", "title": "suggest.source_title",
              "publisher": "suggest.source_publisher", "date": "suggest.source_date",
              "language": "suggest.source_language", "archive_url": "suggest.source_archive"}
    for number in range(SOURCE_ROWS):
        rows = [_field(f"source-{number}-{part}", t(labels[part]),
                       _input(f"source-{number}-{part}",
                              kind="url" if part in ("url", "archive_url") else "text",
                              placeholder="https://" if part in ("url", "archive_url")
                              else "", required=number == 0 and part == "url"),
                       t, required=number == 0 and part == "url")
                for part in SOURCE_PARTS]
        block: Component = html.Fieldset(
            [html.Legend(t("suggest.source", number=number + 1)), *rows],
            className="suggest-source", id=_id(f"source-{number}"))
        if number:
            block = html.Details([html.Summary(t("suggest.source", number=number + 1)),
                                  block], className="suggest-more-source")
        sources.append(block)
    tags = [_field("tags", t("suggest.tags"), _input("tags"), t, hint=t("suggest.tags_hint"))]
    media_kinds = [{"label": t(f"detail.media_kind.{k}"), "value": k} for k in MEDIA_KINDS]
    media: list[Component] = [_hint("media", t("suggest.media_hint"))]
    for number in range(MEDIA_ROWS):
        parts: list[Component] = [
            _field(f"media-{number}-url", t("suggest.media_url"),
                   _input(f"media-{number}-url", kind="url", placeholder="https://"), t),
            _field(f"media-{number}-file", t("suggest.media_file"),
                   _input(f"media-{number}-file", placeholder="maps/route.png"), t,
                   hint=t("suggest.media_file_hint") if number == 0 else ""),
            _field(f"media-{number}-kind", t("suggest.media_kind"),
                   _dropdown(f"media-{number}-kind", media_kinds,
                             t("suggest.choose_media_kind")), t),
            *(_field(f"media-{number}-alt-{lang}",
                     t("suggest.media_alt_in", language=_language_name(lang)),
                     _input(f"media-{number}-alt-{lang}"), t,
                     hint=t("suggest.media_alt_hint") if lang == default else "")
              for lang in languages),
            *(_field(f"media-{number}-caption-{lang}",
                     t("suggest.media_caption_in", language=_language_name(lang)),
                     _input(f"media-{number}-caption-{lang}"), t) for lang in languages),
            _field(f"media-{number}-credit", t("suggest.media_credit"),
                   _input(f"media-{number}-credit"), t),
        ]
        item: Component = html.Fieldset(
            [html.Legend(t("suggest.media_item", number=number + 1)), *parts],
            className="suggest-source", id=_id(f"media-{number}"))
        media.append(html.Details([html.Summary(t("suggest.media_item", number=number + 1)),
                                   item], className="suggest-more-source"))

    return html.Div(className="suggest-page", id="suggest-page", lang=language, children=[
        dcc.Store(id=_id("lang"), data=language),
        dcc.Store(id=_id("files")),
        html.H1(t("suggest.title"), id=_id("title")),
        html.P(t("suggest.lead"), className="suggest-lead"),
        html.Div(className="suggest-form", role="form", **aria(labelledby=_id("title")),
                 children=[
            _fieldset(t("suggest.event"), event_fields, "event"),
            _fieldset(t("suggest.who"), who, "who"),
            _fieldset(t("suggest.where"), where, "where"),
            _fieldset(t("suggest.summary"), summary, "summary"),
            _fieldset(t("suggest.sources"), sources, "sources"),
            _fieldset(t("suggest.tags"), tags, "tags"),
            _fieldset(t("suggest.media"), media, "media"),
            html.Button(t("suggest.check"), id=_id("check"), n_clicks=0, type="button",
                        className="suggest-check"),
        ]),
        html.Div(id=_id("status"), className="suggest-status", role="status",
                 **aria(live="polite")),
        html.Div(id=_id("general-wrap"), className="suggest-general", children=[
            _message_box(GENERAL)]),
        html.Div(id=_id("duplicates"), className="suggest-duplicates"),
        html.Section(id=_id("result"), className="suggest-result", hidden=True,
                     **aria(labelledby=_id("result-title")), children=[
            html.H2(t("suggest.result"), id=_id("result-title")),
            html.P(id=_id("path")),
            html.Pre(id=_id("file-text"), className="suggest-file", tabIndex="0"),
            html.Div(id=_id("actor-result"), hidden=True, children=[
                html.H3(t("suggest.actor_file")),
                html.P(id=_id("actor-path")),
                html.Pre(id=_id("actor-text"), className="suggest-file", tabIndex="0"),
            ]),
            html.H3(t("suggest.ways_out")),
            html.Div(id=_id("github")),
            html.Div(className="suggest-actions", children=[
                html.Button(t("suggest.download"), id=_id("download-button"), n_clicks=0,
                            type="button"),
                html.Button(t("suggest.download_actor"), id=_id("download-actor-button"),
                            n_clicks=0, type="button", hidden=True),
                html.Span([
                    dcc.Clipboard(target_id=_id("file-text"), id=_id("copy"),
                                  title=t("suggest.copy"), className="suggest-copy"),
                    html.Span(t("suggest.copy"), className="suggest-copy-label"),
                ], className="suggest-copy-wrap", title=t("suggest.copy_hint")),
            ]),
            dcc.Download(id=_id("download")),
            dcc.Download(id=_id("download-actor")),
        ]),
    ])


# ------------------------------------------------------------------ the results


def _duplicates(outcome: Outcome, language: str, default: str, t: Translate
                ) -> list[Component]:
    """The events this one may duplicate, each linked to its own page (in a new tab, so
    the form keeps what was typed)."""
    if not outcome.duplicates:
        return []
    items = [html.Li([html.A(title, href=in_language(event_path(event_id), language, default),
                             target="_blank", rel="noopener"), " ",
                      html.Span(f"({message})", className="suggest-hint")])
             for event_id, title, message in outcome.duplicates]
    return [html.P(t("suggest.duplicates"), className="suggest-warning"),
            html.Ul(items, id=_id("duplicate-list")),
            html.P(t("suggest.duplicates_hint"), className="suggest-hint")]


def _github(context: AppContext, outcome: Outcome, t: Translate) -> list[Component]:
    repository = context.dataset.settings.repository
    branch = context.dataset.settings.branch
    if github_repository(repository) is None:
        return [html.P(t("suggest.no_github"), id=_id("no-github"))]
    event_url = github_new_file_url(repository, outcome.event_path, outcome.event_text,
                                    branch)
    actor_url = (github_new_file_url(repository, outcome.actor_path, outcome.actor_text,
                                     branch)
                 if outcome.actor_path and outcome.actor_text else None)
    if event_url is None or (outcome.actor_path and actor_url is None):
        return [html.P(t("suggest.github_too_long"), id=_id("github-too-long"),
                       className="suggest-warning")]
    links: list[Component] = []
    if actor_url:
        links.append(html.P(t("suggest.github_actor_first")))
        links.append(html.P(html.A(t("suggest.github_actor"), href=actor_url,
                                   id=_id("github-actor-link"), target="_blank",
                                   rel="noopener noreferrer", className="suggest-github")))
    links.append(html.P(html.A(t("suggest.github"), href=event_url, id=_id("github-link"),
                               target="_blank", rel="noopener noreferrer",
                               className="suggest-github")))
    links.append(html.P(t("suggest.github_hint"), className="suggest-hint"))
    return links


def register(app: Dash, context: AppContext) -> None:
    """The form's callbacks: the date as it reads, the previews, the check, downloads."""
    shape = FormShape(context.languages)
    schemas = build_schemas(context.dataset.settings)
    zone = context.dataset.settings.timezone

    @app.callback(Output(_id("date-reads"), "children"), Input(_id("date"), "value"),
                  State(_id("lang"), "data"))
    def date_reads(value: object, language: object) -> str:
        text = _text(value)[:MAX_FIELD]
        if not text.strip():
            return ""
        lang = context.language(_text(language) or None)
        read = read_date(text, zone)
        if isinstance(read, str):
            return read
        return translator(lang)("suggest.date_reads", date=format_span(read, lang))

    for lang in shape.languages:
        @app.callback(Output(_id(f"summary-{lang}-preview"), "children"),
                      Input(_id(f"summary-{lang}"), "value"))
        def preview(value: object) -> Component:
            return render_markdown(_text(value)[:MAX_FIELD], "markdown summary")

    register_actor_search(app, context)

    text_slots = shape.text_slots()
    list_slots = shape.list_slots()
    message_slots = shape.message_slots()

    @app.callback(
        [Output(_id(f"{slot}-msg"), "children") for slot in message_slots],
        Output(_id("status"), "children"), Output(_id("duplicates"), "children"),
        Output(_id("result"), "hidden"), Output(_id("path"), "children"),
        Output(_id("file-text"), "children"), Output(_id("actor-result"), "hidden"),
        Output(_id("actor-path"), "children"), Output(_id("actor-text"), "children"),
        Output(_id("github"), "children"), Output(_id("download-actor-button"), "hidden"),
        Output(_id("files"), "data"),
        Input(_id("check"), "n_clicks"),
        [State(_id(slot), "value") for slot in text_slots],
        [State(_id(slot), "value") for slot in list_slots],
        State(_id("lang"), "data"),
        prevent_initial_call=True,
    )
    def check(clicks: object, *values: object) -> tuple[Any, ...]:
        language = context.language(_text(values[-1]) or None)
        t = translator(language)
        texts = {slot: _text(v) for slot, v in zip(text_slots, values, strict=False)}
        lists = {slot: _texts(v) for slot, v in
                 zip(list_slots, values[len(text_slots):], strict=False)}
        size = sum(map(len, texts.values())) + sum(len(v) for vs in lists.values()
                                                   for v in vs)
        empty: list[list[Component]] = [[] for _ in message_slots]
        attempt = str(clicks if isinstance(clicks, int) else 0)
        if size > MAX_TEXT:
            status = _status(t("suggest.status.too_large", size=size, limit=MAX_TEXT),
                             "problems", attempt)
            return (*empty, status, [], True, "", "", True, "", "", [], True, None)
        outcome = check_submission(shape, context.dataset, schemas, texts, lists, language)
        messages = [[html.P(m) for m in outcome.messages.get(slot, [])]
                    for slot in message_slots]
        duplicates = _duplicates(outcome, language, context.default_language, t)
        if outcome.count:
            key = "suggest.status.one_problem" if outcome.count == 1 else (
                "suggest.status.problems")
            status = _status(t(key, count=outcome.count), "problems", attempt)
            return (*messages, status, duplicates, True, "", "", True, "", "", [], True,
                    None)
        status = _status(t("suggest.status.ready"), "ready", attempt)
        files = {"path": outcome.event_path, "text": outcome.event_text,
                 "actor_path": outcome.actor_path, "actor_text": outcome.actor_text}
        has_actor = outcome.actor_path is not None
        return (*messages, status, duplicates, False,
                t("suggest.path", path=outcome.event_path), outcome.event_text,
                not has_actor,
                t("suggest.actor_path", path=outcome.actor_path) if has_actor else "",
                outcome.actor_text or "", _github(context, outcome, t), not has_actor,
                files)

    @app.callback(Output(_id("download"), "data"), Input(_id("download-button"), "n_clicks"),
                  State(_id("files"), "data"), prevent_initial_call=True)
    def download(clicks: object, files: object) -> Any:
        return _download(files, "path", "text")

    @app.callback(Output(_id("download-actor"), "data"),
                  Input(_id("download-actor-button"), "n_clicks"),
                  State(_id("files"), "data"), prevent_initial_call=True)
    def download_actor(clicks: object, files: object) -> Any:
        return _download(files, "actor_path", "actor_text")


def register_actor_search(app: Dash, context: AppContext) -> None:
    """The actor pickers' options follow what is typed in them, computed here (a bounded
    handful of matches, the chosen actors kept), as the timeline's actor filter does.
    A stance's holders also offer the new actor the form is proposing, once named."""

    def options(search: object, chosen: object, language: object,
                new_actor: ActorDraft | None = None) -> list[dict[str, str]]:
        lang = context.language(_text(language) or None)
        known = context.dataset.actors
        selected = [a for a in _texts(chosen)[:ACTOR_OPTIONS]
                    if a in known or (new_actor is not None and a == new_actor.id)]
        found = context.actor_search().find(_text(search)[:200], ACTOR_OPTIONS)
        return actor_options(context.dataset, lang, chosen_first(selected, found),
                             new_actor, translator(lang)("suggest.new_actor_option"))

    @app.callback(Output(_id("actors"), "options"), Input(_id("actors"), "search_value"),
                  State(_id("actors"), "value"), State(_id("lang"), "data"),
                  prevent_initial_call=True)
    def actors(search: object, chosen: object, language: object) -> list[dict[str, str]]:
        return options(search, chosen, language)

    for number in range(DEMAND_ROWS):
        @app.callback(Output(_id(f"by-{number}"), "options"),
                      Input(_id(f"by-{number}"), "search_value"),
                      Input(_id("actor-name"), "value"),
                      State(_id(f"by-{number}"), "value"), State(_id("lang"), "data"),
                      prevent_initial_call=True)
        def holders(search: object, name: object, chosen: object, language: object
                    ) -> list[dict[str, str]]:
            typed = _text(name)[:MAX_FIELD]
            new_actor = ActorDraft(name=typed) if typed.strip() else None
            return options(search, chosen, language, new_actor)


def _status(text: str, state: str, attempt: str) -> html.P:
    return html.P(text, id=_id("status-text"), **data(state=state, attempt=attempt))


def _download(files: object, path_key: str, text_key: str) -> Any:
    """The file the last check made, sent back as a download (nothing kept here)."""
    if not isinstance(files, dict):
        return no_update
    path, text = files.get(path_key), files.get(text_key)
    if not isinstance(path, str) or not isinstance(text, str) or len(text) > MAX_TEXT * 2:
        return no_update
    return {"content": text, "filename": PurePosixPath(path).name or "event.yaml",
            "type": "application/yaml"}
