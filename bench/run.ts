import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Figure, report } from './lib.ts';

/**
 * `npm run bench [name…]`: runs every `bench/*.bench.ts` (or the named ones), prints a table per
 * benchmark and saves JSON results in bench/results/.
 */
const wanted = process.argv.slice(2);
const files = readdirSync(path.resolve('bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`\n== ${name}\n`);
  const mod = (await import(pathToFileURL(path.resolve('bench', file)).href)) as {
    run: () => Promise<Figure[]>;
  };
  report(name, await mod.run());
}
