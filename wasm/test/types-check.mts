// Type-checked (tsc --noEmit) against the package's declarations, which are generated from the
// JSON Schemas; never run. Each @ts-expect-error is a mistake the types must catch: were the
// types loose, tsc would fail on the unused directive.
import {
  load, BallastError, check, prepare, type Report, type Finding, type Validation, type PolicyDiff, type Policy,
  type Treasury, type Proposal, type RuleId, type ErrorCode, type FindingRule, type SwapFigures, type PreparedDocuments,
} from '@ballast/checker';

const policy: Policy = { ballast: 'policy/1', targets: [{ select: 'tag:stable', weight_bps: 4000, band_bps: 500 }] };
const treasury: Treasury = {
  ballast: 'treasury/1', as_of: '2026-11-20T00:00:00Z', numeraire: 'USD',
  assets: [{ id: 'USDC', decimals: 6, balance: 1_000_000n, price: '1' }],
  venues: [{ id: 'uni', kind: 'uniswap_v2', token0: 'USDC', token1: 'WETH', reserve0: '1', reserve1: 2n }],
};
const proposal: Proposal = {
  ballast: 'proposal/1',
  actions: [{ type: 'swap', venue: 'uni', sell: 'USDC', buy: 'WETH', amount_in: 10n ** 6n, min_amount_out: '1' }],
};

// @ts-expect-error: a misspelled field (weight_bp)
const misspelled: Policy = { ballast: 'policy/1', targets: [{ select: 'tag:stable', weight_bp: 4000 }] };
// @ts-expect-error: a wrong kind tag
const wrongKind: Treasury = { ...treasury, ballast: 'treasury/2' };
const bothModes: Proposal = {
  ballast: 'proposal/1',
  // @ts-expect-error: exact_in and exact_out at once
  actions: [{ type: 'swap', venue: 'uni', sell: 'USDC', buy: 'WETH', amount_in: '1', amount_out: '1' }],
};
const v3Fields: Treasury = {
  ...treasury,
  // @ts-expect-error: a Uniswap v2 venue has no tick
  venues: [{ id: 'uni', kind: 'uniswap_v2', token0: 'USDC', token1: 'WETH', reserve0: '1', reserve1: '2', tick: 5 }],
};
// @ts-expect-error: not a rule id
const notARule: RuleId = 'swap.slipage';
const stressed: FindingRule = 'stress.floor.runway';
// @ts-expect-error: not an error code
const notACode: ErrorCode = 'json.syntax_error';

async function main(): Promise<void> {
  const ballast = await load({ wasmUrl: new URL('https://example.invalid/ballast_wasm.wasm') });
  const report: Report = ballast.check({ policy, treasury: '{}', proposal });
  const verdict: 'pass' | 'fail' | 'attention' | 'error' = report.verdict;
  const first: Finding | undefined = report.findings[0];
  const rule: FindingRule | undefined = first?.rule;
  const passing: string | undefined = first?.max_passing;
  const code: ErrorCode | undefined = report.errors[0]?.code;
  for (const a of report.actions ?? []) {
    if (a.type === 'swap') {
      const swap: SwapFigures = a;
      const fix: string | undefined = a.suggested?.min_amount_out;
      void [swap, fix];
    } else if (a.type === 'transfer') {
      const to: string = a.to;
      void to;
    } else if (a.type === 'approve') {
      const spender: string = a.spender;
      void spender;
    } else if (a.type === 'call') {
      const selector: string | undefined = a.selector;
      void selector;
    }
  }
  const prepared: PreparedDocuments = ballast.prepare({ policy, treasury });
  const again: Report = prepared.check(proposal);
  const status: Report = prepared.status();
  prepared.dispose();
  const viaModule: PreparedDocuments = prepare({ policy: '{}', treasury });
  const text: string = ballast.checkJson('{}');
  const v: Validation = ballast.validate({ anything: true });
  const schema = ballast.schema('policy/1');
  const d: PolicyDiff = ballast.diff(policy, '{}');
  const relaxed: number = d.summary.relaxed;
  const stats: { memoryBytes: number; heapInUse: number } = ballast.stats();
  const third: Report = check('{}');
  try {
    ballast.schema('policy');
  } catch (e) {
    if (e instanceof BallastError) {
      const c: 'invalid_argument' | 'not_loaded' | 'unknown_kind' | 'load_failed' | 'disposed' | 'internal' = e.code;
      void c;
    }
  }
  void [verdict, rule, passing, code, again, status, viaModule, text, v, schema, d, relaxed, stats, third];
  // @ts-expect-error: check takes documents, not numbers
  ballast.check(5);
  // @ts-expect-error: unknown schema kind
  ballast.schema('widget');
  // @ts-expect-error: a proposal where the treasury goes
  ballast.status({ policy, treasury: proposal });
}
void [main, misspelled, wrongKind, bothModes, v3Fields, notARule, stressed, notACode];
