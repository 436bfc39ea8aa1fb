import { z } from 'zod';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  version: z.string(),
  /** The identifier key in use (its id, never the key): tells operators which key a server holds. */
  keyId: z.string().nullable(),
});

export const systemInfoSchema = z.object({
  product: z.literal('Chartkeeper'),
  version: z.string(),
  node: z.string(),
  database: z.object({
    mode: z.enum(['embedded', 'external']),
    serverVersion: z.string(),
    name: z.string(),
  }),
  migrations: z.object({
    applied: z.number().int(),
    pending: z.array(z.string()),
    latest: z.string().nullable(),
  }),
  serverTime: z.string(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;
