import type { DomainModule } from '../kernel/routing.ts';
import { bulkCli } from './bulk/bulk.cli.ts';
import { exportJob, importJob } from './bulk/bulk-jobs.ts';
import { exportRoutes } from './bulk/export.routes.ts';
import { moveBillingRows, restoreBillingRows } from './bulk/import.queries.ts';
import { importRoutes } from './bulk/import.routes.ts';
import { fhirCapabilities } from './fhir/capabilities.ts';
import { fhirBaseRoutes } from './fhir/fhir.routes.ts';

/** Edge adapters (FHIR, HL7 v2) over the domain services. Domains never import interop. */
export const interopDomain: DomainModule = {
  name: 'interop',
  // Claims and EOBs kept as billing history follow the patient through a merge and back (docs/patients.md).
  mergeHandlers: [
    {
      name: 'interop_billing_record',
      move: (trx, survivorId, retiredId) => moveBillingRows(trx, retiredId, survivorId),
      restore: (trx, retiredId, ids) => restoreBillingRows(trx, ids, retiredId),
    },
  ],
  api: importRoutes,
  fhir: async (app, opts) => {
    await fhirBaseRoutes.call(app, app, opts);
    await exportRoutes.call(app, app, opts);
  },
  cli: bulkCli,
  jobs: [importJob, exportJob],
  fhirResources: fhirCapabilities,
};
