import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import type { DomainModule } from '../kernel/routing.ts';
import { ssnStore } from './identifier-keys.ts';
import { matcherRoutes } from './matcher.routes.ts';
import { trainMatcherJob } from './matcher-admin.service.ts';
import { mergeRoutes } from './merge.routes.ts';
import { patientMergeHandlers } from './merge-handlers.ts';
import { patientsCli } from './patients.cli.ts';
import { patientsRoutes } from './patients.routes.ts';
import { restrictionRoutes } from './restrictions.routes.ts';
import { sweepJob } from './sweep.service.ts';

export { bannerRestriction } from './banner-restriction.ts';
/** Public surface of the patient index: other domains import only from here. */
export {
  type CoverageForBilling,
  type PatientForBilling,
  patientsForBilling,
} from './billing-source.ts';
export {
  coverageRows,
  type PatientCriteria,
  patientVersionRows,
  searchPatientIds,
} from './criteria.queries.ts';
export {
  absorbedRecords,
  currentAddress,
  patientDirectory,
  patientForLetters,
  primaryPayerOf,
} from './directory.queries.ts';
export { findPatientIdByIdentifier } from './identifier-lookup.ts';
export {
  exportPatientPage,
  importCoverage,
  importNewPatients,
  patientsForExport,
  reimportPatients,
} from './import.service.ts';
export { matchCandidates } from './match.service.ts';
// The central cancer registry (issue 16) links its sources' records with the same matcher.
export {
  DEFAULT_THRESHOLDS,
  type MatchRecord,
  type MatchResult,
  PRIOR_MODEL,
  scorePair,
  type Thresholds,
} from './matching.ts';
export { mergePatients } from './merge.service.ts';
export type { PatientOut } from './patients.responses.ts';
export {
  type CoverageInput,
  coverageInput,
  parseWithDates,
  type RegisterInput,
  registerInput,
} from './patients.schemas.ts';
export {
  getPatient,
  loadOut,
  patientVersions,
  registerPatient,
  updatePatient,
} from './patients.service.ts';
export { patientsForPrivacy } from './privacy-source.queries.ts';
export { seedPatients } from './seed.service.ts';
export { dateVariants, phoneticKey } from './similarity.ts';
export { generatePatients, rng, type SyntheticPatient } from './synthetic.ts';

const api: FastifyPluginAsync<AppDeps> = async (app, opts) => {
  await mergeRoutes(app, opts);
  await matcherRoutes(app, opts);
  await patientsRoutes(app, opts);
  await restrictionRoutes(app, opts);
};

export const patientsDomain: DomainModule = {
  name: 'patients',
  api,
  cli: patientsCli,
  encryptedStores: [ssnStore],
  mergeHandlers: patientMergeHandlers,
  jobs: [sweepJob, trainMatcherJob],
};
