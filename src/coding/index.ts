import type { DomainModule } from '../kernel/routing.ts';
import { codingCli } from './coding.cli.ts';
import { codingRoutes } from './coding.routes.ts';
import { codeSystemCapability, codingFhirRoutes } from './fhir.routes.ts';
import { seedSampleIfEmpty } from './sample.service.ts';

/** Code sets (ICD-10-CM/PCS, HCPCS, CPT by licence file, ICD-O-3), search, FHIR terminology, coding edits. */
export const codingDomain: DomainModule = {
  name: 'coding',
  api: codingRoutes,
  fhir: codingFhirRoutes,
  fhirResources: () => [codeSystemCapability],
  cli: codingCli,
  seed: async (deps) => {
    await seedSampleIfEmpty({ ...deps, requestId: 'seed', channel: 'job', operator: 'system:seed' });
  },
};
