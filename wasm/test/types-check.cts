// CommonJS TypeScript consumers get declarations of their own (dist/index.d.cts): no TS1479.
import ballast = require('@ballast/checker');

async function main(): Promise<void> {
  const api = await ballast.load();
  const policy: ballast.Policy = { ballast: 'policy/1' };
  const report: ballast.Report = api.check({ policy, treasury: '{}', proposal: '{}' });
  const prepared: ballast.PreparedDocuments = api.prepare({ policy, treasury: '{}' });
  // @ts-expect-error: a misspelled field
  const wrong: ballast.Policy = { ballast: 'policy/1', nmae: 'x' };
  void [report, prepared, wrong];
}
void main;
