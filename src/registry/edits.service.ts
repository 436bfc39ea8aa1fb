import { icdo3Known } from '../coding/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import type { Dictionary } from './dictionary.ts';
import { type EditFinding, icdo3CodesOf, runAbstractEdits } from './edits.ts';

const ymd = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');

/** Runs the abstract edits over several abstracts, with one ICD-O-3 lookup for all of them. */
export async function editsOfMany(
  ctx: RequestContext,
  db: DbOrTx,
  dict: Dictionary,
  abstracts: { items: Record<string, string>; patientItems: Record<string, string> }[],
): Promise<EditFinding[][]> {
  const codes = abstracts.map((a) => icdo3CodesOf(a.items));
  const icdo3 = await icdo3Known(
    db,
    codes.flatMap((c) => c.sites),
    codes.flatMap((c) => c.morphologies),
  );
  const today = ymd(ctx.clock.now());
  return abstracts.map((a) => runAbstractEdits({ dict, ...a, icdo3, today }));
}

/** The edits of one abstract (issue 14 "Edits"). */
export async function abstractEdits(
  ctx: RequestContext,
  db: DbOrTx,
  dict: Dictionary,
  items: Record<string, string>,
  patientItems: Record<string, string>,
): Promise<EditFinding[]> {
  return (await editsOfMany(ctx, db, dict, [{ items, patientItems }]))[0] ?? [];
}
