import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type pg from 'pg';
import type { Logger } from 'pino';
import { accessDomain, installAccessGate } from './access/index.ts';
import { billingDomain } from './billing/index.ts';
import { centralDomain } from './central/index.ts';
import { chartDomain } from './chart/index.ts';
import { codingDomain } from './coding/index.ts';
import { completenessDomain } from './completeness/index.ts';
import { disclosureDomain } from './disclosure/index.ts';
import { hl7v2Domain } from './interop/hl7v2/index.ts';
import { interopDomain } from './interop/index.ts';
import { systemClock } from './kernel/clock.ts';
import type { Config } from './kernel/config.ts';
import type { AppDeps, RequestContext } from './kernel/context.ts';
import { pingDb } from './kernel/db.ts';
import { AppError } from './kernel/errors.ts';
import { collectHooks } from './kernel/hooks.ts';
import { sendError } from './kernel/http-errors.ts';
import { type JobQueue, jobQueueFor } from './kernel/jobs.ts';
import { openedKeyring } from './kernel/keyring.ts';
import { pathOnly } from './kernel/logger.ts';
import { newRequestId } from './kernel/request-id.ts';
import type { DomainModule } from './kernel/routing.ts';
import type { RuntimeDatabase } from './kernel/runtime-db.ts';
import { hstsSetting, readTlsFiles } from './kernel/tls.ts';
import { patientsDomain } from './patients/index.ts';
import { privacyDomain } from './privacy/index.ts';
import { registryAnalyticsDomain } from './registry/analytics/index.ts';
import { registryDomain } from './registry/index.ts';
import { systemDomain } from './system/index.ts';
import { healthSchema } from './system/system.schemas.ts';
import { VERSION } from './version.ts';
import { workspaceDomain } from './workspace/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyInstance {
    /** Every /api, /fhir and /healthz route with its declared permission (for the route sweep test and docs). */
    routeTable: { method: string; url: string; permission: string }[];
  }
}

/** The one visible list of domains (CONVENTIONS 15: no autoloading). */
export const domains: DomainModule[] = [
  systemDomain,
  accessDomain,
  patientsDomain,
  chartDomain,
  codingDomain,
  disclosureDomain,
  completenessDomain,
  interopDomain,
  hl7v2Domain,
  registryDomain,
  registryAnalyticsDomain,
  billingDomain,
  workspaceDomain,
  centralDomain,
  privacyDomain,
];

/** The job queue over `pool` with every domain's jobs defined (the server and the CLI both use it). */
export function appJobQueue(pool: pg.Pool, log: Logger): JobQueue {
  const queue = jobQueueFor(pool, log);
  for (const d of domains) for (const def of d.jobs ?? []) queue.define(def);
  return queue;
}
/**
 * What the domains contribute to each other (merge handlers, chart-status checks, record-change
 * listeners), collected from the list above. Every AppDeps carries it (`hooks`).
 */
export const hooks = collectHooks(domains);

/** The deps a process (server, CLI, benchmark) builds over its opened database: system clock, job queue, hooks. */
export function runtimeDeps(config: Config, database: RuntimeDatabase, log: Logger): AppDeps {
  return {
    config,
    db: database.db,
    pool: database.pool,
    clock: systemClock,
    log,
    dbMode: database.mode,
    jobs: appJobQueue(database.pool, log),
    hooks,
  };
}

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export interface BuildOptions {
  /** Folder of the built web app; defaults to web/dist. */
  webDist?: string;
}

/**
 * Builds the Fastify app over the given dependencies. Used by `serve`, by the test harness (app.inject)
 * and by benchmarks, so all three run the same code.
 */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const tls = readTlsFiles(deps.config);
  // The HTTPS server has its own instance type; everything we register is protocol-neutral, so the app
  // is handled as the plain FastifyInstance either way.
  const app = Fastify({
    ...(tls ? { https: tls } : {}),
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: deps.config.BODY_LIMIT,
    genReqId: (req) => newRequestId(req.headers['x-request-id']),
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  enforceRouteDeclarations(app);

  app.addContentTypeParser(
    ['application/fhir+json', 'application/json-patch+json'],
    { parseAs: 'string' },
    (req, body, done) => app.getDefaultJsonParser('error', 'ignore')(req, body as string, done),
  );

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine sets CSS variables through style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: hstsSetting(tls),
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Chartkeeper API', version: VERSION, description: 'Health information management' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'ck_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    hiddenTag: 'hidden',
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // Patient data must not sit in shared caches (HIPAA 164.312(e) transmission security).
    reply.header('cache-control', 'no-store');
    req.ctx = {
      ...deps,
      requestId: req.id,
      ip: req.ip,
      userAgent: req.headers['user-agent'],
      channel: pathOnly(req.url).startsWith('/fhir') ? 'fhir' : 'api',
    };
  });

  installAccessGate(app);
  // The job workers run while the app does: started when it is ready, stopped when it closes.
  app.addHook('onReady', async () => deps.jobs.start(deps));
  app.addHook('onClose', async () => deps.jobs.stop());
  // Per-route limits only (sign-in); the limiter keys on the client address.
  await app.register(fastifyRateLimit, { global: false });

  app.setErrorHandler((err, req, reply) => sendError(err, req, reply, req.ctx?.channel === 'fhir'));
  app.setNotFoundHandler((req, reply) => notFound(req, reply, opts.webDist ?? WEB_DIST));

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database state',
        response: { 200: healthSchema, 503: healthSchema },
      },
      config: { permission: 'public' },
    },
    async (_req, reply) => {
      const up = await pingDb(deps.pool);
      return reply.status(up ? 200 : 503).send({
        status: up ? 'ok' : 'degraded',
        database: up ? 'up' : 'down',
        version: VERSION,
        keyId: openedKeyring(deps.config)?.kid ?? null,
      });
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true }, config: { permission: 'public' } }, async () =>
    app.swagger(),
  );

  const fhirResources = () => domains.flatMap((d) => d.fhirResources?.() ?? []);
  for (const d of domains) {
    if (d.api) await app.register(d.api, { ...deps, prefix: '/api' });
    if (d.fhir) await app.register(d.fhir, { ...deps, prefix: '/fhir', resources: fhirResources });
  }

  const dist = opts.webDist ?? WEB_DIST;
  if (existsSync(dist)) {
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => {
        // Hashed assets never change; index.html must always be fetched fresh.
        res.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  return app;
}

/** Every /api and /fhir route must say what permission it needs (or 'public'): a route cannot forget it. */
function enforceRouteDeclarations(app: FastifyInstance): void {
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') && !route.url.startsWith('/fhir') && route.url !== '/healthz') return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`Route ${route.method} ${route.url} does not declare config.permission`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, permission });
    }
  });
}

/** Unknown /api or /fhir paths get a coded 404; anything else is a client-side route of the web app. */
async function notFound(
  req: import('fastify').FastifyRequest,
  reply: import('fastify').FastifyReply,
  dist: string,
) {
  const url = pathOnly(req.url);
  const isApi = url.startsWith('/api') || url.startsWith('/fhir') || url === '/healthz';
  if (!isApi && req.method === 'GET' && existsSync(path.join(dist, 'index.html'))) {
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html').sendFile('index.html', dist);
  }
  return sendError(
    new AppError('NOT_FOUND', `No route for ${req.method} ${url}.`, 404),
    req,
    reply,
    url.startsWith('/fhir'),
  );
}
