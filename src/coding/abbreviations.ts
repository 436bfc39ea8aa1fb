/**
 * Clinical abbreviations coders type, expanded to the words the ICD-10-CM/PCS titles use. Curated by
 * hand from common usage; each expansion uses the words as they appear in the official titles (e.g.
 * "congestive heart failure" is titled "heart failure" in I50, so CHF expands to that).
 */
export const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  dm: ['diabetes', 'mellitus'],
  dm1: ['type', '1', 'diabetes', 'mellitus'],
  dm2: ['type', '2', 'diabetes', 'mellitus'],
  t1dm: ['type', '1', 'diabetes', 'mellitus'],
  t2dm: ['type', '2', 'diabetes', 'mellitus'],
  iddm: ['type', '1', 'diabetes', 'mellitus'],
  niddm: ['type', '2', 'diabetes', 'mellitus'],
  chf: ['heart', 'failure'],
  hf: ['heart', 'failure'],
  htn: ['hypertension'],
  mi: ['myocardial', 'infarction'],
  ami: ['acute', 'myocardial', 'infarction'],
  nstemi: ['non', 'st', 'elevation', 'myocardial', 'infarction'],
  stemi: ['st', 'elevation', 'myocardial', 'infarction'],
  copd: ['chronic', 'obstructive', 'pulmonary', 'disease'],
  ckd: ['chronic', 'kidney', 'disease'],
  esrd: ['end', 'stage', 'renal', 'disease'],
  aki: ['acute', 'kidney', 'failure'],
  uti: ['urinary', 'tract', 'infection'],
  cad: ['atherosclerotic', 'heart', 'disease'],
  afib: ['atrial', 'fibrillation'],
  af: ['atrial', 'fibrillation'],
  cva: ['cerebral', 'infarction'],
  tia: ['transient', 'cerebral', 'ischemic'],
  dvt: ['deep', 'vein', 'thrombosis'],
  pe: ['pulmonary', 'embolism'],
  gerd: ['reflux'],
  bph: ['benign', 'prostatic', 'hyperplasia'],
  oa: ['osteoarthritis'],
  ra: ['rheumatoid', 'arthritis'],
  uri: ['upper', 'respiratory', 'infection'],
  hld: ['hyperlipidemia'],
  fx: ['fracture'],
  sob: ['shortness', 'breath'],
  lbp: ['low', 'back', 'pain'],
  ha: ['headache'],
  mva: ['motor', 'vehicle'],
  gdm: ['gestational', 'diabetes'],
  init: ['initial'],
  subs: ['subsequent'],
};

/**
 * Splits a word query into lower-case search terms, expanding abbreviations.
 * @example expandTerms('DM2 ckd') // ['type','2','diabetes','mellitus','chronic','kidney','disease']
 */
export function expandTerms(query: string): string[] {
  const out: string[] = [];
  for (const token of query.toLowerCase().split(/[^a-z0-9]+/)) {
    if (token === '') continue;
    for (const t of ABBREVIATIONS[token] ?? [token]) if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** True when the query reads as a code (or code prefix), e.g. "E11.9", "e119", "S02.0XXA", "0DTJ4ZZ". */
export function looksLikeCode(query: string): boolean {
  const q = query.trim();
  if (ABBREVIATIONS[q.toLowerCase()]) return false;
  return /^[A-Za-z0-9]{2,3}(\.?[A-Za-z0-9]{0,5})?$/.test(q) && /\d/.test(q) && q.replace('.', '').length <= 7;
}

/**
 * A PostgreSQL tsquery (simple config) requiring every term as a word prefix: 'diab:* & typ:*'.
 * Numbers match exactly ("type 2" must not match 20 or 2nd), which also keeps the index scan small.
 */
export const toPrefixTsQuery = (terms: string[]): string =>
  terms.map((t) => (/^\d+$/.test(t) ? t : `${t}:*`)).join(' & ');
