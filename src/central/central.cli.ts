import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { cliContext } from '../kernel/cli-context.ts';
import { loadConfig } from '../kernel/config.ts';
import { AppError } from '../kernel/errors.ts';
import type { CliHost } from '../kernel/routing.ts';
import { linkPending } from './linkage.service.ts';
import { centralStats, registryPersons } from './persons.service.ts';
import { addSource, revoke, sources } from './sources.service.ts';
import type { Receipt } from './submissions.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** The submissions endpoint of a central registry given its base URL (or the endpoint itself). */
export function submissionUrl(to: string): string {
  const u = new URL(to);
  if (!u.pathname.endsWith('/api/central/submissions'))
    u.pathname = `${u.pathname.replace(/\/$/, '')}/api/central/submissions`;
  return u.toString();
}

/**
 * Sends a NAACCR XML file to a central registry, streamed, and returns its receipt. Needs no database:
 * any installation (facility or none) can send.
 */
export async function sendSubmission(file: string, to: string, token: string): Promise<Receipt> {
  statSync(file);
  const res = await fetch(submissionUrl(to), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/xml',
      'x-file-name': path.basename(file),
    },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const text = await res.text();
  let body: {
    code?: string;
    message?: string;
    error?: { code?: string; message?: string };
  } & Partial<Receipt>;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError(
      'CENTRAL_SUBMIT_FAILED',
      `The central registry answered ${res.status}: ${text.slice(0, 200)}`,
    );
  }
  if (!res.ok) {
    const err = body.error ?? body;
    throw new AppError(err.code ?? 'CENTRAL_SUBMIT_FAILED', err.message ?? `HTTP ${res.status}`, res.status);
  }
  return body as Receipt;
}

/** `chartkeeper central …` (issue 16 command-line contract). */
export function centralCli(program: Command, cli: CliHost): void {
  const central = program.command('central').description('central cancer registry (regional / national)');
  const src = central.command('sources').description('reporting sources and their submission tokens');
  src
    .command('add')
    .description('register a reporting source; prints its submission token on the last line')
    .requiredOption('--code <code>', 'short source code')
    .requiredOption('--name <name>', 'source name')
    .option('--facility-id <id>', 'Reporting Facility (#540) its abstracts carry (default: the code)')
    .option('--npi <npi>', 'National Provider Identifier')
    .option('--contact <contact>', 'contact person or address')
    .option('--expected-volume <n>', 'expected records a year')
    .action(
      async (opts: {
        code: string;
        name: string;
        facilityId?: string;
        npi?: string;
        contact?: string;
        expectedVolume?: string;
      }) => {
        const r = await cli.withDeps((deps) =>
          addSource(cliContext(deps), {
            code: opts.code,
            name: opts.name,
            facilityId: opts.facilityId,
            npi: opts.npi,
            contact: opts.contact,
            expectedVolume: opts.expectedVolume ? Number(opts.expectedVolume) : undefined,
          }),
        );
        out(
          `Reporting source ${r.source.code} (${r.source.name}) registered. Its submission token (shown once):`,
        );
        out(r.token);
      },
    );
  src
    .command('list')
    .description('list reporting sources')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const r = await cli.withDeps((deps) => sources(cliContext(deps)));
      if (opts.json) {
        out(JSON.stringify(r.items));
        return;
      }
      for (const s of r.items) out(`${s.code}\t${s.name}\t${s.facilityId}${s.revoked ? '\trevoked' : ''}`);
    });
  src
    .command('revoke')
    .description("revoke a source's token (what it sent is kept)")
    .argument('<code>', 'source code')
    .action(async (code: string) => {
      await cli.withDeps((deps) => revoke(cliContext(deps), code));
      out(`Reporting source ${code} revoked.`);
    });

  central
    .command('submit')
    .description('send a NAACCR XML file to a central registry and print the receipt')
    .argument('<file>', 'NAACCR XML file')
    .requiredOption('--to <url>', 'the central registry URL')
    .requiredOption('--token <token>', "this source's submission token")
    .option('--json', 'print { submissionId, accepted, rejected, duplicates } as JSON')
    .action(async (file: string, opts: { to: string; token: string; json?: boolean }) => {
      const receipt = await sendSubmission(file, opts.to, opts.token);
      keepReceipt(receipt, file, opts.to);
      if (opts.json) {
        const { submissionId, accepted, rejected, duplicates } = receipt;
        out(JSON.stringify({ submissionId, accepted, rejected, duplicates }));
        return;
      }
      out(
        `Submission ${receipt.submissionId}: ${receipt.accepted} accepted, ${receipt.rejected} rejected, ${receipt.duplicates} duplicates.`,
      );
      for (const e of receipt.errors.slice(0, 50))
        out(`  record ${e.record} (line ${e.line}): ${e.messages.join('; ')}`);
    });
  linkageCli(central, cli);
}

/** `central link`, `central persons`, `central stats` (issue 16 command-line contract). */
function linkageCli(central: Command, cli: CliHost): void {
  central
    .command('link')
    .description('link pending records to registry persons and consolidate their tumours (safe to re-run)')
    .option('--json', 'print the tally as JSON')
    .action(async (opts: { json?: boolean }) => {
      const r = await cli.withDeps((deps) => linkPending(cliContext(deps)));
      if (opts.json) {
        out(JSON.stringify(r));
        return;
      }
      out(
        `Linked ${r.linked} automatically, ${r.sameNumber} by the source's own number, ${r.review} to clerical review, ${r.newPersons} new persons.`,
      );
    });
  central
    .command('persons')
    .description('registry persons with their linked source records')
    .option('--json', 'print [ { personId, records: [ { source, patientIdNumber } ], tumours } ]')
    .action(async (opts: { json?: boolean }) => {
      const r = await cli.withDeps((deps) => registryPersons(cliContext(deps)));
      if (opts.json) {
        out(JSON.stringify(r));
        return;
      }
      for (const p of r)
        out(
          `${p.personId}\t${p.records.map((x) => `${x.source}:${x.patientIdNumber}`).join(' ')}\t${p.tumours} tumours`,
        );
    });
  central
    .command('stats')
    .description('counts of sources, submissions, records, persons, tumours and pending reviews')
    .option('--json', 'print { sources, submissions, records, persons, tumours, reviewPending }')
    .action(async (opts: { json?: boolean }) => {
      const r = await cli.withDeps((deps) => centralStats(cliContext(deps)));
      if (opts.json) {
        out(JSON.stringify(r));
        return;
      }
      for (const [k, v] of Object.entries(r)) out(`${k}\t${v}`);
    });
}

/** The sender keeps the receipt too: <data dir>/central-receipts/<submissionId>.json. */
function keepReceipt(receipt: Receipt, file: string, to: string): void {
  const dir = path.join(loadConfig().dataDir, 'central-receipts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `${receipt.submissionId}.json`),
    `${JSON.stringify({ file: path.resolve(file), to, ...receipt }, null, 2)}\n`,
  );
}
