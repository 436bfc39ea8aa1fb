import type { Insertable } from 'kysely';
import { userDirectory } from '../access/index.ts';
import { type CasefindingEntry, entriesForCasefinding } from '../chart/index.ts';
import { type FinalCodedEncounter, finalCodedEncounters } from '../coding/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { withTransaction } from '../kernel/db.ts';
import {
  insertReportableRules,
  insertRun,
  insertSuspense,
  lastFinishedRun,
  lockReportableList,
  type RuleRow,
  type RunRow,
  reportableRuleRows,
  unfinishedRun,
  updateRun,
} from './casefind.queries.ts';
import {
  defaultReportableList,
  isPathologyResult,
  normaliseCode,
  type ReportableRule,
  reportableCode,
  screenText,
} from './casefind-rules.ts';
import { auditRegistry, requireRegistry } from './gate.ts';
import type { RegistrySuspenseTable } from './registry.tables.ts';

export const toRule = (r: RuleRow): ReportableRule => ({
  codeSystem: r.code_system,
  from: r.code_from,
  to: r.code_to,
  action: r.action,
  fromYear: r.from_year,
  toYear: r.to_year,
  note: r.note,
});

/** The reportable list; the first use loads the default list shipped as data (src/registry/data). */
export async function reportableRules(db: DbOrTx): Promise<RuleRow[]> {
  const rows = await reportableRuleRows(db);
  if (rows.length > 0) return rows;
  return withTransaction(db, async (trx) => {
    await lockReportableList(trx);
    const again = await reportableRuleRows(trx);
    if (again.length > 0) return again;
    return insertReportableRules(
      trx,
      defaultReportableList().map((r) => ({
        code_system: r.codeSystem,
        code_from: r.from,
        code_to: r.to,
        action: r.action,
        from_year: r.fromYear,
        to_year: r.toYear,
        note: r.note,
      })),
    );
  });
}

export interface CasefindResult {
  runId: string;
  screened: number;
  hits: number;
  new: number;
  resumed: boolean;
}

export interface CasefindOptions {
  /** Screen sources changed on or after this date (default: since the last finished run). */
  since?: Date;
  trigger: string;
  pageSize?: number;
  onProgress?: (screened: number, hits: number) => void;
  /** Stops after this many pages (tests use it to interrupt a run). */
  maxPages?: number;
}

type Hit = Omit<Insertable<RegistrySuspenseTable>, 'status'>;
type Position = { at: Date; id: string } | null;

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const yearOf = (d: string | undefined, fallback: Date) =>
  d && /^\d{4}/.test(d) ? Number(d.slice(0, 4)) : fallback.getUTCFullYear();
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function encounterHit(rules: ReportableRule[], e: FinalCodedEncounter, now: Date): Hit | undefined {
  const year = e.finalizedAt.getUTCFullYear();
  for (const code of e.codes) {
    const why = reportableCode(rules, 'icd10cm', code, year);
    if (why)
      return {
        patient_id: e.patientId,
        source_kind: 'encounter_code',
        source_id: e.encounterId,
        reason: `Final coded diagnosis ${code}: ${why}`,
        code: normaliseCode(code),
        source_date: ymd(e.finalizedAt),
        excerpt: null,
        found_at: now,
      };
  }
  return undefined;
}

/**
 * Results filed by an interface service account are the chart's results from HL7 v2 ORU^R01 messages
 * (src/interop/hl7v2 files them as its service user). Those are `hl7_oru` hits; results entered by a person
 * are `pathology` hits.
 */
async function interfaceUserIds(db: DbOrTx): Promise<Set<string>> {
  const rows = await userDirectory(db).where('is_service', '=', true).execute();
  return new Set(rows.map((r) => r.id));
}

function entryHit(
  rules: ReportableRule[],
  e: CasefindingEntry,
  now: Date,
  interfaces: Set<string>,
): Hit | undefined {
  const fromInterface = (x: CasefindingEntry) => interfaces.has(x.createdBy);
  const d = e.data;
  const base = { patient_id: e.patientId, source_id: e.id, found_at: now };
  if (e.kind === 'problem') {
    const date = str(d.onsetDate) || ymd(e.updatedAt);
    const code = str(d.code);
    const why = code ? reportableCode(rules, 'icd10cm', code, yearOf(date, e.updatedAt)) : undefined;
    if (why)
      return {
        ...base,
        source_kind: 'problem',
        reason: `Problem list ${code} (${str(d.description)}): ${why}`.slice(0, 500),
        code: normaliseCode(code),
        source_date: date,
        excerpt: null,
      };
    return undefined;
  }
  const text = e.kind === 'result' ? str(d.valueText) : str(d.text);
  const isPath =
    e.kind === 'result'
      ? isPathologyResult(str(d.code), str(d.name))
      : /patholog|biopsy|cytology/i.test(`${str(d.title)} ${str(d.noteType)}`);
  if (!isPath || !text) return undefined;
  const found = screenText(text);
  if (!found) return undefined;
  const kind = e.kind === 'result' && fromInterface(e) ? 'hl7_oru' : 'pathology';
  return {
    ...base,
    source_kind: kind,
    reason: `${kind === 'hl7_oru' ? 'HL7 pathology result' : 'Pathology report'} mentions "${found.term}"`,
    code: null,
    source_date: (str(d.performedAt) || e.updatedAt.toISOString()).slice(0, 10),
    excerpt: found.sentence,
  };
}

const encodePos = (p: Position) => (p ? `${p.at.toISOString()}|${p.id}` : '');
const decodePos = (s: string | undefined): Position => {
  if (!s) return null;
  const [at, id] = s.split('|');
  return at && id ? { at: new Date(at), id } : null;
};

/**
 * One case-finding run (issue 14): final coded encounters, problem-list entries, pathology results and
 * notes, and results received over HL7 v2, screened against the reportable list a page at a time. Each
 * hit lands in the suspense queue once per source. Each page commits with the run's cursor, so an
 * interrupted run resumes where it stopped (the next run without --since picks it up).
 */
export async function runCasefinding(ctx: RequestContext, opts: CasefindOptions): Promise<CasefindResult> {
  await requireRegistry(ctx, 'registry:write');
  const rules = (await reportableRules(ctx.db)).map(toRule);
  const pageSize = opts.pageSize ?? 1000;
  const now = ctx.clock.now();
  let run: RunRow | undefined = opts.since ? undefined : await unfinishedRun(ctx.db);
  const resumed = run !== undefined;
  if (!run) {
    const last = opts.since ? undefined : await lastFinishedRun(ctx.db);
    run = await insertRun(ctx.db, {
      started_at: now,
      finished_at: null,
      since: opts.since ?? last?.since ?? null,
      // Without --since a run goes on from where the last finished run ended.
      cursor: last?.cursor ?? {},
      screened: 0,
      hits: 0,
      new_hits: 0,
      trigger: opts.trigger,
    });
  }
  const state = {
    cursor: { ...(run.cursor ?? {}) } as Record<string, string>,
    screened: run.screened,
    hits: run.hits,
    new_hits: run.new_hits,
  };
  const since = run.since;
  let pages = 0;
  const more = () => opts.maxPages === undefined || pages < opts.maxPages;

  const commitPage = async (key: string, pos: Position, screened: number, hits: Hit[]) => {
    await withTransaction(ctx.db, async (trx) => {
      const added = await insertSuspense(trx, hits);
      state.cursor[key] = encodePos(pos);
      state.screened += screened;
      state.hits += hits.length;
      state.new_hits += added.length;
      await updateRun(trx, run.id, state);
      if (added.length > 0)
        await auditRegistry(
          trx,
          ctx,
          'registry.casefind_hit',
          added.map((a) => a.patient_id),
          {
            run: run.id,
            hits: added.length,
          },
        );
    });
    pages++;
    opts.onProgress?.(state.screened, state.hits);
  };

  let pos = decodePos(state.cursor.coding);
  while (more()) {
    const page = await finalCodedEncounters(ctx, ctx.db, { since, after: pos, limit: pageSize });
    if (page.length === 0) break;
    const last = page.at(-1) as FinalCodedEncounter;
    pos = { at: last.finalizedAt, id: last.encounterId };
    const hits = page.flatMap((e) => encounterHit(rules, e, now) ?? []);
    await commitPage('coding', pos, page.length, hits);
  }
  pos = decodePos(state.cursor.chart);
  const interfaces = await interfaceUserIds(ctx.db);
  while (more()) {
    const page = await entriesForCasefinding(ctx, ctx.db, {
      kinds: ['problem', 'result', 'note'],
      since,
      after: pos,
      limit: pageSize,
    });
    if (page.length === 0) break;
    const last = page.at(-1) as CasefindingEntry;
    pos = { at: last.updatedAt, id: last.id };
    const hits = page.flatMap((e) => entryHit(rules, e, now, interfaces) ?? []);
    await commitPage('chart', pos, page.length, hits);
  }
  if (more()) {
    await updateRun(ctx.db, run.id, { ...state, finished_at: ctx.clock.now() });
    await auditRegistry(ctx.db, ctx, 'registry.casefind', [], {
      run: run.id,
      screened: state.screened,
      hits: state.hits,
      new: state.new_hits,
    });
  }
  return { runId: run.id, screened: state.screened, hits: state.hits, new: state.new_hits, resumed };
}
