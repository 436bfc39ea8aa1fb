import type { Command } from 'commander';
import { cliContext } from '../kernel/cli-context.ts';
import type { CliHost } from '../kernel/routing.ts';
import { alertQueue } from './alerts.service.ts';
import { runScan } from './privacy.service.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

export function privacyCli(program: Command, host: CliHost): void {
  const privacy = program
    .command('privacy')
    .description('privacy monitoring over the audit trail (issue 23)');
  privacy
    .command('scan')
    .description('run the monitoring rules over the audit trail: today (and yesterday), or since a day')
    .option('--since <day>', 'first day to scan, YYYY-MM-DD (UTC); through today')
    .option('--json', 'print the per-day results as JSON')
    .action(async (opts: { since?: string; json?: boolean }) => {
      await host.withDeps(async (deps) => {
        const scans = await runScan(cliContext(deps), opts.since);
        if (opts.json) return out(JSON.stringify({ scans }));
        for (const s of scans)
          out(
            `${s.day}: ${s.events} events, ${s.touches} user-patient touches, ${s.alertsNew} new alerts, ${s.alertsUpdated} updated (${s.ms} ms)`,
          );
      });
    });
  privacy
    .command('alerts')
    .description('list privacy alerts (open ones unless --status)')
    .option('--status <status>', 'new, under_review, closed_appropriate, closed_violation or open', 'open')
    .option('--json', 'print as JSON')
    .action(async (opts: { status: 'open'; json?: boolean }) => {
      await host.withDeps(async (deps) => {
        const res = await alertQueue(cliContext(deps), { status: opts.status, page: 1, pageSize: 100 });
        if (opts.json) return out(JSON.stringify(res));
        for (const a of res.items)
          out(
            `${a.day}  ${a.username.padEnd(16)} ${(a.patient?.mrn ?? '-').padEnd(12)} ${a.status.padEnd(12)} ${a.rules.join(',')}`,
          );
        out(`${res.total} alert(s).`);
      });
    });
}
