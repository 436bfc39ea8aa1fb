import type { RequestContext } from '../kernel/context.ts';
import { migrationState } from '../kernel/migrate.ts';
import { VERSION } from '../version.ts';
import { databaseServerInfo } from './system.queries.ts';
import type { SystemInfo } from './system.schemas.ts';

/** What the System page shows: version, database mode and the migration state. */
export async function getSystemInfo(ctx: RequestContext): Promise<SystemInfo> {
  const [server, state] = await Promise.all([databaseServerInfo(ctx.db), migrationState(ctx.db)]);
  return {
    product: 'Chartkeeper',
    version: VERSION,
    node: process.version,
    database: { mode: ctx.dbMode, serverVersion: server.version, name: server.name },
    migrations: {
      applied: state.applied.length,
      pending: state.pending,
      latest: state.applied.at(-1) ?? null,
    },
    serverTime: ctx.clock.now().toISOString(),
  };
}
