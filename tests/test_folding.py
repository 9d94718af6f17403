"""fold() drops exactly the combining marks, whichever way it finds them."""

from __future__ import annotations

import unicodedata

from timeline.folding import fold


def _reference(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def test_every_character_folds_as_the_definition_says() -> None:
    everything = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)
    for start in range(0, len(everything), 4096):
        chunk = everything[start:start + 4096]
        assert fold(chunk) == _reference(chunk), hex(ord(chunk[0]))


def test_common_texts() -> None:
    samples = ["México", "Capacitación policial en Ñuñoa", "ÉCOLE", "straße", "Ａｂｃ",
               "Zürich", "São Paulo", "İstanbul", "Ελληνικά", "مرحبا", "עִבְרִית", "हिन्दी",
               "e\u0301\u034f", "plain ascii", ""]
    for text in samples:
        assert fold(text) == _reference(text), text
    assert fold("México") == "mexico"
    assert fold("Capacitación policial en Ñuñoa") == "capacitacion policial en nunoa"
