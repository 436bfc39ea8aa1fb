import type { DomainModule } from '../kernel/routing.ts';
import { privacyCli } from './privacy.cli.ts';
import { privacyRoutes } from './privacy.routes.ts';
import { scanJob } from './privacy.service.ts';

export { privacyWorkQueues } from './work-queues.ts';

/**
 * Privacy monitoring (issue 23): rules over the audit trail that find workforce snooping, and the
 * privacy officer's alert queue. Owns the privacy_* tables.
 */
export const privacyDomain: DomainModule = {
  name: 'privacy',
  api: privacyRoutes,
  cli: privacyCli,
  jobs: [scanJob],
};

/** For other domains (the "My work" page): open alerts, checked against `privacy:monitor`. */
export { type OpenAlertCount, openAlertCount } from './alerts.service.ts';
