import { splitDelimited } from './cpt.ts';
import { type CodeRecord, DuplicateGuard, type LineError, type ParseResult, splitLines } from './types.ts';

/**
 * Parses the WHO ICD-O-3 topography list (Topoenglish.txt: tab-separated `Kode Lvl Title`).
 * Lvl 3 = 3-character category (a header), 4 = preferred term of a site (a codable site); incl
 * (inclusion term), b and k (further synonyms in the WHO file) are kept as search text of their site. Codes are stored without the dot (NAACCR
 * primarySite form, e.g. C509).
 */
export function parseIcdo3Topography(text: string): ParseResult<CodeRecord> {
  const byCode = new Map<string, CodeRecord>();
  const inclusions = new Map<string, string[]>();
  const errors: LineError[] = [];
  const guard = new DuplicateGuard();
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const [kode = '', lvl = '', title = ''] = splitDelimited(lines[i]!, '\t').map((f) => f.trim());
    if ((i === 0 && kode === 'Kode') || kode === '') continue;
    const code = kode.replace('.', '');
    if (!/^C\d{2,3}$/.test(code)) {
      errors.push({ line: i + 1, message: `"${kode}" is not an ICD-O-3 topography code` });
    } else if (lvl === 'incl' || lvl === 'b' || lvl === 'k') {
      inclusions.set(code, [...(inclusions.get(code) ?? []), title]);
    } else if (lvl === '3' || lvl === '4') {
      const duplicate = guard.check(code, i + 1);
      if (duplicate) errors.push({ line: i + 1, message: duplicate });
      else byCode.set(code, { code, billable: lvl === '4', shortDescription: title, longDescription: title });
    } else errors.push({ line: i + 1, message: `level must be 3, 4, incl, b or k, found "${lvl}"` });
  }
  for (const [code, terms] of inclusions) {
    const rec = byCode.get(code);
    if (rec) rec.longDescription = `${rec.shortDescription}; ${terms.join('; ')}`;
  }
  return finish([...byCode.values()], errors);
}

/**
 * Parses the WHO ICD-O-3 morphology list (Morphenglish.txt: tab-separated `Code Struct Label`).
 * Struct `title` is the preferred term, `sub` a synonym (kept as search text). Codes are stored
 * without the slash (histology + behaviour, e.g. 85003).
 */
export function parseIcdo3Morphology(text: string): ParseResult<CodeRecord> {
  const byCode = new Map<string, CodeRecord>();
  const synonyms = new Map<string, string[]>();
  const errors: LineError[] = [];
  const guard = new DuplicateGuard();
  const lines = joinQuotedLines(splitLines(text));
  for (let i = 0; i < lines.length; i++) {
    const [field = '', struct = '', label = ''] = splitDelimited(lines[i]!, '\t').map((f) => f.trim());
    // The WHO file has one record whose quoted code field spans two lines ("8634/3⏎8634/3").
    const raw = field.split(/\s+/)[0]!;
    if ((i === 0 && raw === 'Code') || raw === '') continue;
    if (!/^\d{4}\/\d$/.test(raw)) {
      errors.push({ line: i + 1, message: `"${raw}" is not an ICD-O-3 morphology code (9999/9)` });
      continue;
    }
    const code = raw.replace('/', '');
    if (struct === 'sub') synonyms.set(code, [...(synonyms.get(code) ?? []), label]);
    else if (struct === 'title') {
      const duplicate = guard.check(code, i + 1);
      if (duplicate) errors.push({ line: i + 1, message: duplicate });
      else byCode.set(code, { code, billable: true, shortDescription: label, longDescription: label });
    } else errors.push({ line: i + 1, message: `struct must be title or sub, found "${struct}"` });
  }
  for (const [code, terms] of synonyms) {
    const rec = byCode.get(code);
    if (rec) rec.longDescription = `${rec.shortDescription}; ${terms.join('; ')}`;
  }
  return finish([...byCode.values()], errors);
}

function finish(records: CodeRecord[], errors: LineError[]): ParseResult<CodeRecord> {
  if (records.length === 0 && errors.length === 0) errors.push({ line: 1, message: 'the file has no codes' });
  return { records, errors };
}

/**
 * Joins a line whose double quotes are unbalanced with the next (a quoted field spanning lines, RFC
 * 4180). The joined line keeps the index of its first line, and the next slot is left empty, so line
 * numbers in errors stay right.
 */
export function joinQuotedLines(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 0; i < out.length - 1; i++) {
    if ((out[i]!.match(/"/g)?.length ?? 0) % 2 === 1) {
      out[i] = `${out[i]}\n${out[i + 1]}`;
      out[i + 1] = '';
    }
  }
  return out;
}
