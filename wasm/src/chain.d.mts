// Types of @ballast/checker/chain (src/chain.mjs).
import type { Client } from 'viem';
import type { Treasury } from '../dist/index.js';
import { BallastError } from './errors.mjs';

/** A price read from a Chainlink aggregator (USD feeds for a USD numeraire), or fixed. */
export type SnapshotPrice = { fixed: string } | { chainlink: string; max_age_hours?: number };

/** snapshot-config/1: what ballast-snapshot reads from the chain. */
export interface SnapshotConfig {
  ballast: 'snapshot-config/1';
  chain_id: number;
  /** the account (Safe) whose balances are read */
  account: string;
  numeraire: string;
  /** tokens by address (decimals and balances are read), or the chain's coin with `native: true` */
  assets: Array<{ id: string; address?: string; native?: true; chain?: string; tags?: string[]; price: SnapshotPrice }>;
  /** pools by address; token order, fees, tick spacing, reserves, ticks and coins are read */
  venues?: Array<{
    id: string;
    kind: 'uniswap_v2' | 'uniswap_v3' | 'curve_stableswap' | 'limit_order';
    address?: string;
    /** uniswap_v3: bitmap words read on each side of the price's word (0–64, default 2) */
    tick_words?: number;
    /** uniswap_v2: the pair's fee in bps for forks (default 30) */
    fee_bps?: number;
    /** curve_stableswap: the exchange signature family */
    template?: 'plain' | 'ng' | 'crypto';
  }>;
  /** passed through to the treasury */
  contracts?: Treasury['contracts'];
  obligations?: Treasury['obligations'];
  history?: Treasury['history'];
  /** Multicall3's address where it is not the canonical one */
  multicall?: string;
}

export interface SnapshotOptions {
  config: SnapshotConfig | string;
  /** an HTTP JSON-RPC endpoint */
  rpc?: string;
  /** an EIP-1193 provider (a browser wallet) */
  provider?: { request(args: { method: string; params?: unknown }): Promise<unknown> };
  /** a viem client */
  client?: Client;
  /** the block (default: the latest) */
  block?: number | bigint;
  /** retries of a transient RPC failure (default 3) */
  retries?: number;
  /** per-request timeout for `rpc`, ms (default 20000) */
  timeoutMs?: number;
  /** the most initialized ticks a v3 venue may have in its window (default and ceiling: MAX_TICKS) */
  maxTicks?: number;
}

/** A failed snapshot: `code` says what kind, `subject` the asset or venue, `call` the read, `path` the config pointer. */
export type SnapshotError = BallastError & { subject?: string; call?: string; address?: string; path?: string };

/** Reads a treasury/1 at one block (with `block`, `as_of` the block's time, `account`, `chain_id`). */
export function snapshot(options: SnapshotOptions): Promise<Treasury & { block: number }>;
/** Reads a snapshot-config/1 strictly; throws BallastError `invalid_config` with `path`. */
export function readConfig(config: SnapshotConfig | string): SnapshotConfig;
/** `value / 10^decimals` as an exact decimal string. */
export function decimalOf(value: bigint, decimals: number): string;
/** The bitmap words read for a v3 pool and the tick window they cover. */
export function tickWords(tick: number, spacing: number, words: number): { words: number[]; window: [number, number] };
export const MULTICALL3: string;
export const MAX_TICKS: number;
