// Type-checked (tsc --noEmit) against the package's declarations; never run.
import { load, BallastError, check, type Report, type Finding, type Validation, type PolicyDiff } from '@ballast/checker';

async function main(): Promise<void> {
  const ballast = await load({ wasmUrl: new URL('https://example.invalid/ballast_wasm.wasm') });
  const report: Report = ballast.check({ policy: {}, treasury: '{}', proposal: {} });
  const verdict: 'pass' | 'fail' | 'attention' | 'error' = report.verdict;
  const first: Finding | undefined = report.findings[0];
  const passing: string | undefined = first?.max_passing;
  const text: string = ballast.checkJson('{}');
  const v: Validation = ballast.validate('{}');
  const schema = ballast.schema('policy/1');
  const d: PolicyDiff = ballast.diff({}, '{}');
  const relaxed: number = d.summary.relaxed;
  void [d, relaxed];
  ballast.schema('diff');
  const stats: { memoryBytes: number; heapInUse: number } = ballast.stats();
  const again: Report = check('{}');
  try {
    ballast.schema('policy');
  } catch (e) {
    if (e instanceof BallastError) {
      const code: 'invalid_argument' | 'not_loaded' | 'unknown_kind' | 'load_failed' = e.code;
      void code;
    }
  }
  void [verdict, passing, text, v, schema, stats, again];
  // @ts-expect-error: check takes documents, not numbers
  ballast.check(5);
  // @ts-expect-error: unknown schema kind
  ballast.schema('widget');
}
void main;
