"""Translations: compiled catalogues when present, the English msgid when not."""

import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from game.i18n import apply_language, has_catalogue, make_translator


def write_catalogue(folder, lang, pairs):
    catalog = Catalog(locale=lang)
    for msgid, msgstr in pairs.items():
        catalog.add(msgid, msgstr)
    out = folder / lang / "LC_MESSAGES"
    out.mkdir(parents=True)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    (out / "techniekwerf.mo").write_bytes(buf.getvalue())


def test_missing_catalogue_falls_back_to_the_msgid(tmp_path):
    gettext, ngettext = make_translator("nl", tmp_path)
    assert gettext("Play") == "Play"
    assert ngettext("{n} star", "{n} stars", 1) == "{n} star"
    assert ngettext("{n} star", "{n} stars", 3) == "{n} stars"
    assert not has_catalogue("nl", tmp_path)


def test_a_compiled_catalogue_is_used(tmp_path):
    write_catalogue(tmp_path, "nl", {"Play": "Spelen"})
    gettext, _ngettext = make_translator("nl", tmp_path)
    assert gettext("Play") == "Spelen"
    assert gettext("Not translated") == "Not translated"
    assert make_translator("en", tmp_path)[0]("Play") == "Play"


def test_switching_language_replaces_the_context_functions(tmp_path):
    write_catalogue(tmp_path, "nl", {"Play": "Spelen"})

    class Saved:
        language = "en"
        saves = 0

        def save(self):
            self.saves += 1

    class Ctx:
        settings = Saved()
        gettext = staticmethod(lambda s: s)

    ctx = Ctx()
    apply_language(ctx, "nl", tmp_path)
    assert ctx.gettext("Play") == "Spelen"
    assert ctx.settings.language == "nl" and ctx.settings.saves == 1
