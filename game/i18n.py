"""Translations: English msgids in the code, Dutch by default on screen.

Catalogues are compiled ``.mo`` files under ``locale/<lang>/LC_MESSAGES/techniekwerf.mo``
(``pybabel compile``); a missing catalogue shows the English msgid instead of failing, so
the game always starts. Scenes read ``ctx.gettext`` every time they draw, so switching the
language while playing only has to replace the two functions in the Context.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable
from pathlib import Path

from game import PROJECT_ROOT

DOMAIN = "techniekwerf"
DEFAULT_LANGUAGE = "nl"
LOCALE_DIR = PROJECT_ROOT / "locale"

#: Languages offered in the settings, each named in its own language (never translated).
LANGUAGE_NAMES: dict[str, str] = {"nl": "Nederlands", "en": "English"}

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def make_translator(lang: str | None = None,
                    locale_dir: Path | None = None) -> tuple[Gettext, Ngettext]:
    """Return ``(gettext, ngettext)`` for ``lang``; the msgids themselves when no catalogue.

    English needs no catalogue: the msgids are English.
    """
    translations = _gettext.translation(
        DOMAIN, localedir=str(locale_dir or LOCALE_DIR), languages=[lang or DEFAULT_LANGUAGE],
        fallback=True)
    return translations.gettext, translations.ngettext


def has_catalogue(lang: str, locale_dir: Path | None = None) -> bool:
    return (Path(locale_dir or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def apply_language(ctx, lang: str, locale_dir: Path | None = None) -> None:
    """Switch the running game's language: new functions in the Context, saved in settings."""
    ctx.gettext, ctx.ngettext = make_translator(lang, locale_dir)
    if ctx.settings is not None and getattr(ctx.settings, "language", None) != lang:
        ctx.settings.language = lang
        ctx.settings.save()
