"""The fixed style sheet and script of the HTML reports, the script's CSP hash, and how source text is escaped.

Both are constants: nothing from a report is ever written into them, which
is what lets the page allow exactly this script (by its SHA-256) and no
other. Filters work by toggling ``hide-<class>`` classes on ``<body>``; the
classes (``ch-0``, ``sev-error``) are generated from indexes and severities,
never from source text.
"""

from __future__ import annotations

import base64
import hashlib
import html

from consistency_check.model import Side
from consistency_check.reporters.sanitize import clean_line

STYLE = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --head: #f6f8fa;
  --odd: #ffebe9; --odd-ink: #82071e; --odd-line: #ff8182; --ok: #eef8f0; --ok-ink: #1a5e2e;
  --tie: #fff8c5; --tie-ink: #6b4b00; --error: #cf222e; --warning: #9a6700; --info: #0969da;
  --stale: #fff1e5; --stale-ink: #762c00; --stale-line: #fb8f44; --ref: #ddf4ff; --ref-ink: #0a3069;
  --ref-line: #54aeff; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; color: var(--ink); background: var(--bg);
  font: 15px/1.5 -apple-system, "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 0 0 6px; }
a { color: inherit; }
.summary { color: var(--muted); margin: 0 0 12px; }
.counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; background: var(--head); }
.counts b { display: block; font-size: 22px; line-height: 1.2; }
#filters { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
#filters[hidden] { display: none; }
#filters fieldset { border: 1px solid var(--line); border-radius: 8px; padding: 4px 12px 8px; margin: 0; }
#filters legend { font-weight: 600; font-size: 13px; color: var(--muted); padding: 0 4px; }
#filters label { margin-right: 14px; white-space: nowrap; cursor: pointer; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; }
.matrix { width: 100%; }
.matrix th, .matrix td { border-bottom: 1px solid var(--line); padding: 8px 10px; text-align: left; \
vertical-align: top; }
.matrix thead th { background: var(--head); position: sticky; top: 0; font-size: 13px; text-transform: uppercase;
  letter-spacing: .04em; color: var(--muted); }
.matrix tbody th { font-weight: 600; min-width: 220px; max-width: 360px; }
.matrix tbody th a { text-decoration: none; }
.matrix tbody th a:hover { text-decoration: underline; }
.matrix td { min-width: 120px; }
.matrix td .value { display: block; }
.matrix td a { text-decoration: none; }
.matrix td a:hover, .matrix td a:focus { text-decoration: underline; }
td.odd { background: var(--odd); color: var(--ink); box-shadow: inset 3px 0 0 var(--odd-line); }
td.odd .differs { color: var(--odd-ink); font-weight: 700; }
td.tie { background: var(--tie); color: var(--tie-ink); }
td.agree { background: var(--ok); color: var(--ok-ink); }
td.conflict { background: var(--odd); color: var(--ink); box-shadow: inset 3px 0 0 var(--odd-line); }
td.conflict .differs { color: var(--odd-ink); font-weight: 700; }
td.stale { background: var(--stale); color: var(--stale-ink); box-shadow: inset 3px 0 0 var(--stale-line); }
td.stale .differs { font-weight: 700; text-decoration: line-through; }
td.missing { background: repeating-linear-gradient(135deg, var(--odd), var(--odd) 6px, #fff 6px, #fff 12px);
  color: var(--odd-ink); font-style: italic; }
.matrix th.ref, td.ref { background: var(--ref); color: var(--ref-ink); font-weight: 700;
  border-left: 1px solid var(--line); border-right: 2px solid var(--ref-line); }
td.ref.none { font-weight: 400; color: #9198a1; }
.expired { font-weight: 400; font-style: italic; }
td.none { color: #9198a1; }
tr.consistent th { font-weight: 400; }
.badge { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em;
  border-radius: 10px; padding: 1px 8px; margin-right: 6px; color: #fff; vertical-align: 1px; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
.badge.consistent { background: transparent; color: #1a7f37; box-shadow: inset 0 0 0 1px #4ac26b; }
.code { color: var(--muted); font: 12px ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", \
monospace; }
.legend { color: var(--muted); font-size: 13px; }
.legend span { display: inline-block; padding: 0 8px; border-radius: 4px; margin-right: 4px; }
.legend .key-odd { background: var(--odd); color: var(--odd-ink); }
.legend .key-tie { background: var(--tie); color: var(--tie-ink); }
.legend .key-agree { background: var(--ok); color: var(--ok-ink); }
.legend .key-conflict { background: var(--odd); color: var(--odd-ink); }
.legend .key-stale { background: var(--stale); color: var(--stale-ink); }
.legend .key-missing { background: var(--odd); color: var(--odd-ink); font-style: italic; }
.finding { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 12px 0; }
.finding:target { outline: 3px solid var(--info); }
.message { margin: 0 0 8px; }
.expected { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
.sides { width: 100%; table-layout: fixed; }
.sides td { padding: 6px 8px; border-top: 1px solid var(--line); vertical-align: baseline; overflow-wrap: anywhere; }
.sides td:nth-child(1) { width: 90px; }
.sides td:nth-child(2) { width: 230px; }
.sides td:nth-child(3) { width: 170px; }
.sides tr.odd td:first-child { box-shadow: inset 3px 0 0 var(--odd-line); }
.sides tr.ref td:first-child { box-shadow: inset 3px 0 0 var(--ref-line); }
.sides tr:target { background: #ddf4ff; }
.sides .where { font: 13px ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; \
color: var(--muted); }
.sides .val { font-weight: 600; }
.sides tr.odd .val { color: var(--odd-ink); }
.quote { font-style: italic; }
mark { background: #fff0a8; padding: 0 2px; border-radius: 3px; }
details { margin: 12px 0; }
summary { cursor: pointer; font-weight: 600; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
@media print { #filters { display: none; } .scroll { overflow: visible; border: 0; } }
"""

SCRIPT = """
(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  var boxes = form.querySelectorAll("input[data-hide]");
  function apply() {
    for (var i = 0; i < boxes.length; i++) {
      document.body.classList.toggle("hide-" + boxes[i].getAttribute("data-hide"), !boxes[i].checked);
    }
  }
  for (var i = 0; i < boxes.length; i++) { boxes[i].addEventListener("change", apply); }
  form.hidden = false;
  apply();
})();
"""


def script_hash(script: str = SCRIPT) -> str:
    """The CSP source expression allowing exactly ``script``: ``'sha256-…'``."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy() -> str:
    """No network, no plugins, no other scripts: only the inline styles and this one script."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src {script_hash()}; img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def hide_rules(classes: list[str]) -> str:
    """CSS that hides ``.X`` while ``body.hide-X`` is set, for each generated class."""
    return "\n".join(f".hide-{name} .{name} {{ display: none; }}" for name in classes)


def page_head(title: str, style: str) -> list[str]:
    """The lines of a report page up to its body: doctype, the policy that lets only the page's own
    script run, and ``title`` and ``style`` (both already escaped or trusted)."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{style}</style>",
        "</head>",
    ]


def esc(text: str) -> str:
    """Source text for HTML: controls made visible, on one line, every special character escaped."""
    return html.escape(clean_line(text), quote=True)


def quote_html(side: Side, highlight: str) -> str:
    """The quote, escaped, with the value it states marked."""
    quote = side.quote
    start = quote.find(highlight) if highlight else -1
    if start < 0:
        return esc(quote)
    end = start + len(highlight)
    return f"{esc(quote[:start])}<mark>{esc(quote[start:end])}</mark>{esc(quote[end:])}"
