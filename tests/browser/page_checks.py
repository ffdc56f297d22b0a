"""Checks run inside a page: sideways scrolling, words split across lines, small tap targets,
status badges and chart text. Each returns a list of readable problems (empty: all well)."""
from __future__ import annotations

#: Pixels the page scrolls sideways (0 is right).
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

#: A word whose letters sit on more than one line: "Điể/m", "100/%", a vertical "Xóa".
#: Every text in the page's main part, word by word, through Range rectangles.
SPLIT_WORDS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.offsetParent === null || el.closest('svg, .visually-hidden, code, pre')) continue;
    const text = node.textContent;
    const re = /\\S{2,}/g;
    let m;
    while ((m = re.exec(text)) !== null) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) found.push(`"${m[0]}" in <${el.tagName.toLowerCase()} class="${el.className}">`);
    }
  }
  return found.slice(0, 20);
}"""

#: Controls a finger must hit, now including links in lists and tables; links inside running
#: text (a lesson's prose, a question's text) are exempt (WCAG 2.5.5 "inline").
SMALL_TARGETS = """() => [...document.querySelectorAll(
        'button, input:not([type=hidden]), select, textarea, a.button, header a, footer a, nav a, '
        + 'label.choice, main li > a, main td a, main th a, .module-quiz a, .done-note a')]
    .filter(el => el.offsetParent !== null
            && !el.closest('.lesson-body, .qtext, .intro, .overview, .feedback, .explanation, .skip'))
    .map(el => [el, el.getBoundingClientRect()])
    .filter(([el, r]) => {
        if ((el.type === 'radio' || el.type === 'checkbox') && el.closest('label')) return false;
        return r.height < 44 || r.width < 44;
    })
    .map(([el, r]) => `${el.tagName.toLowerCase()} "${(el.innerText || el.name || '').trim().slice(0, 30)}" \
${Math.round(r.width)}x${Math.round(r.height)}`)"""

#: Each status badge: its words, whether it has an icon, and its colours.
BADGES = """() => [...document.querySelectorAll('main .badge')].map(el => {
    const s = getComputedStyle(el);
    const icon = el.querySelector('.badge-icon');
    return {cls: el.className, text: el.innerText.trim(), icon: icon ? icon.innerText.trim() : '',
            iconHidden: icon ? icon.getAttribute('aria-hidden') === 'true' : false,
            color: s.color, background: s.backgroundColor, border: s.borderTopWidth};
})"""

#: Rendered size in CSS pixels of every text in the report's chart.
CHART_TEXT = """() => [...document.querySelectorAll('svg.bar-chart text')].map(t => {
    const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    return [t.textContent.trim().slice(0, 20), Math.round(size * 10) / 10];
})"""

#: The report table against its box: (table width, box width).
REPORT_FIT = """() => { const t = document.querySelector('table.report');
    return t ? [Math.ceil(t.getBoundingClientRect().width), Math.floor(t.parentElement.clientWidth)] : null; }"""


def layout_problems(page, path: str) -> list[str]:
    """Sideways scrolling, split words and small tap targets on the page now open."""
    problems = []
    overflow = page.evaluate(SIDEWAYS)
    if overflow > 0:
        problems.append(f"{path}: scrolls sideways by {overflow}px")
    problems += [f"{path}: split word {w}" for w in page.evaluate(SPLIT_WORDS)]
    problems += [f"{path}: small tap target {t}" for t in page.evaluate(SMALL_TARGETS)]
    return problems
