"""The addresses of the server-rendered pages, relative and absolute, in each language.

A page in the dataset's first language has no ``lang`` in its address; every other
language adds ``?lang=<code>``. That address is the page's canonical one, and the
others are its ``hreflang`` alternates (the first language is also ``x-default``).

Absolute addresses (canonical links, Open Graph, the sitemap) need the site's public
base URL: the ``base_url`` setting (``timeline serve --base-url`` or
``$TIMELINE_BASE_URL``) when set, else the address the request came to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit


class BaseUrlError(ValueError):
    """A public base URL that cannot be used, with the reason and the fix."""


def normalise_base_url(text: str) -> str:
    """``https://example.org/`` -> ``https://example.org``; anything else is refused."""
    value = text.strip()
    try:
        parts = urlsplit(value)
    except ValueError as error:
        raise BaseUrlError(f"{text!r} is not a URL ({error})") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BaseUrlError(f"{text!r} is not an absolute http(s) URL; write it like "
                           "https://timeline.example.org")
    if parts.query or parts.fragment:
        raise BaseUrlError(f"{text!r} has a query or fragment; give only the scheme, host "
                           "and (optionally) a path, like https://example.org/timeline")
    return value.rstrip("/")


def event_path(event_id: str) -> str:
    return f"/events/{quote(event_id, safe='')}"


def actor_path(actor_id: str) -> str:
    return f"/actors/{quote(actor_id, safe='')}"


def campaign_path(campaign_id: str) -> str:
    return f"/campaigns/{quote(campaign_id, safe='')}"


def in_language(path: str, language: str, default: str,
                params: Sequence[tuple[str, str]] = ()) -> str:
    """``path`` with ``params``, and ``lang`` unless ``language`` is the default one."""
    pairs = [(k, v) for k, v in params if k != "lang"]
    if language != default:
        pairs.append(("lang", language))
    return f"{path}?{urlencode(pairs)}" if pairs else path


@dataclass(frozen=True, slots=True)
class Alternate:
    language: str  # a language code, or "x-default"
    href: str  # absolute


def alternates(base: str, path: str, languages: Sequence[str]) -> list[Alternate]:
    """The page in every language, then ``x-default`` (the first language)."""
    default = languages[0]
    found = [Alternate(code, base + in_language(path, code, default)) for code in languages]
    return [*found, Alternate("x-default", base + path)]
