// Rendering of a Ballast report into DOM nodes: verdict banner, summary, findings, input errors,
// allocation chart (SVG), per-action table with the suggested fixes, stress scenarios. Used by
// the page and by the <ballast-check> element. DOM building without state, plus PreparedCache, the
// prepared documents both keep between checks.
//
// Amounts are shown in token units (units.mjs) with the exact base units one click away; `ctx`
// carries what that needs: {decimals: Map asset -> decimals, numeraire, policy, proposal}, built
// by context(report, documents).
import { units, money, bpsText, usesPercent, grouped } from './units.mjs';

const SVG = 'http://www.w3.org/2000/svg';

/** Creates an element: el('div', {class: 'x', onclick: fn}, child, 'text', ...). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  setAttrs(node, attrs);
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
}

/**
 * The policy and treasury prepared once (ballast.prepare) and reused while they stay the same, so
 * that re-checking a proposal as it is typed reads only the proposal. Used by the page and the element.
 */
export class PreparedCache {
  constructor() {
    this.prepared = null;
    this.from = null;
  }

  /** The prepared documents of this policy and treasury (objects or text; compared by identity). */
  get(ballast, policy, treasury) {
    if (!this.prepared || this.from[0] !== policy || this.from[1] !== treasury) {
      this.dispose();
      this.prepared = ballast.prepare({ policy, treasury });
      this.from = [policy, treasury];
    }
    return this.prepared;
  }

  dispose() {
    if (this.prepared) this.prepared.dispose();
    this.prepared = null;
  }
}

/** What the views need besides the report: decimals by asset, the numeraire, the parsed documents. */
export function context(report, docs = {}) {
  const parse = (d) => {
    if (d && typeof d === 'object') return d;
    try {
      return JSON.parse(d);
    } catch {
      return null;
    }
  };
  const policy = parse(docs.policy);
  const treasury = parse(docs.treasury);
  const decimals = new Map((report.before ? report.before.assets : []).map((a) => [a.id, a.decimals]));
  return { decimals, numeraire: (treasury && treasury.numeraire) || '', policy, proposal: parse(docs.proposal) };
}

/** The verdict banner: PASS / FAIL / ATTENTION (status) / INVALID INPUT, the proposal and the policy. */
export function verdictBanner(report, ctx = {}) {
  const { verdict, summary } = report;
  const word = verdict === 'error' ? 'INVALID INPUT' : verdict.toUpperCase();
  const counts = verdict === 'error'
    ? `${summary.input_errors} input error${summary.input_errors === 1 ? '' : 's'}, nothing evaluated`
    : `${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`;
  const title = ctx.proposal && typeof ctx.proposal.title === 'string' ? ctx.proposal.title : '';
  const subject = report.mode === 'status' ? 'treasury status' : [report.proposal, title].filter(Boolean).join(' — ');
  const policyName = ctx.policy && typeof ctx.policy.name === 'string' ? ctx.policy.name : '';
  return el('div', { class: `verdict verdict-${verdict}`, part: 'verdict', 'data-verdict': verdict },
    el('strong', { class: 'verdict-word' }, word),
    el('span', { class: 'verdict-counts' }, subject ? `${subject}: ${counts}` : counts,
      policyName ? el('span', { class: 'verdict-policy' }, ` under “${policyName}”`) : null));
}

/** An amount in token units, its exact base units one click away (base units when decimals are unknown). */
export function amountNode(amount, asset, ctx = {}) {
  const decimals = ctx.decimals && ctx.decimals.get(asset);
  if (decimals === undefined) return el('span', { class: 'amount' }, `${grouped(String(amount))}${asset ? ` ${asset}` : ''}`);
  const shown = units(amount, decimals);
  return el('details', { class: `amount${shown.exact ? '' : ' rounded'}` },
    el('summary', { title: shown.exact ? 'exact' : 'rounded: open for the exact amount' }, `${shown.text} ${asset}`),
    el('code', { class: 'base-units' }, String(amount)), ' base units');
}

/** NAV, drift, runway against its floors and backing against its minimums, before → after. */
export function summaryTable(report, ctx = {}) {
  const b = report.before;
  if (!b) return null;
  const a = report.after;
  const arrow = (x, y) => (y === undefined || y === null || y === x ? x : `${x} → ${y}`);
  const rows = [['NAV', arrow(`${money(b.nav)} ${ctx.numeraire || ''}`.trim(), a && `${money(a.nav)} ${ctx.numeraire || ''}`.trim())]];
  // Before and after share a unit: both in bps or both in percent.
  const pair = (x, y) => {
    const percent = usesPercent([x, y]);
    return arrow(bpsText(x, percent), y === undefined ? null : bpsText(y, percent));
  };
  if (b.total_drift_bps !== undefined) rows.push(['total drift', pair(b.total_drift_bps, a ? a.total_drift_bps : undefined)]);
  const floors = ctx.policy && Array.isArray(ctx.policy.floors) ? ctx.policy.floors : [];
  for (const [sel, months] of Object.entries(b.runway_months)) {
    const floor = floors.find((f) => f && f.select === sel && f.min_months !== undefined);
    rows.push([`runway of ${sel}`, `${arrow(`${months} months`, a && a.runway_months[sel] !== undefined ? `${a.runway_months[sel]} months` : null)}${floor ? ` (floor ${floor.min_months})` : ''}`]);
  }
  const backing = ctx.policy && Array.isArray(ctx.policy.backing) ? ctx.policy.backing : [];
  b.backing.forEach((x, i) => {
    if (x.ratio_bps === undefined) return;
    const rule = backing.find((r) => r && r.select === x.select && r.liability === x.liability);
    const after = a && a.backing[i] ? a.backing[i].ratio_bps : undefined;
    rows.push([`backing of ${x.liability}`, `${pair(x.ratio_bps, after)}${rule ? ` (minimum ${bpsText(String(rule.min_ratio_bps), usesPercent([x.ratio_bps]))})` : ''}`]);
  });
  return el('table', { class: 'summary', part: 'summary' },
    el('caption', { class: 'visually-hidden' }, 'Summary, before and after'),
    el('tbody', {}, rows.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, v)))));
}

function figureLine(f, ctx) {
  const percent = usesPercent([f.observed, f.limit, f.before]);
  const shown = (v) => (f.unit === 'bps' ? bpsText(v, percent) : f.unit && f.unit === ctx.numeraire ? `${money(v)} ${f.unit}`
    : f.unit ? `${v} ${f.unit}` : v);
  const parts = [];
  if (f.observed !== undefined) parts.push(el('span', {}, 'observed ', el('b', {}, shown(f.observed))));
  if (f.limit !== undefined) parts.push(el('span', {}, 'limit ', el('b', {}, shown(f.limit))));
  if (f.before !== undefined) parts.push(el('span', {}, 'before ', el('b', {}, shown(f.before))));
  return parts.length ? el('div', { class: 'figures' }, parts) : null;
}

/** One finding: a button revealing it in the editor (onSelect(finding)), then its figures. */
export function findingItem(f, onSelect, ctx = {}) {
  return el('li', { class: `finding severity-${f.severity}` },
    el('button', { type: 'button', class: 'finding-button', 'data-rule': f.rule, 'data-path': f.path,
      'aria-label': `${f.severity} ${f.rule} ${f.subject}: ${f.text ?? f.message}. Show in editor`,
      onclick: () => onSelect && onSelect(f) },
    el('div', { class: 'finding-head' },
      el('span', { class: `badge badge-${f.severity}` }, f.severity),
      el('code', { class: 'rule' }, f.rule),
      el('span', { class: 'subject' }, f.subject),
      f.id ? el('span', { class: 'rule-id' }, `[${f.id}]`) : null),
    el('div', { class: 'message' }, f.text ?? f.message)),
    el('div', { class: 'finding-figures' },
      figureLine(f, ctx),
      f.max_passing !== undefined ? el('div', { class: 'max-passing' }, 'largest passing amount: ',
        amountNode(f.max_passing, f.max_passing_asset, ctx)) : null,
      el('div', { class: 'path' }, f.path, f.rule_path ? ` · rule ${f.rule_path}` : '')));
}

/** The findings of a report (or a stress scenario). */
export function findingsList(findings, onSelect, emptyText = 'No findings: the proposal complies.', ctx = {}) {
  if (!findings.length) return el('p', { class: 'empty' }, emptyText);
  return el('ul', { class: 'findings', part: 'findings' }, findings.map((f) => findingItem(f, onSelect, ctx)));
}

/** Input errors, each a button that reveals its document and path. */
export function errorsList(errors, onSelect) {
  return el('ul', { class: 'findings errors' }, errors.map((e) =>
    el('li', { class: 'finding severity-error' },
      el('button', { type: 'button', class: 'finding-button', 'data-code': e.code, 'data-path': e.path,
        'aria-label': `input error ${e.code} in ${e.document} at ${e.path || '/'}: ${e.message}. Show in editor`,
        onclick: () => onSelect && onSelect(e) },
      el('div', { class: 'finding-head' }, el('span', { class: 'badge badge-error' }, 'input'),
        el('code', { class: 'rule' }, e.code), el('span', { class: 'subject' }, `${e.document} ${e.path || '/'}`)),
      el('div', { class: 'message' }, e.message)))));
}

// The action figures the per-action rules judge: column label, report field, rule.
const RATE_COLUMNS = [
  ['loss', 'loss_bps', 'swap.loss'],
  ['impact', 'price_impact_bps', 'swap.price_impact'],
  ['slippage', 'slippage_bps', 'swap.slippage'],
  ['pool share', 'pool_share_bps', 'swap.pool_share'],
  ['oracle dev.', 'oracle_deviation_bps', 'swap.oracle_deviation'],
];

/** The proposal with action `index` rewritten to its suggested fix (amount and bound). */
export function applyFix(proposal, index, suggested) {
  const next = JSON.parse(JSON.stringify(proposal));
  const action = next.actions[index];
  for (const [k, v] of Object.entries(suggested)) action[k] = v;
  return next;
}

/**
 * Per-action figures in token units: amounts, value, the rates with the breaching cells marked
 * and their limits, and the suggested fix with an Apply button (onApply(index, suggested)).
 */
export function actionsTable(report, ctx = {}, onApply = null) {
  const actions = report.actions;
  if (!actions || !actions.length) return el('p', { class: 'empty' }, report.mode === 'status' ? 'No proposal: the status of the treasury.' : 'No actions.');
  const breaches = new Map();
  for (const f of report.findings) breaches.set(`${f.path} ${f.rule}`, f);
  const cell = (label, ...children) => el('td', { 'data-label': label }, ...children);
  const amount = (v, asset) => (v === undefined ? '–' : amountNode(v, asset, ctx));
  const value = (v) => (v === undefined ? '–' : money(v));
  const head = ['#', 'action', 'amounts', `value${ctx.numeraire ? ` (${ctx.numeraire})` : ''}`, ...RATE_COLUMNS.map((c) => c[0]), 'suggested fix'];
  const rows = actions.map((a) => {
    const path = `/proposal/actions/${a.index}`;
    if (a.type === 'transfer') {
      return el('tr', {}, cell('#', String(a.index)), cell('action', `transfer to `, el('code', { title: a.to }, `${a.to.slice(0, 8)}…${a.to.slice(-4)}`)),
        cell('amounts', amount(a.amount, a.asset)), cell('value', value(a.value)),
        ...RATE_COLUMNS.map(([label]) => cell(label, '–')), cell('suggested fix', '–'));
    }
    if (a.type !== 'swap') {
      // approve, wrap, unwrap, call: what it does in one cell.
      const short = (addr) => el('code', { title: addr }, `${addr.slice(0, 8)}…${addr.slice(-4)}`);
      const what = a.type === 'approve' ? ['approve ', a.asset, ' for ', short(a.spender)]
        : a.type === 'call' ? [a.delegatecall ? 'delegatecall ' : 'call ', short(a.to), a.selector ? ` ${a.selector}` : '']
          : [a.type];
      const unlimited = a.amount === '115792089237316195423570985008687907853269984665640564039457584007913129639935';
      const amounts = a.type === 'call' ? (a.value !== '0' ? `${a.value} wei` : '–') : unlimited ? 'unlimited' : amount(a.amount, a.asset);
      return el('tr', {}, cell('#', String(a.index)), cell('action', ...what), cell('amounts', amounts), cell('value', '–'),
        ...RATE_COLUMNS.map(([label]) => cell(label, '–')), cell('suggested fix', '–'));
    }
    const exactIn = a.mode === 'exact_in';
    const rates = RATE_COLUMNS.map(([label, field, rule]) => {
      const f = breaches.get(`${path} ${rule}`);
      const percent = usesPercent([a[field], f && f.limit]);
      const v = a[field] === undefined ? '–' : bpsText(a[field], percent);
      if (!f) return el('td', { class: 'num', 'data-label': label }, v);
      const limit = bpsText(f.limit, percent);
      return el('td', { class: `num breach breach-${f.severity}`, 'data-label': label,
        'aria-label': `${label} ${v}, above the ${f.severity === 'error' ? 'limit' : 'warning limit'} ${limit}` },
      v, el('span', { class: 'cell-limit' }, `max ${limit}`));
    });
    let fix = '–';
    if (a.suggested) {
      const stated = exactIn ? amount(a.suggested.amount_in, a.sell) : amount(a.suggested.amount_out, a.buy);
      const bound = exactIn ? a.suggested.min_amount_out : a.suggested.max_amount_in;
      fix = el('div', { class: 'fix' }, el('div', {}, exactIn ? 'sell ' : 'buy ', stated),
        bound !== undefined ? el('div', {}, exactIn ? 'min out ' : 'max in ', amount(bound, exactIn ? a.buy : a.sell)) : null,
        onApply ? el('button', { type: 'button', class: 'apply', 'data-index': String(a.index),
          'aria-label': `Apply the suggested fix to action ${a.index}`, onclick: () => onApply(a.index, a.suggested) }, 'Apply') : null);
    }
    return el('tr', {},
      cell('#', String(a.index)),
      cell('action', `swap ${a.sell} → ${a.buy} on `, el('code', {}, a.route ? a.route.join(' → ') : a.venue)),
      cell('amounts', el('div', {}, exactIn ? amount(a.amount_in, a.sell) : amount(a.expected_in, a.sell), ' →'),
        el('div', {}, exactIn ? amount(a.expected_out, a.buy) : amount(a.amount_out, a.buy)),
        (exactIn ? a.min_amount_out : a.max_amount_in) !== undefined
          ? el('div', { class: 'bound' }, exactIn ? 'min out ' : 'max in ', exactIn ? amount(a.min_amount_out, a.buy) : amount(a.max_amount_in, a.sell)) : null),
      cell('value', el('div', {}, value(a.value_in), ' →'), el('div', {}, value(a.value_out))),
      ...rates,
      cell('suggested fix', fix));
  });
  return el('div', { class: 'table-wrap' }, el('table', { class: 'actions' },
    el('caption', { class: 'visually-hidden' }, 'Per-action figures; cells above a limit are marked, with the limit'),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, rows)));
}

/**
 * Allocation chart: one row per selector, all on one 0–100 % scale: the target band (shaded),
 * the policy's max/min limits (lines), the weight before (outline) and after (solid).
 */
export function allocationChart(report, policy) {
  const before = report.before;
  if (!before) return el('p', { class: 'empty' }, 'No allocation figures.');
  const after = report.after;
  const selectors = Object.keys(before.selectors);
  if (!selectors.length) return el('p', { class: 'empty' }, 'The policy names no selectors.');
  const targets = new Map(before.targets.map((t) => [t.select, t]));
  // Limits per selector: each {bound (bps of NAV on this scale), kind max|min, warning, of, stated}.
  // A limit relative to a group (`of`) is drawn at its share of the group's weight after the proposal.
  const limits = new Map();
  const state = after || before;
  for (const l of (policy && Array.isArray(policy.limits) ? policy.limits : [])) {
    if (!l || typeof l.select !== 'string') continue;
    const group = l.of === undefined ? 10000 : Number(state.selectors[l.of] ? state.selectors[l.of].weight_bps : NaN);
    if (!Number.isFinite(group)) continue;
    for (const kind of ['max', 'min']) {
      const stated = l[`${kind}_bps`];
      if (typeof stated !== 'number') continue;
      const list = limits.get(l.select) || [];
      list.push({ kind, stated, of: l.of, warning: l.severity === 'warning', bound: (stated * group) / 10000 });
      limits.set(l.select, list);
    }
  }
  const limitText = (m) => `${m.kind} ${(m.stated / 100).toFixed(2)} %${m.of ? ` of ${m.of}` : ''}${m.warning ? ' (warning)' : ''}`;
  const label = 150, width = 720, right = 230, rowH = 34, top = 30;
  const plot = width - label - right;
  const x = (bps) => label + (Math.max(0, Math.min(10000, bps)) / 10000) * plot;
  const height = top + selectors.length * rowH + 40;
  const nodes = [];
  const described = [];
  for (const pct of [0, 25, 50, 75, 100]) {
    nodes.push(svg('line', { x1: x(pct * 100), x2: x(pct * 100), y1: top - 6, y2: height - 34, class: 'grid' }));
    nodes.push(svg('text', { x: x(pct * 100), y: top - 10, class: 'axis', 'text-anchor': 'middle' }, `${pct}%`));
  }
  selectors.forEach((sel, i) => {
    const y = top + i * rowH;
    const b = Number(before.selectors[sel].weight_bps);
    const a = after ? Number(after.selectors[sel].weight_bps) : null;
    nodes.push(svg('text', { x: label - 8, y: y + 18, class: 'label', 'text-anchor': 'end' }, sel));
    const t = targets.get(sel);
    if (t) {
      const lo = t.target_bps - t.band_bps, hi = t.target_bps + t.band_bps;
      nodes.push(svg('rect', { x: x(lo), y: y + 2, width: Math.max(1, x(hi) - x(lo)), height: rowH - 8, class: 'band' },
        svg('title', {}, `target ${t.target_bps} ± ${t.band_bps} bps`)));
      nodes.push(svg('line', { x1: x(t.target_bps), x2: x(t.target_bps), y1: y + 2, y2: y + rowH - 6, class: 'target' }));
    }
    nodes.push(svg('rect', { x: label, y: y + 6, width: Math.max(0.5, x(b) - label), height: 9, class: 'before' },
      svg('title', {}, `before ${b.toFixed(2)} bps`)));
    if (a !== null) {
      nodes.push(svg('rect', { x: label, y: y + 17, width: Math.max(0.5, x(a) - label), height: 9, class: 'after' },
        svg('title', {}, `after ${a.toFixed(2)} bps`)));
    }
    const lims = limits.get(sel) || [];
    for (const m of lims) {
      const cls = `limit limit-${m.kind}${m.of ? ' limit-relative' : ''}${m.warning ? ' limit-warning' : ''}`;
      nodes.push(svg('line', { x1: x(m.bound), x2: x(m.bound), y1: y, y2: y + rowH - 4, class: cls }, svg('title', {}, limitText(m))));
    }
    const text = a === null ? `${(b / 100).toFixed(2)}%` : `${(b / 100).toFixed(2)}% → ${(a / 100).toFixed(2)}%`;
    nodes.push(svg('text', { x: width - right + 8, y: y + 14, class: 'value' }, text));
    // The target and limits in words, visible without hovering.
    const words = [t ? `target ${(t.target_bps / 100).toFixed(0)} ± ${(t.band_bps / 100).toFixed(0)} %` : '', ...lims.map(limitText)].filter(Boolean);
    if (words.length) nodes.push(svg('text', { x: width - right + 8, y: y + 27, class: 'limits-text' }, words.join(', ')));
    described.push(`${sel} ${(b / 100).toFixed(2)} %${a === null ? '' : ` to ${(a / 100).toFixed(2)} %`}${words.length ? ` (${words.join(', ')})` : ''}`);
  });
  const ly = height - 14;
  const legend = [
    ['rect', { x: label, y: ly - 8, width: 14, height: 9, class: 'before' }, 'before'],
    ['rect', { x: label + 80, y: ly - 8, width: 14, height: 9, class: 'after' }, 'after'],
    ['rect', { x: label + 150, y: ly - 10, width: 14, height: 12, class: 'band' }, 'target band'],
    ['line', { x1: label + 257, x2: label + 257, y1: ly - 11, y2: ly + 2, class: 'limit' }, 'limit'],
    ['line', { x1: label + 310, x2: label + 310, y1: ly - 11, y2: ly + 2, class: 'limit limit-relative' }, 'of a group'],
    ['line', { x1: label + 400, x2: label + 400, y1: ly - 11, y2: ly + 2, class: 'limit limit-warning' }, 'warning'],
  ];
  for (const [tag, attrs, text] of legend) {
    nodes.push(svg(tag, attrs));
    const tx = (attrs.x ?? attrs.x1) + 20;
    nodes.push(svg('text', { x: tx, y: ly, class: 'legend' }, text));
  }
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': `Allocation by selector, before and after, with target bands and limits: ${described.join('; ')}` },
  svg('title', {}, 'Allocation before and after, on one 0–100 % scale'), nodes);
}

/** Stress scenarios and their findings. */
export function stressList(report, onSelect, ctx = {}) {
  if (!report.stress || !report.stress.length) return el('p', { class: 'empty' }, 'The policy has no stress scenarios.');
  return el('div', { class: 'stress' }, report.stress.map((s) => el('section', { class: 'scenario' },
    el('h3', {}, s.name, ' ', el('span', { class: s.findings.length ? 'bad' : 'good' },
      s.findings.length ? `${s.findings.length} finding${s.findings.length === 1 ? '' : 's'}` : 'no findings')),
    s.findings.length ? findingsList(s.findings, onSelect, undefined, ctx) : null)));
}
