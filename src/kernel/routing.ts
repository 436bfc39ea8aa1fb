import type { Command } from 'commander';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './context.ts';
import type { DomainHookDeclarations } from './hooks.ts';
import type { JobDefinition } from './jobs.ts';
import type { EncryptedStore } from './keyring.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The permission a route needs, or 'public' for the few routes anyone may call (sign-in, health,
     * OpenAPI). Every /api and /fhir route must declare one: app start-up fails otherwise.
     */
    permission?: string;
  }
}

export type ZodApp = FastifyInstance & ReturnType<FastifyInstance['withTypeProvider']>;

/**
 * A domain's contribution to the app: REST routes under /api, FHIR routes under /fhir, CLI commands, and
 * the hooks other domains call (merge handlers, chart-status checks, record-change listeners; see
 * kernel/hooks.ts). src/app.ts collects the hooks from its one list of domains: nothing registers itself
 * at import time.
 */
export interface DomainModule extends DomainHookDeclarations {
  name: string;
  /** Registered with prefix /api. */
  api?: FastifyPluginAsync<AppDeps>;
  /** Registered with prefix /fhir. */
  fhir?: FastifyPluginAsync<FhirPluginOptions>;
  /** FHIR CapabilityStatement rest.resource entries this domain serves. */
  fhirResources?: () => FhirCapabilityResource[];
  /**
   * Loads data a fresh install needs (e.g. the code-set sample) once the server listens. Must be
   * idempotent, transactional and fast when there is nothing to do; kept apart from schema migrations.
   */
  seed?: (deps: AppDeps) => Promise<void>;
  /** Background jobs this domain runs on the job queue (src/kernel/jobs.ts). */
  // biome-ignore lint/suspicious/noExplicitAny: each definition types its own payload
  jobs?: JobDefinition<any>[];
  /** The encrypted columns this domain owns, for `chartkeeper keys check` and `keys adopt` (issue 22). */
  encryptedStores?: EncryptedStore[];
  /** Adds commands to the CLI program. */
  cli?: (program: Command, cli: CliHost) => void;
}

export interface FhirPluginOptions extends AppDeps {
  /** Every domain's CapabilityStatement entries (for /fhir/metadata). */
  resources: () => FhirCapabilityResource[];
}

export interface FhirCapabilityResource {
  type: string;
  interaction: { code: string }[];
  searchParam?: { name: string; type: string }[];
  operation?: { name: string; definition: string }[];
}

/** What CLI commands get: a way to run with the database opened (and closed) for them. */
export interface CliHost {
  withDeps<T>(work: (deps: AppDeps) => Promise<T>): Promise<T>;
}

/** Typed route registration helper: `typed(app).get(...)` infers params, body and reply from zod schemas. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
