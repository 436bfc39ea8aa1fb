import type { DomainModule } from '../kernel/routing.ts';
import { bulkCli } from './bulk/bulk.cli.ts';
import { exportJob, importJob } from './bulk/bulk-jobs.ts';
import { exportRoutes } from './bulk/export.routes.ts';
import { importRoutes } from './bulk/import.routes.ts';
import { fhirCapabilities } from './fhir/capabilities.ts';
import { fhirBaseRoutes } from './fhir/fhir.routes.ts';

/** Edge adapters (FHIR, HL7 v2) over the domain services. Domains never import interop. */
export const interopDomain: DomainModule = {
  name: 'interop',
  api: importRoutes,
  fhir: async (app, opts) => {
    await fhirBaseRoutes.call(app, app, opts);
    await exportRoutes.call(app, app, opts);
  },
  cli: bulkCli,
  jobs: [importJob, exportJob],
  fhirResources: fhirCapabilities,
};
