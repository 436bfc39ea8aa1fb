/**
 * The SEER Site Recode (ICD-O-3 2023 definition, seer.cancer.gov/siterecode/icdo3_2023/): primary site,
 * histology and behaviour ranges → a site group. The ranges are data the site loads (`chartkeeper registry
 * site-recode load seersiterecode_site-recode-data-2023.csv`, the IMS algorithms' CSV of the SEER table); none
 * are copied into the code. Pure: parsing and the lookup.
 */
export interface SiteRecodeRule {
  recode: string;
  name: string;
  /** The heading row above it (indentation 0), e.g. "Digestive System". */
  group: string;
  sites: [string, string][];
  histIn: [number, number][];
  histOut: [number, number][];
  behaviours: string[];
  yearMin: number | null;
  yearMax: number | null;
}

export interface SiteRecode {
  recode: string;
  name: string;
  group: string;
}

export const UNCLASSIFIED: SiteRecode = { recode: '99', name: 'Unknown or not classified', group: 'Other' };

/** One CSV line: fields separated by commas, optionally quoted (no quotes inside quotes in the SEER file). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  const re = /(?:^|,)(?:"([^"]*)"|([^,]*))/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? '');
  return out;
}

const ranges = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((r) => {
      const [a, b] = r.split('-');
      return [a ?? '', b ?? a ?? ''] as [string, string];
    });
const numRanges = (v: string) => ranges(v).map(([a, b]) => [Number(a), Number(b)] as [number, number]);
const year = (v: string) => (v.trim() ? Number(v) : null);

const HEADER = [
  'ID',
  'Name',
  'Indentation',
  'Sites IN',
  'Hist IN',
  'Hist OUT',
  'Beh IN',
  'DX Year Min',
  'DX Year Max',
  'Recode',
];

/**
 * Parses the SEER Site Recode CSV (columns as HEADER). Rows without a recode are headings; their name is
 * the group of the rows below them.
 * @throws Error naming the line when the header or a row is not the table's
 */
export function parseSiteRecode(text: string): SiteRecodeRule[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = csvFields(lines[0] ?? '');
  if (HEADER.some((h, i) => head[i] !== h))
    throw new Error(`Line 1: expected the SEER Site Recode header (${HEADER.join(', ')}).`);
  const rules: SiteRecodeRule[] = [];
  let group = '';
  for (const [i, line] of lines.slice(1).entries()) {
    const f = csvFields(line);
    const [
      ,
      name = '',
      indent = '',
      sites = '',
      histIn = '',
      histOut = '',
      beh = '',
      min = '',
      max = '',
      recode = '',
    ] = f;
    if (!recode) {
      if (indent === '0') group = name;
      continue;
    }
    const rule: SiteRecodeRule = {
      recode,
      name,
      group: indent === '0' ? name : group,
      sites: ranges(sites),
      histIn: numRanges(histIn),
      histOut: numRanges(histOut),
      behaviours: beh
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      yearMin: year(min),
      yearMax: year(max),
    };
    if (
      rule.sites.some(([a, b]) => !/^C\d{3}$/.test(a) || !/^C\d{3}$/.test(b)) ||
      Number.isNaN(rule.yearMin ?? 0)
    )
      throw new Error(`Line ${i + 2}: "${line.slice(0, 80)}" is not a site recode row.`);
    rules.push(rule);
  }
  if (rules.length === 0) throw new Error('The file has no site recode rows.');
  return rules;
}

const inNum = (rs: [number, number][], v: number) => rs.some(([a, b]) => v >= a && v <= b);

/**
 * The site recode of a tumour: the first rule whose site, histology, behaviour and diagnosis-year conditions
 * all hold. The site rows leave out the histologies that the haematopoietic, mesothelioma and Kaposi rows (site
 * range C000–C809) take, so one rule applies; none gives "unknown or not classified".
 * @param site - #400 Primary Site, e.g. C504
 * @param histology - #522, 4 digits; behaviour - #523; year - of #390
 */
export function siteRecodeOf(
  rules: SiteRecodeRule[],
  t: { site: string | null; histology: string | null; behaviour: string | null; year: number | null },
): SiteRecode {
  const site = (t.site ?? '').toUpperCase().replace('.', '');
  if (!/^C\d{3}$/.test(site) || !/^\d{4}$/.test(t.histology ?? '')) return UNCLASSIFIED;
  const hist = Number(t.histology);
  for (const r of rules) {
    if (!r.sites.some(([a, b]) => site >= a && site <= b)) continue;
    if (r.histIn.length > 0 && !inNum(r.histIn, hist)) continue;
    if (inNum(r.histOut, hist)) continue;
    if (r.behaviours.length > 0 && !r.behaviours.includes(t.behaviour ?? '')) continue;
    if (
      t.year !== null &&
      ((r.yearMin !== null && t.year < r.yearMin) || (r.yearMax !== null && t.year > r.yearMax))
    )
      continue;
    return { recode: r.recode, name: r.name, group: r.group };
  }
  return UNCLASSIFIED;
}
