import {
  checkValue,
  type Dictionary,
  dictionaryUri,
  type ItemDef,
  NAACCR_NS,
  type ParentElement,
} from './dictionary.ts';

/** NAACCR XML record types a registry exports (A full abstract, I incidence). */
export type ExportRecordType = 'A' | 'I';

/** An item left out of an export because its value does not fit the target dictionary. */
export interface SkippedItem {
  patient: string;
  tumour?: string;
  item: string;
  reason: string;
}

const NEEDS_ESCAPE = /[<>&"]/;
const escapeXml = (s: string) =>
  !NEEDS_ESCAPE.test(s)
    ? s
    : s.replace(/[<>&"]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;'));

// v26 replaced Sex (#220) by Sex Assigned at Birth (#225), codes 1 male, 2 female, 9 unknown (naaccr.md §1).
const SEX_AT_BIRTH = new Set(['1', '2', '9']);

/** Moves the sex item to the one the target version has (#220 up to v25, #225 from v26). */
export function mapSex(items: Record<string, string>, version: string): Record<string, string> {
  const out = { ...items };
  if (version >= '260') {
    if (!out.sexAssignedAtBirth && out.sex && SEX_AT_BIRTH.has(out.sex)) out.sexAssignedAtBirth = out.sex;
    delete out.sex;
  } else {
    if (!out.sex && out.sexAssignedAtBirth) out.sex = out.sexAssignedAtBirth;
    delete out.sexAssignedAtBirth;
  }
  return out;
}

/**
 * The NAACCR XML writer (specification 1.8, naaccr_data_1.8.xsd): items at the level the dictionary gives
 * them, only those of the record type, in item-number order, blank values left out, values trimmed.
 */
export class NaaccrWriter {
  readonly skipped: SkippedItem[] = [];
  /** Per element level, the item id → its definition when the item belongs there in this record type
   * (looked up once per id rather than once per value: the export writes ~10^6 values, issue 14). */
  private readonly eligible = new Map<ParentElement, Map<string, ItemDef | null>>();

  constructor(
    private readonly dict: Dictionary,
    private readonly recordType: ExportRecordType,
  ) {}

  header(timeGenerated: Date): string {
    const version = this.dict.version;
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<NaaccrData xmlns="${NAACCR_NS}" baseDictionaryUri="${dictionaryUri(version)}" ` +
      `recordType="${this.recordType}" specificationVersion="1.8" timeGenerated="${timeGenerated.toISOString()}">\n` +
      this.items({ naaccrRecordVersion: version }, 'NaaccrData', '  ', { patient: '' })
    );
  }

  footer(): string {
    return '</NaaccrData>\n';
  }

  /** One Patient element with its Tumor elements. */
  patient(patientItems: Record<string, string>, tumours: Record<string, string>[]): string {
    const v = this.dict.version;
    const pid = patientItems.patientIdNumber ?? '';
    let s = `  <Patient>\n${this.items(mapSex(patientItems, v), 'Patient', '    ', { patient: pid })}`;
    for (const t of tumours)
      s += `    <Tumor>\n${this.items(mapSex(t, v), 'Tumor', '      ', { patient: pid, tumour: t.tumorRecordNumber ?? '' })}    </Tumor>\n`;
    return `${s}  </Patient>\n`;
  }

  private items(
    items: Record<string, string>,
    level: ParentElement,
    indent: string,
    where: { patient: string; tumour?: string },
  ): string {
    const defs = [];
    let known = this.eligible.get(level);
    if (!known) {
      known = new Map();
      this.eligible.set(level, known);
    }
    for (const [id, raw] of Object.entries(items)) {
      const value = raw?.trim() ?? '';
      if (value === '') continue;
      let def = known.get(id);
      if (def === undefined) {
        const d = this.dict.items.get(id);
        // Items of the other level, of another record type or not in this version are not this element's.
        def = d && d.parent === level && d.recordTypes.split(',').includes(this.recordType) ? d : null;
        known.set(id, def);
      }
      if (!def) continue;
      const problem = checkValue(def, value);
      if (problem) {
        this.skipped.push({ ...where, item: id, reason: problem });
        continue;
      }
      defs.push({ def, value });
    }
    defs.sort((a, b) => a.def.naaccrNum - b.def.naaccrNum);
    let s = '';
    for (const { def, value } of defs)
      s += `${indent}<Item naaccrId="${def.naaccrId}" naaccrNum="${def.naaccrNum}">${escapeXml(value)}</Item>\n`;
    return s;
  }
}
