import { DuplicateGuard, type LineError, type ParseResult, splitLines } from './types.ts';

/**
 * Parses the CDC NCHS POA-exempt list (POAexemptCodesFYnn.txt, tab-separated `Order POAexemptCode
 * Description`; ICD-10-CM Official Guidelines Appendix I). Codes are printed with the dot; stored without.
 * @returns the exempt codes
 */
export function parsePoaExempt(text: string): ParseResult<string> {
  const records: string[] = [];
  const errors: LineError[] = [];
  const guard = new DuplicateGuard();
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i]!.split('\t');
    if (lines[i]!.trim() === '' || (i === 0 && /poa/i.test(lines[i]!))) continue;
    const code = (fields[1] ?? '').trim().replace('.', '').toUpperCase();
    if (!/^\d+$/.test((fields[0] ?? '').trim()) || !/^[A-Z][0-9A-Z][0-9A-Z]{1,5}$/.test(code)) {
      errors.push({ line: i + 1, message: 'expected "order<TAB>code<TAB>description"' });
      continue;
    }
    const duplicate = guard.check(code, i + 1);
    if (duplicate) errors.push({ line: i + 1, message: duplicate });
    else records.push(code);
  }
  if (records.length === 0 && errors.length === 0) errors.push({ line: 1, message: 'the file has no codes' });
  return { records, errors };
}
