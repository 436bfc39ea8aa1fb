import { type CodeRecord, DuplicateGuard, type LineError, type ParseResult, splitLines } from './types.ts';

/**
 * Parses a user-supplied CPT file. CPT is AMA-licensed, so Chartkeeper ships none; a licensee exports
 * their licensed file to this simple format (documented in docs/coding.md):
 *   code<TAB or comma>short description[<TAB or comma>long description]
 * One code per line; an optional first line naming the columns (starting with "code") is skipped.
 * Fields may be double-quoted (CSV, with "" for a quote). Codes: Category I = 5 digits, Category II =
 * 4 digits + F, Category III = 4 digits + T (AMA CPT code structure).
 */
export function parseCptFile(text: string): ParseResult<CodeRecord> {
  const records: CodeRecord[] = [];
  const errors: LineError[] = [];
  const guard = new DuplicateGuard();
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '' || (i === 0 && /^"?code"?[\t,]/i.test(line))) continue;
    const fields = splitDelimited(line, line.includes('\t') ? '\t' : ',');
    const code = (fields[0] ?? '').trim().toUpperCase();
    const short = (fields[1] ?? '').trim();
    if (!CPT.test(code)) {
      errors.push({ line: lineNo, message: `"${code}" is not a CPT code (5 digits, or 4 digits + F or T)` });
      continue;
    }
    if (short === '') {
      errors.push({ line: lineNo, message: 'the description (second column) is empty' });
      continue;
    }
    const duplicate = guard.check(code, lineNo);
    if (duplicate) errors.push({ line: lineNo, message: duplicate });
    else
      records.push({
        code,
        billable: true,
        shortDescription: short,
        longDescription: (fields[2] ?? '').trim() || short,
      });
  }
  if (records.length === 0 && errors.length === 0) errors.push({ line: 1, message: 'the file has no codes' });
  return { records, errors };
}

const CPT = /^(\d{5}|\d{4}[FT])$/;

/** Splits one delimited line, honouring double quotes (RFC 4180 quoting within a line). */
export function splitDelimited(line: string, sep: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}
