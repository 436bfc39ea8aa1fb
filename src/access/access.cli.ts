import { type Command, Option } from 'commander';
import { cliContext, readStdin } from '../kernel/cli-context.ts';
import { AppError } from '../kernel/errors.ts';
import type { CliHost } from '../kernel/routing.ts';
import { findUserByUsername } from './access.queries.ts';
import { verifyAuditChain } from './audit/audit.service.ts';
import { describeProblem, proveAuditEvent } from './audit/audit-log.service.ts';
import { rotateSigner } from './audit/checkpoint-key.ts';
import { checkpointAudit, integrateAll } from './audit/sequencer.ts';
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

  const audit = program.command('audit').description('the audit log (Merkle tree, signed checkpoints)');
  audit
    .command('verify')
    .description(
      'recompute the Merkle tree from the events and check every signed checkpoint; exit 1 naming the first bad log index',
    )
    .action(async () => {
      await host.withDeps(async (deps) => {
        const started = performance.now();
        const r = await verifyAuditChain(deps.db, deps.config);
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        if (r.ok) {
          out(
            `audit trail intact: ${r.count} events verified in ${secs}s; ${r.checkpoints} signed checkpoints checked, ${r.pending} events waiting for the sequencer`,
          );
          if (r.untrusted > 0)
            process.stderr.write(
              `warning: ${r.untrusted} checkpoints are signed by keys not in the trusted list (see docs/access.md, "Audit log")\n`,
            );
          return;
        }
        process.stderr.write(
          `audit trail BROKEN: ${describeProblem(r.problem)}; ${r.count} events before it verified\n`,
        );
        process.exitCode = 1;
      });
    });
  audit
    .command('prove <eventId>')
    .description('print an inclusion proof of an audit event against the latest signed checkpoint (JSON)')
    .action(async (eventId: string) => {
      await host.withDeps(async (deps) => {
        out(JSON.stringify(await proveAuditEvent(deps.db, eventId), null, 2));
      });
    });
  audit
    .command('integrate')
    .description('integrate every pending event into the tree now and sign a checkpoint')
    .action(async () => {
      await host.withDeps(async (deps) => {
        const n = await integrateAll(deps);
        const c = await checkpointAudit(deps);
        out(`${n} events integrated${c ? `; checkpoint signed at tree size ${c.tree_size}` : ''}`);
      });
    });
  audit
    .command('rotate-key')
    .description('replace the checkpoint signing key; the old public key stays trusted')
    .action(async () => {
      await host.withDeps(async (deps) => {
        const r = rotateSigner(deps.config);
        out(
          `checkpoint key ${r.retired} retired, ${r.current} now signs; destroy the .retired file once archived`,
        );
      });
    });
}
