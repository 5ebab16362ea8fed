// <ballast-check>: a compact proposal check for governance portals.
//
//   <ballast-check policy-src="policy.json" treasury-src="treasury.json"></ballast-check>
//   element.proposal = draftObject;          // properties take objects (or JSON text)
//   element.addEventListener('ballast-report', (e) => e.detail.verdict);
//
// Properties: policy, treasury, proposal (also when set before the element is defined).
// Attributes: policy-src, treasury-src, proposal-src (URLs to fetch). With policy and treasury but
// no proposal (none set, no proposal-src), it shows the treasury's status under the policy.
// Events: `ballast-report` (detail: the report) after every check; `ballast-error` (detail:
// {code: 'fetch_failed' | 'load_failed', message, source}) when a document or the module cannot
// be loaded; `ballast-apply` (detail: {index, proposal}) when the user applies a suggested fix:
// the element re-checks the fixed proposal, and the portal may copy it into its editor.
// Styling: ::part(verdict), ::part(summary), ::part(findings), and the custom properties
// --ballast-pass, --ballast-fail, --ballast-warn, --ballast-font. The styles are a constructable
// stylesheet (no inline <style>), so the element works under a strict Content-Security-Policy.
import { load } from './ballast/src/index.mjs';
import {
  verdictBanner, summaryTable, findingsList, errorsList, actionsTable, applyFix, context, el, PreparedCache,
} from './view.mjs';

const DOCS = ['policy', 'treasury', 'proposal'];

const STYLE = `
:host { display: block; font: 14px/1.4 var(--ballast-font, system-ui, sans-serif); color: inherit; }
.verdict { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; padding: 10px 12px; border-radius: 6px; border: 1px solid currentColor; }
.verdict-word { font-size: 18px; }
.verdict-policy { opacity: 0.75; }
.verdict-pass { color: var(--ballast-pass, #146c2e); }
.verdict-fail { color: var(--ballast-fail, #b3261e); }
.verdict-error, .verdict-attention { color: var(--ballast-warn, #8a5a00); }
.pending { opacity: 0.6; padding: 10px 0; }
.load-error { padding: 10px 12px; border-radius: 6px; border: 1px solid var(--ballast-fail, #b3261e); color: var(--ballast-fail, #b3261e); }
.summary { border-collapse: collapse; margin: 8px 0 0; }
.summary th { text-align: left; font-weight: normal; opacity: 0.75; padding: 1px 12px 1px 0; }
.summary td, .figures, .max-passing, .path, .num { font-family: ui-monospace, monospace; font-size: 12px; }
ul { list-style: none; padding: 0; margin: 8px 0 0; display: grid; gap: 6px; }
.finding { border-left: 4px solid var(--ballast-warn, #8a5a00); padding: 4px 8px; }
.severity-error { border-left-color: var(--ballast-fail, #b3261e); }
.finding-button { all: unset; display: block; width: 100%; box-sizing: border-box; cursor: default; }
.finding-head { display: flex; gap: 6px; flex-wrap: wrap; }
.badge { font-size: 11px; text-transform: uppercase; font-weight: 600; }
.rule { font-weight: 600; }
.subject, .path, .rule-id, .bound { opacity: 0.75; }
.figures { display: flex; gap: 12px; flex-wrap: wrap; }
.message { margin: 2px 0; }
.empty { margin: 8px 0 0; opacity: 0.75; }
details.amount, details.amount summary { display: inline; }
details.amount summary { cursor: pointer; list-style: none; text-decoration: underline dotted; }
.base-units { font-size: 11px; word-break: break-all; }
.table-wrap { overflow-x: auto; margin-top: 8px; }
table.actions { border-collapse: collapse; width: 100%; font-size: 12px; }
.actions th, .actions td { border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); padding: 4px; text-align: left; vertical-align: top; }
.actions td.num { text-align: right; white-space: nowrap; }
.breach { color: var(--ballast-fail, #b3261e); font-weight: 600; }
.breach-warning { color: var(--ballast-warn, #8a5a00); }
.cell-limit { display: block; font-weight: normal; font-size: 11px; }
.fix { display: grid; gap: 2px; }
.apply { font: inherit; justify-self: start; cursor: pointer; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

export class BallastCheck extends HTMLElement {
  static get observedAttributes() {
    return DOCS.map((d) => `${d}-src`);
  }

  constructor() {
    super();
    this._docs = {};
    this._loading = new Set();  // documents being fetched
    this._report = null;
    this._pending = null;
    this._generation = {};
    this._prepared = new PreparedCache();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    this._out = document.createElement('div');
    this._out.setAttribute('aria-live', 'polite');
    root.append(this._out);
  }

  /** The last report, or null. */
  get report() {
    return this._report;
  }

  attributeChangedCallback(name, _old, url) {
    const doc = name.replace(/-src$/, '');
    if (!url) return;
    const generation = (this._generation[doc] = (this._generation[doc] || 0) + 1);
    this._loading.add(doc);
    this._schedule();
    fetch(url)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${url}: HTTP ${r.status}`))))
      .then((text) => {
        if (generation !== this._generation[doc]) return;
        this._loading.delete(doc);
        this[doc] = text;
      })
      .catch((err) => {
        if (generation !== this._generation[doc]) return;
        this._loading.delete(doc);
        this._fail('fetch_failed', `${doc} could not be loaded: ${err && err.message}`, url, doc);
      });
  }

  connectedCallback() {
    // Properties set on the element before it was defined shadow the accessors: take them over.
    for (const doc of DOCS) {
      if (Object.prototype.hasOwnProperty.call(this, doc)) {
        const value = this[doc];
        delete this[doc];
        this[doc] = value;
      }
    }
    this._schedule();
  }

  disconnectedCallback() {
    this._prepared.dispose();
  }

  _schedule() {
    if (this._pending) return;
    this._pending = Promise.resolve().then(async () => {
      this._pending = null;
      const ready = ['policy', 'treasury'].every((d) => this._docs[d] !== undefined) && !this._loading.size;
      if (!ready) {
        if (this._failure) return;  // the load error stays shown until that document arrives
        this._out.replaceChildren(el('div', { class: 'pending' }, 'Waiting for the documents…'));
        return;
      }
      let ballast;
      try {
        ballast = await load();
      } catch (err) {
        this._fail('load_failed', `the checker could not be loaded: ${err && err.message}`, '');
        return;
      }
      this._check(ballast);
    });
  }

  _check(ballast) {
    const { policy, treasury, proposal } = this._docs;
    const prepared = this._prepared.get(ballast, policy, treasury);
    const report = proposal === undefined ? prepared.status() : prepared.check(proposal);
    this._report = report;
    this._render(report);
    this.dispatchEvent(new CustomEvent('ballast-report', { detail: report, bubbles: true, composed: true }));
  }

  _render(report) {
    const ctx = context(report, this._docs);
    if (report.verdict === 'error') {
      this._out.replaceChildren(verdictBanner(report, ctx), errorsList(report.errors));
      return;
    }
    const none = report.mode === 'status' ? 'No findings: the treasury is within its policy.' : undefined;
    const findings = [...report.findings, ...(report.stress || []).flatMap((s) => s.findings)];
    this._out.replaceChildren(verdictBanner(report, ctx), summaryTable(report, ctx) || '',
      findingsList(findings, null, none, ctx),
      report.actions && report.actions.some((a) => a.suggested) ? actionsTable(report, ctx, (i, fix) => this._apply(i, fix)) : '');
  }

  _apply(index, suggested) {
    const current = this._docs.proposal;
    let proposal;
    try {
      proposal = typeof current === 'string' ? JSON.parse(current) : current;
    } catch {
      return;
    }
    const fixed = applyFix(proposal, index, suggested);
    this.proposal = typeof current === 'string' ? `${JSON.stringify(fixed, null, 2)}\n` : fixed;
    this.dispatchEvent(new CustomEvent('ballast-apply', { detail: { index, proposal: fixed }, bubbles: true, composed: true }));
  }

  _fail(code, message, source, doc = null) {
    this._failure = { doc };
    this._out.replaceChildren(el('div', { class: 'load-error', role: 'alert', part: 'verdict' }, `Ballast could not run: ${message}`));
    this.dispatchEvent(new CustomEvent('ballast-error', { detail: { code, message, source }, bubbles: true, composed: true }));
  }
}

for (const doc of DOCS) {
  Object.defineProperty(BallastCheck.prototype, doc, {
    get() {
      return this._docs[doc];
    },
    set(value) {
      this._docs[doc] = value;
      if (this._failure && (this._failure.doc === doc || this._failure.doc === null)) this._failure = null;
      this._schedule();
    },
  });
}

if (!customElements.get('ballast-check')) customElements.define('ballast-check', BallastCheck);
