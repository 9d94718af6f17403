"""The campaign page's ledger and as-of view, the changes page and its Atom feed, without
a browser: pages drawn by the real router, the feed through Flask's test client."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest
from dash.development.base_component import Component

from conftest import REPO
from timeline.app import AppSettings, create_app, router
from timeline.app.context import AppContext, build_context
from timeline.validate.loader import load_dataset

CAMPAIGN = "mexico-break-relations-with-israel"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def context() -> AppContext:
    dataset = load_dataset(REPO / "events").dataset
    return build_context(dataset, AppSettings(today=date(2025, 11, 3)))


def texts(node: Any) -> str:
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return " ".join(texts(n) for n in node)
    children = getattr(node, "children", None)
    return texts(children) if children is not None else ""


def find(node: Any, ident: str) -> Component | None:
    if isinstance(node, list | tuple):
        return next((f for n in node if (f := find(n, ident)) is not None), None)
    if not isinstance(node, Component):
        return None
    if getattr(node, "id", None) == ident:
        return node
    return find(getattr(node, "children", None), ident)


def rows(node: Any) -> list[Component]:
    """Every component carrying a ``data-stance`` attribute, in order."""
    found: list[Component] = []
    if isinstance(node, list | tuple):
        for n in node:
            found += rows(n)
    elif isinstance(node, Component):
        if "data-stance" in node.to_plotly_json()["props"]:
            found.append(node)
        found += rows(getattr(node, "children", None))
    return found


def page(context: AppContext, path: str, query: str = "") -> list[Component]:
    frame, _ = router.render(context, router.load_pages(), path, query)
    return frame


def held(table: Component | None) -> list[tuple[str, str]]:
    props = [r.to_plotly_json()["props"] for r in rows(table)]
    return [(p["data-actor"], p["data-stance"]) for p in props if "data-actor" in p]


def test_routes_to_the_changes_page() -> None:
    found = router.resolve(f"/campaigns/{CAMPAIGN}/changes")
    assert found is not None and found[0].module == "timeline.app.pages.changes"
    assert found[1] == CAMPAIGN
    assert router.resolve(f"/campaigns/{CAMPAIGN}/other") is None
    assert router.resolve(f"/campaigns/{CAMPAIGN}/changes/x") is None


def test_the_ledger_shows_holders_only(context: AppContext) -> None:
    frame = page(context, f"/campaigns/{CAMPAIGN}")
    ledger = find(frame, "campaign-ledger-1")
    assert held(ledger) == [
        ("asamblea-interuniversitaria-por-palestina", "supports"),
        ("hunger-striking-academics", "supports"),
        ("mexican-unions-for-palestine", "supports"),
        ("andres-manuel-lopez-obrador", "declines"),
        ("claudia-sheinbaum", "declines")]
    text = texts(ledger)
    assert "freedom and no repression" in text  # the words behind López Obrador's stance
    # Actors now holding each stance, beside the events taking it.
    assert texts(find(frame, "campaign-holding-1-supports")) == "3"
    assert texts(find(frame, "campaign-holding-1-declines")) == "2"
    assert texts(find(frame, "campaign-holding-1-rejects")) == "0"


def test_the_campaign_as_of_a_date_in_spanish(context: AppContext) -> None:
    frame = page(context, f"/campaigns/{CAMPAIGN}", "?as_of=2025-01&lang=es")
    assert held(find(frame, "campaign-ledger-1")) == [
        ("asamblea-interuniversitaria-por-palestina", "supports"),
        ("andres-manuel-lopez-obrador", "declines")]
    note = texts(find(frame, "campaign-as-of-note"))
    assert "a fecha de enero de 2025" in note
    assert texts(find(frame, "campaign-holding-1-supports")) == "1"
    link = find(frame, "campaign-tally-1-supports")
    assert link is not None and "to=2025-01" in link.href  # type: ignore[attr-defined]
    assert "Ningún actor" in texts(find(frame, "campaign-ledger-2"))


def test_an_unreadable_as_of_says_so_and_shows_the_latest(context: AppContext) -> None:
    frame = page(context, f"/campaigns/{CAMPAIGN}", "?as_of=<b>13/2025</b>")
    assert texts(find(frame, "campaign-as-of-bad")).startswith("<b>13/2025</b> is not a date")
    assert len(held(find(frame, "campaign-ledger-1"))) == 5


def test_changes_default_to_the_last_full_month(context: AppContext) -> None:
    frame = page(context, f"/campaigns/{CAMPAIGN}/changes")
    assert texts(find(frame, "changes-title")) == "What changed: October 2025"
    assert find(frame, "changes-previous").href == (  # type: ignore[union-attr]
        f"/campaigns/{CAMPAIGN}/changes?from=2025-09&to=2025-09&lang=en")
    assert find(frame, "changes-next").href == (  # type: ignore[union-attr]
        f"/campaigns/{CAMPAIGN}/changes?from=2025-11&to=2025-11&lang=en")


def test_changes_in_a_period_in_spanish(context: AppContext) -> None:
    frame = page(context, f"/campaigns/{CAMPAIGN}/changes", "?from=2025-05&to=2025-06&lang=es")
    assert texts(find(frame, "changes-title")) == "Qué cambió: de mayo de 2025 a junio de 2025"
    stances = find(frame, "changes-stances-list")
    assert [(r.to_plotly_json()["props"]["data-actor"], r.to_plotly_json()["props"]
             ["data-stance"]) for r in rows(stances)] == [
        ("claudia-sheinbaum", "declines"), ("hunger-striking-academics", "supports")]
    assert "sin postura previa" in texts(stances)
    assert "Ninguno en este periodo." in texts(find(frame, "changes-statuses-list"))
    relations = page(context, f"/campaigns/{CAMPAIGN}/changes", "?from=2024-04&to=2024-04")
    assert "Ecuador" in texts(find(relations, "changes-relations-list"))


def test_a_bad_period_is_explained(context: AppContext) -> None:
    frame = page(context, f"/campaigns/{CAMPAIGN}/changes", "?from=2025-06&to=2025-05")
    assert "cannot be shown" in texts(find(frame, "changes-bad-period"))
    assert texts(find(frame, "changes-title")) == "What changed: October 2025"


def test_the_changes_feed_has_one_entry_per_month() -> None:
    dataset = load_dataset(REPO / "events").dataset
    client = create_app(dataset, AppSettings(today=date(2025, 11, 3))).server.test_client()
    answer = client.get(f"/feeds/campaigns/{CAMPAIGN}/changes.atom?lang=es")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(answer.get_data())
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[0] == "octubre de 2025: 2 cambios"
    assert "mayo de 2025: 7 cambios" in titles
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids))
    may = entries[titles.index("mayo de 2025: 7 cambios")]
    link = may.find(f"{ATOM}link")
    assert link is not None and link.get("href", "").endswith(
        f"/campaigns/{CAMPAIGN}/changes?from=2025-05&to=2025-05&lang=es")
    assert "Claudia Sheinbaum" in (may.findtext(f"{ATOM}summary") or "")
    assert client.get("/feeds/campaigns/nope/changes.atom").status_code == 404
