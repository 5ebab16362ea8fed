// The page and the <ballast-check> element in a real browser: Debian's Chromium driven by
// playwright-core. Screenshots of each state go to build-web/screenshots for review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../serve.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const site = path.join(root, 'build-web/site');
const shots = path.join(root, 'build-web/screenshots');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

let server, browser, base;
const consoleErrors = [];

before(async () => {
  execFileSync(process.execPath, [path.join(root, 'web/build.mjs'), site]);
  mkdirSync(shots, { recursive: true });
  server = await startServer(site, 0);
  base = `http://127.0.0.1:${server.address().port}`;
  assert.ok(existsSync(executablePath), `no browser at ${executablePath} (Debian package chromium)`);
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

async function openPage(file = '/', options = {}) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, ...options });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${file}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${file}: ${e.message}`));
  await page.goto(base + file);
  return page;
}

const verdictOf = (page) => page.locator('#verdict .verdict').getAttribute('data-verdict');
const rulesShown = (page) => page.locator('#findings .finding-button').evaluateAll((bs) => bs.map((b) => b.dataset.rule || b.dataset.code));

async function pickExample(page, id) {
  await page.waitForSelector('body[data-ready="true"]');
  await page.selectOption('#example', id);
  await page.waitForFunction(() => document.querySelector('#verdict .verdict[data-verdict]'));
}

test('each bundled example shows its verdict and findings', async () => {
  const page = await openPage();
  const expected = {
    'endowment/proposal-compliant': ['pass', []],
    'endowment/proposal-violating': ['fail', ['budget.loss', 'swap.loss', 'swap.min_out_missing', 'swap.pool_share',
      'swap.price_impact', 'swap.slippage', 'trade.max_value', 'recipient.not_allowed']],
    'grants-dao/proposal-compliant': ['pass', []],
    'grants-dao/proposal-violating': ['fail', ['cooldown', 'floor.runway', 'limit.min', 'recipient.not_allowed',
      'recipient.not_allowed']],
    'stablecoin-issuer/proposal-compliant': ['pass', []],
    'stablecoin-issuer/proposal-violating': ['fail', ['backing.ratio', 'limit.max', 'swap.oracle_deviation',
      'swap.price_impact', 'venue.not_allowed']],
  };
  for (const [id, [verdict, rules]] of Object.entries(expected)) {
    await pickExample(page, id);
    await page.waitForFunction((v) => document.querySelector('#verdict .verdict')?.dataset.verdict === v, verdict);
    assert.equal(await verdictOf(page), verdict, id);
    assert.deepEqual((await rulesShown(page)).sort(), [...rules].sort(), id);
    // The chart and the action table are drawn.
    assert.ok(await page.locator('#chart svg.chart').count() === 1, `${id}: chart`);
    assert.ok(await page.locator('#actions table tbody tr').count() >= 1, `${id}: actions`);
    await page.screenshot({ path: path.join(shots, `example-${id.replace('/', '-')}.png`), fullPage: true });
  }
  const banner = await page.locator('#verdict').innerText();
  // 5 + 2 stress findings; the proposal's title and the policy's name
  assert.match(banner, /FAIL\s+RSV-113 — Add ETH exposure and fund operations: 7 errors, 0 warnings under “Stablecoin reserve policy”/);
  await page.context().close();
});

test('clicking a finding reveals the offending JSON in the editor', async () => {
  const page = await openPage();
  await pickExample(page, 'endowment/proposal-violating');
  await page.click('#findings .finding-button[data-rule="trade.max_value"]');
  assert.equal(await page.locator('#tab-proposal').getAttribute('aria-selected'), 'true');
  const selected = await page.evaluate(() => {
    const ta = document.getElementById('proposal');
    return ta.value.slice(ta.selectionStart, ta.selectionEnd);
  });
  assert.match(selected, /^\{"type": "swap", "venue": "univ2-usdc-weth"/);
  // A budget finding points into the policy.
  await page.click('#findings .finding-button[data-rule="budget.loss"]');
  assert.equal(await page.locator('#tab-policy').getAttribute('aria-selected'), 'true');
  const policySel = await page.evaluate(() => {
    const ta = document.getElementById('policy');
    return ta.value.slice(ta.selectionStart, ta.selectionEnd);
  });
  assert.equal(policySel, '{"window_hours": 168, "max_bps": 50}');
  await page.context().close();
});

test('editing a field so that a rule breaks flips the verdict live', async () => {
  const page = await openPage();
  await pickExample(page, 'endowment/proposal-compliant');
  assert.equal(await verdictOf(page), 'pass');
  await page.click('#tab-policy');
  const policy = await page.inputValue('#policy');
  await page.fill('#policy', policy.replace('"max_trade_value": "5000000"', '"max_trade_value": "4000000"'));
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'fail');
  assert.deepEqual(await rulesShown(page), ['trade.max_value']);
  const text = await page.locator('#findings').innerText();
  assert.match(text, /observed 4,680,825\.00 USD/);
  assert.match(text, /limit 4,000,000\.00 USD/);
  // floor(4,000,000 * 10^18 * 100 / 312055): the most WETH (at 3120.55) worth at most 4,000,000,
  // in token units, and its exact base units one click away.
  assert.match(text, /largest passing amount: ≈1,281\.8253 WETH/);
  assert.doesNotMatch(text, /1281825319254618576853/);
  await page.click('#findings .max-passing summary');
  assert.match(await page.locator('#findings .max-passing').innerText(), /1281825319254618576853 base units/);
  await page.screenshot({ path: path.join(shots, 'edited-policy-fail.png'), fullPage: true });
  await page.context().close();
});

test('broken JSON shows the error with its path, and clicking it reveals the spot', async () => {
  const page = await openPage();
  await pickExample(page, 'grants-dao/proposal-compliant');
  await page.click('#tab-treasury');
  const treasury = await page.inputValue('#treasury');
  await page.fill('#treasury', treasury.replace('"decimals": 6,', '"decimals": 6,,'));
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'error');
  const err = await page.locator('#findings').innerText();
  assert.match(err, /json\.syntax/);
  assert.match(err, /treasury \/assets\/0/);
  assert.equal(await page.locator('#tab-treasury.has-error').count(), 1);
  await page.click('#tab-policy');
  await page.click('#findings .finding-button[data-code="json.syntax"]');
  assert.equal(await page.locator('#tab-treasury').getAttribute('aria-selected'), 'true');
  const caret = await page.evaluate(() => {
    const ta = document.getElementById('treasury');
    return ta.value.slice(ta.selectionStart - 1, ta.selectionStart + 1);
  });
  assert.equal(caret, ',,');
  // A schema-level error: a field typo shows its code and path.
  await page.fill('#treasury', treasury.replace('"decimals": 6,', '"decimal": 6,'));
  await page.waitForFunction(() => document.querySelector('#findings')?.innerText.includes('field.unknown'));
  const err2 = await page.locator('#findings').innerText();
  assert.match(err2, /field\.unknown\s+treasury \/assets\/0\/decimal/);
  assert.match(err2, /field\.missing\s+treasury \/assets\/0\/decimals/);
  await page.screenshot({ path: path.join(shots, 'input-error.png'), fullPage: true });
  await page.context().close();
});

test('dropping a case file fills the three editors and checks it', async () => {
  const page = await openPage();
  await page.waitForSelector('body[data-ready="true"]');
  const dir = path.join(root, 'examples/stablecoin-issuer');
  const caseDoc = {
    ballast: 'case/1',
    policy: JSON.parse(readFileSync(path.join(dir, 'policy.json'), 'utf8')),
    treasury: JSON.parse(readFileSync(path.join(dir, 'treasury.json'), 'utf8')),
    proposal: JSON.parse(readFileSync(path.join(dir, 'proposal-violating.json'), 'utf8')),
  };
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'case.json', { type: 'application/json' }));
    return dt;
  }, JSON.stringify(caseDoc));
  await page.dispatchEvent('#dropzone', 'dragover', { dataTransfer });
  await page.dispatchEvent('#dropzone', 'drop', { dataTransfer });
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'fail');
  assert.match(await page.inputValue('#proposal'), /"RSV-113"/);
  assert.match(await page.inputValue('#treasury'), /"treasury\/1"/);
  assert.ok((await rulesShown(page)).includes('backing.ratio'));
  // Three separate files through the file picker work too.
  await page.setInputFiles('#files', ['policy.json', 'treasury.json', 'proposal-compliant.json'].map((f) => path.join(dir, f)));
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'pass');
  await page.context().close();
});

test('a Safe Transaction Builder file in the proposal editor is decoded and checked as the calls it executes', async () => {
  const page = await openPage();
  await pickExample(page, 'endowment/proposal-compliant');
  const dir = path.join(root, 'examples/endowment');
  const batch = readFileSync(path.join(dir, 'batch-violating.json'), 'utf8');
  // Dropped as a file, it goes to the proposal editor and is checked at once.
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'EP-6.48.json', { type: 'application/json' }));
    return dt;
  }, batch);
  await page.dispatchEvent('#dropzone', 'drop', { dataTransfer });
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'fail');
  assert.equal(await page.inputValue('#proposal'), batch);
  const rules = await rulesShown(page);
  for (const r of ['swap.recipient', 'swap.slippage', 'approval.leftover', 'approval.unlimited']) assert.ok(rules.includes(r), r);
  assert.match(await page.locator('#timing').innerText(), /Safe Transaction Builder file, decoded/);
  assert.equal(await page.locator('#actions table tbody tr').count(), 2);
  // A finding on an imported action reveals its transaction in the file.
  await page.click('#findings .finding-button[data-rule="swap.recipient"]');
  const selected = await page.evaluate(() => {
    const ta = document.getElementById('proposal');
    return ta.value.slice(ta.selectionStart, ta.selectionEnd);
  });
  assert.match(selected, /^\{\s*"to": "0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D"/);
  await page.screenshot({ path: path.join(shots, 'tx-builder-batch.png'), fullPage: true });
  // Decoding turns the batch into the proposal/1 it executes; the verdict stays.
  await page.click('#decode');
  await page.waitForFunction(() => document.getElementById('proposal').value.includes('"proposal/1"'));
  const proposal = JSON.parse(await page.inputValue('#proposal'));
  assert.deepEqual(proposal.actions.map((a) => a.type), ['approve', 'swap']);
  assert.equal(proposal.actions[1].recipient, '0x2222222222222222222222222222222222222222');
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'fail');
  assert.ok(await page.locator('#decode').isHidden());
  await page.context().close();
});

test('"Download Safe batch": the passing tranche downloads as the batch export writes; a failing one only by the marked override', async () => {
  const page = await openPage('/', { acceptDownloads: true });
  await pickExample(page, 'endowment/proposal-compliant');
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'pass');
  assert.equal(await page.locator('#export').isDisabled(), false);
  assert.ok(await page.locator('#export-override-label').isHidden());
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await page.click('#export');
  await page.waitForFunction(() => !document.getElementById('export-note').hidden);
  await page.waitForTimeout(200);
  assert.equal(downloads.length, 2);  // the batch, and the CoW order's terms
  const dir = path.join(root, 'examples/endowment');
  const batch = readFileSync(await downloads[0].path(), 'utf8');
  assert.equal(batch, readFileSync(path.join(dir, 'batch-exported.json'), 'utf8'));
  assert.equal(readFileSync(await downloads[1].path(), 'utf8'), readFileSync(path.join(dir, 'batch-exported.orders.json'), 'utf8'));
  assert.match(await page.locator('#export-note').innerText(), /Exported 7 transactions for 0x5afe/);
  // The violating example fails: the button stays off until the override, which marks it.
  await pickExample(page, 'endowment/proposal-violating');
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'fail');
  assert.equal(await page.locator('#export').isDisabled(), true);
  await page.check('#export-override');
  assert.equal(await page.locator('#export').isDisabled(), false);
  assert.match(await page.locator('#export').innerText(), /FAILS/);
  await page.click('#export');
  // Its swap has no minimum: export refuses and says why.
  await page.waitForFunction(() => !document.getElementById('export-note').hidden);
  assert.match(await page.locator('#export-note').innerText(), /Cannot export: \/proposal\/actions\/0 .*min_amount_out/);
  await page.screenshot({ path: path.join(shots, 'export-override.png'), fullPage: true });
  await page.context().close();
});

test('"Plan" fills the proposal editor with tranche 1 of the plan and checks it: it passes', async () => {
  const page = await openPage('/');
  await pickExample(page, 'endowment/proposal-violating');
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'fail');
  await page.click('#plan');
  await page.waitForFunction(() => /tranche 1 \(drift/.test(document.getElementById('plan-note').textContent));
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'pass');
  const expected = JSON.parse(readFileSync(path.join(root, 'examples/endowment/plan.json'), 'utf8'));
  assert.deepEqual(JSON.parse(await page.inputValue('#proposal')), expected.tranches[0].proposal);
  assert.match(await page.locator('#plan-note').innerText(), /reaches the policy in 3 tranches.*next not before 2026-11-21T00:00:00Z/);
  // A treasury the policy cannot read: the plan says why.
  await page.click('#tab-treasury');
  await page.fill('#treasury', '{"ballast": "treasury/1"}');
  await page.click('#plan');
  await page.waitForFunction(() => /Cannot plan/.test(document.getElementById('plan-note').textContent));
  await page.screenshot({ path: path.join(shots, 'plan.png'), fullPage: true });
  await page.context().close();
});

test('keyboard: tabs move with the arrow keys; the report downloads', async () => {
  const page = await openPage('/', { acceptDownloads: true });
  await pickExample(page, 'endowment/proposal-violating');
  await page.focus('#tab-policy');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#tab-treasury').getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-treasury');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const file = await download.path();
  const report = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(report.verdict, 'fail');
  assert.equal(report.proposal, 'EP-6.48');
  await page.click('#theme');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.screenshot({ path: path.join(shots, 'dark-theme.png'), fullPage: true });
  await page.context().close();
});

test('the <ballast-check> element checks the draft and dispatches ballast-report', async () => {
  const page = await openPage('/embed.html');
  await page.waitForFunction(() => document.body.dataset.lastVerdict === 'pass');
  assert.equal(await page.locator('#submit').isDisabled(), false);
  const verdict = await page.locator('ballast-check').evaluate((e) => e.shadowRoot.querySelector('.verdict').dataset.verdict);
  assert.equal(verdict, 'pass');
  await page.screenshot({ path: path.join(shots, 'element-pass.png'), fullPage: true });
  // Break the draft: send to an unlisted address; the element reports, the form locks.
  const events = page.evaluate(() => new Promise((resolve) => {
    document.getElementById('check').addEventListener('ballast-report', (e) => resolve(e.detail), { once: true });
  }));
  const draft = await page.inputValue('#draft');
  await page.fill('#draft', draft.replace('0xFe89cc7aBB2C4183683ab71653C4cdc9B02D44b7', '0x2222222222222222222222222222222222222222'));
  const report = await events;
  assert.equal(report.verdict, 'fail');
  assert.deepEqual(report.findings.map((f) => f.rule), ['recipient.not_allowed']);
  assert.equal(await page.locator('#submit').isDisabled(), true);
  const shown = await page.locator('ballast-check').evaluate((e) => e.shadowRoot.textContent);
  assert.match(shown, /recipient\.not_allowed/);
  // Properties take objects too.
  const objReport = await page.evaluate(async () => {
    const el = document.createElement('ballast-check');
    const get = async (p) => (await fetch(p)).json();
    const done = new Promise((resolve) => el.addEventListener('ballast-report', (e) => resolve(e.detail), { once: true }));
    document.body.append(el);
    const [policy, treasury, proposal] = await Promise.all(['policy', 'treasury', 'proposal-violating']
      .map((d) => get(`examples/grants-dao/${d}.json`)));
    Object.assign(el, { policy, treasury, proposal });
    return done;
  });
  assert.equal(objReport.verdict, 'fail');
  await page.screenshot({ path: path.join(shots, 'element-fail.png'), fullPage: true });
  await page.context().close();
});

test('token units, the summary, and the actions table with breaches marked and limits shown', async () => {
  const page = await openPage();
  await pickExample(page, 'endowment/proposal-violating');
  const summary = await page.locator('#summary').innerText();
  assert.match(summary, /NAV\s+[\d,]+\.\d\d USD → [\d,]+\.\d\d USD/);
  assert.match(summary, /runway of \S+\s+[\d.]+ months → [\d.]+ months \(floor \d+\)/);
  const findings = await page.locator('#findings').innerText();
  assert.match(findings, /largest passing amount: ≈45\.3929 WETH/);  // swap.loss, as the CLI prints it
  assert.match(findings, /largest passing amount: 640 WETH/);       // exact: no ≈
  const table = await page.locator('#actions table').innerText();
  assert.match(table, /3,000 WETH\s*→\s*≈6,360,225\.9798 USDC/);
  assert.doesNotMatch(table, /3000000000000000000000/);
  const breaches = await page.locator('#actions td.breach').evaluateAll((tds) => tds.map((td) => td.innerText));
  assert.ok(breaches.length >= 4, `breaching cells: ${breaches}`);
  for (const b of breaches) assert.match(b, /max /);
  assert.match(await page.locator('#actions td.breach').first().getAttribute('aria-label'), /above the limit/);
  // The table fits its column: no horizontal scrolling at desktop width.
  const overflow = await page.locator('#actions .table-wrap').evaluate((w) => w.scrollWidth - w.clientWidth);
  assert.ok(overflow <= 0, `actions table overflows by ${overflow} px`);
  // The chart states targets and limits in text, and in its accessible name.
  const chart = page.locator('#chart svg.chart');
  assert.match(await chart.getAttribute('aria-label'), /target 60 ± 5 %/);
  assert.ok(await page.locator('#chart .limits-text').count() >= 1);
  await page.screenshot({ path: path.join(shots, 'token-units-summary.png'), fullPage: true });
  await page.context().close();
});

test('applying a suggested fix rewrites the action and flips the verdict', async () => {
  const page = await openPage();
  await pickExample(page, 'endowment/proposal-compliant');
  await page.click('#tab-proposal');
  const draft = await page.inputValue('#proposal');
  await page.fill('#proposal', draft.replace('"amount_in": "100000000000000000000"', '"amount_in": "500000000000000000000"'));
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'fail');
  const apply = page.locator('#actions button.apply[data-index="1"]');
  assert.equal(await apply.count(), 1);
  await apply.click();
  await page.waitForFunction(() => document.querySelector('#verdict .verdict')?.dataset.verdict === 'pass');
  const fixed = JSON.parse(await page.inputValue('#proposal')).actions[1];
  // The suggested fix of the engine (the npm package gives the same numbers).
  assert.deepEqual([fixed.amount_in, fixed.min_amount_out], ['130679363658144771332', '401454272995']);
  await page.screenshot({ path: path.join(shots, 'fix-applied.png'), fullPage: true });
  await page.context().close();
});

test('with no proposal the page shows the treasury status', async () => {
  const page = await openPage();
  await pickExample(page, 'grants-dao/proposal-compliant');
  await page.click('#tab-proposal');
  await page.fill('#proposal', '');
  await page.waitForFunction(() => /treasury status/.test(document.querySelector('#verdict').textContent));
  assert.ok(['pass', 'attention'].includes(await verdictOf(page)));
  assert.match(await page.locator('#actions').innerText(), /No proposal/);
  await page.context().close();
});

test('on a 390 px phone the page fits the screen', async () => {
  const page = await openPage('/', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  await pickExample(page, 'endowment/proposal-violating');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width} px wide`);
  await page.screenshot({ path: path.join(shots, 'phone-390.png'), fullPage: true });
  await page.context().close();
});

test('the element: load errors are shown and dispatched; status without a proposal; properties set before definition', async () => {
  const page = await openPage('/index.html');
  await page.waitForSelector('body[data-ready="true"]');
  const logged = consoleErrors.length;
  const failure = await page.evaluate(async () => {
    await import('./ballast-check.mjs');
    const el = document.createElement('ballast-check');
    const error = new Promise((resolve) => el.addEventListener('ballast-error', (e) => resolve(e.detail), { once: true }));
    el.setAttribute('treasury-src', 'examples/endowment/treasury.json');
    el.setAttribute('policy-src', 'examples/nowhere/policy.json');
    document.body.append(el);
    const detail = await error;
    await new Promise((r) => setTimeout(r, 300));  // the treasury arrives too: the error stays shown
    return { detail, shown: el.shadowRoot.textContent };
  });
  assert.equal(failure.detail.code, 'fetch_failed');
  assert.match(failure.detail.source, /nowhere\/policy\.json$/);
  assert.match(failure.shown, /could not run: policy could not be loaded/);
  // The browser logs the 404 of the missing document: that one is expected.
  const expected404 = consoleErrors.splice(logged).filter((m) => !/status of 404/.test(m));
  assert.deepEqual(expected404, []);

  const status = await page.evaluate(async () => {
    const el = document.createElement('ballast-check');
    const done = new Promise((resolve) => el.addEventListener('ballast-report', (e) => resolve(e.detail), { once: true }));
    el.setAttribute('policy-src', 'examples/grants-dao/policy.json');
    el.setAttribute('treasury-src', 'examples/grants-dao/treasury.json');
    document.body.append(el);
    return done;
  });
  assert.equal(status.mode, 'status');
  await page.context().close();

  // Properties set while <ballast-check> is still an unknown element are taken over on upgrade.
  const fresh = await openPage('/index.html');
  await fresh.waitForSelector('body[data-ready="true"]');
  const upgraded = await fresh.evaluate(async () => {
    const get = async (p) => (await fetch(p)).json();
    const el = document.createElement('ballast-check');
    el.policy = await get('examples/endowment/policy.json');
    el.treasury = await get('examples/endowment/treasury.json');
    el.proposal = await get('examples/endowment/proposal-violating.json');
    document.body.append(el);
    const done = new Promise((resolve) => el.addEventListener('ballast-report', (e) => resolve(e.detail), { once: true }));
    await import('./ballast-check.mjs');
    return done;
  });
  assert.equal(upgraded.verdict, 'fail');
  assert.equal(upgraded.summary.errors, 8);
  await fresh.context().close();
});

test('the element reports an engine that cannot load (ballast-error load_failed), not a wait', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/ballast_wasm.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${base}/embed.html`);
  const detail = await page.evaluate(() => new Promise((resolve) => {
    const el = document.getElementById('check');
    if (document.body.dataset.lastError) resolve({ code: document.body.dataset.lastError });
    el.addEventListener('ballast-error', (e) => resolve(e.detail), { once: true });
  }));
  assert.equal(detail.code, 'load_failed');
  const shown = await page.locator('ballast-check').evaluate((e) => e.shadowRoot.textContent);
  assert.match(shown, /could not run: the checker could not be loaded/);
  assert.match(await page.locator('#status').innerText(), /unavailable/);
  await context.close();
});

test('the element applies a suggested fix and hands the fixed proposal to the portal', async () => {
  const page = await openPage('/embed.html');
  await page.waitForFunction(() => document.body.dataset.lastVerdict === 'pass');
  const draft = await page.inputValue('#draft');
  await page.fill('#draft', draft.replace('"amount_in": "100000000000000000000"', '"amount_in": "500000000000000000000"'));
  await page.waitForFunction(() => document.body.dataset.lastVerdict === 'fail');
  await page.locator('ballast-check button.apply[data-index="1"]').click();
  await page.waitForFunction(() => document.body.dataset.lastVerdict === 'pass');
  assert.equal(JSON.parse(await page.inputValue('#draft')).actions[1].amount_in, '130679363658144771332');
  assert.equal(await page.locator('#submit').isDisabled(), false);
  await page.context().close();
});

test('the page and the element run under a strict Content-Security-Policy', async () => {
  const violations = [];
  const page = await openPage('/csp/embed.html');
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.waitForFunction(() => document.body.dataset.lastVerdict === 'pass');
  const headers = await (await page.request.get(`${base}/csp/embed.html`)).headers();
  assert.match(headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  // The element's styles apply (a constructable stylesheet, not an inline <style>).
  const border = await page.locator('ballast-check').evaluate((e) => getComputedStyle(e.shadowRoot.querySelector('.verdict')).borderTopStyle);
  assert.equal(border, 'solid');
  const app = await openPage('/csp/');
  await pickExample(app, 'endowment/proposal-violating');
  assert.equal(await verdictOf(app), 'fail');
  assert.deepEqual(violations, []);
  await page.context().close();
  await app.context().close();
});

test('no console errors on any page', () => {
  assert.deepEqual(consoleErrors, []);
});
