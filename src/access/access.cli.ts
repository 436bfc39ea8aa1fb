import { type Command, Option } from 'commander';
import { cliContext, readStdin } from '../kernel/cli-context.ts';
import { AppError } from '../kernel/errors.ts';
import type { CliHost } from '../kernel/routing.ts';
import { findUserByUsername } from './access.queries.ts';
import { verifyAuditChain } from './audit/audit.service.ts';
import { ALL_ROLES } from './permissions.ts';
import { createApiToken, parseDuration } from './tokens.service.ts';
import { createUser } from './users.service.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
const collect = (v: string, prev: string[]) => [...prev, v];

export function accessCli(program: Command, host: CliHost): void {
  const users = program.command('users').description('user accounts');
  users
    .command('create')
    .description('create a user (the first administrator included)')
    .requiredOption('--username <username>')
    .addOption(
      new Option('--role <role>', 'role (repeat for several)')
        .choices(ALL_ROLES)
        .argParser(collect)
        .default([]),
    )
    .option('--full-name <name>', 'full name (defaults to the username)')
    .option('--credentials <text>', 'e.g. MD, RN, RHIT')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (opts: {
        username: string;
        role: string[];
        fullName?: string;
        credentials?: string;
        passwordStdin?: boolean;
      }) => {
        if (!opts.passwordStdin)
          throw new AppError('PASSWORD_REQUIRED', 'Pass --password-stdin and pipe the password in.');
        const password = await readStdin();
        await host.withDeps(async (deps) => {
          const u = await createUser(cliContext(deps), {
            username: opts.username,
            fullName: opts.fullName ?? opts.username,
            credentials: opts.credentials ?? null,
            roles: opts.role,
            password,
          });
          out(`created user ${u.username} (${u.id}) with roles ${opts.role.join(', ')}`);
        });
      },
    );

  const tokens = program.command('tokens').description('API tokens for scripts and integrations');
  tokens
    .command('create')
    .description('create an API token for a user and print it once')
    .requiredOption('--username <username>')
    .option('--name <name>', 'what the token is for', 'API token')
    .option('--expires <duration>', 'lifetime such as 90d, 12h (default: no expiry)')
    .action(async (opts: { username: string; name: string; expires?: string }) => {
      await host.withDeps(async (deps) => {
        const user = await findUserByUsername(deps.db, opts.username);
        if (!user) throw new AppError('NOT_FOUND', `No user named ${opts.username}.`, 404);
        const t = await createApiToken(cliContext(deps), user.id, {
          name: opts.name,
          ...(opts.expires ? { expiresInMs: parseDuration(opts.expires) } : {}),
        });
        out(t.token);
      });
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('walk the hash chain; exit 1 naming the first altered, removed or reordered event')
    .action(async () => {
      await host.withDeps(async (deps) => {
        const started = performance.now();
        const r = await verifyAuditChain(deps.db);
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        if (r.ok) {
          out(`audit trail intact: ${r.count} events verified in ${secs}s`);
          return;
        }
        const p = r.problem;
        const what =
          p.kind === 'altered'
            ? 'was altered (its content no longer matches its hash)'
            : 'does not follow the event before it (an event was removed or reordered)';
        process.stderr.write(
          `audit trail BROKEN: event seq ${p.seq} (id ${p.id}) ${what}; ${r.count} events before it verified\n`,
        );
        process.exitCode = 1;
      });
    });
}
