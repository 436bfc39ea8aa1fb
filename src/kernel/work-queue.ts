import { type SelectQueryBuilder, sql } from 'kysely';
import type { DbOrTx } from './db.ts';

/** A queue on the "My work" page counts its items up to this many (then shows "1,000+"). */
export const WORK_COUNT_CAP = 1000;

/** One queue's figures for the "My work" page (issue 20): what is waiting, how old, what is late. */
export interface WorkCount {
  count: number;
  /** More than WORK_COUNT_CAP items wait: `count` is the cap. */
  capped: boolean;
  /** When the oldest waiting item arrived (received, opened, discharged…). */
  oldestAt: Date | null;
  /** Items whose deadline day is today. */
  dueToday: number;
  /** Items whose deadline day has passed. */
  breached: number;
  /** The most urgent item (earliest deadline), to open in one click. */
  nextId: string | null;
  /**
   * The clock the most urgent item runs against, where a queue's items run against different clocks
   * (a payer's ROI request has 15 days, the patient's own 30). Absent: the queue's `deadline`.
   */
  nextDeadline?: WorkDeadline;
}

/** A deadline in calendar days (null: no fixed number) and where the rule comes from. */
export interface WorkDeadline {
  days: number | null;
  rule: string;
}

/**
 * The columns a queue gives `workCount`: the item id, when it arrived (`since`) and its deadline day
 * (`due`, YYYY-MM-DD; null where the queue has no deadline).
 */
export interface WorkRow {
  id: string;
  since: Date;
  due: string | null;
}

/**
 * Counts a queue cheaply: the rows are read earliest deadline first and cut at WORK_COUNT_CAP + 1, so
 * a queue of 100,000 rows costs one index range scan of 1,001 rows, never a full count. The late and
 * due-today counts are exact below the cap (late items sort first); the oldest arrival is the oldest of
 * the rows read.
 * @param rows - the owning domain's query selecting `id`, `since` and `due` (see WorkRow)
 * @param today - the deadline day that counts as today (YYYY-MM-DD)
 */
export async function workCount<DB, TB extends keyof DB>(
  db: DbOrTx,
  rows: SelectQueryBuilder<DB, TB, WorkRow>,
  today: string,
): Promise<WorkCount> {
  const page = rows
    .orderBy(sql`due asc nulls last`)
    .orderBy(sql`since`)
    .limit(WORK_COUNT_CAP + 1);
  const { rows: out } = await sql<{
    n: number;
    oldest: Date | null;
    breached: number;
    due_today: number;
    next_id: string | null;
  }>`select count(*)::int as n, min(since) as oldest,
       (count(*) filter (where due::date < ${today}::date))::int as breached,
       (count(*) filter (where due::date = ${today}::date))::int as due_today,
       (array_agg(id order by due asc nulls last, since))[1]::text as next_id
     from (${page}) as w`.execute(db);
  const r = out[0];
  const n = r?.n ?? 0;
  return {
    count: Math.min(n, WORK_COUNT_CAP),
    capped: n > WORK_COUNT_CAP,
    oldestAt: r?.oldest ? new Date(r.oldest) : null,
    dueToday: r?.due_today ?? 0,
    breached: r?.breached ?? 0,
    nextId: r?.next_id ?? null,
  };
}

/** The navigation group (duty) a queue belongs to; the web app groups its navigation the same way. */
export type Duty =
  | 'patients'
  | 'completion'
  | 'roi'
  | 'coding'
  | 'billing'
  | 'registry'
  | 'privacy'
  | 'interfaces'
  | 'administration';

/**
 * A queue a domain offers the "My work" page. The owning domain writes the count (its own tables);
 * the workspace domain lists the queues whose permission the user holds.
 */
export interface WorkQueue {
  key: string;
  /** English name (the web app shows its catalogue's translation of `myWork.queue.<key>`). */
  label: string;
  duty: Duty;
  permission: string;
  /** The web page listing the queue. */
  path: string;
  /** The web page of one item. */
  itemPath: (id: string) => string;
  /**
   * The deadline the queue's items run against, and where the rule comes from; null where there is
   * none. Where items differ, the count's `nextDeadline` (the most urgent item's) is shown instead.
   */
  deadline: WorkDeadline | null;
  /** Counts the queue for this user (userId: queues addressed to a person). */
  count: (db: DbOrTx, userId: string, today: string) => Promise<WorkCount>;
}
