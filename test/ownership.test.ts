import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 12: a table belongs to one domain, and only that domain's *.queries.ts names it. Other domains
// read through the owner's index.ts (functions, or Kysely fragments such as `patientDirectory(db)` that
// the owner writes). The owner of a table is the domain whose *.tables.ts declares it in its `…Tables`
// interface; the domain is the first folder under src/ (src/interop/fhir/… belongs to interop).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
const domainOf = (file: string) => rel(file).split('/')[1] ?? '';
const files = walk(src).filter((f) => f.endsWith('.ts'));

/** Removes comments, so a table named in a doc comment does not count. */
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const f of files.filter((x) => x.endsWith('.tables.ts'))) {
    for (const m of code(f).matchAll(/export interface \w+Tables(?:\s+extends[^{]*)?\s*\{([^}]*)\}/g)) {
      for (const k of (m[1] ?? '').matchAll(/^\s*(\w+)\s*:/gm)) {
        const table = k[1] as string;
        const prior = owners.get(table);
        if (prior && prior !== domainOf(f))
          throw new Error(`${table} is declared by ${prior} and ${domainOf(f)}`);
        owners.set(table, domainOf(f));
      }
    }
  }
  return owners;
}

/** Tables of other domains a file names: as a string ('patient', 'patient as p', 'patient.id') or in raw SQL. */
function foreignTables(file: string, owners: Map<string, string>): string[] {
  const text = code(file);
  const own = domainOf(file);
  return [...owners]
    .filter(([, d]) => d !== own && d !== 'kernel') // kernel tables (settings) are exempt
    .filter(([t]) =>
      new RegExp(`['"\`]${t}(?:['"\`.]|\\s+as\\s)|\\b(?:from|join|into|update)\\s+${t}\\b`, 'i').test(text),
    )
    .map(([t]) => t)
    .sort();
}

/**
 * The FHIR facade, bulk import/export and the HL7 v2 feed read other domains' tables only through the
 * owners' index.ts (issue 12 item 4: patients/criteria.queries.ts, chart/criteria.queries.ts, the access
 * directory). The list is empty and stays so: any foreign table named in interop fails the test.
 */
const INTEROP_ALLOWED: Record<string, string[]> = {};

describe('table ownership', () => {
  const owners = tableOwners();

  it('finds the tables of every domain', () => {
    expect(owners.get('patient')).toBe('patients');
    expect(owners.get('chart_entry')).toBe('chart');
    expect(owners.get('access_user')).toBe('access');
    expect(owners.get('coding_code')).toBe('coding');
    expect(owners.size).toBeGreaterThan(50);
  });

  it("no *.queries.ts names another domain's table (interop: only its shrinking allow-list)", () => {
    const found: Record<string, string[]> = {};
    for (const f of files.filter((x) => x.endsWith('.queries.ts'))) {
      const tables = foreignTables(f, owners);
      if (tables.length) found[rel(f)] = tables;
    }
    const beyond = Object.entries(found)
      .map(([f, ts]) => [f, ts.filter((t) => !INTEROP_ALLOWED[f]?.includes(t))] as const)
      .filter(([, ts]) => ts.length > 0);
    expect(Object.fromEntries(beyond)).toEqual({});
    // The allow-list names only interop files and only what they still read: it cannot grow or go stale.
    for (const f of Object.keys(INTEROP_ALLOWED)) expect(f.startsWith('src/interop/')).toBe(true);
    expect(found).toEqual(INTEROP_ALLOWED);
  });

  it("no other source file builds a query over another domain's table either", () => {
    const builder =
      /\.(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'(\w+)/g;
    const found: string[] = [];
    for (const f of files) {
      if (f.endsWith('.queries.ts') || f.endsWith('.test.ts')) continue;
      for (const m of code(f).matchAll(builder)) {
        const owner = owners.get(m[1] as string);
        if (owner && owner !== domainOf(f) && owner !== 'kernel') found.push(`${rel(f)}: ${m[1]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the kernel imports no domain (its own code; tests use the harness)', () => {
    const up = files
      .filter((f) => domainOf(f) === 'kernel' && !f.endsWith('.test.ts')) // tests may use the harness
      .flatMap((f) => [...code(f).matchAll(/from '(\.\.\/[^']+)'/g)].map((m) => `${rel(f)} → ${m[1]}`));
    expect(up).toEqual([]);
  });
});
