"""The pure figure builders, on a real data folder; every figure validated by Plotly."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import plotly.graph_objects as go
import pytest

from browser_kit import EVENTS, load, write_dataset
from timeline.app.context import AppSettings, build_context
from timeline.figures import momentum, shared
from timeline.figures import timeline as figures
from timeline.model import Dataset
from timeline.query.labels import type_label
from timeline.validate.loader import load_dataset

TODAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    hostile = dict(EVENTS["2025-05-hunger-strike-at-the-senate"])
    hostile["title"] = {"en": "<b>Bold</b> & <script>alert(1)</script>", "es": "<i>x</i>"}
    events = {**EVENTS, "2025-05-hunger-strike-at-the-senate": hostile}
    return load(write_dataset(tmp_path_factory.mktemp("figures") / "data", events))


def position(dataset: Dataset, event_id: str) -> int:
    return next(i for i, e in enumerate(dataset.events) if e.id == event_id)


def ms(year: int, month: int = 1, day: int = 1) -> float:
    return datetime(year, month, day, tzinfo=UTC).timestamp() * 1000


def validated(figure: go.Figure) -> go.Figure:
    """Plotly's full validation of what the builders made without it."""
    return go.Figure(figure.to_dict())


def text() -> figures.TimelineText:
    return figures.TimelineText(hover=lambda p: f"event {p}", type_labels={"march": "March"},
                                density_hover=lambda count: f"{count} events",
                                empty="Nothing", period_formats={"month": "%B %Y"})


# ------------------------------------------------------------------ the event table


def test_points_spans_and_fuzzy_dates(dataset: Dataset) -> None:
    table = shared.event_table(dataset.events, TODAY)
    march = position(dataset, "2025-05-21-march-in-mexico-city")
    strike = position(dataset, "2025-05-hunger-strike-at-the-senate")
    training = position(dataset, "2013-training-programme-in-chiapas")
    sit_in = position(dataset, "2024-04-10-sit-in-in-quito")
    boycott = position(dataset, "2023-10-01-boycott-campaign")
    # a day is a point in time: a marker
    assert (table.span[march], table.fuzzy[march]) == (0, 0)
    # a month is drawn over the month it covers, not as 1 May
    assert table.span[strike] == 1
    assert (table.start[strike], table.end[strike]) == (ms(2025, 5), ms(2025, 6))
    # "c. 2013" is the whole year, marked as approximate
    assert (table.span[training], table.fuzzy[training]) == (1, 1)
    assert (table.start[training], table.end[training]) == (ms(2013), ms(2014))
    assert (table.start[sit_in], table.end[sit_in]) == (ms(2024, 4, 10), ms(2024, 4, 21))
    # an ongoing span runs to the end of "today", which the caller gives
    assert table.end[boycott] == ms(2025, 6, 2)
    assert table.month[strike] == 2025 * 12 + 4
    assert table.ordinal[march] == date(2025, 5, 21).toordinal()


def test_extent_and_window(dataset: Dataset) -> None:
    table = shared.event_table(dataset.events, TODAY)
    everything = list(range(len(dataset.events)))
    assert shared.extent(table, everything) == (ms(2013), ms(2025, 6, 2))
    assert shared.extent(table, []) is None
    inside = shared.in_window(table, everything, ms(2024, 4, 15), ms(2024, 4, 16))
    assert [dataset.events[p].id for p in inside] == [
        "2023-10-01-boycott-campaign", "2024-04-10-sit-in-in-quito"]


# ------------------------------------------------------------------ calendar bins


@pytest.mark.parametrize(("days", "unit"), [
    (30, "day"), (200, "week"), (3000, "month"), (10_000, "quarter"), (40_000, "year"),
    (1_000_000, "decade")])
def test_choose_unit(days: int, unit: str) -> None:
    assert shared.choose_unit(0, days * shared.DAY_MS, 160) == unit


@pytest.mark.parametrize("unit", ["day", "week", "month", "quarter", "year", "decade"])
def test_bins_start_where_their_key_says(unit: str) -> None:
    moment = ms(2024, 4, 17)
    key = shared.bin_key_of(moment, unit)
    first = shared.bin_start(key, unit)
    following = shared.bin_start(key + 1, unit)
    assert shared.date_ms(first) <= moment < shared.date_ms(following)
    if unit == "week":
        assert first.weekday() == 0  # weeks start on Monday


def test_momentum_unit_follows_the_range() -> None:
    assert momentum.momentum_unit(ms(2025, 1), ms(2025, 5)) == "week"
    assert momentum.momentum_unit(ms(2020), ms(2025)) == "month"
    assert momentum.momentum_unit(ms(1990), ms(2025)) == "year"
    assert momentum.momentum_unit(ms(1000), ms(2025)) == "decade"


# ------------------------------------------------------------------ lanes


def test_lanes_by_type_follow_the_vocabulary(dataset: Dataset) -> None:
    everything = list(range(len(dataset.events)))
    lanes = figures.choose_lanes(dataset.events, everything, "type", str.upper)
    assert lanes.keys == ("march", "hunger-strike", "boycott", "sit-in", "relations-broken",
                          "security-cooperation")
    assert lanes.labels[0] == "MARCH" and all(lanes.colours)
    assert lanes.rows(position(dataset, "2023-10-01-boycott-campaign")) == (2,)


def test_lanes_by_country_by_count_with_other_and_none(dataset: Dataset) -> None:
    everything = list(range(len(dataset.events)))
    lanes = figures.choose_lanes(dataset.events, everything, "country", lambda k: k)
    assert lanes.keys[:2] == ("MX", "EC")
    assert lanes.rows(position(dataset, "2013-training-programme-in-chiapas")) == (
        lanes.keys.index("MX"), lanes.keys.index("IL"))
    crowded = figures.choose_lanes(dataset.events, everything, "country", lambda k: k,
                                   max_lanes=2)
    assert crowded.keys == ("MX", figures.OTHER_KEY)
    assert crowded.rows(position(dataset, "2024-04-10-sit-in-in-quito")) == (1,)
    actors = figures.choose_lanes(dataset.events, everything, "actor", lambda k: k)
    assert actors.keys[-1] == figures.NONE_KEY
    assert actors.rows(position(dataset, "2024-04-10-sit-in-in-quito")) == (len(actors) - 1,)
    campaigns = figures.choose_lanes(dataset.events, everything, "campaign", lambda k: k)
    assert campaigns.keys == ("break-ties", figures.NONE_KEY)


# ------------------------------------------------------------------ timeline figure


def view_of(dataset: Dataset, mode: str = "type", window: tuple[float, float] | None = None
            ) -> tuple[shared.EventTable, figures.TimelineView]:
    table = shared.event_table(dataset.events, TODAY)
    everything = list(range(len(dataset.events)))
    lanes = figures.choose_lanes(dataset.events, everything, mode, lambda k: k)
    full = shared.pad(*shared.extent(table, everything))  # type: ignore[misc]
    return table, figures.TimelineView(everything, lanes, window or full, full)


def test_marks_one_trace_group_per_type(dataset: Dataset) -> None:
    table, view = view_of(dataset)
    figure = validated(figures.timeline_figure(table, view, text()))
    # few marks: SVG, which draws at once where a WebGL context costs a phone ~0.5 s
    assert {trace.type for trace in figure.data} == {"scatter"}
    # past webgl_from marks: the same traces in WebGL
    gl = validated(figures.timeline_figure(table, view, text(), webgl_from=5))
    assert [t.type for t in gl.data if t.name != "labels"] == \
        ["scattergl"] * len([t for t in figure.data if t.name != "labels"])
    assert [t.customdata for t in gl.data] == [t.customdata for t in figure.data]
    marks = [trace for trace in figure.data if trace.mode == "markers"]
    bars = [trace for trace in figure.data if trace.mode == "lines"]
    # every event has exactly one hoverable, clickable mark (one lane per event here)
    assert sorted(p for trace in marks for p in trace.customdata) == list(range(6))
    assert all(len(trace.hovertext) == len(trace.customdata) for trace in marks)
    assert all(trace.hoverinfo == "skip" and trace.customdata is None for trace in bars)
    # bars for the month, the year and the ongoing span; an eleven-day interval is too
    # short to see as a bar when twelve years are in view, so it is only a mark
    bar_starts = sorted(x for trace in bars for x in trace.x[0::3])
    assert bar_starts == [ms(2013), ms(2023, 10), ms(2025, 5)]
    # the approximate year is dotted and hollow
    dotted = [trace for trace in bars if trace.line.dash == "dot"]
    assert [list(trace.x) for trace in dotted] == [[ms(2013), ms(2014), None]]
    training = position(dataset, "2013-training-programme-in-chiapas")
    hollow = [trace for trace in marks if trace.marker.symbol == "circle-open"]
    assert [list(trace.customdata) for trace in hollow] == [[training]]
    assert figure.layout.xaxis.rangeslider.visible
    assert list(figure.layout.yaxis.ticktext) == list(view.lanes.labels)
    assert figure.layout.shapes[0].visible is False  # no selection yet


def test_an_event_in_several_lanes_is_drawn_in_each(dataset: Dataset) -> None:
    table, view = view_of(dataset, "country")
    figure = figures.timeline_figure(table, view, text())
    training = position(dataset, "2013-training-programme-in-chiapas")
    drawn = [y for trace in figure.data if trace.customdata
             for p, y in zip(trace.customdata, trace.y, strict=True) if p == training]
    assert sorted(round(y) for y in drawn) == sorted(
        view.lanes.keys.index(code) for code in ("MX", "IL"))


def test_fast_lanes_agree_with_the_plain_count(dataset: Dataset) -> None:
    from timeline.query.index import build_index

    index = build_index(dataset)
    table = shared.event_table(dataset.events, TODAY)
    everything = list(range(len(dataset.events)))
    for mode, members in (("type", index.by_type), ("country", index.by_country),
                          ("actor", index.by_actor), ("campaign", index.by_campaign)):
        keyed = set().union(*members.values())
        lane_index = figures.LaneIndex(members, frozenset(set(everything) - keyed),
                                       len(everything))
        for chosen in (everything, everything[2:5]):
            plain = figures.choose_lanes(dataset.events, chosen, mode, str, max_lanes=2)
            fast = figures.choose_lanes(dataset.events, chosen, mode, str, max_lanes=2,
                                        index=lane_index)
            assert plain == fast, (mode, chosen)
            for unit in ("day", "week", "month", "quarter", "year", "decade"):
                assert figures._lane_bin_counts(table, chosen, plain, unit) == \
                    figures._lane_bin_counts(table, chosen, fast, unit), (mode, unit)


def test_density_when_crowded_marks_when_zoomed(dataset: Dataset) -> None:
    table, view = view_of(dataset)
    figure = validated(figures.timeline_figure(table, view, text(), max_marks=3))
    # one image for all lanes, and no WebGL on the page until marks need it
    assert [trace.type for trace in figure.data] == ["heatmap"]
    (density,) = figure.data
    # the true counts, in words
    assert sum(int(c.split()[0]) for row in density.text for c in row if c) == 6
    assert list(density.y) == list(range(len(view.lanes)))
    # lane i's values sit in its own band [i, i+1) of the colour scale
    for lane, row in enumerate(density.z):
        assert all(lane < value < lane + 1 for value in row if value is not None)
    names = {name for row in density.customdata for name in row if name}
    assert names == set(view.lanes.labels)
    assert not figures.shows_marks(view, table, 3)
    may = figures.TimelineView(view.positions, view.lanes, (ms(2025, 5), ms(2025, 5, 25)),
                               view.full)
    assert figures.shows_marks(may, table, 3)
    zoomed = validated(figures.timeline_figure(table, may, text(), max_marks=3))
    assert {trace.type for trace in zoomed.data} == {"scatter"}
    assert sorted(p for trace in zoomed.data if trace.customdata for p in trace.customdata) \
        == sorted(shared.in_window(table, view.positions, ms(2025, 4, 17), ms(2025, 6, 6)))


def test_lane_names_from_records_show_as_text(tmp_path: Path) -> None:
    # An actor's name is record text: in a lane label or a density hover it must not
    # become markup (Plotly reads <b>, <a href=...> and a few other tags).
    hostile = '<a href="https://evil.example">Click</a> & <b>co</b>'
    folder = write_dataset(tmp_path / "data")
    actor = folder / "actors" / "teachers-union.yaml"
    actor.write_text(actor.read_text().replace("name:", f"name: {hostile!r}\nold_name:", 1)
                     .replace("old_name:", "description:", 1))
    report = load_dataset(folder, use_cache=False)
    assert report.problems == [], report.problems
    escaped = "&lt;a href=\"https://evil.example\"&gt;Click&lt;/a&gt; &amp; &lt;b&gt;co&lt;/b&gt;"
    everything = list(range(len(report.dataset.events)))
    marks = validated(build_context(report.dataset, AppSettings(today=TODAY))
                      .timeline_figure(everything, "en", lanes="actor"))
    labels = list(marks.layout.yaxis.ticktext)
    assert any(label.startswith(escaped[:29]) for label in labels), labels
    assert not any("<" in label for label in labels)
    crowded = build_context(report.dataset, AppSettings(today=TODAY, max_marks=1))
    density = validated(crowded.timeline_figure(everything, "en", lanes="actor")).data[-1]
    names = {name for row in density.customdata for name in row if name}
    assert escaped in names and not any("<" in name for name in names)


def test_hover_text_is_escaped(dataset: Dataset) -> None:
    context = build_context(dataset, AppSettings(today=TODAY))
    strike = position(dataset, "2025-05-hunger-strike-at-the-senate")
    hover = context.hover(strike, "en")
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    assert hover.startswith("<b>&lt;b&gt;Bold&lt;/b&gt; &amp;")
    assert "May 2025 · Hunger strike" in hover
    assert "mayo de 2025 · Huelga de hambre" in context.hover(strike, "es")


def test_selection_band(dataset: Dataset) -> None:
    table = shared.event_table(dataset.events, TODAY)
    strike = position(dataset, "2025-05-hunger-strike-at-the-senate")
    band = figures.selection_shapes(table, strike)[0]
    assert band["type"] == "rect" and (band["x0"], band["x1"]) == (ms(2025, 5), ms(2025, 6))
    line = figures.selection_shapes(table, position(dataset, "2025-05-21-march-in-mexico-city"))
    assert line[0]["type"] == "line"
    assert figures.selection_shapes(table, None)[0]["visible"] is False
    assert figures.selection_shapes(table, 10_000)[0]["visible"] is False


def test_empty_view_says_so(dataset: Dataset) -> None:
    table, view = view_of(dataset)
    empty = figures.TimelineView([], view.lanes, view.window, view.full)
    figure = validated(figures.timeline_figure(table, empty, text()))
    assert figure.data == () and figure.layout.annotations[0].text == "Nothing"


# ------------------------------------------------------------------ momentum


def test_momentum_counts_every_event_once(dataset: Dataset) -> None:
    table = shared.event_table(dataset.events, TODAY)
    everything = list(range(len(dataset.events)))
    words = momentum.MomentumText(type_labels={}, count_hover=str,
                                 period_formats={"year": "%Y"}, empty="Nothing")
    figure = validated(momentum.momentum_figure(table, everything, words))
    *steps, total = figure.data
    assert {trace.stackgroup for trace in steps} == {"types"}
    assert len(steps) == 6  # one filled area per type
    # each step trace closes with its last value repeated at the end of the last period
    assert sum(sum(trace.y[:-1]) for trace in steps) == len(everything)
    assert sum(total.y) == len(everything) and total.hovertemplate.startswith("%{x|%Y}")
    monthly = momentum.momentum_figure(table, everything, words, unit="month")
    may = next(i for i, x in enumerate(monthly.data[-1].x) if ms(2025, 5) < x < ms(2025, 6))
    assert monthly.data[-1].y[may] == 2
    assert "march 1" in monthly.data[-1].text[may]
    assert momentum.momentum_figure(table, [], words).layout.annotations[0].text == "Nothing"


def test_context_figures_for_other_pages(dataset: Dataset, tmp_path: Path) -> None:
    """The actor and campaign pages draw with the timeline page's builders: every one of
    the chosen events once, in the reader's language, nothing else."""
    context = build_context(dataset, AppSettings(today=TODAY))
    actor = sorted(context.index.by_actor["teachers-union"])
    assert len(actor) == 2
    figure = validated(context.timeline_figure(actor, "es", lanes="country"))
    assert list(figure.layout.yaxis.ticktext) == ["México"]
    assert figure.layout.separators == ",."
    marks = [trace for trace in figure.data if trace.mode == "markers"]
    assert sorted(p for trace in marks for p in trace.customdata) == actor
    hovers = [h for trace in marks for h in trace.hovertext]
    strike = position(dataset, "2025-05-hunger-strike-at-the-senate")
    assert context.hover(strike, "es") in hovers
    assert any("Huelga de hambre" in h for h in hovers)
    assert all("<script>" not in h for h in hovers)
    momentum_chart = validated(context.momentum_figure(actor, "es", unit="month"))
    *steps, total = momentum_chart.data
    assert sum(total.y) == len(actor)
    assert sorted(trace.name for trace in steps) == sorted(
        {type_label(dataset.events[p].type, "es") for p in actor})
    assert momentum_chart.layout.separators == ",."
