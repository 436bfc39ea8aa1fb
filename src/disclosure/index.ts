import type { DomainModule } from '../kernel/routing.ts';
import { disclosureRoutes } from './disclosure.routes.ts';

/** Release of information: requests, authorization checks, releases and the accounting of disclosures. */
export const disclosureDomain: DomainModule = { name: 'disclosure', api: disclosureRoutes };
