import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/routing.ts';
import { splitMessages } from './batch.ts';
import { unescapeHl7 } from './message.ts';
import { receiveMessage } from './receive.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** The shared `import` command (FHIR adds `import fhir` beside it), created by whichever domain comes first. */
export function importCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('bring records in from other systems')
  );
}

/**
 * `chartkeeper import hl7v2 <file…>`: each message goes through exactly the path an MLLP message takes
 * (stored raw, applied as the interface, acknowledged); one line per message with its answer. Exit
 * code 1 when any message was not accepted.
 */
export function hl7v2Cli(program: Command, cli: CliHost): void {
  importCommand(program)
    .command('hl7v2')
    .description('process HL7 v2 message files (one or many messages per file) as the interface would')
    .argument('<files...>', 'files of HL7 v2 messages')
    .action(async (files: string[]) => {
      const counts = { AA: 0, AE: 0, AR: 0, duplicate: 0 };
      await cli.withDeps(async (deps) => {
        for (const file of files) {
          const messages = splitMessages(await readFile(file, 'utf8'));
          for (const [n, text] of messages.entries()) {
            const r = await receiveMessage(deps, text, 'file');
            const [, msa = '', ...errs] = r.ack.split('\r');
            counts[r.outcome]++;
            if (r.duplicate) counts.duplicate++;
            const errors = errs.map((e) => unescapeHl7(e.split('|').at(-1) ?? '')).join('; ');
            out(
              `${path.basename(file)} #${n + 1} ${msa.split('|')[2] ?? ''}: ${r.outcome}${r.duplicate ? ' (duplicate, not applied again)' : ''}${errors ? ` — ${errors}` : ''}`,
            );
          }
        }
      });
      out(
        `accepted ${counts.AA}, errors ${counts.AE}, rejected ${counts.AR}, duplicates ${counts.duplicate}`,
      );
      if (counts.AE + counts.AR > 0) process.exitCode = 1;
    });
}
