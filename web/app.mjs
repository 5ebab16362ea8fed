// The proposal checker page: three editors, live checking with the WebAssembly engine, and the
// report rendered with view.mjs. Everything runs in the page; nothing is sent anywhere.
import { load, loadPlanner, plan } from './ballast/src/index.mjs';
import { locatePointer, byteToCharOffset } from './pointer.mjs';
import {
  verdictBanner, summaryTable, findingsList, errorsList, actionsTable, allocationChart, stressList, applyFix, context, el,
  PreparedCache,
} from './view.mjs';

const DOCS = ['policy', 'treasury', 'proposal'];
const $ = (id) => document.getElementById(id);
const editors = Object.fromEntries(DOCS.map((d) => [d, $(d)]));
let ballast = null;
let lastReport = null;
let exportable = false;  // a proposal/1 (not calls, not status) without input errors
let timer = null;
// The policy and treasury read once, for as long as their texts stay the same: typing in the
// proposal re-reads only the proposal.
const prepared = new PreparedCache();

// ---- theme ------------------------------------------------------------------------------------
function setTheme(dark) {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  $('theme').setAttribute('aria-pressed', String(dark));
  $('theme').textContent = dark ? 'Light theme' : 'Dark theme';
}
setTheme(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
$('theme').addEventListener('click', () => setTheme(document.documentElement.dataset.theme !== 'dark'));

// ---- tabs -------------------------------------------------------------------------------------
function showDoc(doc) {
  for (const d of DOCS) {
    const tab = $(`tab-${d}`);
    const on = d === doc;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    editors[d].hidden = !on;
  }
}
for (const d of DOCS) {
  const tab = $(`tab-${d}`);
  tab.addEventListener('click', () => showDoc(d));
  tab.addEventListener('keydown', (e) => {
    const i = DOCS.indexOf(d);
    const next = e.key === 'ArrowRight' ? DOCS[(i + 1) % 3] : e.key === 'ArrowLeft' ? DOCS[(i + 2) % 3] : null;
    if (next) {
      showDoc(next);
      $(`tab-${next}`).focus();
      e.preventDefault();
    }
  });
  editors[d].addEventListener('input', schedule);
}

// ---- revealing a path in the editor --------------------------------------------------------------
/** Shows the value at `pointer` of document `doc`; `byteOffset` places the cursor for syntax errors. */
function reveal(doc, pointer, byteOffset) {
  if (!DOCS.includes(doc)) return;
  showDoc(doc);
  const ta = editors[doc];
  const text = ta.value;
  let range = byteOffset !== undefined ? { start: byteToCharOffset(text, byteOffset), end: byteToCharOffset(text, byteOffset) + 1 }
    : locatePointer(text, pointer);
  if (!range) range = { start: 0, end: 0 };
  ta.focus();
  ta.setSelectionRange(range.start, Math.min(range.end, text.length));
  // Scroll the selection into view: put its line a third of the way down.
  const line = text.slice(0, range.start).split('\n').length - 1;
  const lineHeight = parseFloat(getComputedStyle(ta).lineHeight) || 19;
  ta.scrollTop = Math.max(0, line * lineHeight - ta.clientHeight / 3);
}

function revealFinding(f) {
  // An imported action's finding: its call in the file of calls in the proposal editor. The origin's
  // segments past the file's own JSON (exec, multisend/j, multicall/k, ...) are dropped.
  if (f.origin && callsFormat(editors.proposal.value)) {
    const segments = f.origin.split('/');
    while (segments.length > 1 && !locatePointer(editors.proposal.value, segments.join('/'))) segments.pop();
    reveal('proposal', segments.join('/'));
    return;
  }
  // Finding paths point into the case: "/policy/limits/0" -> document policy, pointer "/limits/0".
  const m = /^\/(policy|treasury|proposal)(\/.*)?$/.exec(f.path);
  if (m) reveal(m[1], m[2] || '');
}

function revealError(e) {
  const byte = /at byte (\d+)/.exec(e.message);
  const doc = e.document === 'case' ? 'policy' : e.document === 'calls' ? 'proposal' : e.document;
  // The parser counts the bytes it read, the offending one included: it is at byte N - 1.
  reveal(doc, e.path, e.code === 'json.syntax' && byte ? Math.max(0, Number(byte[1]) - 1) : undefined);
}

// ---- checking ---------------------------------------------------------------------------------
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(run, 120);
}

function parsedPolicy() {
  try {
    return JSON.parse(editors.policy.value);
  } catch {
    return null;
  }
}

/** "tx-builder" for a Safe Transaction Builder file, "calls/1" for a calls/1 document, else null. */
function callsFormat(text) {
  if (!/"transactions"|"calls\/1"/.test(text)) return null;
  try {
    const obj = JSON.parse(text);
    if (obj && obj.ballast === 'calls/1') return 'calls/1';
    if (obj && obj.meta && Array.isArray(obj.transactions) && obj.ballast === undefined) return 'tx-builder';
  } catch {
    // not JSON yet: checked as a proposal, whose syntax error is shown
  }
  return null;
}

/**
 * Checks the documents; with no proposal, the status of the treasury under the policy. A Safe
 * Transaction Builder file or calls/1 document in the proposal editor is decoded and checked as the
 * calls it executes.
 */
function run() {
  if (!ballast) return;
  if (DOCS.every((d) => editors[d].value.trim() === '')) return;
  const t0 = performance.now();
  const calls = callsFormat(editors.proposal.value);
  const statusMode = editors.proposal.value.trim() === '';
  let report;
  if (calls) {
    report = ballast.check({ policy: editors.policy.value, treasury: editors.treasury.value, calls: editors.proposal.value });
  } else {
    const docs = prepared.get(ballast, editors.policy.value, editors.treasury.value);
    report = statusMode ? docs.status() : docs.check(editors.proposal.value);
  }
  const ms = performance.now() - t0;
  lastReport = report;
  $('decode').hidden = !calls;
  exportable = !calls && !statusMode && report.verdict !== 'error';
  updateExport();
  const note = statusMode ? ' (no proposal: treasury status)'
    : calls ? ` (the calls of a ${calls === 'tx-builder' ? 'Safe Transaction Builder file' : 'calls/1 document'}, decoded)` : '';
  $('timing').textContent = `Checked in ${ms.toFixed(1)} ms${note}.`;
  render(report);
}

/**
 * "Download Safe batch": enabled for a proposal/1 that passes; for one that fails only through the
 * override, which the button then says. A failing export names its reasons below the verdict.
 */
function updateExport() {
  const failing = exportable && lastReport.verdict === 'fail';
  $('export-override-label').hidden = !failing;
  if (!failing) $('export-override').checked = false;
  const override = failing && $('export-override').checked;
  $('export').disabled = !exportable || (failing && !override);
  $('export').textContent = override ? 'Download Safe batch (the proposal FAILS)' : 'Download Safe batch';
  $('export').classList.toggle('danger', override);
  $('export-note').hidden = true;
}

function saveFile(name, text) {
  const blob = new Blob([text], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Writes the proposal as the Safe Transaction Builder batch that performs it (and its CoW orders). */
function exportBatch() {
  const out = ballast.exportCalls({ treasury: editors.treasury.value, proposal: editors.proposal.value });
  const note = $('export-note');
  if (out.valid === false) {
    note.textContent = `Cannot export: ${out.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`;
    note.hidden = false;
    return;
  }
  const name = lastReport.proposal || 'proposal';
  saveFile(`${name}-safe-batch.json`, `${pretty(out.document)}\n`);
  if (out.orders.length) saveFile(`${name}-orders.json`, `${pretty(out.orders)}\n`);
  note.textContent = `Exported ${out.document.transactions.length} transactions for ${out.document.meta.createdFromSafeAddress}` +
    (out.orders.length ? `, and the terms of ${out.orders.length} CoW order(s) in a second file.` : '.');
  note.hidden = false;
}

/**
 * "Plan": plans the rebalance of the treasury under the policy (the planner's module is fetched on
 * the first click), puts tranche 1 in the proposal editor and checks it; says what the plan is.
 */
async function planTranche() {
  const note = $('plan-note');
  note.textContent = 'Planning…';
  note.hidden = false;
  await loadPlanner();
  const out = plan({ policy: editors.policy.value, treasury: editors.treasury.value });
  if (out.valid === false) {
    note.textContent = `Cannot plan: ${out.errors.map((e) => `${e.document} ${e.path} ${e.message}`).join('; ')}`;
    return;
  }
  const n = out.tranches.length;
  const words = { complete: 'reaches the policy', partial: 'gets part of the way', not_needed: 'is not needed: every target is where it should be',
    infeasible: 'finds no compliant trade' };
  let text = `The plan ${words[out.status]}`;
  if (n) {
    const t = out.tranches[0];
    text += ` in ${n} tranche${n === 1 ? '' : 's'}; tranche 1 (drift ${t.drift_before_bps} → ${t.drift_after_bps} bps) is in the proposal editor`;
    if (n > 1) text += `; the next not before ${out.tranches[1].not_before}`;
    editors.proposal.value = `${pretty(t.proposal)}\n`;
    showDoc('proposal');
    run();
  }
  if (out.unreached.length) text += `. Unreached: ${out.unreached.map((u) => `${u.rule} (${u.subject}): ${u.message}`).join('; ')}`;
  note.textContent = `${text}.`;
}

/** Replaces the calls in the proposal editor with the proposal/1 they execute, to read and edit. */
function decodeCalls() {
  const out = ballast.importCalls(editors.proposal.value, editors.treasury.value);
  if (out.valid === false) return;  // the errors are on show already
  editors.proposal.value = `${pretty(out)}\n`;
  showDoc('proposal');
  run();
}

/** Rewrites the proposal's action to its suggested fix and checks again. */
function applySuggested(index, suggested) {
  let proposal;
  try {
    proposal = JSON.parse(editors.proposal.value);
  } catch {
    return;
  }
  editors.proposal.value = `${JSON.stringify(applyFix(proposal, index, suggested), null, 2)}\n`;
  run();
}

function render(report) {
  const ctx = context(report, Object.fromEntries(DOCS.map((d) => [d, editors[d].value])));
  $('verdict').replaceChildren(verdictBanner(report, ctx));
  $('download').disabled = false;
  // Errors in a file of calls belong to the proposal editor that holds it.
  const tabOf = (e) => (e.document === 'calls' ? 'proposal' : e.document);
  for (const d of DOCS) $(`tab-${d}`).classList.toggle('has-error', report.errors.some((e) => tabOf(e) === d));
  if (report.verdict === 'error') {
    $('summary').replaceChildren();
    $('findings').replaceChildren(errorsList(report.errors, revealError));
    for (const id of ['chart', 'actions', 'stress']) $(id).replaceChildren(el('p', { class: 'empty' }, 'Fix the input errors to see this.'));
    return;
  }
  $('summary').replaceChildren(summaryTable(report, ctx) || '');
  const none = report.mode === 'status' ? 'No findings: the treasury is within its policy.' : undefined;
  $('findings').replaceChildren(findingsList(report.findings, revealFinding, none, ctx));
  $('chart').replaceChildren(allocationChart(report, ctx.policy));
  $('actions').replaceChildren(actionsTable(report, ctx, applySuggested));
  $('stress').replaceChildren(stressList(report, revealFinding, ctx));
}

// ---- documents in: examples, files, drops ----------------------------------------------------------
function setDocs(docs) {
  for (const d of DOCS) if (docs[d] !== undefined) editors[d].value = docs[d];
  run();
}

const pretty = (obj) => JSON.stringify(obj, null, 2);

/** Places dropped or opened files: each by its "ballast" kind; a case fills all three editors. */
async function openFiles(files) {
  const docs = {};
  for (const file of files) {
    const text = await file.text();
    let kind = null;
    try {
      const obj = JSON.parse(text);
      kind = obj && typeof obj.ballast === 'string' ? obj.ballast.split('/')[0] : null;
      if (kind === 'calls' || callsFormat(text)) kind = 'proposal';  // calls are checked in the proposal editor
      if (kind === 'case') {
        for (const d of DOCS) if (obj[d] !== undefined) docs[d] = pretty(obj[d]);
        continue;
      }
    } catch {
      // not JSON: place it by file name so that its syntax error is shown
    }
    const byName = DOCS.find((d) => file.name.toLowerCase().includes(d));
    const doc = DOCS.includes(kind) ? kind : byName || 'proposal';
    docs[doc] = text;
  }
  setDocs(docs);
  const first = DOCS.find((d) => docs[d] !== undefined);
  if (first) showDoc(first);
}

$('open').addEventListener('click', () => $('files').click());
$('decode').addEventListener('click', decodeCalls);
$('export').addEventListener('click', exportBatch);
$('plan').addEventListener('click', () => planTranche().catch((e) => {
  $('plan-note').textContent = `Cannot plan: ${e.message}`;
  $('plan-note').hidden = false;
}));
$('export-override').addEventListener('change', updateExport);
$('files').addEventListener('change', (e) => openFiles([...e.target.files]));
const zone = $('dropzone');
zone.addEventListener('dragover', (e) => {
  e.preventDefault();
  zone.classList.add('dragging');
});
zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
zone.addEventListener('drop', (e) => {
  e.preventDefault();
  zone.classList.remove('dragging');
  if (e.dataTransfer && e.dataTransfer.files.length) openFiles([...e.dataTransfer.files]);
});

$('download').addEventListener('click', () => {
  if (!lastReport) return;
  saveFile(`ballast-report-${lastReport.proposal || 'check'}.json`, JSON.stringify(lastReport, null, 2) + '\n');
});

const examples = await (await fetch('examples/index.json')).json();
for (const ex of examples) $('example').append(el('option', { value: ex.id }, ex.title));
$('example').addEventListener('change', async (e) => {
  const ex = examples.find((x) => x.id === e.target.value);
  if (!ex) return;
  const texts = await Promise.all(DOCS.map(async (d) => (await fetch(ex[d])).text()));
  setDocs(Object.fromEntries(DOCS.map((d, i) => [d, texts[i]])));
});

ballast = await load();
$('plan').disabled = false;
document.body.dataset.ready = 'true';
run();
