import type { FixKind, ScrubFinding } from './rules.ts';

/** 837P: at most 4 diagnosis pointers per line (SV107), into the first 12 claim diagnoses (HI). */
const MAX_POINTERS = 4;
const MAX_REACH_P = 12;

/** What the biller asked for: the fix, the line it is about, and the number a prior-auth fix needs. */
export interface FixRequest {
  fix: FixKind;
  line?: number | undefined;
  priorAuthNumber?: string | undefined;
}

/** The claim as a fix sees it. */
export interface FixTarget {
  charge: number;
  diagnosisCount: number;
  lines: { lineNo: number; charge: number; diagnosisPointers: number[] }[];
  priorAuthNumber: string | null;
}

/** One change a fix makes, with the value before and after (kept in the claim history). */
export type FixChange =
  | { kind: 'charge'; before: number; after: number }
  | { kind: 'pointers'; line: number; before: number[]; after: number[] }
  | { kind: 'prior_auth'; before: string | null; after: string };

/** Why a fix cannot be applied (mapped to coded errors by the service). */
export type FixRefusal = 'not_offered' | 'line_required' | 'number_required' | 'nothing_to_change';

const cents = (n: number) => Math.round(n * 100);

/** Is this fix one the claim's current findings offer (for that line, when the fix is about a line)? */
export function fixOffered(findings: ScrubFinding[], req: FixRequest): boolean {
  return findings.some((f) => f.fix === req.fix && (req.fix !== 'trim_pointers' || f.line === req.line));
}

/**
 * The pointers a line keeps: distinct, pointing at a diagnosis the claim has (1..min(n, 12)), the first
 * four in the order they were given; a line left with none points at the principal diagnosis (pointer 1),
 * which is what the coder's first-listed diagnosis means for an unlinked line.
 */
export function trimmedPointers(pointers: number[], diagnosisCount: number): number[] {
  const reach = Math.min(diagnosisCount, MAX_REACH_P);
  const kept = [...new Set(pointers)].filter((p) => Number.isInteger(p) && p >= 1 && p <= reach);
  const out = kept.slice(0, MAX_POINTERS);
  return out.length === 0 && reach > 0 ? [1] : out;
}

/**
 * The changes one safe fix makes to a claim, or why it cannot: `recompute_total` sets CLM02 to the sum
 * of the line charges; `trim_pointers` keeps the valid pointers of one line (see `trimmedPointers`);
 * `set_prior_auth` puts the biller's authorization number on the claim (REF*G1). Pure.
 */
export function planFix(
  target: FixTarget,
  findings: ScrubFinding[],
  req: FixRequest,
): { ok: true; changes: FixChange[] } | { ok: false; reason: FixRefusal } {
  if (req.fix === 'trim_pointers' && req.line === undefined) return { ok: false, reason: 'line_required' };
  const number = req.priorAuthNumber?.trim();
  if (req.fix === 'set_prior_auth' && !number) return { ok: false, reason: 'number_required' };
  if (!fixOffered(findings, req)) return { ok: false, reason: 'not_offered' };
  if (req.fix === 'recompute_total') {
    const sum = target.lines.reduce((s, l) => s + cents(l.charge), 0) / 100;
    return sum === target.charge
      ? { ok: false, reason: 'nothing_to_change' }
      : { ok: true, changes: [{ kind: 'charge', before: target.charge, after: sum }] };
  }
  if (req.fix === 'trim_pointers') {
    const line = target.lines.find((l) => l.lineNo === req.line);
    if (!line) return { ok: false, reason: 'not_offered' };
    const after = trimmedPointers(line.diagnosisPointers, target.diagnosisCount);
    const same =
      after.length === line.diagnosisPointers.length &&
      after.every((p, i) => p === line.diagnosisPointers[i]);
    return same || after.length === 0
      ? { ok: false, reason: 'nothing_to_change' }
      : {
          ok: true,
          changes: [{ kind: 'pointers', line: line.lineNo, before: line.diagnosisPointers, after }],
        };
  }
  return {
    ok: true,
    changes: [{ kind: 'prior_auth', before: target.priorAuthNumber, after: number as string }],
  };
}
