import type { DomainModule } from '../kernel/routing.ts';
import { accessCli } from './access.cli.ts';
import { accessRoutes } from './access.routes.ts';
import { accountRoutes } from './account.routes.ts';
import { adminRoutes } from './admin.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { startSequencer } from './audit/sequencer.ts';
import { mfaSecretStore } from './identifier-keys.ts';
import { mfaRoutes } from './mfa.routes.ts';
import { accessMergeHandlers } from './patient-merge.ts';

/** Public surface of the access domain: other domains import only from here. */
export { type AuditInput, recordAudit, recordDenied, verifyAuditChain } from './audit/audit.service.ts';
export { auditEventRow } from './audit/audit-search.queries.ts';
export { type AuditEventView, searchAudit } from './audit/audit-search.service.ts';
export { accessEvents } from './audit/patient-access-report.queries.ts';
export {
  careRelationshipPairs,
  dailyChartCounts,
  labelsOf,
  recordTouches,
  touchEvents,
  workTiePairs,
} from './audit/privacy-source.queries.ts';
export { checkpointAudit, integrateAll } from './audit/sequencer.ts';
export { BREAK_GLASS_REASONS, declareBreakGlass } from './break-glass.service.ts';
export { grantCareRelationship } from './care-relationship.ts';
export { facilityRows, serviceAccountId, userDirectory, userRows } from './directory.queries.ts';
export { actorName, auditPatientData, requireDomainPermission, visiblePatientIds } from './domain-gate.ts';
export { installAccessGate } from './gate.ts';
export { denyLabelledItem, labelVisibility } from './label-visibility.ts';
export { reconfirmIdentity } from './mfa.service.ts';
export { activeLabels } from './patient-access.queries.ts';
export {
  assertCanSeePatient,
  isRestrictionLabel,
  type PatientAccess,
  patientAccess,
} from './patient-access.ts';
export { PERMISSIONS, type Permission, permissionsFor, ROLES, type Role } from './permissions.ts';
export { activeLabelRows } from './restriction-labels.queries.ts';
export {
  type RestrictionChange,
  type RestrictionLabels,
  removeRestrictionLabel,
  restrictionLabels,
  setRestrictionLabel,
} from './restriction-labels.service.ts';
export { activeLinks as activeStaffLinks, searchStaff } from './staff-links.queries.ts';
export {
  linkStaff,
  type StaffLinkInput,
  type StaffLinkView,
  staffLinks,
  unlinkStaff,
} from './staff-links.service.ts';

export const accessDomain: DomainModule = {
  name: 'access',
  api: async (app, deps) => {
    // Route files split by concept, one plugin scope (called directly so the /api prefix is kept).
    await accessRoutes.call(app, app, deps);
    await mfaRoutes.call(app, app, deps);
    await accountRoutes.call(app, app, deps);
    await adminRoutes.call(app, app, deps);
    await auditRoutes.call(app, app, deps);
    // The audit sequencer runs while the server does (one integrator at a time across processes).
    let stop: (() => Promise<void>) | undefined;
    app.addHook('onReady', async () => {
      stop = startSequencer(deps);
    });
    app.addHook('onClose', async () => stop?.());
  },
  cli: accessCli,
  encryptedStores: [mfaSecretStore],
  mergeHandlers: accessMergeHandlers,
};
