import { appendFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Clock } from '../../kernel/clock.ts';
import type { Config } from '../../kernel/config.ts';
import { type DbOrTx, withTransaction } from '../../kernel/db.ts';
import {
  insertCheckpoint,
  latestCheckpoint,
  pendingEvents,
  saveIntegration,
  takeSequencerLock,
  treeState,
} from './audit.queries.ts';
import { contentString } from './audit-chain.ts';
import { checkpointBody, checkpointFile, checkpointNote, loadSigner, type Signer } from './checkpoint-key.ts';
import { Frontier, leafHash, type StoredNode } from './merkle.ts';

/**
 * The sequencer (issue 18). Requests insert audit events with no lock; this integrates the committed ones
 * into the Merkle tree, one integrator at a time across processes (a transaction-scoped advisory lock that
 * only the sequencer takes). The leaf index is assigned here, in the order events are integrated, so an
 * event whose transaction commits late simply gets a later index (no commit-order trap): the pending mark
 * is written in the event's own transaction and only becomes visible when it commits.
 */
export interface SequencerDeps {
  db: DbOrTx;
  config: Config;
  clock: Clock;
  log?: Logger;
}

/** Integrates up to `AUDIT_BATCH` pending events; returns how many (0 when another process holds the lock). */
export async function integrateAudit(deps: SequencerDeps, opts: { wait?: boolean } = {}): Promise<number> {
  return withTransaction(deps.db, async (trx) => {
    if (!(await takeSequencerLock(trx, opts.wait ?? false))) return 0;
    const events = await pendingEvents(trx, deps.config.AUDIT_BATCH);
    if (events.length === 0) return 0;
    const state = await treeState(trx, true);
    const f = new Frontier(state.size, state.frontier);
    const nodes: StoredNode[] = [];
    const leaves = events.map((e) => {
      const h = leafHash(contentString(e));
      const idx = f.size;
      f.append(h, nodes);
      return { idx, seq: e.seq, hash: h };
    });
    await saveIntegration(trx, leaves, nodes, { size: f.size, root: f.root(), frontier: f.hashes });
    return events.length;
  });
}

/** Integrates until nothing is pending (CLI, tests, before a backup). */
export async function integrateAll(deps: SequencerDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await integrateAudit(deps, { wait: true });
    total += n;
    if (n === 0) return total;
  }
}

let cachedSigner: { dataDir: string; signer: Signer } | undefined;
function signerFor(config: Config): Signer {
  if (cachedSigner?.dataDir !== config.dataDir || config.CHARTKEEPER_AUDIT_KEY)
    cachedSigner = { dataDir: config.dataDir, signer: loadSigner(config) };
  return cachedSigner.signer;
}

export interface SignedCheckpoint {
  tree_size: number;
  root: Buffer;
  key_id: string;
  signature: Buffer;
  note: string;
  signed_at: Date;
}

/**
 * Signs the current tree if it grew since the last checkpoint: writes it to audit_checkpoint, appends it
 * to the checkpoint file outside the database and, when AUDIT_WITNESS_URL is set, posts the note there.
 */
export async function checkpointAudit(deps: SequencerDeps): Promise<SignedCheckpoint | undefined> {
  const signed = await withTransaction(deps.db, async (trx) => {
    await takeSequencerLock(trx, true);
    const state = await treeState(trx);
    const last = await latestCheckpoint(trx);
    if (state.size === 0 || (last && last.tree_size >= state.size)) return undefined;
    const signer = signerFor(deps.config);
    const body = checkpointBody(state.size, state.root);
    const signature = signer.sign(body);
    const c: SignedCheckpoint = {
      tree_size: state.size,
      root: state.root,
      key_id: signer.keyId,
      signature,
      note: checkpointNote(body, signer.keyId, signature),
      signed_at: deps.clock.now(),
    };
    await insertCheckpoint(trx, c);
    // Appended before commit: a checkpoint the database lost is still in the file, never the reverse.
    appendFileSync(
      checkpointFile(deps.config),
      `${JSON.stringify({
        tree_size: c.tree_size,
        root: c.root.toString('base64'),
        key_id: c.key_id,
        signature: c.signature.toString('base64'),
        signed_at: c.signed_at.toISOString(),
      })}\n`,
      { mode: 0o644 },
    );
    return c;
  });
  if (signed && deps.config.AUDIT_WITNESS_URL) {
    try {
      const r = await fetch(deps.config.AUDIT_WITNESS_URL, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: signed.note,
        signal: AbortSignal.timeout(5000),
      });
      if (!r.ok) deps.log?.warn({ status: r.status }, 'audit witness refused the checkpoint');
    } catch (e) {
      deps.log?.warn({ err: (e as Error).message }, 'audit witness unreachable');
    }
  }
  return signed;
}

/**
 * The in-process loop the server runs: integrate every AUDIT_INTEGRATE_MS (again at once while batches
 * come back full), sign a checkpoint at most every AUDIT_CHECKPOINT_SECONDS while the tree grows.
 * Every server process runs it; the advisory lock elects one integrator per round.
 */
export function startSequencer(deps: SequencerDeps): () => Promise<void> {
  const every = deps.config.AUDIT_INTEGRATE_MS;
  if (every === 0) return async () => undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastCheckpoint = 0;
  const tick = async () => {
    try {
      let n = await integrateAudit(deps);
      while (!stopped && n === deps.config.AUDIT_BATCH) n = await integrateAudit(deps);
      if (Date.now() - lastCheckpoint >= deps.config.AUDIT_CHECKPOINT_SECONDS * 1000) {
        if (await checkpointAudit(deps)) lastCheckpoint = Date.now();
      }
    } catch (e) {
      deps.log?.error({ err: (e as Error).message }, 'audit sequencer round failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, every);
    timer.unref();
  };
  schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
