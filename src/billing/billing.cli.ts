import { readFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { cliContext } from '../kernel/cli-context.ts';
import type { CliHost } from '../kernel/routing.ts';
import { CLAIM_STATUSES } from './billing.schemas.ts';
import type { ClaimStatus } from './billing.tables.ts';
import { buildClaims } from './claims.service.ts';
import { listClaims } from './claims-read.service.ts';
import { demoSeedBillingOption } from './demo/demo.cli.ts';
import { denialsCli } from './denials/denials.cli.ts';
import { eligibilityCli } from './eligibility/eligibility.cli.ts';
import { BillingErrors } from './errors.ts';
import { loadFees, loadPayers } from './fees.service.ts';
import { loadProviders } from './providers/providers.service.ts';
import { remitCli } from './remit/remit.cli.ts';
import { scrubClaims } from './scrubber/scrubber.service.ts';
import { batchClaims } from './x12/batch.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

function progressBar(label: string) {
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr });
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

/** `chartkeeper billing …` (issue 13 command-line contract: outside checks rely on these names). */
export function billingCli(program: Command, cli: CliHost): void {
  const billing = program.command('billing').description('charges, claims (X12 837), remittance (835)');
  const charges = billing.command('charges').description('fee schedules and charges');
  charges
    .command('load-fees')
    .description('load a fee schedule CSV (code, modifier, revenue_code, facility, price, effective_from, …)')
    .argument('<file>', 'fee schedule CSV')
    .action(async (file: string) => {
      const bar = progressBar('loading fees');
      const r = await cli
        .withDeps((deps) =>
          loadFees(cliContext(deps), readFileSync(file, 'utf8'), (d, t) => bar.update(d, t)),
        )
        .finally(() => bar.stop());
      out(`Loaded ${r.rows} fee rows; the fee schedule now has ${r.total}.`);
    });
  billing
    .command('payers')
    .description('payers')
    .command('load')
    .description(
      'load payers from a CSV (payer_id, name, filing_indicator, plan_type, timely_filing_days, prior_auth_codes)',
    )
    .argument('<file>', 'payers CSV')
    .action(async (file: string) => {
      const r = await cli.withDeps((deps) => loadPayers(cliContext(deps), readFileSync(file, 'utf8')));
      out(`Loaded ${r.rows} payers.`);
    });
  const claims = billing.command('claims').description('claims');
  claims
    .command('build')
    .description('capture charges from final coding and build claims')
    .option('--encounter <id>', 'one encounter')
    .option('--all-ready', 'every encounter with final coding and unbilled charges')
    .action(async (opts: { encounter?: string; allReady?: boolean }) => {
      if (Boolean(opts.encounter) === Boolean(opts.allReady)) throw BillingErrors.chooseScope();
      const r = await cli.withDeps((deps) =>
        buildClaims(cliContext(deps), { encounterId: opts.encounter, allReady: opts.allReady }),
      );
      out(
        `Captured charges for ${r.captured} encounters; built ${r.built} claims (${r.replacements} replacements); ${r.skipped.length} skipped.`,
      );
      for (const s of r.skipped.slice(0, 50)) out(`  encounter ${s.encounterId}: ${s.reason}`);
    });
  claims
    .command('list')
    .description('list claims')
    .option('--status <status>', `one of ${CLAIM_STATUSES.join(', ')}`)
    .option('--json', 'print the claims as a JSON array')
    .action(async (opts: { status?: string; json?: boolean }) => {
      if (opts.status && !(CLAIM_STATUSES as readonly string[]).includes(opts.status))
        throw new Error(`--status must be one of ${CLAIM_STATUSES.join(', ')}`);
      const r = await cli.withDeps((deps) =>
        listClaims(cliContext(deps), { status: opts.status as ClaimStatus | undefined }),
      );
      if (opts.json) {
        out(JSON.stringify(r.items));
        return;
      }
      for (const c of r.items)
        out(
          `${c.patientControlNumber}  ${c.type}  ${c.status.padEnd(14)} ${(c.payerId ?? c.payerName).padEnd(12)} charge ${c.charge.toFixed(2)}  balance ${c.balance.toFixed(2)}`,
        );
      out(`${r.items.length} claims.`);
    });
  billing
    .command('providers')
    .description('billing and rendering providers (NPI, taxonomy)')
    .command('load')
    .description(
      'load providers from a CSV (kind, username, name, npi, taxonomy, tax_id, line1, city, state, postal_code)',
    )
    .argument('<file>', 'providers CSV')
    .action(async (file: string) => {
      const r = await cli.withDeps((deps) => loadProviders(cliContext(deps), readFileSync(file, 'utf8')));
      out(`Loaded ${r.rows} providers.`);
    });
  claims
    .command('scrub')
    .description('scrub every claim not yet sent (or the given ones): clean claims become ready')
    .option('--claim <id...>', 'only these claims')
    .action(async (opts: { claim?: string[] }) => {
      const bar = progressBar('scrubbing claims');
      const r = await cli
        .withDeps((deps) =>
          scrubClaims(cliContext(deps), { claimIds: opts.claim }, (d, t) => bar.update(d, t)),
        )
        .finally(() => bar.stop());
      out(
        `Scrubbed ${r.scrubbed} claims: ${r.ready} ready, ${r.needsWork} need work (${r.changed} changed${r.busy ? `, ${r.busy} busy and skipped` : ''}).`,
      );
      for (const [code, n] of Object.entries(r.byCode).sort((a, b) => b[1] - a[1])) out(`  ${code}: ${n}`);
      for (const c of r.claims.filter((x) => x.status !== 'ready').slice(0, 20))
        out(
          `  ${c.patientControlNumber}: ${c.findings.filter((f) => f.severity === 'error').map((f) => f.message)[0] ?? ''}`,
        );
    });
  claims
    .command('batch')
    .description(
      'write every ready claim as 837 files (one per payer and claim type) in DIR and mark them submitted',
    )
    .option('--payer <id>', "only this payer's claims (X12 payer id)")
    .requiredOption('--out <dir>', 'directory for the 837 files')
    .option('--test', 'mark the interchanges as test data (ISA15 = T)')
    .action(async (opts: { payer?: string; out: string; test?: boolean }) => {
      const bar = progressBar('writing 837');
      const r = await cli
        .withDeps((deps) =>
          batchClaims(
            cliContext(deps),
            { payerId: opts.payer, outDir: opts.out, usage: opts.test ? 'T' : 'P' },
            (d, t) => bar.update(d, t),
          ),
        )
        .finally(() => bar.stop());
      for (const f of r.files)
        out(`  ${f.file}: ${f.claims} claims, ${f.charge.toFixed(2)} (ISA13 ${f.interchangeControlNumber})`);
      out(`Submitted ${r.claims} claims in ${r.files.length} files.`);
    });
  remitCli(billing, cli);
  demoSeedBillingOption(program, cli);
  denialsCli(billing, cli);
  eligibilityCli(billing, cli);
}
