import type pg from 'pg';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db.ts';
import type { DomainHooks } from './hooks.ts';
import type { JobQueue } from './jobs.ts';

/** What the whole process shares: handed to routes, services, jobs and CLI commands explicitly. */
export interface AppDeps {
  config: Config;
  db: Db;
  /** The pg pool under `db` (health checks, LISTEN, COPY). */
  pool: pg.Pool;
  clock: Clock;
  log: Logger;
  dbMode: 'embedded' | 'external';
  /** The one job queue (src/kernel/jobs.ts): every background job runs through it. */
  jobs: JobQueue;
  /** What the domains contribute to each other (merge handlers, chart-status checks…), from src/app.ts. */
  hooks: DomainHooks;
}

/** The signed-in person (or API token) acting on a request. Filled in by the access domain. */
export interface Actor {
  userId: string;
  username: string;
  roles: string[];
  permissions: ReadonlySet<string>;
  facilityIds: string[];
  sessionId?: string;
  tokenId?: string;
}

/**
 * The request context every service takes first: who acts, from where, on which request, and the shared
 * dependencies. The CLI builds one for its commands too (with a system or named actor).
 */
export interface RequestContext extends AppDeps {
  requestId: string;
  actor?: Actor;
  ip?: string;
  userAgent?: string;
  /** Where the request came in: web app/API, FHIR, CLI, HL7 interface, background job. */
  channel: 'api' | 'fhir' | 'cli' | 'hl7v2' | 'job';
  /**
   * Patients this request opened under break-the-glass. The access gate fills it; the audit writer
   * flags every event about these patients, so no service can forget the flag.
   */
  breakGlassPatients?: Set<string>;
  /** For CLI and jobs: who ran it (e.g. `cli:root`), recorded as the actor name on audit events. */
  operator?: string;
  /** Declared purpose of use (e.g. TREAT, HPAYMT, HOPERAT), recorded on audit events. */
  purposeOfUse?: string;
}
