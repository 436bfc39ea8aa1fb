import { splitDelimited } from './cpt.ts';
import { type LineError, type ParseResult, splitLines } from './types.ts';

export interface PtpRecord {
  column1: string;
  column2: string;
  effectiveDate: string;
  /** null when the edit is active ("*" in the CMS file). */
  deletionDate: string | null;
  /** 0 never bypassable, 1 bypassable with an NCCI-associated modifier, 9 not applicable. */
  modifierIndicator: '0' | '1' | '9';
  rationale: string;
}

export interface MueRecord {
  code: string;
  maxUnits: number;
  /** MAI: 1 claim line, 2 date of service absolute, 3 date of service clinical. */
  adjudicationIndicator: '1' | '2' | '3';
  rationale: string;
}

const PROC = /^[A-Z0-9]{4}[A-Z0-9]$/;
const ymd = (s: string) => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;

/**
 * Parses a CMS NCCI procedure-to-procedure table exported as tab-separated text (the quarterly
 * Practitioner or Outpatient Hospital files): Column 1, Column 2, "* = in existence prior to 1996",
 * Effective Date (YYYYMMDD), Deletion Date (YYYYMMDD or *), Modifier indicator (0/1/9), PTP Edit Rationale.
 * CMS heads the file with title and column-name lines; lines before the first edit row are skipped.
 */
export function parseNcciPtp(text: string): ParseResult<PtpRecord> {
  const records: PtpRecord[] = [];
  const errors: LineError[] = [];
  let started = false;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const f = lines[i]!.split('\t').map((x) => x.trim());
    const looksLikeRow = f.length >= 6 && PROC.test(f[0] ?? '') && PROC.test(f[1] ?? '');
    if (!looksLikeRow) {
      if (started && lines[i]!.trim() !== '') errors.push({ line: i + 1, message: 'not a PTP edit row' });
      continue;
    }
    started = true;
    const [column1, column2, , eff = '', del = '', mi = '', rationale = ''] = f as string[];
    if (!/^\d{8}$/.test(eff) || !(del === '*' || /^\d{8}$/.test(del)) || !/^[019]$/.test(mi)) {
      errors.push({
        line: i + 1,
        message: 'dates must be YYYYMMDD (deletion may be *) and the modifier indicator 0, 1 or 9',
      });
      continue;
    }
    records.push({
      column1: column1!,
      column2: column2!,
      effectiveDate: ymd(eff),
      deletionDate: del === '*' ? null : ymd(del),
      modifierIndicator: mi as PtpRecord['modifierIndicator'],
      rationale,
    });
  }
  if (records.length === 0 && errors.length === 0)
    errors.push({ line: 1, message: 'the file has no PTP edits' });
  return { records, errors };
}

/**
 * Parses a CMS MUE table saved as CSV or tab-separated text: HCPCS/CPT code, MUE value, MUE Adjudication
 * Indicator (e.g. "3 Date of Service Edit: Clinical"), MUE rationale. Title and header lines before the
 * first data row are skipped.
 */
export function parseMue(text: string): ParseResult<MueRecord> {
  const records: MueRecord[] = [];
  const errors: LineError[] = [];
  let started = false;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = splitDelimited(line, line.includes('\t') ? '\t' : ',').map((x) => x.trim());
    if (!PROC.test(f[0] ?? '')) {
      if (started && line.trim() !== '') errors.push({ line: i + 1, message: 'not an MUE row' });
      continue;
    }
    started = true;
    const mai = (f[2] ?? '').charAt(0);
    if (!/^\d+$/.test(f[1] ?? '') || !/^[123]$/.test(mai)) {
      errors.push({ line: i + 1, message: 'the MUE value must be a whole number and the MAI 1, 2 or 3' });
      continue;
    }
    records.push({
      code: f[0]!,
      maxUnits: Number(f[1]),
      adjudicationIndicator: mai as MueRecord['adjudicationIndicator'],
      rationale: f[3] ?? '',
    });
  }
  if (records.length === 0 && errors.length === 0)
    errors.push({ line: 1, message: 'the file has no MUE rows' });
  return { records, errors };
}
