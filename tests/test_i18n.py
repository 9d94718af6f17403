"""The locale catalogues: the same keys everywhere, plural forms by CLDR's rules, and a
third interface language that is one catalogue file and nothing else."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel import Locale

from browser_kit import EVENTS, SETTINGS, write_dataset
from timeline.app import AppSettings, create_app
from timeline.i18n.catalogue import (
    LOCALES_ENV,
    catalogue,
    catalogue_languages,
    plural_base,
    translator,
)
from timeline.validate.loader import load_dataset

LOCALES = Path(__file__).resolve().parent.parent / "src" / "timeline" / "i18n" / "locales"

# A French catalogue as a translator would write it: English's keys, some in French
# (the rest falls back to English, as a missing key always does).
FRENCH = {
    "app.language": "Français",
    "locale.cldr": "fr",
    "nav.timeline": "Chronologie",
    "app.footer_count.one": "{count} événement, avec ses sources",
    "app.footer_count.other": "{count} événements, chacun avec ses sources",
    "tracker.campaign.event_count.one": "({count} événement)",
    "tracker.campaign.event_count.other": "({count} événements)",
    "tracker.campaign.all_events.one": "Le seul événement de la campagne",
    "tracker.campaign.all_events.other": "Les {count} événements de la campagne",
    "type.march": "Marche",
    "date.alone.circa": "vers {date}",
    "date.since.plain": "depuis {article}{date}",
    "date.article.day": "le ",
    "date.range": "du {first} au {last}",
    "detail.date": "Date",
}


def french_catalogue(folder: Path) -> Path:
    english = yaml.safe_load((LOCALES / "en.yaml").read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fr.yaml").write_text(
        yaml.safe_dump({**english, **FRENCH}, allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    return folder


def bundled(language: str) -> dict[str, Any]:
    return yaml.safe_load((LOCALES / f"{language}.yaml").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the catalogues


def test_every_catalogue_has_the_same_keys() -> None:
    languages = sorted(p.stem for p in LOCALES.glob("*.yaml"))
    assert {"en", "es"} <= set(languages)
    bases = {language: {plural_base(k) for k in bundled(language)} for language in languages}
    for language in languages:
        assert bases[language] == bases["en"], (
            f"{language}: missing {sorted(bases['en'] - bases[language])}, "
            f"extra {sorted(bases[language] - bases['en'])}")


def test_plural_keys_have_the_forms_their_language_uses() -> None:
    """Each counted text has ``other`` and only forms of its language's CLDR rules."""
    for path in sorted(LOCALES.glob("*.yaml")):
        keys = bundled(path.stem)
        forms = set(Locale.parse(keys.get("locale.cldr", path.stem)).plural_form.tags)
        forms.add("other")
        counted: dict[str, set[str]] = {}
        for key in keys:
            if plural_base(key) != key:
                counted.setdefault(plural_base(key), set()).add(key.rsplit(".", 1)[1])
        assert counted, path.name
        for base, found in counted.items():
            assert "other" in found, f"{path.name}: {base}.other"
            assert found <= forms, f"{path.name}: {base} has {sorted(found - forms)}"
            assert base not in keys, f"{path.name}: {base} is also a plain key"


def test_counts_take_the_plural_form_of_their_language() -> None:
    english, spanish = translator("en"), translator("es")
    assert english("app.footer_count", count=1) == "1 event, with its sources"
    assert english("app.footer_count", count=0) == "0 events, every one with its sources"
    assert english("app.footer_count", count=12345).startswith("12,345 events")
    assert spanish("tracker.campaign.event_count", count=1) == "(1 evento)"
    assert spanish("tracker.campaign.event_count", count=1234) == "(1.234 eventos)"
    # the plural rules are CLDR's: English "0 events", French "0 événement"
    assert english("tracker.campaign.event_count", count=0) == "(0 events)"


def test_every_key_the_code_names_is_in_every_catalogue() -> None:
    """Every ``t("...")`` in the package names a key of every catalogue (a key built
    from a prefix, ``t("type." + kind)``, is checked by the tests of its page)."""
    import re

    source = Path(__file__).resolve().parent.parent / "src" / "timeline"
    used: set[str] = set()
    for module in source.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""",
                               module.read_text(encoding="utf-8")))
    used = {key for key in used if not key.endswith(".")}
    assert len(used) > 50
    for language in ("en", "es"):
        bases = {plural_base(k) for k in bundled(language)}
        assert sorted(used - bases) == [], language


# ------------------------------------------------------------------ a third language


def test_a_third_language_is_one_catalogue_file(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LOCALES_ENV, str(french_catalogue(tmp_path / "locales")))
    assert "fr" in catalogue_languages() and catalogue("fr")["nav.timeline"] == "Chronologie"
    many = {f"2024-01-{1 + i % 28:02d}-filler-{i}": {
        "title": {"en": f"Filler {i}"}, "date": f"2024-01-{1 + i % 28:02d}", "type": "report",
        "countries": ["MX"], "sources": [{"url": f"https://example.org/{i}"}]}
        for i in range(1200)}
    folder = write_dataset(tmp_path / "data", {**EVENTS, **many},
                           settings={**SETTINGS, "languages": ["fr", "en", "es"]})
    report = load_dataset(folder)
    assert report.errors == []
    app = create_app(report.dataset, AppSettings(today=date(2025, 6, 1), warm=False))
    client = app.server.test_client()
    # A server-rendered page: its words, its date and its grouped number in French.
    page = client.get("/events/2025-05-21-march-in-mexico-city")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'lang="fr"' in text and "Chronologie" in text
    assert "21 mai 2025" in text and "Marche" in text
    assert "1\u202f206 événements, chacun avec ses sources" in text
    # The Dash page of a campaign: plurals by French rules.
    answer = client.post("/_dash-update-component", json={
        "output": "..shell-page.children...shell-meta.data..",
        "outputs": [{"id": "shell-page", "property": "children"},
                    {"id": "shell-meta", "property": "data"}],
        "inputs": [{"id": "shell-route", "property": "data",
                    "value": json.dumps(["/campaigns/break-ties", ""])}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["shell-route.data"],
    })
    assert answer.status_code == 200, answer.get_data(as_text=True)
    response = answer.get_json()["response"]
    assert response["shell-meta"]["data"]["lang"] == "fr"
    shown = json.dumps(response["shell-page"]["children"], ensure_ascii=False)
    assert "(1 événement)" in shown and "(1 events)" not in shown
    assert "Le seul événement de la campagne" in shown  # one event: French "one" form
    # Languages a dataset does not name are never read, whatever a client asks.
    assert translator("../../etc/passwd")("nav.timeline") == "Timeline"
