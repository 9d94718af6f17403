"""The ``timeline`` command: options, exit codes and messages, nothing more.

Every command calls the core (loader, queries, exports, writers) and turns its
errors into a message; a user never sees a traceback for something they typed or
committed. Exit codes: 0 success, 1 problems in the data, 2 usage errors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from timeline.errors import Problem, TimelineError
from timeline.validate.loader import LoadReport, load_dataset
from timeline.validate.yamlfile import DEFAULT_MAX_BYTES
from timeline.vocab import ACTOR_KINDS, EVENT_TYPE_IDS

EXPORT_FORMATS = ("json", "csv", "ics", "atom", "geojson", "timelinejs")

DATA_HELP = "The data folder (default: events)."


def _data_option(function: Any) -> Any:
    return click.option("--data", "data", default="events", show_default=True,
                        type=click.Path(file_okay=False), help=DATA_HELP)(function)


def _load(folder: str, *, max_bytes: int = DEFAULT_MAX_BYTES, use_cache: bool = True
          ) -> LoadReport:
    try:
        return load_dataset(folder, max_bytes=max_bytes, use_cache=use_cache)
    except TimelineError as error:
        raise click.UsageError(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="campaign-timeline")
def main() -> None:
    """Keep a campaign's history as YAML records, check them, and serve them."""


# ----------------------------------------------------------------- validate


def _github(problem: Problem) -> str:
    def escape(text: str, property_: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        if property_:
            text = text.replace(":", "%3A").replace(",", "%2C")
        return text

    level = "warning" if problem.severity == "warning" else "error"
    title = escape(problem.field or problem.code, True)
    return (f"::{level} file={escape(problem.path, True)},line={problem.line},"
            f"col={problem.column},title={title}::{escape(problem.message)}")


def _count(problems: list[Problem]) -> int:
    """How many problems there are, counting those an "and N more" line stands for."""
    return sum(p.hidden or 1 for p in problems)


@main.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@click.option("--data", "data_option", type=click.Path(file_okay=False), hidden=True)
@click.option("--format", "output", type=click.Choice(["text", "github", "json"]),
              default="text", show_default=True, help="How to print problems.")
@click.option("--strict", is_flag=True, help="Treat warnings (likely duplicates) as errors.")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Largest record file accepted.")
@click.option("--no-cache", is_flag=True, help="Check every file again, ignoring the cache.")
def validate(folder: str | None, data_option: str | None, output: str, strict: bool,
             max_bytes: int, no_cache: bool) -> None:
    """Check every record in FOLDER (default: events) and report every problem."""
    target = folder or data_option or "events"
    report = _load(target, max_bytes=max_bytes, use_cache=not no_cache)
    failing = [p for p in report.problems if p.severity == "error" or strict]
    checked = report.checked
    summary = (f"checked {checked.get('event', 0)} events, {checked.get('actor', 0)} actors, "
               f"{checked.get('campaign', 0)} campaigns: {_count(failing)} problems")
    if report.warnings and not strict:
        summary += f", {_count(report.warnings)} warnings"
    if output == "json":
        click.echo(json.dumps({"problems": [p.as_dict() for p in report.problems],
                               "checked": checked, "errors": _count(failing)},
                              ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(_github(problem) if output == "github" else problem.as_text())
        click.echo(summary, err=output == "github")
    sys.exit(1 if failing else 0)


# ----------------------------------------------------------------- export


@main.command()
@click.option("--format", "output", type=click.Choice(EXPORT_FORMATS), default="json",
              show_default=True, help="json, csv (UTF-8 with BOM), ics, atom, geojson or "
              "timelinejs (TimelineJS3 JSON).")
@_data_option
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output (never over a data file).")
@click.option("--base-url", default="", help="The app's public address, e.g. "
              "https://example.org, for links to events (default: relative links).")
@click.option("--lang", default="", help="Language of titles in ics, atom, geojson and "
              "timelinejs (default: the dataset's first).")
@click.option("--country", multiple=True, help="Only events in this country (repeatable).")
@click.option("--actor", multiple=True, help="Only events naming this actor (repeatable).")
@click.option("--type", "type_", multiple=True, help="Only events of this type (repeatable).")
@click.option("--campaign", multiple=True, help="Only events of this campaign (repeatable).")
@click.option("--tag", multiple=True, help="Only events with this tag (repeatable).")
@click.option("--since", default="", help="Only events that end after this date.")
@click.option("--until", default="", help="Only events that start before this date ends.")
def export(output: str, data: str, output_file: str | None, base_url: str, lang: str,
           country: tuple[str, ...], actor: tuple[str, ...], type_: tuple[str, ...],
           campaign: tuple[str, ...], tag: tuple[str, ...], since: str, until: str) -> None:
    """Print the valid events (filtered) in one of the export formats."""
    from timeline.dates import DateSyntaxError, parse_date
    from timeline.output.formats import render_export
    from timeline.output.options import ExportOptions
    from timeline.query.filters import Filters
    from timeline.query.index import filter_events
    from timeline.validate.stamp import dataset_stamp

    for name, value in (("--since", since), ("--until", until)):
        if value:
            try:
                parse_date(value)
            except DateSyntaxError as error:
                raise click.BadParameter(f"{value!r}: {error}", param_hint=name) from None
    if base_url and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter(f"{base_url!r}: write an http(s) address such as "
                                 "https://example.org", param_hint="--base-url")
    report = _load(data)
    _warn_invalid(report)
    dataset = report.dataset
    if lang and lang not in dataset.settings.languages:
        raise click.BadParameter(f"{lang!r}: the dataset is written in "
                                 f"{', '.join(dataset.settings.languages)}",
                                 param_hint="--lang")
    filters = Filters(country=tuple(c.upper() for c in country), actor=actor, type=type_,
                      campaign=campaign, tag=tag, date_from=since, date_to=until)
    base = base_url.rstrip("/")
    options = ExportOptions(base_url=base, updated=dataset_stamp(dataset).last_modified,
                            language=lang, self_url=f"{base}/feeds/events.atom",
                            page_url=f"{base}/")
    text = render_export(output, dataset, filter_events(dataset, filters), options)
    if output_file:
        _refuse_data_file(Path(output_file), Path(data))
        # newline="": the CSV's CRLF line ends stay as they are on every platform
        with open(output_file, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        click.echo(f"wrote {output_file}", err=True)
    else:
        click.echo(text, nl=False)


def _refuse_data_file(target: Path, data: Path) -> None:
    try:
        inside = target.resolve().is_relative_to(data.resolve())
    except OSError:
        inside = False
    if inside:
        raise click.UsageError(f"{target} is inside the data folder {data}; write exports "
                               "elsewhere so no record is overwritten")


def _warn_invalid(report: LoadReport) -> None:
    if report.errors:
        click.echo(f"warning: {report.invalid_records} invalid records left out "
                   f"({len(report.errors)} problems; run `timeline validate`)", err=True)


# ----------------------------------------------------------------- relations


@main.command()
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code, e.g. IL.")
@click.option("--on", "on", default="", help="The date, e.g. 2025-06-01 (default: today).")
@_data_option
@click.option("--format", "output", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True)
@click.option("--today", "today_text", envvar="TIMELINE_TODAY", default="",
              help="What today is, YYYY-MM-DD (default: the clock, in the dataset's time "
                   "zone; also $TIMELINE_TODAY), for reproducible reports and tests.")
def relations(country: str, on: str, data: str, output: str, today_text: str) -> None:
    """Print COUNTRY's diplomatic relations with each other country as of a date."""
    import csv
    import io
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from timeline.i18n.catalogue import translator
    from timeline.i18n.countries import country_name
    from timeline.query.relations import RelationsError, check_country, cutoff_of, relations_on

    try:
        code = check_country(country)
    except RelationsError as error:
        raise click.BadParameter(str(error), param_hint="--country") from None
    if on:
        try:
            cutoff_of(on)
        except RelationsError as error:
            raise click.BadParameter(str(error), param_hint="--on") from None
    fixed_today = None
    if today_text:
        try:
            fixed_today = date.fromisoformat(today_text.strip())
        except ValueError:
            raise click.BadParameter(f"{today_text!r} is not a day; write e.g. 2025-06-01",
                                     param_hint="--today") from None
    report = _load(data)
    _warn_invalid(report)
    dataset = report.dataset
    today = fixed_today or datetime.now(ZoneInfo(dataset.settings.timezone)).date()
    rows = relations_on(dataset, code, on or None, today=today)
    if output == "json":
        click.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["country", "status", "since", "event"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(r.as_dict() for r in rows)
        click.echo(buffer.getvalue(), nl=False)
        return
    t = translator("en")
    as_of = on or today.isoformat()
    if not rows:
        click.echo(t("tracker.relations.cli_none", country=f"{country_name(code)} ({code})"))
        return
    click.echo(t("tracker.relations.cli_title", country=f"{country_name(code)} ({code})",
                 date=as_of))
    table = [(r.country, country_name(r.country), t(f"tracker.status.{r.status}"),
              (r.since or "") + ("*" if r.coarse else ""), r.event.id if r.event else "")
             for r in rows]
    header = tuple(t(f"tracker.relations.column.{k}")
                   for k in ("code", "country", "status", "since", "event"))
    widths = [max(len(str(row[i])) for row in (header, *table)) for i in range(4)]
    for row in (header, *table):
        click.echo("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=False))
                   + "  " + row[4])
    if any(r.coarse for r in rows):
        click.echo(t("tracker.relations.cli_coarse"))


# ----------------------------------------------------------------- stances


@main.command()
@click.option("--campaign", "campaign_id", required=True, help="The campaign's id.")
@click.option("--on", "on", default="", help="As of this date, e.g. 2025-01 (default: all "
                                             "recorded stances).")
@_data_option
@click.option("--format", "output", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True)
def stances(campaign_id: str, on: str, data: str, output: str) -> None:
    """Print who holds which stance on each demand of a campaign, since when."""
    import csv
    import io

    from timeline.i18n.catalogue import translator
    from timeline.model import localise
    from timeline.query.index import build_index
    from timeline.query.ledger import campaign_ledger, ledger_rows
    from timeline.query.relations import RelationsError, cutoff_of

    report = _load(data)
    _warn_invalid(report)
    dataset = report.dataset
    campaign = dataset.campaigns.get(campaign_id)
    if campaign is None:
        known = ", ".join(sorted(dataset.campaigns)) or "none"
        raise click.BadParameter(f"{campaign_id!r} is not a campaign of {data}; its "
                                 f"campaigns are: {known}", param_hint="--campaign")
    try:
        cutoff = cutoff_of(on, dataset.settings.timezone) if on else None
    except RelationsError as error:
        raise click.BadParameter(str(error), param_hint="--on") from None
    ledgers = campaign_ledger(dataset, build_index(dataset), campaign, cutoff)
    rows = ledger_rows(ledgers)
    if output == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["demand"],
                                lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "quote": json.dumps(row["quote"], ensure_ascii=False)
                             if row["quote"] else "",
                             "earlier": "; ".join(f"{e['stance']} {e['date']} ({e['event']})"
                                                  for e in row["earlier"])})  # type: ignore[attr-defined]
        click.echo(buffer.getvalue(), nl=False)
        return
    t = translator("en")
    click.echo(t("tracker.ledger.cli_title", campaign=localise(campaign.name, "en"),
                 date=on or t("tracker.ledger.cli_everything")))
    for ledger in ledgers:
        click.echo("")
        click.echo(f"{localise(ledger.demand.text, 'en')} ({ledger.ref}): "
                   f"{t(f'tracker.demand_status.{ledger.status.status}')}")
        if not ledger.positions:
            click.echo("  " + t("tracker.ledger.none"))
            continue
        lines = [[t(f"tracker.ledger.column.{k}")
                  for k in ("actor", "stance", "since", "event", "earlier")]]
        lines += [[p.actor, t(f"tracker.stance.{p.stance}"),
                   p.since.date.text + ("*" if p.fuzzy else ""), p.current.event.id,
                   ", ".join(f"{h.stance} {h.date.text}" for h in p.changes)]
                  for p in ledger.positions]
        widths = [max(len(line[i]) for line in lines) for i in range(4)]
        for line in lines:
            click.echo("  " + "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=False))
                       + "  " + line[4])
    if any(p.fuzzy for ledger in ledgers for p in ledger.positions):
        click.echo("")
        click.echo(t("tracker.ledger.cli_fuzzy"))


# ----------------------------------------------------------------- schema


@main.command()
@click.option("--kind", type=click.Choice(["event", "actor", "campaign", "settings"]),
              default="event", show_default=True)
def schema(kind: str) -> None:
    """Print the JSON Schema (2020-12) of a record file, for editors."""
    from timeline.output.jsonschema import record_json_schema

    click.echo(json.dumps(record_json_schema(kind), ensure_ascii=False, indent=2))


# ----------------------------------------------------------------- new


@main.group()
def new() -> None:
    """Write a new record file (never over an existing one)."""


def _ask_if_missing(value: Any, prompt: str, **kwargs: Any) -> Any:
    if value:
        return value
    if not sys.stdin.isatty():
        raise click.UsageError(f"{prompt} is required (pass it as an option)")
    return click.prompt(prompt, **kwargs)


@new.command("event")
@click.option("--title", help="The title, in the dataset's default language.")
@click.option("--date", help="The date in the record syntax, e.g. 2025-05-21 or 2013~.")
@click.option("--type", "type_", help="The event type (see `timeline new event --help`).")
@click.option("--country", multiple=True, help="ISO country code (repeatable).")
@click.option("--actor", multiple=True, help="Actor id (repeatable).")
@click.option("--source", multiple=True, help="Source URL (repeatable).")
@click.option("--stance", multiple=True, metavar="DEMAND:STANCE:ACTOR[,ACTOR]",
              help="A stance on a demand and who holds it, e.g. "
                   "my-campaign/break-relations:supports:claudia-sheinbaum (repeatable; "
                   "with the required options; the questions ask for stances otherwise).")
@_data_option
def new_event(title: str | None, date: str | None, type_: str | None,
              country: tuple[str, ...], actor: tuple[str, ...], source: tuple[str, ...],
              stance: tuple[str, ...], data: str) -> None:
    """Write FOLDER/<year>/<id>.yaml for a new event and print its path.

    With every required option given, the file is written at once (or every problem is
    printed). Otherwise each question is checked as it is answered, with the
    validator's own message, and asked again until the answer is valid; optional
    questions (actors, campaigns and demands with a quote, place, summary, tags, media)
    are skipped with Enter.
    """
    from timeline.output.writer import parse_stance, write_event

    if title and date and type_ and country and source:
        try:
            path = write_event(Path(data), title=title, date=date, type_=type_,
                               countries=country, actors=actor, sources=source,
                               stances=[parse_stance(text) for text in stance])
        except TimelineError as error:
            raise click.UsageError(str(error)) from None
        click.echo(str(path))
        return
    if stance:
        raise click.UsageError("--stance needs --title, --date, --type, --country and "
                               "--source too; without them the questions ask for stances")
    from timeline.output.interview import EventInterview
    from timeline.output.writer import existing_outline

    try:
        dataset = existing_outline(Path(data))
    except TimelineError as error:
        raise click.UsageError(str(error)) from None
    interview = EventInterview(dataset, Path(data), _ask, click.echo)
    try:
        path = interview.run(title=title, date=date, type_=type_, countries=country,
                             actors=actor, sources=source)
    except TimelineError as error:
        raise click.UsageError(str(error)) from None
    click.echo(str(path))


def _ask(question: str, required: bool) -> str:
    """One answer from standard input; Enter skips an optional question."""
    try:
        answer = click.prompt(question, default="" if not required else None,
                              show_default=False)
    except click.Abort:  # end of input
        if required:
            label = question.split(" (", 1)[0]
            raise click.UsageError(f"{label} is required (pass it as an option)") from None
        return ""
    return str(answer).strip()


@new.command("actor")
@click.option("--name", help="The actor's name.")
@click.option("--kind", type=click.Choice(ACTOR_KINDS), help="What kind of actor.")
@click.option("--country", multiple=True, help="ISO country code (repeatable).")
@click.option("--url", help="A link about the actor.")
@click.option("--id", "actor_id", help="The id (default: made from the name).")
@_data_option
def new_actor(name: str | None, kind: str | None, country: tuple[str, ...],
              url: str | None, actor_id: str | None, data: str) -> None:
    """Write FOLDER/actors/<id>.yaml for a new actor and print its path."""
    from timeline.output.writer import write_actor

    name = _ask_if_missing(name, "Name")
    kind = _ask_if_missing(kind, "Kind", type=click.Choice(ACTOR_KINDS))
    try:
        path = write_actor(Path(data), name=name, kind=kind, countries=country, url=url,
                           actor_id=actor_id)
    except TimelineError as error:
        raise click.UsageError(str(error)) from None
    click.echo(str(path))


# ----------------------------------------------------------------- diff


@main.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@_data_option
@click.option("--format", "output", type=click.Choice(["markdown", "json"]),
              default="markdown", show_default=True)
@click.option("--today", default="",
              help="Read the tracker as of this day, YYYY-MM-DD (default: today in the "
                   "dataset's time zone); makes a report reproducible.")
def diff(base: str, head: str | None, data: str, output: str, today: str) -> None:
    """Show what changes from BASE to HEAD: records field by field, and the tracker.

    BASE and HEAD are git revisions (branch, tag, commit) or data folders; HEAD
    defaults to the data folder as it is now (--data, the working tree). Revisions are
    read as raw files into a temporary folder: nothing of the repository is run.
    """
    import tempfile
    from dataclasses import replace
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from timeline.output.diff_report import changes_json, changes_markdown
    from timeline.query.dataset_diff import compare_datasets

    day = None
    if today:
        try:
            day = date.fromisoformat(today)
        except ValueError:
            raise click.BadParameter(f"{today!r} is not a day; write YYYY-MM-DD, e.g. "
                                     "2025-06-01", param_hint="--today") from None
    with tempfile.TemporaryDirectory(prefix="timeline-diff-") as scratch:
        sides = []
        for number, spec in enumerate((base, head)):
            folder, name = _diff_side(spec, data, Path(scratch) / f"side-{number}")
            report = _load(str(folder), use_cache=False)
            sides.append((report, str(folder), name))
        (old, old_root, _), (new, new_root, _) = sides
        zone = ZoneInfo(new.dataset.settings.timezone)
        changes = compare_datasets(old.dataset, new.dataset,
                                   day or datetime.now(zone).date(),
                                   old_problems=len(old.errors), new_problems=len(new.errors))
        roots = [(old_root, sides[0][2]), (new_root, sides[1][2])]

        def as_shown(path: str) -> str:
            for root, name in roots:
                if path.startswith(root):
                    return name + path[len(root):]
            return path

        changes = replace(changes, records=tuple(replace(r, path=as_shown(r.path))
                                                 for r in changes.records))
    if output == "json":
        click.echo(changes_json(changes), nl=False)
    else:
        click.echo(changes_markdown(changes, base, head or f"{data} (working tree)"))


def _diff_side(spec: str | None, data: str, scratch: Path) -> tuple[Path, str]:
    """The data folder one side of a diff reads, and the name its paths are shown with."""
    from timeline.validate.revision import RevisionError, export_folder, repository_root

    if spec is None:
        return Path(data), data
    if Path(spec).is_dir():
        return Path(spec), spec.rstrip("/")
    start = Path(data) if Path(data).is_dir() else Path.cwd()
    try:
        root = repository_root(start.resolve())
        inside = (Path.cwd() / data).resolve().relative_to(root)
        folder = export_folder(root, spec, inside.as_posix(), scratch / (inside.name or "data"))
    except ValueError:
        raise click.UsageError(f"the data folder {data} is not inside the git repository "
                               "of the current folder") from None
    except RevisionError as error:
        raise click.UsageError(str(error)) from None
    return folder, inside.as_posix()


# ----------------------------------------------------------------- import

IMPORT_MAX_BYTES = 20_000_000


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--from", "source", type=click.Choice(["timelinejs", "timelinejs-sheet", "csv"]),
              help="The file's format (default: guessed from its content).")
@_data_option
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--type", "type_", type=click.Choice(EVENT_TYPE_IDS),
              help="The type of events the file does not type.")
@click.option("--country", multiple=True,
              help="ISO country code for events the file gives none (repeatable).")
def import_(file: str, source: str | None, data: str, dry_run: bool, type_: str | None,
            country: tuple[str, ...]) -> None:
    """Write one event file per entry of FILE (TimelineJS JSON, a TimelineJS sheet saved as
    CSV, or this project's CSV export), then report what each still needs."""
    from timeline.output.importing import ImportError_, plan_import
    from timeline.output.writer import (
        event_text,
        write_imported_event,
        write_settings,
        write_stub,
    )

    path = Path(file)
    if path.stat().st_size > IMPORT_MAX_BYTES:
        raise click.UsageError(f"{file} is larger than {IMPORT_MAX_BYTES:,} bytes; split it")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.UsageError(f"{file} is not UTF-8 text (byte {error.start}); save it as "
                               "UTF-8 and try again") from None
    try:
        plan = plan_import(text, source, type_=type_,  # type: ignore[arg-type]
                           countries=tuple(c.upper() for c in country))
    except ImportError_ as error:
        raise click.UsageError(f"{file}: {error}") from None
    folder = Path(data)
    verb = "would write" if dry_run else "wrote"
    click.echo(f"{file}: read as {plan.source}, {len(plan.records)} events")
    written: list[Path] = []
    if plan.settings and (folder / "timeline.yaml").exists() and plan.source != "csv":
        plan.not_mapped.insert(0, f"the title slide ({plan.settings.get('title')!r}): the "
                               "folder has its own timeline.yaml")
    if plan.settings and not (folder / "timeline.yaml").exists():
        settings = dict(plan.settings)
        settings.setdefault("languages", ["en"])
        if not dry_run:
            write_settings(folder, settings)
        click.echo(f"{verb} {folder / 'timeline.yaml'} (the folder had none; check its "
                   "title and languages)")
    refused = 0
    for planned in plan.records:
        target = folder / planned.id[:4] / f"{planned.id}.yaml"
        if target.exists():
            refused += 1
            click.echo(f"{planned.origin}: {target} already exists; it was left as it is")
            continue
        if dry_run:
            click.echo(f"{verb} {target} ({planned.origin})")
            click.echo(event_text(planned.record), nl=False)
        else:
            try:
                written.append(write_imported_event(folder, planned.id, planned.record))
            except TimelineError as error:
                refused += 1
                click.echo(f"{planned.origin}: {error}")
                continue
            click.echo(f"{verb} {target} ({planned.origin})")
        if planned.not_mapped:
            click.echo(f"  not mapped: {', '.join(planned.not_mapped)}")
    for kind, ids in (("actor", plan.actors), ("campaign", plan.campaigns)):
        for identifier in ids:
            stub = folder / f"{kind}s" / f"{identifier}.yaml"
            if stub.exists():
                continue
            if not dry_run:
                try:
                    write_stub(folder, kind, identifier)
                except TimelineError as error:
                    click.echo(f"{kind} {identifier!r}: {error}")
                    continue
            click.echo(f"{verb} {stub}: the events name this {kind} and the folder lacks "
                       "it; give it its real name")
    for note in plan.not_mapped:
        click.echo(f"not mapped: {note}")
    for note in plan.skipped:
        click.echo(f"not imported: {note}")
    if dry_run:
        _report_planned(folder, plan.records)
        click.echo(f"dry run: nothing written ({len(plan.records) - refused} events would be)")
        return
    _report_imported(folder, written, refused, len(plan.skipped))


def _report_planned(folder: Path, records: list[Any]) -> None:
    """What the validator would say about each planned file, against the folder as it is
    (a dry run writes nothing, so actors or campaigns it would add count as unknown)."""
    from timeline.output.writer import event_text, existing_outline
    from timeline.validate.proposal import check_proposal

    try:
        dataset = existing_outline(folder)
    except TimelineError as error:
        raise click.UsageError(str(error)) from None
    for planned in records:
        display = str(folder / planned.id[:4] / f"{planned.id}.yaml")
        if Path(display).exists():
            continue
        found = check_proposal(event_text(planned.record).encode("utf-8"), display, "event",
                               dataset)
        for problem in found.problems:
            click.echo(problem.as_text())


def _report_imported(folder: Path, written: list[Path], refused: int, skipped: int) -> None:
    """The validator's report on the imported files and the likely-duplicate check."""
    report = _load(str(folder), use_cache=False)
    names = {p.resolve() for p in written}

    def ours(problem: Problem) -> bool:
        try:
            return Path(problem.path).resolve() in names
        except OSError:
            return False

    errors = [p for p in report.problems if p.severity == "error" and ours(p)]
    duplicates = [p for p in report.warnings if ours(p)]
    for problem in errors + duplicates:
        click.echo(problem.as_text())
    invalid = len({p.path for p in errors})
    if any(p.code == "missing-field" and p.field in ("type", "countries") for p in errors):
        click.echo("hint: --type TYPE and --country CODE give every imported event a type "
                   "and countries the file lacks")
    click.echo(f"imported {len(written)} events: {len(written) - invalid} valid, {invalid} "
               f"to fix (above), {len(duplicates)} likely duplicates"
               + (f", {refused} not written" if refused else "")
               + (f", {skipped} rows not imported" if skipped else ""))
    sys.exit(1 if invalid else 0)


# ----------------------------------------------------------------- serve


@main.command()
@_data_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8050, show_default=True)
@click.option("--debug", is_flag=True,
              help="Dash's development server in debug mode (never on a public server).")
@click.option("--allow-invalid", is_flag=True,
              help="Serve the valid records of invalid data, with a notice in the page.")
@click.option("--base-url", envvar="TIMELINE_BASE_URL", metavar="URL",
              help="The site's public address, e.g. https://timeline.example.org, for "
                   "canonical links, link previews and the sitemap (default: the address "
                   "each request came to; env: TIMELINE_BASE_URL).")
@click.option("--threads", type=click.IntRange(1, 256), default=8, show_default=True,
              help="Requests served at once by the production server.")
def serve(data: str, host: str, port: int, debug: bool, allow_invalid: bool,
          base_url: str | None, threads: int) -> None:
    """Serve the dataset as the interactive timeline with a production WSGI server
    (waitress); --debug runs Dash's development server instead."""
    from timeline.app.html.links import BaseUrlError, normalise_base_url

    try:
        address = normalise_base_url(base_url) if base_url else None
    except BaseUrlError as error:
        raise click.BadParameter(str(error), param_hint="--base-url") from None
    report = _load(data)
    for problem in report.problems:
        click.echo(problem.as_text(), err=True)
    if report.errors:
        click.echo(f"{data}: {len(report.errors)} problems in {report.invalid_records} "
                   "records", err=True)
        if not allow_invalid:
            click.echo("refusing to serve invalid data: fix the problems above "
                       "(`timeline validate`), or pass --allow-invalid to serve the valid "
                       "records", err=True)
            sys.exit(1)
    from timeline.app import AppSettings, create_app
    from timeline.app.wsgi import run_production

    app = create_app(report.dataset, AppSettings(debug=debug, base_url=address))
    left_out = report.dataset.left_out
    note = f", {left_out} records left out" if left_out else ""
    click.echo(f"serving {len(report.dataset.events)} events{note} at "
               f"http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    if debug:
        app.run(host=host, port=port, debug=True)
        return
    try:
        run_production(app.server, host, port, threads)
    except OSError as error:  # the port is taken, or the address is not this machine's
        click.echo(f"cannot listen on {host}:{port}: {error.strerror or error}; choose "
                   "another --port or --host", err=True)
        sys.exit(1)
