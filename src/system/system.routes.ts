import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { systemInfoSchema } from './system.schemas.ts';
import { getSystemInfo } from './system.service.ts';

export const systemRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  typed(app).get(
    '/system',
    {
      schema: {
        tags: ['system'],
        summary: 'Version, database mode and migration state',
        response: { 200: systemInfoSchema },
      },
      config: { permission: 'system:read' },
    },
    (req) => getSystemInfo(req.ctx),
  );
};
