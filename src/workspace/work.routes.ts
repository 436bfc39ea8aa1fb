import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { myWorkSchema } from './work.schemas.ts';
import { myWork } from './work.service.ts';

export const workRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  typed(app).get(
    '/my-work',
    {
      schema: {
        tags: ['workspace'],
        summary: "The signed-in user's queues: counts, oldest item, due today and late",
        response: { 200: myWorkSchema },
      },
      // Every signed-in user has a home page; each queue is filtered by its own permission.
      config: { permission: 'self:manage' },
    },
    (req) => myWork(req.ctx),
  );
};
