import { readFileSync } from 'node:fs';

/** One row of the reportable list (registry_reportable_rule), as case finding applies it. */
export interface ReportableRule {
  codeSystem: 'icd10cm' | 'icdo3_behavior' | 'icdo3_site';
  from: string;
  to: string;
  action: 'include' | 'exclude';
  fromYear: number;
  toYear: number | null;
  note: string;
}

interface TermsFile {
  pathologyResults: { codes: string[]; nameWords: string[] };
  terms: string[];
  windowWords: number;
  negationsBefore: string[];
  negationsAfter: string[];
}

const dataFile = (name: string) => new URL(`./data/${name}`, import.meta.url);

/** The default reportable list shipped as data (src/registry/data/reportable-list.json). */
export function defaultReportableList(): ReportableRule[] {
  const file = JSON.parse(readFileSync(dataFile('reportable-list.json'), 'utf8')) as {
    rules: (Omit<ReportableRule, 'toYear'> & { toYear?: number })[];
  };
  return file.rules.map((r) => ({ ...r, toYear: r.toYear ?? null }));
}

const terms = JSON.parse(readFileSync(dataFile('casefinding-terms.json'), 'utf8')) as TermsFile;

/** ICD-10-CM / ICD-O-3 code compared without dot or spaces, upper case. */
export const normaliseCode = (code: string) => code.replace(/[.\s]/g, '').toUpperCase();

/** A range matches a code whose prefix of the bound's length lies within it (C00–C96 matches C50.911). */
export function inRange(code: string, from: string, to: string): boolean {
  const c = normaliseCode(code);
  return c.slice(0, from.length) >= from && c.slice(0, to.length) <= to;
}

const inYear = (r: ReportableRule, year: number) =>
  r.fromYear <= year && (r.toYear === null || year <= r.toYear);

/**
 * Whether a code is reportable for a diagnosis year: some include rule matches and no exclude rule does.
 * @returns the include rule's note (the hit's reason), or undefined when not reportable
 */
export function reportableCode(
  rules: ReportableRule[],
  system: ReportableRule['codeSystem'],
  code: string,
  year: number,
): string | undefined {
  const apply = rules.filter(
    (r) => r.codeSystem === system && inYear(r, year) && inRange(code, r.from, r.to),
  );
  if (apply.some((r) => r.action === 'exclude')) return undefined;
  return apply.find((r) => r.action === 'include')?.note;
}

/** Whether a result entry is a pathology report (LOINC code or name words in casefinding-terms.json). */
export function isPathologyResult(code: string, name: string): boolean {
  const n = name.toLowerCase();
  return (
    terms.pathologyResults.codes.includes(code.trim()) ||
    terms.pathologyResults.nameWords.some((w) => n.includes(w))
  );
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const TERM = new RegExp(`\\b(${terms.terms.join('|')})\\b`, 'gi');
const BEFORE = new RegExp(`(?:^|\\W)(${terms.negationsBefore.map(escapeRe).join('|')})\\W*$`, 'i');
const AFTER = new RegExp(`^\\W*(${terms.negationsAfter.map(escapeRe).join('|')})(?:\\W|$)`, 'i');

const lastWords = (s: string, n: number) => s.split(/\s+/).filter(Boolean).slice(-n).join(' ');
const firstWords = (s: string, n: number) => s.split(/\s+/).filter(Boolean).slice(0, n).join(' ');

/**
 * The keyword screen of report text: the first term not negated in its sentence, with the sentence, or
 * undefined. "Negative for malignancy", "no evidence of carcinoma", "carcinoma: not identified" are not hits.
 */
export function screenText(text: string): { term: string; sentence: string } | undefined {
  for (const sentence of text.split(/[.;\n]+|:\s*\n/)) {
    for (const m of sentence.matchAll(TERM)) {
      const before = lastWords(sentence.slice(0, m.index), terms.windowWords);
      const after = firstWords(sentence.slice(m.index + m[0].length), terms.windowWords);
      // A negation phrase anywhere in the window before the term, e.g. "negative for invasive carcinoma".
      const negatedBefore = before
        .split(' ')
        .some((_, i, words) => BEFORE.test(words.slice(0, i + 1).join(' ')));
      if (negatedBefore || AFTER.test(after)) continue;
      return { term: m[0], sentence: sentence.trim().slice(0, 300) };
    }
  }
  return undefined;
}
