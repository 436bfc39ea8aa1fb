import type { DomainModule } from '../kernel/routing.ts';
import { accessCli } from './access.cli.ts';
import { accessRoutes } from './access.routes.ts';

/** Public surface of the access domain: other domains import only from here. */
export { type AuditInput, recordAudit, recordDenied } from './audit/audit.service.ts';
export { declareBreakGlass } from './break-glass.service.ts';
export { installAccessGate } from './gate.ts';
export { activeLabels } from './patient-access.queries.ts';
export { assertCanSeePatient, type PatientAccess, patientAccess } from './patient-access.ts';
export { PERMISSIONS, type Permission, ROLES, type Role } from './permissions.ts';

export const accessDomain: DomainModule = { name: 'access', api: accessRoutes, cli: accessCli };
