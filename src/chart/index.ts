import type { DomainModule } from '../kernel/routing.ts';
import { chartRoutes } from './chart.routes.ts';

/** Public surface of the chart domain: other domains import only from here. */
export { moveChartToSurvivor, restoreChartFromMerge } from './chart-merge.ts';

export const chartDomain: DomainModule = { name: 'chart', api: chartRoutes };
