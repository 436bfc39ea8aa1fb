import { AppError } from '../kernel/errors.ts';
import { parseCsv } from './csv.ts';

/** One row of a fee schedule file: a price per CPT/HCPCS code (+ modifier) or revenue code, per facility and date. */
export interface FeeRow {
  facility: string;
  code: string;
  modifier: string;
  revenueCode: string;
  price: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  description: string | null;
}

const REQUIRED = ['code', 'price', 'effective_from'] as const;
const CODE = /^[A-Z0-9]{5}$/;
const REVENUE = /^\d{4}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^\d{1,9}(\.\d{1,2})?$/;

export interface FeeFileProblem {
  line: number;
  field: string;
  message: string;
}

/**
 * Reads a fee schedule CSV (header: code, modifier, revenue_code, facility, price, effective_from,
 * effective_to, description). Every row is checked before anything is loaded: one bad row rejects the
 * file with the line named (issue 13 "Bad input": nothing posted in part).
 */
export function readFeeFile(text: string): FeeRow[] {
  const { header, rows } = parseCsv(text);
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length > 0)
    throw new AppError('FEE_FILE_HEADER', `The fee file's header lacks: ${missing.join(', ')}.`, 400, {
      missing,
    });
  const col = (cells: string[], name: string) => {
    const i = header.indexOf(name);
    return i < 0 ? '' : (cells[i] ?? '').trim();
  };
  const problems: FeeFileProblem[] = [];
  const out: FeeRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const r: FeeRow = {
      facility: col(cells, 'facility'),
      code: col(cells, 'code').toUpperCase(),
      modifier: col(cells, 'modifier').toUpperCase(),
      revenueCode: col(cells, 'revenue_code'),
      price: Number(col(cells, 'price')),
      effectiveFrom: col(cells, 'effective_from'),
      effectiveTo: col(cells, 'effective_to') || null,
      description: col(cells, 'description') || null,
    };
    const bad = (field: string, message: string) => problems.push({ line, field, message });
    if (!CODE.test(r.code)) bad('code', 'a CPT/HCPCS code has 5 letters or digits');
    if (r.modifier && !/^[A-Z0-9]{2}$/.test(r.modifier))
      bad('modifier', 'a modifier has 2 letters or digits');
    if (r.revenueCode && !REVENUE.test(r.revenueCode)) bad('revenue_code', 'a revenue code has 4 digits');
    if (!MONEY.test(col(cells, 'price'))) bad('price', 'a price is a non-negative amount like 125.00');
    if (!DATE.test(r.effectiveFrom) || Number.isNaN(Date.parse(r.effectiveFrom)))
      bad('effective_from', 'a date is YYYY-MM-DD');
    if (r.effectiveTo && (!DATE.test(r.effectiveTo) || r.effectiveTo < r.effectiveFrom))
      bad('effective_to', 'a date YYYY-MM-DD on or after effective_from');
    const key = [r.facility, r.code, r.modifier, r.effectiveFrom].join('|');
    const first = seen.get(key);
    if (first !== undefined) bad('code', `repeats the row on line ${first}`);
    else seen.set(key, line);
    out.push(r);
  }
  if (problems.length > 0) {
    const p = problems[0] as FeeFileProblem;
    throw new AppError(
      'FEE_FILE_INVALID',
      `The fee file has ${problems.length} bad value(s); first on line ${p.line} (${p.field}): ${p.message}. Nothing was loaded.`,
      400,
      { problems: problems.slice(0, 100) },
    );
  }
  return out;
}
