"""The guide as one printable HTML page: plain HTML and CSS, no JavaScript, nothing fetched.

Every level has an anchor with its id (``index.html#city-01-first-light``), every world one
with its id, so a teacher screen can open the guide at a level.
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from game.guide.build import Book, LesbriefPage, LevelPage, WorldPage
from game.i18n import is_rtl

#: the game's reading font, copied beside the page with its licence (no network)
FONT_FILES = ("Andika-Regular.ttf", "Andika-Bold.ttf", "Andika-OFL.txt")

CSS = """
@font-face { font-family: Andika; src: url("fonts/Andika-Regular.ttf"); font-weight: normal; }
@font-face { font-family: Andika; src: url("fonts/Andika-Bold.ttf"); font-weight: bold; }
body { font-family: Andika, "Noto Sans", Arial, sans-serif; color: #2b2d42; margin: 0 auto;
       max-width: 60rem; padding: 1rem 1.5rem; line-height: 1.45; }
h1 { color: #2b2d42; border-bottom: 4px solid #e69f00; padding-bottom: .3rem; }
h2 { background: #2b2d42; color: #fff; padding: .4rem .8rem; border-radius: .4rem; margin-top: 2.5rem; }
h3 { margin-bottom: .2rem; }
nav ol { columns: 2; }
.box { border: 3px solid #0072b2; background: #eaf4fb; border-radius: .6rem; padding: .2rem 1rem 1rem; }
.box h3 { color: #0072b2; }
.cols { display: flex; gap: 1.5rem; flex-wrap: wrap; }
.cols > div { flex: 1 1 20rem; }
table.goals { border-collapse: collapse; width: 100%; }
table.goals th, table.goals td { border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: start; }
table.goals th { background: #f3f0e8; white-space: nowrap; }
.level { border: 2px solid #ccc; border-radius: .6rem; padding: .4rem 1rem 1rem; margin: 1.2rem 0;
         break-inside: avoid; page-break-inside: avoid; }
.facts { color: #555; margin: 0 0 .5rem; }
.chip { display: inline-block; background: #f3f0e8; border-radius: .8rem; padding: 0 .5rem; margin: .1rem .2rem .1rem 0; }
.story { font-style: italic; }
figure { margin: 0; flex: 1 1 16rem; }
figure img { width: 100%; height: auto; border-radius: .3rem; }
figcaption { font-size: .9rem; color: #555; }
.key { background: #fff8e6; border-left: 4px solid #e69f00; padding: .2rem .8rem; }
.key ol { margin: .2rem 0 .4rem; }
.lesbrief { border: 3px solid #009e73; border-radius: .6rem; padding: .2rem 1rem 1rem; margin: 1.2rem 0; }
.lesbrief h3 { color: #006c4f; }
table.plan { border-collapse: collapse; width: 100%; margin: .4rem 0; }
table.plan th, table.plan td { border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: start; }
table.plan th { background: #e8f5ef; width: 9rem; }
.world-start { page-break-before: always; break-before: page; }
@page { size: A4; margin: 12mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.35; }
  p { margin: .35rem 0; }
  .level { margin: .5rem 0; padding: .2rem .8rem .5rem; }
  .lesbrief ~ .lesbrief { break-before: page; page-break-before: always; }
  figure img { width: auto; max-width: 100%; max-height: 5cm; }
  h2 { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def _t(text: str, lang: str) -> str:
    """A text from the catalogue in the guide's language, marked with its language."""
    if lang == "nl":
        return escape(text)
    direction = ' dir="rtl"' if is_rtl(lang) else ""
    return f'<span lang="{lang}"{direction}>{escape(text)}</span>'


def write_html(book: Book, path: Path, fonts: Path) -> None:
    """Write the page to ``path`` and the font it uses (with its licence) to ``fonts/`` beside it."""
    folder = path.parent / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    for name in FONT_FILES:
        shutil.copyfile(fonts / name, folder / name)
    path.write_text(render_html(book), encoding="utf-8")


def render_html(book: Book) -> str:
    lang = book.lang
    out = ['<!DOCTYPE html>', '<html lang="nl">', '<head>', '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<title>Techniekwerf – lerarengids</title>', f'<style>{CSS}</style>', '</head>', '<body>',
           '<h1>Techniekwerf – lerarengids</h1>', f'<p>{escape(book.intro)}</p>']
    out.append('<nav><h3>Inhoud</h3><ol>')
    out.append('<li><a href="#stroom">Stroom is geen water</a></li>')
    out.append('<li><a href="#kerndoelen">Kerndoelen per level</a></li>')
    for world in book.worlds:
        out.append(f'<li><a href="#{world.id}">{_t(world.name, lang)}</a> ({_t(world.town, lang)})</li>')
    if book.lesbrieven:
        out.append('<li><a href="#lesbrieven">Lesbrieven</a></li>')
    out.append('</ol></nav>')
    if book.tips:
        out.append('<h3>Tips voor de les</h3><ul>')
        out += [f'<li>{escape(tip)}</li>' for tip in book.tips]
        out.append('</ul>')
    out.append('<section class="box" id="stroom"><h3>Stroom is geen water</h3><div class="cols">')
    out.append('<div><h4>Wat leerlingen in het spel zien</h4><ul>')
    out += [f'<li>{escape(line)}</li>' for line in book.seen]
    out.append('</ul></div><div><h4>Wat een echte stroomkring nodig heeft</h4><ul>')
    out += [f'<li>{escape(line)}</li>' for line in book.real]
    out.append('</ul></div></div></section>')
    out.append('<section id="kerndoelen"><h3>Kerndoelen per level</h3><p>Per kerndoel de nummers van de levels die eraan werken.</p><table class="goals">')
    for name, per_world in book.kerndoelen:
        cells = '<br>'.join(
            f'{_t(world.name, lang)}: ' + ', '.join(
                f'<a href="#{lv.id}" title="{escape(lv.title)}">{lv.number}</a>' for lv in levels)
            for world, levels in per_world)
        out.append(f'<tr><th>{_t(name, lang)}</th><td>{cells}</td></tr>')
    out.append('</table></section>')
    for world in book.worlds:
        out += _world(world, lang, [(n, p) for n, p in enumerate(book.lesbrieven, 1)
                                    if p.world is world])
    if book.lesbrieven:
        out += [f'<section class="world-start" id="lesbrieven"><h2>Lesbrieven</h2>'
                f'<p>{escape(book.lesbrieven_intro)}</p>']
        for n, page in enumerate(book.lesbrieven, 1):
            out += _lesbrief(n, page, lang)
        out.append('</section>')
    out += ['</body>', '</html>', '']
    return "\n".join(out)


def _world(world: WorldPage, lang: str, plans: list[tuple[int, LesbriefPage]]) -> list[str]:
    out = [f'<section class="world-start" id="{world.id}">',
           f'<h2>{_t(world.name, lang)} – {_t(world.town, lang)}</h2>',
           f'<h3>Zo werkt deze wereld</h3><p>{escape(world.how)}</p>',
           '<h3>Leerdoelen per groep</h3><table class="goals">']
    out += [f'<tr><th>{_t(band, lang)}</th><td>{escape(goals)}</td></tr>' for band, goals in world.goals]
    out.append('</table>')
    out.append('<h3>Kerndoelen</h3><p>' + ' '.join(f'<span class="chip">{_t(k, lang)}</span>'
                                                  for k in world.kerndoelen) + '</p>')
    out.append(f'<h3>Praktijkopdracht</h3><p>{escape(world.activity)}</p>')
    out.append('<h3>Beroepen in de regio</h3><ul>' +
               ''.join(f'<li>{escape(c)}</li>' for c in world.careers) + '</ul>')
    out.append(f'<div class="box"><h3>Waar het spel de natuur eenvoudiger maakt</h3>'
               f'<p>{escape(world.simplified)}</p></div>')
    if plans:
        out.append('<h3>Lesbrieven</h3><ul>' + ''.join(
            f'<li><a href="#{p.plan.anchor}">Lesbrief {n}: {escape(p.plan.title)}</a> '
            f'(levels {p.levels[0].number}–{p.levels[-1].number})</li>' for n, p in plans)
            + '</ul>')
    for level in world.levels:
        out += _level(level, lang)
    out.append('</section>')
    return out


def _level(level: LevelPage, lang: str) -> list[str]:
    chips = ''.join(f'<span class="chip">{_t(k, lang)}</span>' for k in level.kerndoelen)
    out = [f'<article class="level" id="{level.id}">',
           f'<h3>{level.number}. {_t(level.title, lang)}</h3>',
           f'<p class="facts">{_t(level.kind, lang)} · {_t(level.groep, lang)} · {chips}</p>',
           f'<p class="story">{_t(level.story, lang)}</p>',
           '<div class="cols">',
           f'<figure><img src="{escape(level.start)}" alt="Het bord bij de start">'
           '<figcaption>Bij de start</figcaption></figure>',
           f'<figure><img src="{escape(level.solved)}" alt="Het bord met een oplossing">'
           '<figcaption>Een oplossing, na Test</figcaption></figure>',
           '</div>',
           f'<p><strong>Wat het leert:</strong> {escape(level.teaches)}</p>',
           f'<p><strong>Vraag voor de klas:</strong> {escape(level.question)}</p>']
    if level.predict:
        question, answer = level.predict
        out.append(f'<p><strong>Voorspelling:</strong> {_t(question, lang)} '
                   f'<strong>Wat de test laat zien:</strong> {escape(answer)}</p>')
    out.append('<div class="key"><p><strong>Oplossing</strong> (vakjes: letter van de kolom, '
               'nummer van de rij)</p>')
    many = len(level.solutions) > 1
    for i, (stars, steps) in enumerate(level.solutions, 1):
        if many:
            out.append(f'<p>Oplossing {i} ({stars} {"ster" if stars == 1 else "sterren"})</p>')
        out.append('<ol>' + ''.join(f'<li>{escape(s)}</li>' for s in steps) + '</ol>')
    out.append('</div></article>')
    return out


def _lesbrief(n: int, page: LesbriefPage, lang: str) -> list[str]:
    """One lesson plan of 45 minutes, its levels linked to their pages."""
    plan = page.plan
    links = ', '.join(f'<a href="#{lv.id}">{lv.number}. {_t(lv.title, lang)}</a>'
                      for lv in page.levels)
    return [
        f'<article class="lesbrief" id="{plan.anchor}">',
        f'<h3>Lesbrief {n}: {escape(plan.title)}</h3>',
        f'<p class="facts">{_t(page.world.name, lang)} · {_t(page.groep, lang)} · 45 minuten'
        f'<br>Levels: {links}</p>',
        f'<p><strong>Leerdoel:</strong> {escape(plan.goal)}</p>',
        f'<p><strong>Voorbereiding:</strong> {escape(plan.preparation)}</p>',
        '<p><strong>Materialen:</strong></p><ul>'
        + ''.join(f'<li>{escape(m)}</li>' for m in plan.materials) + '</ul>',
        '<table class="plan">',
        f'<tr><th>Introductie<br>10 minuten</th><td>{escape(plan.introduction)}</td></tr>',
        f'<tr><th>Spelen in tweetallen<br>20 minuten</th><td><p><strong>Eerst opschrijven:'
        f'</strong> {escape(plan.prediction)}</p><p>{escape(plan.playing)}</p></td></tr>',
        f'<tr><th>Nabespreking<br>10 minuten</th><td>{escape(plan.discussion)}</td></tr>',
        f'<tr><th>Exit-vraag<br>5 minuten</th><td>{escape(plan.exit_question)}</td></tr>',
        '</table>',
        '<div class="cols"><div><p><strong>Differentiatie, snel klaar:</strong> '
        f'{escape(plan.quick)}</p></div><div><p><strong>Differentiatie, loopt vast:</strong> '
        f'{escape(plan.slow)}</p></div></div>',
        f'<div class="key"><p><strong>Praktijkopdracht:</strong> {escape(plan.activity)}</p></div>',
        '</article>',
    ]
