import path from 'node:path';
import { z } from 'zod';

/**
 * Typed configuration read once from the environment. Every later domain adds its settings here so that a
 * bad value fails at start with a message naming the variable, never deep inside a request.
 */
const port = z.coerce.number().int().min(0).max(65535);
const minutes = z.coerce.number().int().positive();

export const configSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  CHARTKEEPER_DATA_DIR: z.string().min(1).default('./.chartkeeper'),
  /**
   * Most PostgreSQL connections one process opens (issue 18, docs/performance.md). Each audited request
   * holds one for its transaction; more than the database's cores mostly adds lock and context-switch cost.
   */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  /** Base64 32-byte key for encrypting identifiers at rest; by default kept in a file in the data dir. */
  CHARTKEEPER_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest request body in bytes (documents have their own upload limit). */
  BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576),
  /** Largest uploaded chart document in bytes (scanned records, PDFs, images). */
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1_048_576),
  /** HIPAA 164.312(a)(2)(iii) automatic logoff: idle and absolute session limits. */
  SESSION_IDLE_MINUTES: minutes.default(15),
  SESSION_ABSOLUTE_MINUTES: minutes.default(720),
  BREAK_GLASS_MINUTES: minutes.default(60),
  LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  /** Public URL used in printed links (setup link, download links). Defaults to http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** Medical record numbers: prefix + zero-padded sequence of MRN_DIGITS + Luhn check digit. */
  MRN_PREFIX: z
    .string()
    .regex(/^[A-Z]{0,6}$/, 'must be up to 6 capital letters')
    .default('CK'),
  MRN_DIGITS: z.coerce.number().int().min(5).max(12).default(7),
  /** Patient-matching score thresholds (Fellegi–Sunter weight sums; see src/patients/matching.ts). */
  MATCH_CERTAIN: z.coerce.number().default(15),
  MATCH_PROBABLE: z.coerce.number().default(12),
  MATCH_POSSIBLE: z.coerce.number().default(8),
  /**
   * When the nightly deficiency analysis runs (UTC, HH:MM), or `off` when cron runs
   * `chartkeeper completion analyse` instead (docs/completeness.md).
   */
  COMPLETION_NIGHTLY_AT: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'must be HH:MM (UTC) or off')
    .default('02:00'),
  /** TCP port of the HL7 v2 MLLP listener; unset (the default) leaves the listener off (docs/hl7v2.md). */
  HL7_MLLP_PORT: port.optional(),
  /** Address the MLLP listener binds to; defaults to HOST. MLLP is unencrypted: keep it on a trusted network. */
  HL7_MLLP_HOST: z.string().min(1).optional(),
  /**
   * Audit log (docs/access.md, "Audit log"): Ed25519 key that signs checkpoints — base64 PKCS#8 DER or PEM;
   * by default kept in audit-signing.key in the data directory, never in the database.
   */
  CHARTKEEPER_AUDIT_KEY: z.string().optional(),
  /** Extra trusted checkpoint public keys (base64 SPKI DER, comma-separated), e.g. retired keys. */
  AUDIT_TRUSTED_KEYS: z.string().optional(),
  /** Append-only checkpoint file; defaults to audit-checkpoints.jsonl in the data directory. */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /** Optional witness: each signed checkpoint is POSTed there (text/plain note). */
  AUDIT_WITNESS_URL: z.string().url().optional(),
  /** How often the sequencer integrates committed events (ms); 0 turns the in-process sequencer off. */
  AUDIT_INTEGRATE_MS: z.coerce.number().int().min(0).default(250),
  /** Most events integrated in one sequencer transaction. */
  AUDIT_BATCH: z.coerce.number().int().positive().default(5000),
  /** Least time between two signed checkpoints while the log grows (seconds). */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().min(0).default(10),
  /**
   * PEM certificate chain and private key files: when both are set the server speaks HTTPS itself and sends
   * HSTS (HIPAA 164.312(e)(1) transmission security). Unset, put a TLS-terminating proxy in front
   * (docs/operations.md).
   */
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  /** `central` runs the installation as a central cancer registry as well (issue 16, docs/central.md). */
  CHARTKEEPER_MODE: z.enum(['facility', 'central']).default('facility'),
});

export type Config = z.infer<typeof configSchema> & {
  /** Absolute path of the data directory. */
  dataDir: string;
  publicUrl: string;
};

/** Raised for configuration that cannot work; main prints its message alone and exits 1. */
export class ConfigError extends Error {}

/**
 * Reads configuration from an environment object.
 * @param env - usually process.env; tests pass their own
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const c = parsed.data;
  if ((c.TLS_CERT === undefined) !== (c.TLS_KEY === undefined)) {
    throw new ConfigError('Invalid configuration: TLS_CERT and TLS_KEY must be set together (or neither).');
  }
  const scheme = c.TLS_CERT ? 'https' : 'http';
  const host = c.HOST.includes(':') ? `[${c.HOST}]` : c.HOST;
  return {
    ...c,
    dataDir: path.resolve(c.CHARTKEEPER_DATA_DIR),
    publicUrl: (c.PUBLIC_URL ?? `${scheme}://${host}:${c.PORT}`).replace(/\/$/, ''),
  };
}
