import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { recordAudit } from './access/index.ts';
import { cliContext } from './kernel/cli-context.ts';
import type { AppDeps } from './kernel/context.ts';
import { adoptStores, checkStores, type StoreAdoption, type StoreCheck } from './kernel/key-repair.ts';
import { type EncryptedStore, keyringFor, readOtherKey } from './kernel/keyring.ts';
import type { CliHost } from './kernel/routing.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** Runs `work` with a progress bar over every encrypted row (on stderr, so --json output stays clean). */
async function withBar<T>(
  deps: AppDeps,
  stores: EncryptedStore[],
  work: (tick: (n: number) => void) => Promise<T>,
) {
  let total = 0;
  for (const s of stores) total += await s.count(deps.db);
  const bar = new SingleBar({
    format: 'scanning [{bar}] {percentage}% | {value}/{total} rows',
    stream: process.stderr,
  });
  bar.start(total, 0);
  try {
    return await work((n) => bar.increment(n));
  } finally {
    bar.stop();
  }
}

function printCheck(kid: string, source: string, report: StoreCheck[]): void {
  out(`Key in use: ${kid} (from ${source})`);
  for (const r of report) {
    const keys = Object.entries(r.byKey)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
    out(
      `${r.store}: ${r.rows} rows, ${r.undecryptable} do not decrypt under the key in use${keys ? ` (sealed by ${keys})` : ''}`,
    );
    if (r.ids.length) out(`  ids: ${r.ids.join(' ')}${r.undecryptable > r.ids.length ? ' …' : ''}`);
  }
}

/**
 * `chartkeeper keys check` and `keys adopt --from FILE` (issue 22): find the rows a database cannot read with
 * its key, and re-seal them from the other key file. Reports carry counts and row ids, never values.
 */
export function keysCli(program: Command, host: CliHost, stores: () => EncryptedStore[]): void {
  const keys = program.command('keys').description('identifier encryption keys');
  keys
    .command('check')
    .description('report, per encrypted column, rows that do not decrypt under the key in use')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      await host.withDeps(async (deps) => {
        const ring = keyringFor(deps.config);
        const report = await withBar(deps, stores(), (tick) =>
          checkStores(deps.db, ring.cipher, stores(), tick),
        );
        const bad = report.reduce((n, r) => n + r.undecryptable, 0);
        await recordAudit(deps.db, cliContext(deps), {
          action: 'keys.check',
          details: {
            keyId: ring.kid,
            undecryptable: bad,
            stores: report.map((r) => [r.store, r.rows, r.undecryptable]),
          },
        });
        if (opts.json) out(JSON.stringify({ keyId: ring.kid, source: ring.source, stores: report }));
        else printCheck(ring.kid, ring.source, report);
        if (bad > 0) {
          if (!opts.json)
            out(`${bad} rows need repair: run \`chartkeeper keys adopt --from <the other secret.key>\`.`);
          process.exitCode = 1;
        }
      });
    });
  keys
    .command('adopt')
    .description('re-encrypt, under the key in use, the rows written under another key file (resumable)')
    .requiredOption('--from <file>', 'the other key file (a secret.key)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { from: string; json?: boolean }) => {
      const other = readOtherKey(opts.from);
      await host.withDeps(async (deps) => {
        const ring = keyringFor(deps.config);
        const result: StoreAdoption[] = await withBar(deps, stores(), (tick) =>
          adoptStores(deps.db, ring.cipher, other, stores(), tick),
        );
        await recordAudit(deps.db, cliContext(deps), {
          action: 'keys.adopt',
          details: {
            keyId: ring.kid,
            stores: result.map((r) => [r.store, r.resealed, r.stillUndecryptable]),
          },
        });
        if (opts.json) out(JSON.stringify({ keyId: ring.kid, stores: result }));
        else
          for (const r of result) {
            out(
              `${r.store}: ${r.resealed} rows re-encrypted under key ${ring.kid}, ${r.stillUndecryptable} open under neither key`,
            );
            if (r.ids.length) out(`  ids: ${r.ids.join(' ')}`);
          }
        if (result.some((r) => r.stillUndecryptable > 0)) process.exitCode = 1;
      });
    });
}
