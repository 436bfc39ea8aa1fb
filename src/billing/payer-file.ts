import { AppError } from '../kernel/errors.ts';
import { parseCsv } from './csv.ts';

/** A payer as loaded from a CSV (payer_id, name, filing_indicator, plan_type, timely_filing_days, prior_auth_codes). */
export interface PayerRow {
  payerId: string;
  name: string;
  filingIndicator: string;
  planType: string;
  timelyFilingDays: number;
  /** Codes this payer requires a prior authorization for, separated by spaces or semicolons. */
  priorAuthCodes: string[];
}

/** SBR09 claim filing indicator codes (X12 005010 code list, the common ones). */
const FILING = new Set([
  'CI',
  'MB',
  'MA',
  'MC',
  'BL',
  'CH',
  'HM',
  '12',
  '13',
  '14',
  '15',
  '16',
  'VA',
  'WC',
  'ZZ',
]);

/** Reads a payers CSV; every row is checked first and one bad row rejects the file with its line. */
export function readPayerFile(text: string): PayerRow[] {
  const { header, rows } = parseCsv(text);
  for (const h of ['payer_id', 'name', 'filing_indicator'])
    if (!header.includes(h))
      throw new AppError('PAYER_FILE_HEADER', `The payer file's header lacks ${h}.`, 400);
  const col = (cells: string[], name: string) => (cells[header.indexOf(name)] ?? '').trim();
  return rows.map(({ line, cells }) => {
    const r: PayerRow = {
      payerId: col(cells, 'payer_id'),
      name: col(cells, 'name'),
      filingIndicator: col(cells, 'filing_indicator').toUpperCase(),
      planType: col(cells, 'plan_type') || 'commercial',
      timelyFilingDays: Number(col(cells, 'timely_filing_days') || 365),
      priorAuthCodes: col(cells, 'prior_auth_codes')
        .split(/[\s;]+/)
        .filter(Boolean),
    };
    const bad = (field: string, message: string) =>
      new AppError('PAYER_FILE_INVALID', `Line ${line} (${field}): ${message}. Nothing was loaded.`, 400, {
        line,
        field,
      });
    if (!/^[A-Za-z0-9]{2,80}$/.test(r.payerId))
      throw bad('payer_id', 'a payer id has 2–80 letters or digits');
    if (!r.name) throw bad('name', 'the payer needs a name');
    if (!FILING.has(r.filingIndicator)) throw bad('filing_indicator', 'not a claim filing indicator code');
    if (!Number.isInteger(r.timelyFilingDays) || r.timelyFilingDays <= 0)
      throw bad('timely_filing_days', 'a whole number of days');
    return r;
  });
}
