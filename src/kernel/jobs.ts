import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { fromKysely, type JobWithMetadata, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Actor, AppDeps, RequestContext } from './context.ts';
import type { DbOrTx } from './db.ts';
import { AppError, conflict, notFound } from './errors.ts';
import {
  cancelJobRow,
  insertJob,
  jobById,
  listJobs,
  markRunning,
  reconcileJobRows,
  requeueJobRow,
  setProgress,
  setStatus,
} from './jobs.queries.ts';
import type { JobStatus } from './kernel.tables.ts';

/**
 * The one job queue (docs/adr/0004-job-queue-pg-boss.md). pg-boss runs the jobs out of PostgreSQL:
 * it claims each job for one worker, retries a failed one with backoff, and hands a job whose process
 * died (no heartbeat) to another worker. `kernel_job` keeps what the administrator sees: label, who
 * started it, status, progress and the last error. Domains declare their jobs in `DomainModule.jobs`;
 * the app defines them on the queue and starts the workers when it is ready.
 */

/** What a handler gets for one attempt of one job. */
export interface RunningJob<D> {
  id: string;
  kind: string;
  data: D;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** True when no retry follows if this attempt fails (the handler then records the failure as final). */
  lastAttempt: boolean;
  /** A context for services and audit: channel 'job', acting for whoever started the job. */
  ctx: RequestContext;
  /** Aborted when the job is cancelled (or the process stops). */
  signal: AbortSignal;
  /**
   * Records progress for the jobs screen. Throws `JobCancelled` once the job has been cancelled, so a
   * handler that reports progress between units of work stops at the next unit.
   */
  progress(done: number, total?: number | null, note?: string | null): Promise<void>;
}

export interface JobDefinition<D extends object = object> {
  /** Queue name, `<domain>.<job>` (e.g. `patients.duplicate-sweep`). */
  kind: string;
  /** The line the jobs screen shows for a job of this kind. */
  label: (data: D) => string;
  run: (job: RunningJob<D>) => Promise<void>;
  /** Retries after the first attempt fails (default 2). */
  retryLimit?: number;
  /** Seconds before the first retry, doubled each time (default 5). */
  retryDelaySeconds?: number;
  /** Longest one attempt may run (default 4 hours). */
  expireInSeconds?: number;
  /** A job whose worker sent no heartbeat for this long is failed and retried elsewhere (default 30). */
  heartbeatSeconds?: number;
  /**
   * A recurring job: a cron expression (5 fields) in the given IANA time zone, or a function of the
   * configuration that returns one, or null for no schedule (a setting can switch a schedule off; the
   * queue then removes any schedule an earlier start had made).
   */
  schedule?: JobSchedule | ((config: Config) => JobSchedule | null);
  /**
   * Whether a failed attempt may be retried (default: always). `transientError` retries what a later
   * attempt can fix (a lost connection, a deadlock) and fails at once what it cannot (bad input, 4xx).
   */
  retryable?: (error: unknown) => boolean;
  /**
   * Called once when the job has failed for good, so the domain closes its own record of the work
   * (e.g. marks an import failed). Runs after the last attempt, outside any handler transaction.
   */
  onFailed?: (ctx: RequestContext, data: D, error: string) => Promise<void>;
  /**
   * Called once when the job is cancelled, queued or running, with the context of whoever cancelled
   * it: a queued job never reaches its handler, so this is where the domain closes its record.
   */
  onCancel?: (ctx: RequestContext, data: D) => Promise<void>;
}

export interface JobQueueInfo {
  kind: string;
  /** The label of a job of this kind queued with no data (a scheduled one). */
  label: string;
  retryLimit: number;
  schedule: { cron: string; tz: string } | null;
}

export interface JobSchedule {
  cron: string;
  tz?: string;
}

/** Node system-call codes a later attempt cannot fix (the file is gone or not ours to read). */
const PERMANENT_SYSTEM_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR']);

/**
 * True for an error a retry may get past; for `JobDefinition.retryable`. A coded error below 500 is the
 * job's own input being wrong (retrying repeats it); so are PostgreSQL data exceptions (SQLSTATE class
 * 22), integrity violations (23) and syntax or access errors (42), and a missing or unreadable file.
 * Anything else (connection loss: class 08, resources: 53, operator intervention: 57, serialization
 * failure 40001, deadlock 40P01, plain errors) is treated as transient.
 */
export function transientError(e: unknown): boolean {
  if (e instanceof JobCancelled) return false;
  if (e instanceof AppError) return e.statusCode >= 500;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return true;
  if (PERMANENT_SYSTEM_CODES.has(code)) return false;
  if (/^[0-9A-Z]{5}$/.test(code)) return !['22', '23', '42'].includes(code.slice(0, 2));
  return true;
}

/**
 * The failure text kept on a job and shown on the jobs screen. Our coded errors are written to name no
 * patient (CONVENTIONS 5); a PostgreSQL error's message may quote the offending value (`invalid input
 * syntax for type date: "…"`), so only its SQLSTATE and constraint are kept; anything else is cut to 500
 * characters.
 */
export function jobErrorMessage(e: unknown): string {
  if (e instanceof AppError) return e.message;
  const pgError = e as { code?: unknown; severity?: unknown; constraint?: unknown } | null;
  if (pgError && typeof pgError.severity === 'string' && typeof pgError.code === 'string') {
    const constraint = typeof pgError.constraint === 'string' ? ` (constraint ${pgError.constraint})` : '';
    return `Database error ${pgError.code}${constraint}.`;
  }
  return (e instanceof Error ? e.message : String(e)).slice(0, 500);
}

export class JobCancelled extends AppError {
  constructor(id: string) {
    super('JOB_CANCELLED', `Job ${id} was cancelled.`, 409);
  }
}

export interface JobView {
  id: string;
  kind: string;
  label: string;
  status: JobStatus;
  startedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  attempts: number;
  progress: { done: number; total: number | null; note: string | null };
  error: string | null;
}

const SETTLED_CHANNEL = 'kernel_job_settled';
const TERMINAL: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'cancelled']);

type JobRow = NonNullable<Awaited<ReturnType<typeof jobById>>>;
const toView = (r: JobRow): JobView => ({
  id: r.id,
  kind: r.kind,
  label: r.label,
  status: r.status,
  startedBy: r.started_by,
  createdAt: r.created_at.toISOString(),
  startedAt: r.started_at?.toISOString() ?? null,
  finishedAt: r.finished_at?.toISOString() ?? null,
  attempts: r.attempts,
  progress: { done: r.progress_done, total: r.progress_total, note: r.progress_note },
  error: r.error,
});

/** Who started a job, carried in its payload so the handler acts (and audits) as them. */
interface StartedBy {
  name: string;
  operator?: string;
  actor?: Omit<Actor, 'permissions'> & { permissions: string[] };
}
interface Envelope {
  by: StartedBy;
  payload: object;
}

function startedBy(ctx: RequestContext): StartedBy {
  const actor = ctx.actor ? { ...ctx.actor, permissions: [...ctx.actor.permissions] } : undefined;
  return { name: ctx.actor?.username ?? ctx.operator ?? 'system', operator: ctx.operator, actor };
}

export interface JobQueueOptions {
  /** postgres:// URL of the application database (pg-boss opens its own small pool and a LISTEN connection). */
  connectionString: string;
  log: Logger;
  /** Connections in pg-boss's pool (default 3). */
  max?: number;
  /** How often pg-boss looks for jobs of dead workers (default 60 s; tests use 1). */
  superviseIntervalSeconds?: number;
  /** How often an idle worker looks for due jobs (retries) besides being woken by NOTIFY (default 2 s). */
  pollingIntervalSeconds?: number;
  /**
   * At start, a row younger than this is left alone (default 10 s): a job sent without a transaction is in
   * `kernel_job` a moment before pg-boss has it, and that job may be another process's, in flight.
   */
  reconcileGraceSeconds?: number;
}

export class JobQueue {
  readonly #opts: JobQueueOptions;
  readonly #defs = new Map<string, JobDefinition<object>>();
  readonly #settled = new EventEmitter();
  readonly #running = new Map<string, AbortController>();
  #boss: PgBoss | undefined;
  #deps: AppDeps | undefined;
  #listener: pg.PoolClient | undefined;

  constructor(opts: JobQueueOptions) {
    this.#opts = opts;
    this.#settled.setMaxListeners(0);
  }

  /** Declares a kind of job. All kinds are declared before `start`. */
  define<D extends object>(def: JobDefinition<D>): void {
    if (this.#defs.has(def.kind)) throw new Error(`Job kind ${def.kind} is defined twice`);
    this.#defs.set(def.kind, def as unknown as JobDefinition<object>);
  }

  get started(): boolean {
    return this.#boss !== undefined;
  }

  /** Every kind of job defined here, with its retry limit and schedule (the jobs screen's queue list). */
  queues(config: Config): JobQueueInfo[] {
    return [...this.#defs.values()]
      .map((d) => {
        const schedule = typeof d.schedule === 'function' ? d.schedule(config) : (d.schedule ?? null);
        return {
          kind: d.kind,
          label: d.label({}),
          retryLimit: d.retryLimit ?? 2,
          schedule: schedule ? { cron: schedule.cron, tz: schedule.tz ?? 'UTC' } : null,
        };
      })
      .sort((a, b) => a.kind.localeCompare(b.kind));
  }

  /**
   * Connects, creates (or updates) each kind's queue and schedule, and starts one worker per kind.
   * @param opts.work - false for a producer only (a CLI command that enqueues and leaves)
   */
  async start(deps: AppDeps, opts: { work?: boolean } = {}): Promise<void> {
    if (this.#boss) return;
    this.#deps = deps;
    const boss = new PgBoss({
      connectionString: this.#opts.connectionString,
      max: this.#opts.max ?? 3,
      application_name: 'chartkeeper-jobs',
      schema: 'pgboss',
      useListenNotify: true,
      // Our migration installs the schema; a newer pg-boss upgrades it here, under its own lock.
      migrate: true,
      superviseIntervalSeconds: this.#opts.superviseIntervalSeconds ?? 60,
      monitorIntervalSeconds: this.#opts.superviseIntervalSeconds ?? 60,
    });
    boss.on('error', (e) => this.#opts.log.error({ error: e.message }, 'job queue error'));
    await boss.start();
    this.#boss = boss;
    const now = deps.clock.now();
    const grace = (this.#opts.reconcileGraceSeconds ?? 10) * 1000;
    const closed = await reconcileJobRows(deps.db, now, new Date(now.getTime() - grace));
    if (closed > 0) this.#opts.log.warn({ closed }, 'closed jobs left unfinished by a stopped process');
    for (const def of this.#defs.values()) {
      const options = {
        retryLimit: def.retryLimit ?? 2,
        retryDelay: def.retryDelaySeconds ?? 5,
        retryBackoff: def.retryDelaySeconds !== 0,
        expireInSeconds: def.expireInSeconds ?? 4 * 3600,
        heartbeatSeconds: def.heartbeatSeconds ?? 30,
        notify: true,
      };
      if (await boss.getQueue(def.kind)) await boss.updateQueue(def.kind, options);
      else await boss.createQueue(def.kind, options);
      const schedule = typeof def.schedule === 'function' ? def.schedule(deps.config) : def.schedule;
      if (schedule) await boss.schedule(def.kind, schedule.cron, null, { tz: schedule.tz ?? 'UTC' });
      else if (def.schedule) await boss.unschedule(def.kind);
      if (opts.work !== false) {
        await boss.work(
          def.kind,
          {
            includeMetadata: true as const,
            batchSize: 1,
            pollingIntervalSeconds: this.#opts.pollingIntervalSeconds ?? 2,
            notifyPollingIntervalSeconds: this.#opts.pollingIntervalSeconds ?? 2,
          },
          async ([job]: JobWithMetadata<Envelope | null>[]) => {
            if (job) await this.#runOne(def, job);
          },
        );
      }
    }
  }

  /** Stops the workers (a running job is aborted and will be retried) and closes pg-boss's pool. */
  async stop(): Promise<void> {
    const boss = this.#boss;
    if (!boss) return;
    this.#boss = undefined;
    for (const c of this.#running.values()) c.abort();
    await boss.stop({ graceful: true, timeout: 5000 });
    if (this.#listener) {
      this.#listener.release(true);
      this.#listener = undefined;
    }
  }

  #bossOrThrow(): PgBoss {
    if (!this.#boss) throw new AppError('JOBS_NOT_STARTED', 'The job queue is not running.', 503);
    return this.#boss;
  }

  /**
   * Queues a job. Pass the caller's transaction as `trx` to queue it atomically with the domain's own
   * record of it (the job only exists if that transaction commits).
   * @returns the job id
   */
  async enqueue<D extends object>(
    ctx: RequestContext,
    kind: string,
    payload: D,
    opts: { trx?: Transaction<unknown> | DbOrTx } = {},
  ): Promise<string> {
    const def = this.#defs.get(kind);
    if (!def) throw new Error(`Unknown job kind ${kind}`);
    const boss = this.#bossOrThrow();
    const id = randomUUID();
    const by = startedBy(ctx);
    const db = (opts.trx ?? ctx.db) as DbOrTx;
    await insertJob(db, {
      id,
      kind,
      label: def.label(payload),
      started_by: by.name,
      created_at: ctx.clock.now(),
    });
    const envelope: Envelope = { by, payload };
    await boss.send(kind, envelope, {
      id,
      ...(opts.trx ? { db: fromKysely(opts.trx as unknown as Parameters<typeof fromKysely>[0]) } : {}),
    });
    return id;
  }

  async get(db: DbOrTx, id: string): Promise<JobView | null> {
    const r = await jobById(db, id);
    return r ? toView(r) : null;
  }

  async list(
    db: DbOrTx,
    opts: { kinds?: string[]; statuses?: JobStatus[]; page: number; pageSize: number },
  ): Promise<{ items: JobView[]; total: number }> {
    const { rows, total } = await listJobs(db, {
      kinds: opts.kinds,
      statuses: opts.statuses,
      limit: opts.pageSize,
      offset: (opts.page - 1) * opts.pageSize,
    });
    return { items: rows.map(toView), total };
  }

  /**
   * Resolves once the job has finished (completed, failed for good, or cancelled) in this process, or
   * at once if it already has. Used by tests and CLI commands instead of polling.
   */
  async waitFor(id: string, timeoutMs = 60_000): Promise<JobView> {
    const db = this.#deps?.db;
    if (!db) throw new AppError('JOBS_NOT_STARTED', 'The job queue is not running.', 503);
    await this.#listen();
    return new Promise<JobView>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#settled.off(id, onSettled);
        reject(new Error(`Job ${id} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      const onSettled = (v: JobView) => {
        clearTimeout(timer);
        this.#settled.off(id, onSettled);
        resolve(v);
      };
      this.#settled.on(id, onSettled);
      // Listening first, then looking: a job that finished in between is seen either way.
      jobById(db, id).then(
        (r) => {
          if (!r) {
            this.#settled.off(id, onSettled);
            clearTimeout(timer);
            reject(notFound('Job'));
          } else if (TERMINAL.has(r.status)) onSettled(toView(r));
        },
        (e: unknown) => {
          this.#settled.off(id, onSettled);
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }

  /** Cancels a queued or running job. A running handler stops at its next progress report. */
  async cancel(ctx: RequestContext, id: string): Promise<JobView> {
    const boss = this.#bossOrThrow();
    const row = await jobById(ctx.db, id);
    if (!row) throw notFound('Job');
    if (!(await cancelJobRow(ctx.db, id, ctx.clock.now()))) {
      throw conflict(
        'JOB_NOT_CANCELLABLE',
        `Job ${id} is ${row.status}; only a queued or running job can be cancelled.`,
      );
    }
    const def = this.#defs.get(row.kind);
    const queued = def?.onCancel ? await boss.getJobById(row.kind, id) : null;
    await boss.cancel(row.kind, id);
    this.#running.get(id)?.abort();
    if (def?.onCancel) {
      const envelope = queued?.data as Envelope | null | undefined;
      await def.onCancel(ctx, envelope?.payload ?? {});
    }
    return this.#emit(ctx.db, id);
  }

  /** Runs a failed or cancelled job again (its handler resumes from whatever it had committed). */
  async retry(ctx: RequestContext, id: string): Promise<JobView> {
    const boss = this.#bossOrThrow();
    const row = await jobById(ctx.db, id);
    if (!row) throw notFound('Job');
    if (!(await requeueJobRow(ctx.db, id))) {
      throw conflict(
        'JOB_NOT_RETRYABLE',
        `Job ${id} is ${row.status}; only a failed or cancelled job can be retried.`,
      );
    }
    if (row.status === 'cancelled') await boss.resume(row.kind, id);
    else await boss.retry(row.kind, id);
    return toView((await jobById(ctx.db, id))!);
  }

  /** Runs pg-boss's supervision now: jobs of a dead worker (expired, no heartbeat) go back to the queue. */
  async supervise(): Promise<void> {
    await this.#bossOrThrow().supervise();
  }

  /** Tells waiters here and in other processes (NOTIFY) that a job has finished. */
  async #emit(db: DbOrTx, id: string): Promise<JobView> {
    const view = toView((await jobById(db, id))!);
    if (TERMINAL.has(view.status)) {
      this.#settled.emit(id, view);
      await sql`select pg_notify(${SETTLED_CHANNEL}, ${id})`.execute(db);
    }
    return view;
  }

  /** One LISTEN connection from the app's pool, opened by the first `waitFor` (a job may finish elsewhere). */
  async #listen(): Promise<void> {
    if (this.#listener || !this.#deps) return;
    const client = await this.#deps.pool.connect();
    this.#listener = client;
    client.on('notification', (n) => {
      if (n.channel !== SETTLED_CHANNEL || !n.payload || this.#settled.listenerCount(n.payload) === 0) return;
      const id = n.payload;
      void jobById(this.#deps!.db, id).then(
        (r) => r && this.#settled.emit(id, toView(r)),
        () => undefined,
      );
    });
    await client.query(`listen ${SETTLED_CHANNEL}`);
  }

  async #runOne(
    def: JobDefinition<object>,
    job: { id: string; data: Envelope | null; retryCount: number; retryLimit: number; signal: AbortSignal },
  ): Promise<void> {
    const deps = this.#deps!;
    const id = job.id;
    const envelope: Envelope = job.data ?? { by: { name: 'schedule' }, payload: {} };
    // A scheduled job has no row yet: pg-boss created it from the cron entry.
    if (!(await jobById(deps.db, id))) {
      await insertJob(deps.db, {
        id,
        kind: def.kind,
        label: def.label(envelope.payload),
        started_by: envelope.by.name,
        created_at: deps.clock.now(),
      });
    }
    if (!(await markRunning(deps.db, id, deps.clock.now()))) return; // cancelled before it started
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    job.signal.addEventListener('abort', onAbort);
    this.#running.set(id, controller);
    const { actor, operator } = envelope.by;
    const ctx: RequestContext = {
      ...deps,
      requestId: id,
      channel: 'job',
      actor: actor ? { ...actor, permissions: new Set(actor.permissions) } : undefined,
      operator: operator ?? (actor ? undefined : `job:${def.kind}`),
    };
    try {
      await def.run({
        id,
        kind: def.kind,
        data: envelope.payload,
        attempt: job.retryCount + 1,
        lastAttempt: job.retryCount >= job.retryLimit,
        ctx,
        signal: controller.signal,
        progress: async (done, total = null, note = null) => {
          const status = await setProgress(deps.db, id, done, total, note);
          if (status === undefined || controller.signal.aborted) throw new JobCancelled(id);
        },
      });
      await setStatus(deps.db, id, 'completed', { finished_at: deps.clock.now(), error: null });
      await this.#emit(deps.db, id);
    } catch (e) {
      const row = await jobById(deps.db, id);
      if (row?.status === 'cancelled') {
        await this.#emit(deps.db, id);
        return;
      }
      const final = job.retryCount >= job.retryLimit || (def.retryable ? !def.retryable(e) : false);
      const message = jobErrorMessage(e);
      // pg-boss fails the job itself once this handler throws, a moment after the waiters are told. Failing
      // it here first means an administrator's retry right after sees it failed (pg-boss's fail that follows
      // finds the job settled and does nothing).
      if (final) await this.#boss?.fail(def.kind, id, { message });
      await setStatus(deps.db, id, final ? 'failed' : 'retrying', {
        finished_at: final ? deps.clock.now() : null,
        error: message,
      });
      this.#opts.log.error({ jobId: id, kind: def.kind, attempt: job.retryCount + 1, final }, 'job failed');
      if (final && def.onFailed) {
        await def
          .onFailed(ctx, envelope.payload, message)
          .catch((h: unknown) =>
            this.#opts.log.error(
              { jobId: id, kind: def.kind, error: h instanceof Error ? h.message : String(h) },
              'job failure handler failed',
            ),
          );
      }
      if (final) await this.#emit(deps.db, id);
      throw e;
    } finally {
      job.signal.removeEventListener('abort', onAbort);
      this.#running.delete(id);
    }
  }
}

/** The queue over the same database as `pool` (whose connection string it reuses). */
export function jobQueueFor(pool: pg.Pool, log: Logger): JobQueue {
  const connectionString = pool.options.connectionString;
  if (!connectionString) throw new Error('The database pool has no connection string for the job queue');
  return new JobQueue({ connectionString, log });
}
