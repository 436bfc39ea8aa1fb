import type { Finding } from './rules/index.ts';

/** An open deficiency as stored: identified by encounter + rule + item key. */
export interface OpenDeficiency {
  id: string;
  ruleId: string;
  itemKey: string;
  responsibleId: string | null;
  dueAt: Date;
  /** Opened by a clerk by hand: never closed automatically. */
  manual: boolean;
}

export interface Reconciliation {
  toOpen: Finding[];
  toClose: OpenDeficiency[];
  /** Still open; responsible or due date changed (e.g. a draft now has an author). */
  toUpdate: { id: string; responsibleId: string | null; dueAt: Date }[];
}

const key = (x: { ruleId: string; itemKey: string }) => `${x.ruleId}\u0000${x.itemKey}`;

/**
 * Compares what the rules find now with what is open for an encounter: new findings open, open ones
 * no longer found close (the fix arrived), and the same finding is never opened twice.
 */
export function reconcile(open: OpenDeficiency[], findings: Finding[]): Reconciliation {
  const openByKey = new Map(open.map((d) => [key(d), d]));
  const foundKeys = new Set(findings.map(key));
  const toOpen: Finding[] = [];
  const toUpdate: Reconciliation['toUpdate'] = [];
  for (const f of findings) {
    const existing = openByKey.get(key(f));
    if (!existing) toOpen.push(f);
    else if (
      !existing.manual &&
      (existing.dueAt.getTime() !== f.dueAt.getTime() || existing.responsibleId !== f.responsibleId)
    ) {
      toUpdate.push({ id: existing.id, responsibleId: f.responsibleId, dueAt: f.dueAt });
    }
  }
  const toClose = open.filter((d) => !d.manual && !foundKeys.has(key(d)));
  return { toOpen, toClose, toUpdate };
}
