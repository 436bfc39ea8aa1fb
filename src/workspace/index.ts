import type { DomainModule } from '../kernel/routing.ts';
import { workRoutes } from './work.routes.ts';

/** The clerk's workspace (issue 20): the "My work" home page across every duty the user holds. */
export const workspaceDomain: DomainModule = { name: 'workspace', api: workRoutes };
