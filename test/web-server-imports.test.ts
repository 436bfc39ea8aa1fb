import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/adr/0005: the web takes its request and response types from the server's zod schemas through
// `import type` from '@server/…' (erased by the compiler, so no server code reaches the bundle). Only the
// pure rule modules listed here may be imported for their values, and they must themselves import
// nothing at run time, so a schema file can never drag zod, Kysely or node: modules into the browser.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Pure functions the web runs as the server does (validate-as-you-type with the server's own rules). */
const SHARED_AT_RUNTIME = new Set(['src/patients/validation.ts']);

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
const webFiles = walk(path.join(root, 'web/src')).filter((f) => /\.tsx?$/.test(f));

/** Every static import statement of a file: whether it is `import type`, and what it names. */
const imports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)].map((m) => ({
    typeOnly: Boolean(m[1]),
    spec: m[2] as string,
  }));

describe('web imports of server code', () => {
  it('reach src/ only through the @server alias', () => {
    const escaping = webFiles.filter((f) => imports(f).some((i) => /^(\.\.\/)+src\//.test(i.spec)));
    expect(escaping.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('are type-only, except the pure shared rule modules', () => {
    const bad = webFiles.flatMap((f) =>
      imports(f)
        .filter((i) => i.spec.startsWith('@server/') && !i.typeOnly)
        .filter((i) => !SHARED_AT_RUNTIME.has(i.spec.replace('@server/', 'src/')))
        .map((i) => `${path.relative(root, f)} → ${i.spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('the shared rule modules import nothing at run time', () => {
    const runtime = [...SHARED_AT_RUNTIME].flatMap((m) =>
      imports(path.join(root, m))
        .filter((i) => !i.typeOnly)
        .map((i) => `${m} → ${i.spec}`),
    );
    expect(runtime).toEqual([]);
  });

  it('the web does take types from the server schemas', () => {
    const typed = webFiles.filter((f) => imports(f).some((i) => i.spec.startsWith('@server/') && i.typeOnly));
    expect(typed.length).toBeGreaterThan(0);
  });
});
