import type { DomainModule } from '../kernel/routing.ts';
import { agingRoutes } from './aging/aging.routes.ts';
import { billingCli } from './billing.cli.ts';
import { billingRoutes } from './billing.routes.ts';
import { denialRoutes } from './denials/denials.routes.ts';
import { eligibilityRoutes } from './eligibility/eligibility.routes.ts';
import { moveBillingRows, restoreBillingRows } from './history.queries.ts';
import { priorAuthRoutes } from './priorauth/priorauth.routes.ts';
import { remitRoutes } from './remit/remit.routes.ts';

/** Public surface of billing (issue 13): other domains import only from here. */
export type { ClaimSummary } from './billing.schemas.ts';
export { listClaims } from './claims-read.service.ts';
export {
  type Adjudication,
  type ClaimAnswerForFhir,
  type ClaimForFhir,
  claimAnswersForFhir,
  claimsForFhir,
} from './fhir-source.ts';
export { billingForPatients, insertBillingRecords, updateBillingRecord } from './history.queries.ts';
export { billingWorkQueues } from './work-queues.ts';

/** Payers, fee schedules, charges from final coding, claims (X12 837 out, 835 in), denials. */
export const billingDomain: DomainModule = {
  name: 'billing',
  api: async (app, deps) => {
    await billingRoutes.call(app, app, deps);
    await remitRoutes.call(app, app, deps);
    await denialRoutes.call(app, app, deps);
    await priorAuthRoutes.call(app, app, deps);
    await eligibilityRoutes.call(app, app, deps);
    await agingRoutes.call(app, app, deps);
  },
  cli: billingCli,
  // Claims and EOBs kept as billing history follow the patient through a merge and back (docs/patients.md).
  mergeHandlers: [
    {
      name: 'billing_history_record',
      move: (trx, survivorId, retiredId) => moveBillingRows(trx, retiredId, survivorId),
      restore: (trx, retiredId, ids) => restoreBillingRows(trx, ids, retiredId),
    },
  ],
};
