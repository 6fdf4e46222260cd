/**
 * One self-contained HTML page per failure: no network, no build step, CSS and script inline.
 * The timeline is drawn as lanes (one per thread); Prev/Next buttons and the arrow keys step
 * through it, the current step highlighted; the model's range maps sit beside the answers.
 * It opens at its top (title, finding, replay line in view) with the failing step selected; a
 * link there, or the `#violation` fragment, scrolls to that step.
 */

import type { JobOutcome } from "../run/run-all.js";
import { formatOutcome } from "./format-outcome.js";
import { replayCommandLine } from "./replay-line.js";
import { parseCounterexample } from "./timeline-columns.js";

function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#1b1b1b;background:#fafafa}
h1{font-size:20px;margin:0 0 4px} .bad{color:#b00020} .mono,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
pre{background:#fff;border:1px solid #ddd;padding:8px;overflow:auto;white-space:pre-wrap}
.bar{position:sticky;top:0;background:#fafafa;padding:6px 0;display:flex;gap:8px;align-items:center;z-index:2}
button{font-size:14px;padding:4px 12px}
.grid{display:grid;gap:0;border:1px solid #ccc;background:#fff}
.grid div{padding:2px 6px;border-bottom:1px solid #eee;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;white-space:pre-wrap;word-break:break-word}
.grid .h{font-weight:bold;background:#eef;position:sticky;top:38px;z-index:1}
.grid .n{color:#777;text-align:right}
.grid .ev{background:#f3f7ff}
.grid .ev.read{background:#eefaf0} .grid .ev.rcu{background:#fff4e6}
.grid .row-cur{outline:2px solid #1a56db;background:#dbe7ff!important}
.grid .div{background:#ffd6dc!important;font-weight:bold}
.maps{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.hide{opacity:.4}
.grid .span{box-shadow:inset 3px 0 0 #d97706}
`;

const SCRIPT = `
(function(){
  var rows=[].slice.call(document.querySelectorAll('[data-step]'));
  var steps=[];rows.forEach(function(r){var s=+r.getAttribute('data-step');if(steps.indexOf(s)<0)steps.push(s);});
  var cur=+(document.body.getAttribute('data-start')||0);
  var label=document.getElementById('cur');
  function show(i,scroll){cur=Math.max(0,Math.min(steps.length-1,i));
    rows.forEach(function(r){var s=+r.getAttribute('data-step');r.classList.toggle('row-cur',s===steps[cur]);r.classList.toggle('hide',s>steps[cur]);});
    label.textContent='step '+steps[cur]+' of '+steps[steps.length-1];
    if(scroll){var el=document.querySelector('[data-step="'+steps[cur]+'"].ev');if(el&&el.scrollIntoView)el.scrollIntoView({block:'center'});}}
  document.getElementById('prev').onclick=function(){show(cur-1,true)};
  document.getElementById('next').onclick=function(){show(cur+1,true)};
  document.getElementById('first').onclick=function(){show(0,true)};
  document.getElementById('last').onclick=function(){show(steps.length-1,true)};
  var start=cur;document.getElementById('div').onclick=function(){show(start,true)};
  document.addEventListener('keydown',function(e){if(e.key==='ArrowRight'||e.key==='ArrowDown'){show(cur+1,true);e.preventDefault()}
    else if(e.key==='ArrowLeft'||e.key==='ArrowUp'){show(cur-1,true);e.preventDefault()}
    else if(e.key==='Home'){show(0,true)}else if(e.key==='End'){show(steps.length-1,true)}});
  function fromHash(){if(location.hash==='#violation'){show(start,true);return true}
    var m=/step=(\\d+)/.exec(location.hash);if(m){var k=steps.indexOf(+m[1]);if(k>=0){show(k,true);return true}}return false}
  window.addEventListener('hashchange',fromHash);
  // Open at the top, the failing step selected; scroll only when the address asks for a step.
  if(!fromHash())show(cur,false);
})();
`;

export function htmlReport(o: JobOutcome, specsFolder?: string): string {
  const cx = o.counterexample;
  const p = parseCounterexample(cx?.body ?? "");
  const cols = p.threads.length;
  const diverge = p.steps.find((s) => s.diverges);
  // The failing reader operation, as the finding names it: its thread and its start..end steps.
  const failing = /reader #\d+ t\d+ \[\d+,\d+\] (\S+) `([^`]+)`/.exec(cx?.error ?? "");
  const opStart = failing
    ? p.steps.find((s) => s.thread === failing[1] && s.text === `start ${failing[2]}`)
    : undefined;
  const opEnd = failing
    ? p.steps.find((s) => s.thread === failing[1] && s.text.startsWith(`end ${failing[2]}`))
    : undefined;
  const span = opStart && opEnd ? [opStart.step, opEnd.step] : null;
  const inSpan = (step: number) => span !== null && step >= span[0] && step <= span[1];
  const startStep = diverge?.step ?? opEnd?.step ?? 0;
  // The cell `#violation` names: the first event of the failing step.
  const marked = p.steps.find((s) => s.step >= startStep && p.threads.includes(s.thread));
  const cells: string[] = [];
  if (cols > 0) {
    cells.push(
      `<div class="h n">step</div>`,
      ...p.threads.map((t) => `<div class="h">${esc(t)}</div>`),
    );
    for (const s of p.steps) {
      const k = p.threads.indexOf(s.thread);
      const kind = s.thread === "rcu" ? " rcu" : /^read /.test(s.text) ? " read" : "";
      cells.push(`<div class="n" data-step="${s.step}">${s.step}</div>`);
      for (let c = 0; c < cols; c++) {
        if (c !== k) cells.push(`<div data-step="${s.step}"></div>`);
        else
          cells.push(
            `<div data-step="${s.step}"${s === marked ? ' id="violation"' : ""} class="ev${kind}${s.diverges ? " div" : ""}${inSpan(s.step) && s.thread === failing?.[1] ? " span" : ""}">${esc(s.text)}</div>`,
          );
      }
    }
  }
  const answers = p.tail.map((l) => l.trim()).filter((l) => l !== "" && l !== "results:");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>maple-check: ${esc(o.spec)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${CSS}</style></head>
<body data-start="${Math.max(
    0,
    p.steps.findIndex((s) => s.step >= startStep),
  )}">
<h1 id="title">${esc(o.spec)}: <span class="bad">${esc(o.verdict)}</span> (expected ${esc(o.expected)})</h1>
<p id="finding" class="mono">${esc(cx?.error ?? o.incompleteReason ?? "")}</p>
<p id="replay">Replay: <code class="mono">${esc(replayCommandLine(cx?.replayToken ?? "", specsFolder))}</code></p>
${cols > 0 ? `<p><a id="to-violation" href="#violation">Go to step ${startStep}, ${diverge !== undefined ? "where the answer leaves the model" : "the failing answer"} &#x2193;</a></p>` : ""}
<h2>Scenario and finding</h2><pre>${esc(p.head.join("\n"))}</pre>
${
  cols > 0
    ? `<h2>Timeline</h2>
<div class="bar"><button id="first">&#x25C0;&#x25C0; first</button><button id="prev">&#x25C0; prev</button><button id="next">next &#x25B6;</button><button id="last">last &#x25B6;&#x25B6;</button><button id="div">${diverge !== undefined ? "answer leaves the model" : "failing answer"}</button><span id="cur" class="mono"></span><span> (arrow keys step)</span></div>
<div class="grid" style="grid-template-columns:4em repeat(${cols},minmax(12em,1fr))">${cells.join("")}</div>
<h2>Range maps</h2>
<div class="maps"><div><h3>Model: the states the reader may see</h3><pre>${esc(p.modelStates.join("\n"))}</pre></div>
<div><h3>Tree: what the readers answered</h3><pre>${esc(answers.join("\n"))}</pre></div></div>`
    : `<h2>Counterexample</h2><pre>${esc(cx?.body ?? "")}</pre>`
}
<h2>Full report</h2><pre>${esc(formatOutcome(o, specsFolder === undefined ? {} : { specsFolder }))}</pre>
${cols > 0 ? `<script>${SCRIPT}</script>` : ""}
</body></html>
`;
}
