import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { analyseAll } from './analysis.service.ts';
import {
  agingBody,
  analysisResultSchema,
  deficiencyDetailSchema,
  deficiencyPageSchema,
  deficiencySchema,
  manualBody,
  queueQuery,
  reassignBody,
  ruleParams,
  ruleSettingBody,
  settingsQuery,
  settingsSchema,
  waiveBody,
} from './deficiency.schemas.ts';
import { deficiencyQueue, getDeficiency, openManual, reassign, waive } from './deficiency.service.ts';
import { inboxCounts } from './inbox.service.ts';
import { idParams } from './queries.schemas.ts';
import { getSettings, setAging, setRule } from './settings.service.ts';

const tags = ['completion'];
/** Exported for the web's types (docs/adr/0005). */
export const countsSchema = z.object({
  deficiencies: z.number().int(),
  overdue: z.number().int(),
  queries: z.number().int(),
  unsignedNotes: z.number().int(),
  amendments: z.number().int(),
});

/** Deficiencies: the HIM queue, a clinician's own, manual work, rule settings and the analysis run. */
export const deficiencyRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/completion/deficiencies',
    {
      schema: {
        tags,
        summary: 'HIM deficiency queue',
        querystring: queueQuery,
        response: { 200: deficiencyPageSchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => deficiencyQueue(req.ctx, req.query),
  );
  r.get(
    '/completion/my-deficiencies',
    {
      schema: {
        tags,
        summary: 'Deficiencies waiting on me',
        querystring: queueQuery,
        response: { 200: deficiencyPageSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => deficiencyQueue(req.ctx, req.query, true),
  );
  r.get(
    '/completion/inbox-counts',
    {
      schema: { tags, summary: 'Counts for my home page', response: { 200: countsSchema } },
      config: { permission: 'chart:read' },
    },
    (req) => inboxCounts(req.ctx),
  );
  r.get(
    '/completion/deficiencies/:id',
    {
      schema: {
        tags,
        summary: 'One deficiency with its history',
        params: idParams,
        response: { 200: deficiencyDetailSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => getDeficiency(req.ctx, req.params.id),
  );
  r.post(
    '/completion/deficiencies',
    {
      schema: {
        tags,
        summary: 'Open a deficiency by hand',
        body: manualBody,
        response: { 201: deficiencySchema },
      },
      config: { permission: 'completion:manage' },
    },
    async (req, reply) => reply.status(201).send(await openManual(req.ctx, req.body)),
  );
  r.post(
    '/completion/deficiencies/reassign',
    {
      schema: {
        tags,
        summary: 'Reassign deficiencies (bulk)',
        body: reassignBody,
        response: { 200: z.object({ reassigned: z.number().int() }) },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => reassign(req.ctx, req.body),
  );
  r.post(
    '/completion/deficiencies/:id/waive',
    {
      schema: {
        tags,
        summary: 'Waive a deficiency with a reason',
        params: idParams,
        body: waiveBody,
        response: { 200: deficiencySchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => waive(req.ctx, req.params.id, req.body.reason),
  );
  r.post(
    '/completion/analysis',
    {
      schema: {
        tags,
        summary: 'Analyse every encounter now (the nightly run)',
        response: { 200: analysisResultSchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => analyseAll(req.ctx),
  );
  r.get(
    '/completion/settings',
    {
      schema: {
        tags,
        summary: 'Deficiency rules and aging policy',
        querystring: settingsQuery,
        response: { 200: settingsSchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => getSettings(req.ctx, req.query.facility),
  );
  r.put(
    '/completion/settings/rules/:ruleId',
    {
      schema: {
        tags,
        summary: 'Switch and tune a rule',
        params: ruleParams,
        querystring: settingsQuery,
        body: ruleSettingBody,
        response: { 200: settingsSchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => setRule(req.ctx, req.query.facility, req.params.ruleId, req.body),
  );
  r.put(
    '/completion/settings/aging',
    {
      schema: {
        tags,
        summary: 'Reminder and escalation days',
        querystring: settingsQuery,
        body: agingBody,
        response: { 200: settingsSchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => setAging(req.ctx, req.query.facility, req.body),
  );
};
