import type { DomainModule } from '../kernel/routing.ts';
import { patientsRoutes } from './patients.routes.ts';

/** Public surface of the patient index: other domains import only from here. */
export type { PatientOut } from './patients.responses.ts';

export const patientsDomain: DomainModule = { name: 'patients', api: patientsRoutes };
