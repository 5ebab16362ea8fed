// Rendering of a Ballast report into DOM nodes: verdict banner, findings, input errors,
// allocation chart (SVG), per-action table, stress scenarios. Used by the page and by the
// <ballast-check> element. Pure DOM building, no state.

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

/** The verdict banner: PASS / FAIL / ATTENTION (status) / INVALID INPUT with counts. */
export function verdictBanner(report) {
  const { verdict, summary } = report;
  const word = verdict === 'error' ? 'INVALID INPUT' : verdict.toUpperCase();
  const counts = verdict === 'error'
    ? `${summary.input_errors} input error${summary.input_errors === 1 ? '' : 's'}, nothing evaluated`
    : `${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`;
  const subject = report.proposal ? ` ${report.proposal}` : '';
  return el('div', { class: `verdict verdict-${verdict}`, part: 'verdict', 'data-verdict': verdict },
    el('strong', { class: 'verdict-word' }, word), el('span', { class: 'verdict-counts' }, `${subject} — ${counts}`));
}

function figureLine(f) {
  const parts = [];
  if (f.observed !== undefined) parts.push(el('span', {}, 'observed ', el('b', {}, f.observed)));
  if (f.limit !== undefined) parts.push(el('span', {}, 'limit ', el('b', {}, f.limit)));
  if (f.before !== undefined) parts.push(el('span', {}, 'before ', el('b', {}, f.before)));
  if (f.unit) parts.push(el('span', { class: 'unit' }, f.unit));
  return parts.length ? el('div', { class: 'figures' }, parts) : null;
}

/** One finding as a button (activating it calls onSelect(finding)). */
export function findingItem(f, onSelect) {
  return el('li', { class: `finding severity-${f.severity}` },
    el('button', { type: 'button', class: 'finding-button', 'data-rule': f.rule, 'data-path': f.path,
      'aria-label': `${f.severity} ${f.rule} ${f.subject}: ${f.message}. Show in editor`,
      onclick: () => onSelect && onSelect(f) },
    el('div', { class: 'finding-head' },
      el('span', { class: `badge badge-${f.severity}` }, f.severity),
      el('code', { class: 'rule' }, f.rule),
      el('span', { class: 'subject' }, f.subject),
      f.id ? el('span', { class: 'rule-id' }, `[${f.id}]`) : null),
    el('div', { class: 'message' }, f.message),
    figureLine(f),
    f.max_passing !== undefined ? el('div', { class: 'max-passing' }, 'largest passing amount: ', el('b', {}, f.max_passing)) : null,
    el('div', { class: 'path' }, f.path, f.rule_path ? ` · rule ${f.rule_path}` : '')));
}

/** The findings of a report (or a stress scenario). */
export function findingsList(findings, onSelect, emptyText = 'No findings: the proposal complies.') {
  if (!findings.length) return el('p', { class: 'empty' }, emptyText);
  return el('ul', { class: 'findings', part: 'findings' }, findings.map((f) => findingItem(f, onSelect)));
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

/** Per-action figures. */
export function actionsTable(actions) {
  if (!actions || !actions.length) return el('p', { class: 'empty' }, 'No actions.');
  const head = ['#', 'action', 'amount', 'expected', 'value in → out', 'loss', 'impact', 'slippage', 'pool share', 'oracle dev.'];
  const dash = (v) => v ?? '–';
  const rows = actions.map((a) => {
    if (a.type === 'transfer') {
      return el('tr', {}, el('td', {}, String(a.index)), el('td', {}, `transfer ${a.asset} → ${a.to.slice(0, 10)}…`),
        el('td', { class: 'num' }, dash(a.amount)), el('td', {}, '–'), el('td', { class: 'num' }, dash(a.value)),
        el('td', {}, '–'), el('td', {}, '–'), el('td', {}, '–'), el('td', {}, '–'), el('td', {}, '–'));
    }
    const exactIn = a.mode === 'exact_in';
    return el('tr', {},
      el('td', {}, String(a.index)),
      el('td', {}, `swap ${a.sell} → ${a.buy} on ${a.venue}`),
      el('td', { class: 'num' }, exactIn ? `in ${dash(a.amount_in)}` : `out ${dash(a.amount_out)}`),
      el('td', { class: 'num' }, exactIn ? `out ${dash(a.expected_out)}` : `in ${dash(a.expected_in)}`),
      el('td', { class: 'num' }, `${dash(a.value_in)} → ${dash(a.value_out)}`),
      ...[a.loss_bps, a.price_impact_bps, a.slippage_bps, a.pool_share_bps, a.oracle_deviation_bps]
        .map((v) => el('td', { class: 'num' }, v === undefined ? '–' : `${v} bps`)));
  });
  return el('div', { class: 'table-wrap' }, el('table', { class: 'actions' },
    el('caption', { class: 'visually-hidden' }, 'Per-action figures (bps = basis points)'),
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
  const limits = new Map();
  for (const l of (policy && Array.isArray(policy.limits) ? policy.limits : [])) {
    if (!l || l.of !== undefined || typeof l.select !== 'string') continue;  // `of` limits use another scale
    const x = limits.get(l.select) || {};
    if (typeof l.max_bps === 'number') x.max = Math.min(x.max ?? Infinity, l.max_bps);
    if (typeof l.min_bps === 'number') x.min = Math.max(x.min ?? -Infinity, l.min_bps);
    limits.set(l.select, x);
  }
  const label = 150, width = 640, right = 150, rowH = 34, top = 30;
  const plot = width - label - right;
  const x = (bps) => label + (Math.max(0, Math.min(10000, bps)) / 10000) * plot;
  const height = top + selectors.length * rowH + 40;
  const nodes = [];
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
    const lim = limits.get(sel);
    if (lim && lim.max !== undefined) nodes.push(svg('line', { x1: x(lim.max), x2: x(lim.max), y1: y, y2: y + rowH - 4, class: 'limit' }, svg('title', {}, `max ${lim.max} bps`)));
    if (lim && lim.min !== undefined && lim.min > -Infinity) nodes.push(svg('line', { x1: x(lim.min), x2: x(lim.min), y1: y, y2: y + rowH - 4, class: 'limit limit-min' }, svg('title', {}, `min ${lim.min} bps`)));
    const text = a === null ? `${(b / 100).toFixed(2)}%` : `${(b / 100).toFixed(2)}% → ${(a / 100).toFixed(2)}%`;
    nodes.push(svg('text', { x: width - right + 8, y: y + 18, class: 'value' }, text));
  });
  const ly = height - 14;
  const legend = [
    ['rect', { x: label, y: ly - 8, width: 14, height: 9, class: 'before' }, 'before'],
    ['rect', { x: label + 80, y: ly - 8, width: 14, height: 9, class: 'after' }, 'after'],
    ['rect', { x: label + 150, y: ly - 10, width: 14, height: 12, class: 'band' }, 'target band'],
    ['line', { x1: label + 257, x2: label + 257, y1: ly - 11, y2: ly + 2, class: 'limit' }, 'limit'],
  ];
  for (const [tag, attrs, text] of legend) {
    nodes.push(svg(tag, attrs));
    const tx = (attrs.x ?? attrs.x1) + 20;
    nodes.push(svg('text', { x: tx, y: ly, class: 'legend' }, text));
  }
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': `Allocation by selector, before and after, with target bands and limits: ${selectors.map((s) =>
      `${s} ${before.selectors[s].weight_bps}${after ? ` to ${after.selectors[s].weight_bps}` : ''} bps`).join('; ')}` },
  svg('title', {}, 'Allocation before and after, on one 0–100 % scale'), nodes);
}

/** Stress scenarios and their findings. */
export function stressList(report, onSelect) {
  if (!report.stress || !report.stress.length) return el('p', { class: 'empty' }, 'The policy has no stress scenarios.');
  return el('div', { class: 'stress' }, report.stress.map((s) => el('section', { class: 'scenario' },
    el('h3', {}, s.name, ' ', el('span', { class: s.findings.length ? 'bad' : 'good' },
      s.findings.length ? `${s.findings.length} finding${s.findings.length === 1 ? '' : 's'}` : 'no findings')),
    s.findings.length ? findingsList(s.findings, onSelect) : null)));
}
