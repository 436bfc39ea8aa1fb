import { SaxesParser } from 'saxes';

/** NAACCR XML namespace (NAACCR XML specification 1.x §2). */
export const NAACCR_NS = 'http://naaccr.org/naaccrxml';

export type ParentElement = 'NaaccrData' | 'Patient' | 'Tumor';

/** One ItemDef of a NAACCR base dictionary. */
export interface ItemDef {
  naaccrId: string;
  naaccrNum: number;
  name: string;
  length: number;
  dataType: string;
  parent: ParentElement;
  recordTypes: string;
}

export interface Dictionary {
  /** `250`, `260`: the naaccrVersion attribute of the dictionary. */
  version: string;
  items: Map<string, ItemDef>;
}

/** The base dictionary URI of a NAACCR version (NAACCR XML: baseDictionaryUri). */
export const dictionaryUri = (version: string) =>
  `http://naaccr.org/naaccrxml/naaccr-dictionary-${version}.xml`;

/** The version in a base dictionary URI, e.g. `…/naaccr-dictionary-250.xml` → `250`. */
export function versionOfUri(uri: string): string | undefined {
  return /naaccr-dictionary-(\d{3})\.xml$/.exec(uri.trim())?.[1];
}

/** Reads a NAACCR base dictionary (naaccr_dictionary_1.x.xsd: NaaccrDictionary / ItemDefs / ItemDef). */
export function parseDictionary(xml: string): Dictionary {
  const parser = new SaxesParser({ xmlns: true });
  let version = '';
  const items = new Map<string, ItemDef>();
  parser.on('opentag', (tag) => {
    const a = (name: string) => tag.attributes[name]?.value ?? '';
    if (tag.local === 'NaaccrDictionary') version = a('naaccrVersion');
    if (tag.local !== 'ItemDef') return;
    const def: ItemDef = {
      naaccrId: a('naaccrId'),
      naaccrNum: Number(a('naaccrNum')),
      name: a('naaccrName'),
      length: Number(a('length')),
      // The dictionary leaves dataType out for free text (NAACCR XML specification: default "text").
      dataType: a('dataType') || 'text',
      parent: a('parentXmlElement') as ParentElement,
      recordTypes: a('recordTypes'),
    };
    items.set(def.naaccrId, def);
  });
  parser.write(xml).close();
  if (!version || items.size === 0)
    throw new Error('not a NAACCR base dictionary (no naaccrVersion or ItemDefs)');
  return { version, items };
}

// NAACCR XML specification §data types; the date pattern is the reference library's (year, year+month, full).
const PATTERNS: Record<string, RegExp> = {
  alpha: /^[A-Z]+$/,
  digits: /^\d+$/,
  mixed: /^[A-Z\d]+$/,
  numeric: /^\d+(\.\d+)?$/,
  date: /^(18|19|20)\d\d((0[1-9]|1[012])(0[1-9]|[12]\d|3[01])?)?$/,
};
const FULL_LENGTH = new Set(['alpha', 'digits', 'mixed']);

/**
 * Checks one value against its ItemDef: length, then the data type (alpha/digits/mixed are full length).
 * @returns what is wrong, or undefined when the value is valid
 */
export function checkValue(def: ItemDef, value: string): string | undefined {
  if (value.length > def.length)
    return `${def.naaccrId} (#${def.naaccrNum}) is ${value.length} characters; at most ${def.length} allowed`;
  const pattern = PATTERNS[def.dataType];
  if (pattern && !pattern.test(value))
    return `${def.naaccrId} (#${def.naaccrNum}) is not valid ${def.dataType}`;
  if (FULL_LENGTH.has(def.dataType) && value.length !== def.length)
    return `${def.naaccrId} (#${def.naaccrNum}) must be ${def.length} characters (${def.dataType})`;
  return undefined;
}
