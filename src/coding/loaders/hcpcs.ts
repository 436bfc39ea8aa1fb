import { type CodeRecord, DuplicateGuard, type LineError, type ParseResult, splitLines } from './types.ts';

/**
 * Parses the CMS HCPCS Level II alpha-numeric file (the 320-byte "contractor record"; layout in CMS
 * HCPCS record layout, see shared reference icd10.md §8). Columns (1-based): 1–5 code, 6–10 sequence,
 * 11 record id (3 procedure, 4 procedure continuation, 7 modifier, 8 modifier continuation), 12–91 long
 * description part, 92–119 short description. Continuation parts are joined to the record above.
 * Modifier records (7/8) are counted but not stored as codes: they are not reportable codes.
 * A preamble (CMS puts a disclaimer paragraph first) is skipped up to the first record.
 */
export function parseHcpcsFile(text: string): ParseResult<CodeRecord> & { modifiers: number } {
  const records: CodeRecord[] = [];
  const errors: LineError[] = [];
  const guard = new DuplicateGuard();
  let modifiers = 0;
  let started = false;
  let current: CodeRecord | undefined;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const isRecord = RECORD.test(line);
    if (!isRecord) {
      if (started && line.trim() !== '') errors.push({ line: lineNo, message: 'not an HCPCS record line' });
      continue;
    }
    started = true;
    const id = line[10];
    const part = line.slice(11, 91).trim();
    if (id === '7') modifiers++;
    if (id === '7' || id === '8') continue;
    const code = line.slice(0, 5);
    if (id === '4') {
      if (current?.code !== code)
        errors.push({ line: lineNo, message: `continuation of ${code} without its first line` });
      else current.longDescription = `${current.longDescription} ${part}`.trim();
      continue;
    }
    if (!LEVEL2.test(code)) {
      errors.push({
        line: lineNo,
        message: `"${code}" is not an HCPCS Level II code (a letter and 4 digits)`,
      });
      continue;
    }
    const duplicate = guard.check(code, lineNo);
    if (duplicate) {
      errors.push({ line: lineNo, message: duplicate });
      continue;
    }
    current = {
      code,
      billable: true,
      longDescription: part,
      shortDescription: line.slice(91, 119).trim() || part,
    };
    records.push(current);
  }
  if (records.length === 0 && errors.length === 0)
    errors.push({ line: 1, message: 'the file has no HCPCS records' });
  return { records, errors, modifiers };
}

const RECORD = /^[A-Z0-9 ]{5}\d{5}[3478]/;
const LEVEL2 = /^[A-Z]\d{4}$/;
