import path from 'node:path';
import type { RequestContext } from '../../kernel/context.ts';

/** Where an export's NDJSON files are written: one folder per export under the data directory. */
export const exportDirOf = (ctx: Pick<RequestContext, 'config'>, id: string) =>
  path.join(ctx.config.dataDir, 'exports', id);
