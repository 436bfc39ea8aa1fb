import type { DomainModule } from '../kernel/routing.ts';
import { systemRoutes } from './system.routes.ts';

export const systemDomain: DomainModule = { name: 'system', api: systemRoutes };
