import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { AppError } from '../kernel/errors.ts';
import { type Dictionary, type ItemDef, type ParentElement, parseDictionary } from './dictionary.ts';
import { auditRegistry, requireRegistry } from './gate.ts';
import { dictionaryRows, loadedVersions, replaceDictionary } from './registry.queries.ts';

const cache = new Map<string, Dictionary>();

export const SUPPORTED_VERSIONS = ['240', '250', '260'] as const;

/** Loads (or replaces) a NAACCR base dictionary from its XML text; returns its version and item count. */
export async function loadDictionary(
  ctx: RequestContext,
  xml: string,
): Promise<{ version: string; items: number }> {
  await requireRegistry(ctx, 'registry:write');
  let dict: Dictionary;
  try {
    dict = parseDictionary(xml);
  } catch (e) {
    throw new AppError(
      'REGISTRY_DICTIONARY_INVALID',
      `The file is not a NAACCR dictionary: ${(e as Error).message}`,
    );
  }
  const rows = [...dict.items.values()].map((d) => ({
    version: dict.version,
    naaccr_id: d.naaccrId,
    naaccr_num: d.naaccrNum,
    name: d.name,
    length: d.length,
    data_type: d.dataType,
    parent_element: d.parent,
    record_types: d.recordTypes,
  }));
  await withTransaction(ctx.db, async (trx) => {
    await replaceDictionary(trx, dict.version, rows);
    await auditRegistry(trx, ctx, 'registry.dictionary_load', [], {
      version: dict.version,
      items: rows.length,
    });
  });
  cache.set(dict.version, dict);
  return { version: dict.version, items: rows.length };
}

/** The dictionary of a version from the database (cached per process; a load replaces the cache). */
export async function dictionaryFor(ctx: RequestContext, version: string): Promise<Dictionary> {
  const hit = cache.get(version);
  if (hit) return hit;
  const rows = await dictionaryRows(ctx.db, version);
  if (rows.length === 0)
    throw new AppError(
      'REGISTRY_DICTIONARY_MISSING',
      `NAACCR dictionary v${version} is not loaded. Load it with: chartkeeper registry dictionary load naaccr-dictionary-${version}.xml`,
      409,
      { version },
    );
  const items = new Map<string, ItemDef>(
    rows.map((r) => [
      r.naaccr_id,
      {
        naaccrId: r.naaccr_id,
        naaccrNum: r.naaccr_num,
        name: r.name,
        length: r.length,
        dataType: r.data_type,
        parent: r.parent_element as ParentElement,
        recordTypes: r.record_types,
      },
    ]),
  );
  const dict = { version, items };
  cache.set(version, dict);
  return dict;
}

/** Versions loaded in this database, newest last. */
export const dictionaryVersions = (ctx: RequestContext) => loadedVersions(ctx.db);

/** The newest loaded dictionary (new abstracts use it). */
export async function currentDictionary(ctx: RequestContext): Promise<Dictionary> {
  const versions = await loadedVersions(ctx.db);
  const newest = versions.at(-1);
  if (!newest) return dictionaryFor(ctx, '260');
  return dictionaryFor(ctx, newest);
}

/** Tests reset the per-process cache between databases. */
export const clearDictionaryCache = () => cache.clear();
