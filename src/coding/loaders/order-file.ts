import { type CodeRecord, DuplicateGuard, type LineError, type ParseResult, splitLines } from './types.ts';

/**
 * Parses a CMS ICD-10-CM or ICD-10-PCS order file (fixed width). Layout, 1-based columns, from the CMS
 * "ICD-10-CM/PCS Order File Format" (icd10OrderFiles_2026.pdf): 1–5 order number, 6 blank, 7–13 code
 * (no dot, left-justified), 14 blank, 15 header flag (0 header, 1 valid for HIPAA transactions), 16 blank,
 * 17–76 short description, 77 blank, 78– long description.
 * @param text - whole file contents
 * @param system - 'icd10cm' (3–7 characters, letter first) or 'icd10pcs' (7 characters, no I or O)
 */
export function parseOrderFile(text: string, system: 'icd10cm' | 'icd10pcs'): ParseResult<CodeRecord> {
  const records: CodeRecord[] = [];
  const errors: LineError[] = [];
  const guard = new DuplicateGuard();
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const lineNo = i + 1;
    const parsed = parseOrderLine(raw, system);
    if (typeof parsed === 'string') {
      errors.push({ line: lineNo, message: parsed });
      continue;
    }
    const duplicate = guard.check(parsed.code, lineNo);
    if (duplicate) errors.push({ line: lineNo, message: duplicate });
    else records.push(parsed);
  }
  if (records.length === 0 && errors.length === 0) errors.push({ line: 1, message: 'the file has no codes' });
  return { records, errors };
}

// Character 2 is a digit except in the FY2026 QA0 block (e.g. QA0.0101), so letters are accepted there too.
const CM_CODE = /^[A-Z][0-9A-Z][0-9A-Z]{1,5}$/;
const PCS_CODE = /^[0-9A-HJ-NP-Z]{3,7}$/;

/** One order-file line, or the reason it is malformed. */
function parseOrderLine(line: string, system: 'icd10cm' | 'icd10pcs'): CodeRecord | string {
  if (line.length < 17) return `line is too short for the order-file layout (${line.length} characters)`;
  if (!/^\d{5}$/.test(line.slice(0, 5))) return 'columns 1–5 must be the 5-digit order number';
  if (line[5] !== ' ' || line[13] !== ' ' || line[15] !== ' ') return 'columns 6, 14 and 16 must be blank';
  const code = line.slice(6, 13).trimEnd();
  const pattern = system === 'icd10cm' ? CM_CODE : PCS_CODE;
  if (!pattern.test(code))
    return `"${code}" is not a valid ${system === 'icd10cm' ? 'ICD-10-CM' : 'ICD-10-PCS'} code`;
  const flag = line[14];
  if (flag !== '0' && flag !== '1') return `column 15 must be the header flag 0 or 1, found "${flag}"`;
  const shortDescription = line.slice(16, 76).trim();
  const longDescription = line.slice(77).trim() || shortDescription;
  if (shortDescription === '') return 'the short description (columns 17–76) is empty';
  return { code, billable: flag === '1', shortDescription, longDescription };
}
