"""A self-contained HTML report: each document's text with findings highlighted in
place by category colour, a side list with filters by rule, severity and category,
counts per rule, and the message and suggestion on hover and click. No network, no
CDN: the CSS and script are inline.

Only documents with findings are rendered (a clean feed of a million segments should
not become a page of a million paragraphs); the header counts all documents checked.
"""

from __future__ import annotations

import html
from collections import Counter

from mtcheck.document import Document
from mtcheck.findings import Category, Finding
from mtcheck.reporters import RunInfo, Summary

_CATEGORY_COLORS = {
    Category.PRONOUN: "#f6b6c1",
    Category.NAME_VARIANT: "#ffd98a",
    Category.NAME_INCONSISTENCY: "#ffe9b8",
    Category.BOILERPLATE: "#c9d3dd",
    Category.UNTRANSLATED: "#b9e3c6",
    Category.NUMBER: "#b7d4f7",
    Category.PUNCTUATION: "#e2cdf5",
    Category.MODEL_DISAGREEMENT: "#f7cfae",
}

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex;height:100vh;color:#222}
#side{width:360px;overflow:auto;border-right:1px solid #ccc;padding:12px;box-sizing:border-box;background:#fafafa}
#main{flex:1;overflow:auto;padding:16px 24px}
h1{font-size:18px;margin:0 0 8px} h2{font-size:15px;margin:24px 0 6px;color:#444}
.doc pre{white-space:pre-wrap;font:inherit;margin:0}
mark.f{border-radius:3px;padding:0 1px;cursor:pointer}
mark.f.hidden{background:none!important;cursor:auto}
mark.f.active{outline:2px solid #222}
.sev-error{border-bottom:2px solid #c00}.sev-warning{border-bottom:2px solid #d80}.sev-info{border-bottom:2px dotted #08c}
#list li{margin:4px 0;cursor:pointer;list-style:none;padding:3px;border-radius:3px}
#list li:hover{background:#eee} #list li.hidden{display:none} #list{padding:0}
.rule{font-family:monospace;font-size:12px} .sugg{color:#060}
fieldset{border:1px solid #ddd;margin:6px 0;padding:4px 8px} legend{font-size:12px;color:#555}
fieldset label{display:block;font-size:13px}
#detail{position:fixed;bottom:12px;right:12px;max-width:520px;background:#fff;border:1px solid #999;padding:10px;box-shadow:0 2px 8px #0003;display:none}
table.counts{font-size:13px;border-collapse:collapse} table.counts td{padding:1px 6px}
footer{font-size:12px;color:#666;margin-top:24px}
"""

_SCRIPT = """
(function(){
  const marks=[...document.querySelectorAll('mark.f')];
  const items=[...document.querySelectorAll('#list li')];
  const boxes=[...document.querySelectorAll('fieldset input')];
  function allowed(el){
    return boxes.every(b=>b.checked||el.dataset[b.name]!==b.value);
  }
  function apply(){
    const visible=new Set();
    items.forEach(li=>{const ok=allowed(li);li.classList.toggle('hidden',!ok);if(ok)visible.add(li.dataset.id);});
    marks.forEach(m=>{const ok=m.dataset.ids.split(' ').some(id=>visible.has(id));m.classList.toggle('hidden',!ok);});
    document.getElementById('shown').textContent=visible.size;
  }
  boxes.forEach(b=>b.addEventListener('change',apply));
  const detail=document.getElementById('detail');
  function show(id){
    const li=document.querySelector('#list li[data-id="'+id+'"]');
    detail.innerHTML=li.innerHTML;detail.style.display='block';
    marks.forEach(m=>m.classList.toggle('active',m.dataset.ids.split(' ').includes(id)));
    const m=marks.find(m=>m.dataset.ids.split(' ').includes(id));
    if(m)m.scrollIntoView({block:'center'});
  }
  items.forEach(li=>li.addEventListener('click',()=>show(li.dataset.id)));
  marks.forEach(m=>m.addEventListener('click',()=>show(m.dataset.ids.split(' ')[0])));
  apply();
})();
"""


def _suggestion(finding: Finding) -> str:
    if finding.suggestion is None:
        return ""
    return f" → {finding.suggestion!r}" if finding.suggestion else " → delete"


class Reporter:
    def __init__(self) -> None:
        self.run: RunInfo | None = None
        self.sections: list[str] = []
        self.items: list[str] = []
        self.rules: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self.categories: Counter[str] = Counter()
        self.next_id = 0

    def start(self, run: RunInfo) -> str:
        self.run = run
        return ""

    def document(self, doc: Document, findings: list[Finding]) -> str:
        if not findings:
            return ""
        ids = list(range(self.next_id, self.next_id + len(findings)))
        self.next_id += len(findings)
        for fid, f in zip(ids, findings):
            self.rules[f.rule] += 1
            self.severities[f.severity.value] += 1
            self.categories[f.category.value] += 1
            self.items.append(
                f'<li data-id="{fid}" data-rule="{f.rule}" data-severity="{f.severity.value}" '
                f'data-category="{f.category.value}"><span class="rule">{f.rule}</span> '
                f'<b>{f.severity.value}</b> {html.escape(doc.doc_id)}:{f.line}:{f.column}<br>'
                f'{html.escape(f.message)}<span class="sugg">{html.escape(_suggestion(f))}</span></li>'
            )
        body = _highlight(doc.text, list(zip(ids, findings)))
        self.sections.append(
            f'<section class="doc"><h2>{html.escape(_title(doc))}</h2>'
            f"<pre>{body}</pre></section>"
        )
        return ""

    def finish(self, summary: Summary) -> str:
        assert self.run is not None
        filters = "".join(
            _fieldset(legend, name, counter)
            for legend, name, counter in (
                ("Severity", "severity", self.severities),
                ("Category", "category", self.categories),
                ("Rule", "rule", self.rules),
            )
        )
        colors = "".join(
            f"mark.cat-{c.value}{{background:{color}}}" for c, color in _CATEGORY_COLORS.items()
        )
        counts = "".join(f"<tr><td class=rule>{r}</td><td>{n}</td></tr>" for r, n in sorted(self.rules.items()))
        head = (
            f"{summary.findings} findings in {summary.documents} documents "
            f"({len(self.sections)} with findings)"
        )
        return (
            "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width'><title>mtcheck report</title>"
            f"<style>{_STYLE}{colors}</style></head><body>"
            f"<aside id=side><h1>mtcheck</h1><p>{head}; <span id=shown></span> shown</p>"
            f"<table class=counts>{counts}</table>{filters}<ul id=list>{''.join(self.items)}</ul></aside>"
            f"<main id=main>{''.join(self.sections) or '<p>No findings.</p>'}"
            f"<footer>signature: {html.escape(self.run.signature.format())}</footer></main>"
            f"<div id=detail></div><script>{_SCRIPT}</script></body></html>\n"
        )


def _title(doc: Document) -> str:
    return doc.path if doc.doc_id == doc.path else f"{doc.path} — {doc.doc_id}"


def _fieldset(legend: str, name: str, counter: Counter[str]) -> str:
    boxes = "".join(
        f'<label><input type=checkbox name="{name}" value="{html.escape(value)}" checked> '
        f"{html.escape(value)} ({count})</label>"
        for value, count in sorted(counter.items())
    )
    return f"<fieldset><legend>{legend}</legend>{boxes}</fieldset>"


def _highlight(text: str, findings: list[tuple[int, Finding]]) -> str:
    """Escape ``text`` and wrap each stretch covered by findings in one <mark> that
    lists every finding covering it (findings may overlap)."""
    bounds = sorted({0, len(text)} | {f.start for _, f in findings} | {f.end for _, f in findings})
    parts = []
    for lo, hi in zip(bounds, bounds[1:]):
        chunk = html.escape(text[lo:hi])
        covering = [(fid, f) for fid, f in findings if f.start <= lo and hi <= f.end]
        if not covering:
            parts.append(chunk)
            continue
        worst = max(covering, key=lambda item: item[1].severity.rank)[1]
        ids = " ".join(str(fid) for fid, _ in covering)
        title = html.escape(" | ".join(f"{f.rule}: {f.message}{_suggestion(f)}" for _, f in covering), quote=True)
        parts.append(
            f'<mark class="f cat-{worst.category.value} sev-{worst.severity.value}" data-ids="{ids}" '
            f'data-rule="{worst.rule}" title="{title}">{chunk}</mark>'
        )
    return "".join(parts)


