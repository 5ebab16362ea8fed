// Types of the @ballast/checker package. Reports follow the report/1 format of the specification.

/** An input error: nothing was evaluated. */
export interface Diagnostic {
  code: string;
  document: string;
  /** JSON pointer inside `document`. */
  path: string;
  message: string;
}

export type Severity = 'error' | 'warning';

/** One rule outcome. Figures are decimal strings, rounded half-to-even. */
export interface Finding {
  rule: string;
  severity: Severity;
  id?: string;
  subject: string;
  /** JSON pointer into the case: the action for per-action rules, else the policy rule. */
  path: string;
  rule_path?: string;
  observed?: string;
  limit?: string;
  before?: string;
  unit?: string;
  /** The largest amount of the action's stated amount that passes this rule. */
  max_passing?: string;
  message: string;
}

export interface StateFigures {
  nav: string;
  assets: Array<{ id: string; balance: string; value: string; weight_bps: string }>;
  selectors: Record<string, { value: string; weight_bps: string }>;
  targets: Array<{
    select: string;
    target_bps: number;
    band_bps: number;
    weight_bps: string;
    deviation_bps: string;
    in_band: boolean;
  }>;
  total_drift_bps?: string;
  runway_months: Record<string, string>;
  backing: Array<{ select: string; liability: string; ratio_bps?: string }>;
}

export interface SwapFigures {
  index: number;
  type: 'swap';
  venue: string;
  sell: string;
  buy: string;
  mode: 'exact_in' | 'exact_out';
  amount_in?: string;
  expected_out?: string;
  min_amount_out?: string;
  amount_out?: string;
  expected_in?: string;
  max_amount_in?: string;
  value_in?: string;
  value_out?: string;
  loss_bps?: string;
  price_impact_bps?: string;
  slippage_bps?: string;
  pool_share_bps?: string;
  oracle_deviation_bps?: string;
}

export interface TransferFigures {
  index: number;
  type: 'transfer';
  asset: string;
  to: string;
  amount?: string;
  value?: string;
}

export interface Report {
  ballast: 'report/1';
  engine: { name: 'ballast'; version: string };
  mode: 'check' | 'status';
  proposal?: string;
  /** check: pass | fail | error; status: pass | attention (any finding) | error. */
  verdict: 'pass' | 'fail' | 'attention' | 'error';
  summary: { errors: number; warnings: number; input_errors: number };
  findings: Finding[];
  errors: Diagnostic[];
  before?: StateFigures;
  after?: StateFigures;
  actions?: Array<SwapFigures | TransferFigures>;
  stress?: Array<{ name: string; findings: Finding[] }>;
}

export interface Validation {
  valid: boolean;
  /** The document's "ballast" kind when readable, e.g. "policy/1". */
  kind: string;
  errors: Diagnostic[];
}

/** A document as a parsed object or as JSON text. Amounts may be `bigint` in objects (written as
 * the decimal strings the documents use). */
export type DocumentInput = object | string;

export interface CaseDocuments {
  policy: DocumentInput;
  treasury: DocumentInput;
  proposal: DocumentInput;
}

/** The document kinds (the core's registry; a package test keeps this list equal to documentKinds()). */
export type DocumentKindName = 'policy' | 'treasury' | 'proposal' | 'case' | 'report' | 'diff';

export type SchemaKind = DocumentKindName | `${DocumentKindName}/1`;

/** One document kind: its name, its "ballast" tag, and whether Ballast reads it (else writes it). */
export interface DocumentKind {
  name: DocumentKindName;
  tag: `${DocumentKindName}/1`;
  input: boolean;
}

/** One change between two policies (diff/1). */
export interface PolicyChange {
  /** JSON pointer in the new policy (in the old one for what was removed). */
  path: string;
  /** The rule id of the registry ("limit.max"), or "policy" for document fields. */
  rule: string;
  subject: string;
  change: 'relaxed' | 'tightened' | 'added' | 'removed' | 'changed';
  old?: string;
  new?: string;
  message: string;
}

export interface StatusFindingSummary {
  rule: string;
  severity: 'error' | 'warning';
  subject: string;
  id?: string;
  message: string;
}

/** What `ballast diff` reports: see the diff/1 JSON Schema. */
export interface PolicyDiff {
  ballast: 'diff/1';
  engine: { name: 'ballast'; version: string };
  verdict: 'relaxed' | 'tightened' | 'mixed' | 'neutral' | 'error';
  summary: { relaxed: number; tightened: number; added: number; removed: number; changed: number };
  changes: PolicyChange[];
  errors: Diagnostic[];
  status?: {
    old: { verdict: 'pass' | 'attention'; errors: number; warnings: number };
    new: { verdict: 'pass' | 'attention'; errors: number; warnings: number };
    appeared: StatusFindingSummary[];
    disappeared: StatusFindingSummary[];
  };
}

export interface LoadOptions {
  /** The bytes of ballast_wasm.wasm (bundlers, offline use). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch ballast_wasm.wasm from (CDNs); default: beside the module. */
  wasmUrl?: string | URL;
}

export interface Ballast {
  /** Checks {policy, treasury, proposal}, a case object, or case JSON text; returns the report. */
  check(input: CaseDocuments | DocumentInput): Report;
  /** Checks case JSON text; returns the report text exactly as `ballast check --format json` prints it (without its newline). */
  checkJson(text: string): string;
  /** Validates one document of any kind. */
  validate(document: DocumentInput): Validation;
  /** Monitoring report of a policy on a treasury snapshot. */
  status(input: { policy: DocumentInput; treasury: DocumentInput }): Report;
  /** Compares two policies: what the new one relaxes, tightens, adds and removes; with a treasury, its status under both. */
  diff(oldPolicy: DocumentInput, newPolicy: DocumentInput, treasury?: DocumentInput): PolicyDiff;
  /** The JSON Schema (draft 2020-12) of a document kind. Throws BallastError("unknown_kind"). */
  schema(kind: SchemaKind): Record<string, unknown>;
  version(): string;
  /** The document kinds this version reads and writes. */
  documentKinds(): DocumentKind[];
  /** Linear memory size and bytes allocated, for leak checks. */
  stats(): { memoryBytes: number; heapInUse: number };
}

export type BallastErrorCode = 'invalid_argument' | 'not_loaded' | 'unknown_kind' | 'load_failed';

/** Thrown only on misuse; bad documents give a report with verdict "error". */
export declare class BallastError extends Error {
  readonly code: BallastErrorCode;
  constructor(code: BallastErrorCode, message: string, options?: { cause?: unknown });
}

/** Loads the module once (memoized) and returns the API. */
export declare function load(options?: LoadOptions): Promise<Ballast>;

export declare function check(input: CaseDocuments | DocumentInput): Report;
export declare function checkJson(text: string): string;
export declare function validate(document: DocumentInput): Validation;
export declare function status(input: { policy: DocumentInput; treasury: DocumentInput }): Report;
export declare function diff(oldPolicy: DocumentInput, newPolicy: DocumentInput, treasury?: DocumentInput): PolicyDiff;
export declare function schema(kind: SchemaKind): Record<string, unknown>;
export declare function version(): string;
export declare function documentKinds(): DocumentKind[];
