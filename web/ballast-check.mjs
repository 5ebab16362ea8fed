// <ballast-check>: a compact proposal check for governance portals.
//
//   <ballast-check policy-src="policy.json" treasury-src="treasury.json"></ballast-check>
//   element.proposal = draftObject;          // properties take objects (or JSON text)
//   element.addEventListener('ballast-report', (e) => e.detail.verdict);
//
// Properties: policy, treasury, proposal. Attributes: policy-src, treasury-src, proposal-src
// (URLs to fetch). Event: `ballast-report` (detail: the report) after every check.
// Styling: ::part(verdict), ::part(findings), and the custom properties --ballast-pass,
// --ballast-fail, --ballast-warn, --ballast-font.
import { load } from './ballast/src/index.mjs';
import { verdictBanner, findingsList, errorsList } from './view.mjs';

const DOCS = ['policy', 'treasury', 'proposal'];

const STYLE = `
:host { display: block; font: 14px/1.4 var(--ballast-font, system-ui, sans-serif); color: inherit; }
.verdict { display: flex; gap: 10px; align-items: baseline; padding: 10px 12px; border-radius: 6px; border: 1px solid currentColor; }
.verdict-word { font-size: 18px; }
.verdict-pass { color: var(--ballast-pass, #146c2e); }
.verdict-fail { color: var(--ballast-fail, #b3261e); }
.verdict-error, .verdict-attention { color: var(--ballast-warn, #8a5a00); }
.pending { opacity: 0.6; padding: 10px 0; }
ul { list-style: none; padding: 0; margin: 8px 0 0; display: grid; gap: 6px; }
.finding-button { all: unset; display: block; width: 100%; box-sizing: border-box; padding: 6px 8px; border-left: 4px solid var(--ballast-warn, #8a5a00); cursor: default; }
.severity-error .finding-button { border-left-color: var(--ballast-fail, #b3261e); }
.finding-head { display: flex; gap: 6px; flex-wrap: wrap; }
.badge { font-size: 11px; text-transform: uppercase; font-weight: 600; }
.rule { font-weight: 600; }
.subject, .path, .rule-id, .unit { opacity: 0.75; }
.figures { display: flex; gap: 12px; flex-wrap: wrap; font-family: ui-monospace, monospace; font-size: 12px; }
.max-passing, .path { font-family: ui-monospace, monospace; font-size: 12px; }
.message { margin: 2px 0; }
.empty { margin: 8px 0 0; opacity: 0.75; }
`;

export class BallastCheck extends HTMLElement {
  static get observedAttributes() {
    return DOCS.map((d) => `${d}-src`);
  }

  constructor() {
    super();
    this._docs = {};
    this._report = null;
    this._pending = null;
    this._generation = 0;
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this._out = document.createElement('div');
    this._out.setAttribute('aria-live', 'polite');
    root.append(style, this._out);
  }

  /** The last report, or null. */
  get report() {
    return this._report;
  }

  attributeChangedCallback(name, _old, url) {
    const doc = name.replace(/-src$/, '');
    if (!url) return;
    const generation = ++this._generation;
    fetch(url)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${url}: HTTP ${r.status}`))))
      .then((text) => {
        if (generation === this._generation || this._docs[doc] === undefined) this[doc] = text;
      })
      .catch((err) => this._fail(err));
  }

  connectedCallback() {
    this._schedule();
  }

  _schedule() {
    if (this._pending) return;
    this._pending = Promise.resolve().then(async () => {
      this._pending = null;
      if (!DOCS.every((d) => this._docs[d] !== undefined)) {
        this._out.replaceChildren(Object.assign(document.createElement('div'), { className: 'pending', textContent: 'Waiting for the documents…' }));
        return;
      }
      const ballast = await load();
      const report = ballast.check({ ...this._docs });
      this._report = report;
      this._render(report);
      this.dispatchEvent(new CustomEvent('ballast-report', { detail: report, bubbles: true, composed: true }));
    }).catch((err) => this._fail(err));
  }

  _render(report) {
    const list = report.verdict === 'error' ? errorsList(report.errors)
      : findingsList([...report.findings, ...(report.stress || []).flatMap((s) => s.findings)]);
    this._out.replaceChildren(verdictBanner(report), list);
  }

  _fail(err) {
    this._out.textContent = `Ballast could not run: ${err && err.message}`;
  }
}

for (const doc of DOCS) {
  Object.defineProperty(BallastCheck.prototype, doc, {
    get() {
      return this._docs[doc];
    },
    set(value) {
      this._docs[doc] = value;
      this._schedule();
    },
  });
}

if (!customElements.get('ballast-check')) customElements.define('ballast-check', BallastCheck);
