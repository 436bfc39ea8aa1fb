import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { AppDeps, RequestContext } from './context.ts';

/** The request context of a CLI command: no signed-in user; the OS user is recorded as the operator. */
export function cliContext(deps: AppDeps): RequestContext {
  return { ...deps, requestId: randomUUID(), channel: 'cli', operator: `cli:${os.userInfo().username}` };
}

/** Reads all of standard input (for --password-stdin). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
