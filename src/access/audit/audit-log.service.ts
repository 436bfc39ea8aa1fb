import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../../kernel/config.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  allCheckpoints,
  countEvents,
  countPending,
  countStoredNodes,
  firstStoredNodeBeyond,
  latestCheckpoint,
  leafBatch,
  leafHashes,
  leafOfEvent,
  legacyChainBatch,
  storedNodeRange,
  storedNodes,
  treeState,
} from './audit.queries.ts';
import { type ChainProblem, ChainVerifier, contentString } from './audit-chain.ts';
import { checkpointFile, trustedKeys, verifyCheckpointSignature } from './checkpoint-key.ts';
import {
  consistencyProof,
  Frontier,
  inclusionProof,
  leafHash,
  nodeHash,
  STORED_LEVEL_STEP,
  type StoredNode,
  type SubtreeSource,
  verifyInclusion,
} from './merkle.ts';

/** What `audit verify` found first, by log index (the leaf index in the Merkle tree). */
export type LogProblem =
  | ChainProblem
  /** The event no longer hashes to its leaf: altered, or moved to another index (reordered). */
  | { kind: 'leaf-mismatch'; index: number; seq: number; id: string }
  /** A leaf, or the event it records, is gone. */
  | { kind: 'missing'; index: number }
  /**
   * A signed checkpoint disagrees with the tree recomputed from the events (a rewritten tail, all hashes
   * recomputed), or its signature does not verify with a trusted key, or it is beyond the end (the log
   * was cut). `index` is the first leaf not covered by an intact earlier checkpoint.
   */
  | { kind: 'checkpoint'; index: number; treeSize: number; reason: 'root' | 'signature' | 'beyond-end' }
  /**
   * A stored interior node (levels 8, 16, …, which inclusion and consistency proofs are built from)
   * differs from the recomputed tree, is missing, or lies beyond the tree. `index` is the first leaf it covers.
   */
  | { kind: 'tree-node'; index: number; level: number; node: number; reason: 'altered' | 'missing' | 'extra' }
  /** The stored tree state (size/root the sequencer extends) differs from the recomputed one. */
  | { kind: 'tree-state'; index: number }
  /** Events in audit_event that are neither in the tree nor waiting for the sequencer. */
  | { kind: 'unlogged'; count: number };

export type VerifyResult =
  | {
      ok: true;
      count: number;
      pending: number;
      /** Checkpoints whose signature and root were checked. */
      checkpoints: number;
      /** Checkpoints signed by a key not in the trusted list (e.g. a restore into a new data directory). */
      untrusted: number;
      treeSize: number;
      root: string;
    }
  | { ok: false; count: number; problem: LogProblem };

interface CheckpointRow {
  tree_size: number;
  root: Buffer;
  key_id: string;
  signature: Buffer;
}

/** Checkpoints in the append-only file outside the database. */
export function fileCheckpoints(config: Config): CheckpointRow[] {
  const file = checkpointFile(config);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const j = JSON.parse(l) as { tree_size: number; root: string; key_id: string; signature: string };
      return {
        tree_size: j.tree_size,
        root: Buffer.from(j.root, 'base64'),
        key_id: j.key_id,
        signature: Buffer.from(j.signature, 'base64'),
      };
    });
}

async function verifyLegacyChain(db: DbOrTx): Promise<ChainProblem | undefined> {
  const v = new ChainVerifier();
  let after = 0;
  for (;;) {
    const batch = await legacyChainBatch(db, after, 20_000);
    for (const row of batch) {
      const p = v.check(row);
      if (p) return p;
    }
    if (batch.length < 20_000) return undefined;
    after = batch.at(-1)!.seq;
  }
}

/**
 * Compares the interior nodes the recomputed tree completed with the stored ones (by level and index);
 * returns the first that differs or is missing.
 */
export async function checkStoredNodes(db: DbOrTx, expected: StoredNode[]): Promise<LogProblem | undefined> {
  const byLevel = new Map<number, StoredNode[]>();
  for (const n of expected) byLevel.set(n.level, [...(byLevel.get(n.level) ?? []), n]);
  let first: Extract<LogProblem, { kind: 'tree-node' }> | undefined;
  for (const [level, list] of byLevel) {
    const lo = list[0]!.index;
    const stored = new Map(
      (await storedNodeRange(db, level, lo, list.at(-1)!.index + 1)).map((r) => [r.idx, r.hash]),
    );
    for (const n of list) {
      const h = stored.get(n.index);
      if (h?.equals(n.hash)) continue;
      const index = n.index * 2 ** level;
      if (!first || index < first.index)
        first = { kind: 'tree-node', index, level, node: n.index, reason: h ? 'altered' : 'missing' };
      break;
    }
  }
  return first;
}

/** How many interior nodes a tree of `size` leaves stores (levels 8, 16, …). */
export function expectedStoredNodes(size: number): number {
  let n = 0;
  for (let level = STORED_LEVEL_STEP; 2 ** level <= size; level += STORED_LEVEL_STEP)
    n += Math.floor(size / 2 ** level);
  return n;
}

/**
 * `chartkeeper audit verify`: checks the pre-issue-18 chain links, then recomputes every leaf from its
 * event and the whole tree in index order, and checks every signed checkpoint (database and file) —
 * signature by a trusted key, and root equal to the recomputed root at its size. Matching roots at every
 * checkpoint is consistency between all of them (each is a prefix of the one recomputed tree). The stored
 * interior nodes that proofs are served from are checked against the recomputed tree too.
 */
export async function verifyAuditLog(
  db: DbOrTx,
  config: Config,
  onProgress?: (checked: number) => void,
): Promise<VerifyResult> {
  const legacy = await verifyLegacyChain(db);
  if (legacy) return { ok: false, count: 0, problem: legacy };

  const keys = trustedKeys(config);
  const bySize = new Map<number, CheckpointRow[]>();
  let untrusted = 0;
  let checkpoints = 0;
  for (const c of [...(await allCheckpoints(db)), ...fileCheckpoints(config)]) {
    // A checkpoint by an unknown key proves nothing either way; the file's copies still catch a rewrite.
    if (!keys.has(c.key_id)) {
      untrusted++;
      continue;
    }
    checkpoints++;
    const list = bySize.get(c.tree_size) ?? [];
    list.push(c);
    bySize.set(c.tree_size, list);
  }
  const f = new Frontier();
  let lastGood = 0;
  const fail = (problem: LogProblem): VerifyResult => ({ ok: false, count: f.size, problem });
  const checkAt = (size: number): LogProblem | undefined => {
    const list = bySize.get(size);
    if (!list) return undefined;
    const root = f.root();
    for (const c of list) {
      if (!verifyCheckpointSignature(keys, c))
        return { kind: 'checkpoint', index: lastGood, treeSize: size, reason: 'signature' };
      // Signed over exactly this size and root: the recomputed tree must have the same root here.
      if (!c.root.equals(root))
        return { kind: 'checkpoint', index: lastGood, treeSize: size, reason: 'root' };
    }
    lastGood = size;
    return undefined;
  };

  const step = 20_000;
  let next = leafBatch(db, 0, step);
  for (let from = 0; ; from += step) {
    const batch = await next;
    if (batch.length === 0) break;
    next = leafBatch(db, from + step, from + 2 * step);
    const nodes: StoredNode[] = [];
    for (const row of batch) {
      if (row.idx !== f.size || row.id === null) {
        await next.catch(() => undefined);
        return fail({ kind: 'missing', index: f.size });
      }
      const h = leafHash(contentString(row as Parameters<typeof contentString>[0]));
      if (!h.equals(row.leaf_hash)) {
        await next.catch(() => undefined);
        return fail({ kind: 'leaf-mismatch', index: row.idx, seq: row.seq, id: row.id });
      }
      f.append(h, nodes);
      const p = checkAt(f.size);
      if (p) {
        await next.catch(() => undefined);
        return fail(p);
      }
    }
    const bad = nodes.length > 0 ? await checkStoredNodes(db, nodes) : undefined;
    if (bad) {
      await next.catch(() => undefined);
      return fail(bad);
    }
    onProgress?.(f.size);
    if (batch.length < step) {
      await next.catch(() => undefined);
      break;
    }
  }
  const beyond = [...bySize.keys()].filter((s) => s > f.size).sort((a, b) => a - b)[0];
  if (beyond !== undefined)
    return fail({ kind: 'checkpoint', index: f.size, treeSize: beyond, reason: 'beyond-end' });
  const extra = (await countStoredNodes(db)) - expectedStoredNodes(f.size);
  if (extra !== 0) {
    const beyond = await firstStoredNodeBeyond(db, f.size);
    return fail({
      kind: 'tree-node',
      index: f.size,
      level: beyond?.level ?? 0,
      node: beyond?.idx ?? 0,
      reason: 'extra',
    });
  }
  const state = await treeState(db);
  if (state.size !== f.size || !state.root.equals(f.root()))
    return fail({ kind: 'tree-state', index: f.size });
  const pending = await countPending(db);
  const unlogged = (await countEvents(db)) - f.size - pending;
  if (unlogged !== 0) return fail({ kind: 'unlogged', count: unlogged });
  return {
    ok: true,
    count: f.size,
    pending,
    checkpoints,
    untrusted,
    treeSize: f.size,
    root: f.root().toString('base64'),
  };
}

/** One line for the operator naming the first bad index. */
export function describeProblem(p: LogProblem): string {
  switch (p.kind) {
    case 'altered':
      return `event seq ${p.seq} (id ${p.id}) of the old hash chain was altered (its content no longer matches its hash)`;
    case 'broken-link':
      return `event seq ${p.seq} (id ${p.id}) of the old hash chain does not follow the event before it (an event was removed or reordered)`;
    case 'leaf-mismatch':
      return `log index ${p.index} (event seq ${p.seq}, id ${p.id}) does not match its leaf hash (altered or reordered)`;
    case 'missing':
      return `log index ${p.index} is missing (its leaf or its event was deleted)`;
    case 'checkpoint':
      return p.reason === 'beyond-end'
        ? `the log was cut: a signed checkpoint covers ${p.treeSize} events but the tree ends at log index ${p.index}`
        : p.reason === 'signature'
          ? `the checkpoint at tree size ${p.treeSize} has no valid signature by a trusted key; first bad log index ${p.index}`
          : `the tree recomputed from the events disagrees with the signed checkpoint at tree size ${p.treeSize} (rewritten, hashes recomputed); first bad log index ${p.index} (the first event not covered by an intact checkpoint)`;
    case 'tree-node':
      return p.reason === 'extra'
        ? `the stored tree has an interior node beyond its ${p.index} leaves (level ${p.level}, node ${p.node})`
        : `stored tree node level ${p.level}, node ${p.node} (log indexes ${p.index}–${p.index + 2 ** p.level - 1}) ${p.reason === 'missing' ? 'is missing' : 'does not match the tree recomputed from the events'}`;
    case 'tree-state':
      return `the stored tree state disagrees with the events from log index ${p.index}`;
    case 'unlogged':
      return `${p.count} events are neither in the tree nor waiting for the sequencer`;
  }
}

/** Perfect subtree hashes from stored nodes (levels 8, 16, …) or leaves. */
export function storedSource(db: DbOrTx): SubtreeSource {
  return async (start, level) => {
    const base = Math.floor(level / STORED_LEVEL_STEP) * STORED_LEVEL_STEP;
    const from = start / 2 ** base;
    const count = 2 ** (level - base);
    let hs =
      base === 0
        ? await leafHashes(db, start, start + count)
        : await storedNodes(db, base, from, from + count);
    if (hs.length !== count)
      throw new AppError('AUDIT_TREE_INCOMPLETE', 'The stored audit tree is incomplete.', 500);
    while (hs.length > 1) {
      const up: Buffer[] = [];
      for (let i = 0; i < hs.length; i += 2) up.push(nodeHash(hs[i] as Buffer, hs[i + 1] as Buffer));
      hs = up;
    }
    return hs[0] as Buffer;
  };
}

export interface InclusionProof {
  eventId: string;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  rootHash: string;
  proof: string[];
  checkpoint: string;
}

/** `chartkeeper audit prove EVENT_ID`: the event's audit path to the latest signed checkpoint. */
export async function proveAuditEvent(db: DbOrTx, eventId: string): Promise<InclusionProof> {
  const leaf = await leafOfEvent(db, eventId);
  if (!leaf) throw new AppError('NOT_FOUND', `No audit event ${eventId}.`, 404);
  if (leaf.idx === null || leaf.hash === null)
    throw new AppError(
      'AUDIT_PENDING',
      `Event ${eventId} is logged but not yet integrated; try again shortly.`,
      409,
    );
  const cp = await latestCheckpoint(db);
  if (!cp || cp.tree_size <= leaf.idx)
    throw new AppError(
      'AUDIT_PENDING',
      `Event ${eventId} is integrated but not yet in a signed checkpoint.`,
      409,
    );
  const proof = await inclusionProof(storedSource(db), leaf.idx, 0, cp.tree_size);
  if (!verifyInclusion(leaf.idx, cp.tree_size, leaf.hash, proof, cp.root))
    throw new AppError(
      'AUDIT_PROOF_FAILED',
      'The stored tree does not prove this event; run `chartkeeper audit verify`.',
      500,
    );
  return {
    eventId,
    leafIndex: leaf.idx,
    treeSize: cp.tree_size,
    leafHash: leaf.hash.toString('base64'),
    rootHash: cp.root.toString('base64'),
    proof: proof.map((p) => p.toString('base64')),
    checkpoint: cp.note,
  };
}

/** The latest signed checkpoint, and a consistency proof from an earlier size when asked (auditors). */
export async function currentCheckpoint(db: DbOrTx, config: Config, fromSize?: number) {
  const cp = await latestCheckpoint(db);
  if (!cp) throw new AppError('NOT_FOUND', 'No checkpoint has been signed yet.', 404);
  const key = trustedKeys(config).get(cp.key_id);
  let consistency: string[] | undefined;
  if (fromSize !== undefined) {
    if (fromSize > cp.tree_size)
      throw new AppError('VALIDATION', `from (${fromSize}) is beyond the tree size ${cp.tree_size}.`, 400);
    const proof = await consistencyProof(storedSource(db), fromSize, cp.tree_size);
    consistency = proof.map((p) => p.toString('base64'));
  }
  return {
    treeSize: cp.tree_size,
    rootHash: cp.root.toString('base64'),
    keyId: cp.key_id,
    publicKey: key ? key.export({ type: 'spki', format: 'der' }).toString('base64') : null,
    signature: cp.signature.toString('base64'),
    signedAt: cp.signed_at.toISOString(),
    note: cp.note,
    ...(consistency ? { fromSize, consistency } : {}),
  };
}
