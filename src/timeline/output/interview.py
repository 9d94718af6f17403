"""The questions of ``timeline new event``, each answer checked when it is given.

Every answer is put into the draft and the whole draft checked by the validator
(:func:`timeline.validate.proposal.check_proposal`); the problems about the field just
asked are shown, with the validator's message and suggestion ("did you mean 'MX'?"),
and the question is asked again. Nothing is lost to a mistake in a later answer.
Asking and showing are passed in (the CLI gives click's prompt and echo), so this
module never prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from timeline.dates import DateSyntaxError, format_span, parse_written, place_date
from timeline.errors import Problem
from timeline.output.writer import (
    DemandDraft,
    EventDraft,
    MediaDraft,
    SourceDraft,
    event_file_id,
    event_record,
    event_text,
    with_holders,
    write_event_draft,
)
from timeline.validate.proposal import Known, ProposalCheck, check_proposal
from timeline.validate.schema import build_schemas
from timeline.vocab import EVENT_TYPE_IDS, MEDIA_KINDS, STANCES

Ask = Callable[[str, bool], str]  # (question, required) -> answer ("" skips)
Say = Callable[[str], None]
Change = Callable[[EventDraft, str], EventDraft]


def split_list(answer: str) -> list[str]:
    """``"MX, EC"`` or ``"MX EC"`` -> ``["MX", "EC"]``."""
    return [part for part in re.split(r"[,\s]+", answer) if part]


class EventInterview:
    """Asks for a new event field by field, then writes it (never over a file)."""

    def __init__(self, dataset: Known, folder: Path, ask: Ask, say: Say) -> None:
        self.dataset, self.folder, self.ask, self.say = dataset, folder, ask, say
        self.languages = dataset.settings.languages
        self.schemas = build_schemas(dataset.settings)
        self.draft = EventDraft(title={}, date="", type="")

    # ------------------------------------------------------------ checking

    def check(self, draft: EventDraft) -> ProposalCheck:
        record = event_record(draft, self.languages)
        identifier = event_file_id(record, self.languages)
        display = (self.folder / identifier[:4] / f"{identifier}.yaml" if identifier
                   else self.folder / "new-event.yaml")
        return check_proposal(event_text(record).encode("utf-8"), str(display), "event",
                              self.dataset, schemas=self.schemas)

    def question(self, text: str, fields: Sequence[str], change: Change, *,
                 required: bool = False, given: str | None = None,
                 codes: Sequence[str] = ()) -> str:
        """Ask until the answer leaves no error in ``fields``; return the answer."""
        answer = given
        while True:
            if answer is None:
                answer = self.ask(text, required)
            if not answer and not required:
                return ""
            candidate = change(self.draft, answer)
            problems = [p for p in self.check(candidate).errors
                        if _about(p, fields) or p.code in codes]
            if not problems:
                self.draft = candidate
                return answer
            for problem in problems:
                field = f"{problem.field}: " if problem.field else ""
                self.say(f"  {field}{problem.message}")
            answer = None

    # ------------------------------------------------------------ the questions

    def run(self, *, title: str | None = None, date: str | None = None,
            type_: str | None = None, countries: Sequence[str] = (),
            actors: Sequence[str] = (), sources: Sequence[str] = ()) -> Path:
        default = self.languages[0]
        self.question("Date (e.g. 2025-05-21, 2013~, 2024-04-06/..)", ["date"],
                      lambda d, a: replace(d, date=a), required=True, given=date or None)
        self.say(f"  reads as: {self.reads_as(self.draft.date)}")
        self.question("Title", ["title"], lambda d, a: replace(d, title={default: a}),
                      required=True, given=title or None,
                      codes=("duplicate-id",))
        for language in self.languages[1:]:
            self.question(f"Title in {language} (Enter skips)", ["title"],
                          _title_in(language))
        self.question(f"Type ({', '.join(EVENT_TYPE_IDS)})", ["type"],
                      lambda d, a: replace(d, type=a), required=True, given=type_ or None)
        self.question("Countries (ISO codes, e.g. MX or MX EC)", ["countries"],
                      lambda d, a: replace(d, countries=split_list(a)), required=True,
                      given=" ".join(countries) or None)
        self.question("Actors (ids, e.g. claudia-sheinbaum; Enter skips)", ["actors"],
                      lambda d, a: replace(d, actors=split_list(a)),
                      given=" ".join(actors) or None)
        self.campaigns()
        self.place()
        self.question("Summary (Markdown; Enter skips)", ["summary"],
                      lambda d, a: replace(d, summary={default: a}))
        self.sources(sources)
        self.question("Tags (e.g. hunger-strike; Enter skips)", ["tags"],
                      lambda d, a: replace(d, tags=split_list(a)))
        self.media()
        for warning in self.check(self.draft).problems:
            if warning.severity == "warning":
                self.say(f"  warning: {warning.message}")
        return write_event_draft(self.folder, self.draft, self.dataset)

    def reads_as(self, date: str) -> str:
        try:
            return format_span(place_date(parse_written(date), self.dataset.settings.timezone))
        except DateSyntaxError:  # checked already; a zone problem is the validator's
            return date

    def campaigns(self) -> None:
        known = ", ".join(self.dataset.campaigns) or "none yet"
        self.question(f"Campaigns (ids: {known}; Enter skips)", ["campaigns"],
                      lambda d, a: replace(d, campaigns=split_list(a)))
        for campaign_id in self.draft.campaigns:
            campaign = self.dataset.campaigns.get(campaign_id)
            ids = ", ".join(d.id for d in campaign.demands) if campaign else ""
            while True:
                number = len(self.draft.demands)
                where = f"demands.{number}"
                answer = self.question(
                    f"A demand of {campaign_id} this event concerns ({ids}; Enter skips)",
                    [f"{where}.demand"],
                    _demand_of(campaign_id))
                if not answer:
                    break
                self.question(f"Stance towards it ({', '.join(STANCES)})",
                              [f"{where}.stance"], _stance(number), required=True)
                self.question("Who took that stance (actor ids; those not among the "
                              "actors yet are added)", [f"{where}.by"], _holders(number),
                              required=True)
                for language in self.languages:
                    self.question(f"Their words, a quote in {language} (Enter skips)",
                                  [f"{where}.quote"], _quote(number, language))

    def media(self) -> None:
        """Media items: a link, or a picture already in the data folder's ``media/``."""
        default = self.languages[0]
        while True:
            number = len(self.draft.media)
            where = f"media.{number}"
            first = "A picture, video or document" if not number else "Another media item"
            answer = self.question(
                f"{first}: its https:// link, or a picture's path under media/ "
                "(e.g. maps/route.png; Enter skips)",
                [f"{where}.url", f"{where}.file"], _add_media(default))
            if not answer:
                return
            self.question(f"Kind ({', '.join(MEDIA_KINDS)})", [f"{where}.kind"],
                          _media_kind(number), required=True)
            if self.draft.media[number].kind == "image":
                self.question("What the picture shows, for people who cannot see it (alt)",
                              [f"{where}.alt"], _media_text(number, "alt", default),
                              required=True)
            self.question("Caption (Enter skips)", [f"{where}.caption"],
                          _media_text(number, "caption", default))
            self.question("Credit: who made it, and its licence (Enter skips)",
                          [f"{where}.credit"], _media_credit(number))

    def place(self) -> None:
        self.question("Place (e.g. Mexico City; Enter skips)", ["location.name"],
                      lambda d, a: replace(d, place=a))
        self.question("Country of the place (ISO code; Enter skips)", ["location.country"],
                      lambda d, a: replace(d, place_country=a))
        self.question("Coordinates (latitude, longitude, e.g. 19.43, -99.13; Enter skips)",
                      ["location.lat", "location.lon"], _coordinates)

    def sources(self, given: Sequence[str]) -> None:
        urls = list(given)
        self.question("Source URL (https://...)", ["sources"],
                      lambda d, a: replace(d, sources=[SourceDraft(a)]), required=True,
                      given=urls[0] if urls else None)
        for url in urls[1:]:
            self.question("Another source URL", ["sources"], _add_source, given=url)
        while self.question("Another source URL (Enter to finish)", ["sources"],
                            _add_source):
            pass


def _about(problem: Problem, fields: Sequence[str]) -> bool:
    return any(problem.field == f or problem.field.startswith(f"{f}.") for f in fields)


def _title_in(language: str) -> Change:
    def change(draft: EventDraft, answer: str) -> EventDraft:
        return replace(draft, title={**draft.title, language: answer})
    return change


def _demand_of(campaign_id: str) -> Change:
    """Add a demand of the campaign, with a placeholder stance asked for next."""
    def change(draft: EventDraft, answer: str) -> EventDraft:
        return replace(draft, demands=[*draft.demands,
                                       DemandDraft(f"{campaign_id}/{answer}", STANCES[0])])
    return change


def _item(draft: EventDraft, field: Literal["demands", "media"], number: int,
          **changes: Any) -> EventDraft:
    """``draft`` with item ``number`` of its list ``field`` changed."""
    items: list[Any] = list(getattr(draft, field))
    items[number] = replace(items[number], **changes)
    changed: dict[str, Any] = {field: items}
    return replace(draft, **changed)


def _stance(number: int) -> Change:
    def change(draft: EventDraft, answer: str) -> EventDraft:
        return _item(draft, "demands", number, stance=answer)
    return change


def _holders(number: int) -> Change:
    """Set who holds stance ``number``, adding them to the event's actors (a rule)."""
    def change(draft: EventDraft, answer: str) -> EventDraft:
        held = _item(draft, "demands", number, by=split_list(answer))
        return replace(held, actors=with_holders(draft.actors, held.demands))
    return change


def _quote(number: int, language: str) -> Change:
    def change(draft: EventDraft, answer: str) -> EventDraft:
        quote = {**draft.demands[number].quote, language: answer}
        return _item(draft, "demands", number, quote=quote)
    return change


def _add_media(language: str) -> Change:
    """Add a media item; until its kind is asked, a link reads as a document and a path
    as an image (with a stand-in description), so that the whole record is checked now,
    the local file's existence and content included. Anything with a colon is meant as
    a link (a path under media/ never has one)."""
    def change(draft: EventDraft, answer: str) -> EventDraft:
        text = answer.strip()
        item = (MediaDraft(url=text, kind="document") if ":" in text
                else MediaDraft(file=text, kind="image", alt={language: "-"}))
        return replace(draft, media=[*draft.media, item])
    return change


def _media_kind(number: int) -> Change:
    def change(draft: EventDraft, answer: str) -> EventDraft:
        return _item(draft, "media", number, kind=answer, alt={})
    return change


def _media_text(number: int, key: Literal["alt", "caption"], language: str) -> Change:
    def change(draft: EventDraft, answer: str) -> EventDraft:
        return _item(draft, "media", number, **{key: {language: answer}})
    return change


def _media_credit(number: int) -> Change:
    def change(draft: EventDraft, answer: str) -> EventDraft:
        return _item(draft, "media", number, credit=answer)
    return change


def _coordinates(draft: EventDraft, answer: str) -> EventDraft:
    parts = [p.strip() for p in answer.replace(";", ",").split(",")]
    lat, lon = (parts + ["", ""])[:2] if len(parts) > 1 else (parts[0], "")
    return replace(draft, lat=lat, lon=lon)


def _add_source(draft: EventDraft, answer: str) -> EventDraft:
    return replace(draft, sources=[*draft.sources, SourceDraft(answer)])
