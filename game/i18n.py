"""Translations: English msgids in the code, Dutch by default on screen.

Catalogues are compiled ``.mo`` files under ``locale/<lang>/LC_MESSAGES/techniekwerf.mo``
(``pybabel compile``); a missing catalogue shows the English msgid instead of failing, so
the game always starts. Scenes read ``ctx.gettext`` every time they draw, so switching the
language while playing only has to replace the two functions in the Context.
"""

from __future__ import annotations

import gettext as _gettext
import re
from collections.abc import Callable
from pathlib import Path

from game import PROJECT_ROOT

DOMAIN = "techniekwerf"
DEFAULT_LANGUAGE = "nl"
LOCALE_DIR = PROJECT_ROOT / "locale"

#: Languages offered in the settings, each named in its own language (never translated).
LANGUAGE_NAMES: dict[str, str] = {
    "nl": "Nederlands", "en": "English", "tr": "Türkçe", "pl": "Polski", "uk": "Українська",
    "ar": "العربية",
}
#: Writing direction per language: "rtl" mirrors the screens (game.scenes.base.SceneStack).
DIRECTIONS: dict[str, str] = {"nl": "ltr", "en": "ltr", "tr": "ltr", "pl": "ltr", "uk": "ltr",
                              "ar": "rtl"}
#: The Babel locale for numbers and dates. English as written in Europe (24-hour clock, day
#: before month), since the game is played in Dutch schools; Arabic with the digits 0-9 its
#: CLDR default gives, which are also the digits of the pupils' Dutch maths lessons.
BABEL_LOCALES: dict[str, str] = {"nl": "nl_NL", "en": "en_GB", "tr": "tr_TR", "pl": "pl_PL",
                                 "uk": "uk_UA", "ar": "ar"}

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def make_translator(lang: str | None = None,
                    locale_dir: Path | None = None) -> tuple[Gettext, Ngettext]:
    """Return ``(gettext, ngettext)`` for ``lang``; the msgids themselves when no catalogue.

    English needs no catalogue: the msgids are English. What is found is kept for the
    process: a game switches to the language of each player who logs in, and :mod:`gettext`
    looks for the file on disk every time (a catalogue it has read it keeps as it is).
    """
    key = (lang or DEFAULT_LANGUAGE, str(locale_dir or LOCALE_DIR))
    translations = _FOUND.get(key)
    if translations is None:
        translations = _FOUND[key] = _gettext.translation(
            DOMAIN, localedir=key[1], languages=[key[0]], fallback=True)
    return translations.gettext, translations.ngettext


#: (language, locale folder) -> its catalogue, or the msgids (see :func:`make_translator`)
_FOUND: dict[tuple[str, str], _gettext.NullTranslations] = {}


def has_catalogue(lang: str, locale_dir: Path | None = None) -> bool:
    return (Path(locale_dir or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def apply_language(ctx, lang: str, locale_dir: Path | None = None) -> None:
    """Switch the running game's language: new functions in the Context, saved in settings."""
    ctx.gettext, ctx.ngettext = make_translator(lang, locale_dir)
    if ctx.settings is not None and getattr(ctx.settings, "language", None) != lang:
        ctx.settings.language = lang
        ctx.settings.save()


#: Arabic letters and their presentation forms
ARABIC_LETTERS = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
#: Hebrew letters, their points and their presentation forms (a pupil's name copied from a
#: Hebrew source: the game has no Hebrew texts of its own)
HEBREW_LETTERS = re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")
#: The right-to-left scripts (ISO 15924 code -> its letters), in the order a text's script is
#: decided: a text with a letter of one is shaped by HarfBuzz and runs right to left (the
#: game's screens in game.ui.fonts, the PDF report in game.progress.report). A script added
#: here needs a font per reading font in game.ui.fonts.FONT_TABLE.
RTL_SCRIPTS: dict[str, re.Pattern[str]] = {"Arab": ARABIC_LETTERS, "Hebr": HEBREW_LETTERS}
#: A letter of any right-to-left script
RTL_LETTERS = re.compile("|".join(p.pattern for p in RTL_SCRIPTS.values()))


def is_rtl(lang: str | None) -> bool:
    """True for a right-to-left language (Arabic)."""
    return DIRECTIONS.get(lang or DEFAULT_LANGUAGE, "ltr") == "rtl"


def language_of(ctx) -> str:
    """The language the game speaks now (the settings' language; Dutch without settings)."""
    return getattr(getattr(ctx, "settings", None), "language", None) or DEFAULT_LANGUAGE


# --- numbers and dates per language (Babel, imported only when first used) -----------------------
def _locale(lang: str | None) -> str:
    return BABEL_LOCALES.get(lang or DEFAULT_LANGUAGE, lang or DEFAULT_LANGUAGE)


def format_number(value: float, lang: str | None, decimals: int | None = None) -> str:
    """``1234.5`` as the language writes it: ``1.234,5`` (nl), ``1,234.5`` (en), ``1 234,5``
    (pl, uk); ``decimals`` fixes the number of digits after the separator."""
    from babel.numbers import format_decimal

    fmt = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=fmt, locale=_locale(lang))


def format_percent(fraction: float, lang: str | None) -> str:
    """``0.5`` as a whole percentage: ``50%`` (nl), ``%50`` (tr)."""
    from babel.numbers import format_percent as _format_percent

    return _format_percent(fraction, locale=_locale(lang))


def format_date(value, lang: str | None, format: str = "medium") -> str:  # noqa: A002
    """A date (or datetime) in the language: ``5 mrt 2024`` (nl), ``5 Mar 2024`` (en)."""
    from babel.dates import format_date as _format_date

    return _format_date(value, format=format, locale=_locale(lang))


def format_time(value, lang: str | None, format: str = "short") -> str:  # noqa: A002
    """A time of day (time or datetime) in the language: ``14:05``."""
    from babel.dates import format_time as _format_time

    return _format_time(value, format=format, locale=_locale(lang))


def format_datetime(value, lang: str | None, format: str = "short") -> str:  # noqa: A002
    """A date with its time, short: ``05-03-2024 14:05`` (nl)."""
    from babel.dates import format_datetime as _format_datetime

    return _format_datetime(value, format=format, locale=_locale(lang))


def format_duration(seconds: float, lang: str | None, threshold: float = 0.85) -> str:
    """A length of time in words, rounded to its largest unit: ``5 minuten``, ``2 uur``."""
    from datetime import timedelta

    from babel.dates import format_timedelta

    return format_timedelta(timedelta(seconds=seconds), threshold=threshold,
                            locale=_locale(lang))
