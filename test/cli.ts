import { Command } from 'commander';
import { vi } from 'vitest';
import type { AppDeps } from '../src/kernel/context.ts';
import type { CliHost } from '../src/kernel/routing.ts';

/**
 * Runs `chartkeeper …` in-process against a test app's deps and returns what it printed on stdout.
 * @param register - the domains' CLI registrations the command needs (e.g. `patientsCli`)
 * @example await runCli(t.deps, [patientsCli], ['patients', 'train-matcher', '--json'])
 */
export async function runCli(
  deps: AppDeps,
  register: ((program: Command, host: CliHost) => void)[],
  args: string[],
): Promise<string> {
  const program = new Command().exitOverride();
  const host: CliHost = { withDeps: (work) => work(deps) };
  for (const r of register) r(program, host);
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    written.push(String(s));
    return true;
  });
  try {
    await program.parseAsync(['node', 'chartkeeper', ...args]);
  } finally {
    spy.mockRestore();
  }
  return written.join('');
}
