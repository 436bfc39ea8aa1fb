import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { checkAbstract, completeAbstract, saveAbstract } from './abstract.service.ts';
import { runCasefinding } from './casefind.service.ts';
import { exportNaaccrText } from './export.service.ts';
import { overrulePrimary } from './primary.service.ts';
import {
  abstractSaveBody,
  casefindBody,
  casefindSchema,
  checkBody,
  checkSchema,
  completeBody,
  exportQuery,
  idParams,
  mergeBody,
  notReportableBody,
  primaryOverruleBody,
  ruleBody,
  ruleSchema,
  suspenseListQuery,
  suspenseListSchema,
  suspenseSchema,
  tumourDetailSchema,
  tumourListQuery,
  tumourListSchema,
} from './registry.schemas.ts';
import { addRule, listRules, removeRule } from './rules.service.ts';
import { acceptHit, listSuspense, markNotReportable, mergeHit } from './suspense.service.ts';
import { getTumour, listTumours } from './tumour.service.ts';

const tags = ['registry'];

/** Registry tumours through the API, keyed by NAACCR XML ids (issue 14 "Same items through the API"). */
export const registryRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/registry/tumours',
    {
      schema: {
        tags,
        summary: 'List registry tumours',
        querystring: tumourListQuery,
        response: { 200: tumourListSchema },
      },
      config: { permission: 'registry:read' },
    },
    (req) => listTumours(req.ctx, req.query),
  );
  r.get(
    '/registry/tumours/:id',
    {
      schema: {
        tags,
        summary: 'One tumour keyed by NAACCR XML ids',
        params: idParams,
        response: { 200: tumourDetailSchema },
      },
      config: { permission: 'registry:read' },
    },
    (req) => getTumour(req.ctx, req.params.id),
  );
  r.patch(
    '/registry/tumours/:id',
    {
      schema: {
        tags,
        summary: 'Save a change to an abstract (NAACCR items by XML id, checked against the dictionary)',
        params: idParams,
        body: abstractSaveBody,
        response: { 200: tumourDetailSchema },
      },
      config: { permission: 'registry:write' },
    },
    (req) => saveAbstract(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/registry/tumours/:id/complete',
    {
      schema: {
        tags,
        summary: 'Mark an abstract complete (refused while its edits have errors)',
        params: idParams,
        body: completeBody,
        response: { 200: tumourDetailSchema },
      },
      config: { permission: 'registry:write' },
    },
    (req) => completeAbstract(req.ctx, req.params.id, req.body.version),
  );
  r.post(
    '/registry/tumours/:id/primary-decision',
    {
      schema: {
        tags,
        summary: 'Overrule the multiple-primary decision (MP00–MP09) with a reason',
        params: idParams,
        body: primaryOverruleBody,
        response: { 200: tumourDetailSchema },
      },
      config: { permission: 'registry:write' },
    },
    async (req) => {
      await overrulePrimary(req.ctx, req.params.id, req.body);
      return getTumour(req.ctx, req.params.id);
    },
  );
  r.post(
    '/registry/edits',
    {
      schema: {
        tags,
        summary: 'Run the abstract edits over items being typed (nothing is saved)',
        body: checkBody,
        response: { 200: checkSchema },
      },
      config: { permission: 'registry:read' },
    },
    (req) => checkAbstract(req.ctx, req.body),
  );
  r.get(
    '/registry/export.xml',
    {
      schema: {
        tags,
        summary: 'Selected tumours as NAACCR XML (record type A or I, dictionary v25 or v26)',
        querystring: exportQuery,
        response: { 200: z.string() },
      },
      config: { permission: 'registry:read' },
    },
    async (req, reply) => {
      const xml = await exportNaaccrText(req.ctx, req.query);
      reply.header('content-type', 'application/xml; charset=utf-8');
      reply.header(
        'content-disposition',
        `attachment; filename="naaccr-${req.query.recordType}-v${req.query.version.slice(0, 2)}.xml"`,
      );
      return xml;
    },
  );
  const read = { permission: 'registry:read' } as const;
  const write = { permission: 'registry:write' } as const;
  r.post(
    '/registry/casefind',
    {
      schema: {
        tags,
        summary: 'Run case finding now',
        body: casefindBody,
        response: { 200: casefindSchema },
      },
      config: write,
    },
    (req) =>
      runCasefinding(req.ctx, {
        trigger: 'api',
        since: req.body.since ? new Date(`${req.body.since}T00:00:00Z`) : undefined,
      }),
  );
  r.get(
    '/registry/suspense',
    {
      schema: {
        tags,
        summary: 'Suspense queue',
        querystring: suspenseListQuery,
        response: { 200: suspenseListSchema },
      },
      config: read,
    },
    (req) => listSuspense(req.ctx, req.query),
  );
  r.post(
    '/registry/suspense/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a hit as a new primary',
        params: idParams,
        response: { 200: suspenseSchema },
      },
      config: write,
    },
    (req) => acceptHit(req.ctx, req.params.id),
  );
  r.post(
    '/registry/suspense/:id/not-reportable',
    {
      schema: {
        tags,
        summary: 'Mark a hit not reportable',
        params: idParams,
        body: notReportableBody,
        response: { 200: suspenseSchema },
      },
      config: write,
    },
    (req) => markNotReportable(req.ctx, req.params.id, req.body.reason),
  );
  r.post(
    '/registry/suspense/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a hit into an existing tumour',
        params: idParams,
        body: mergeBody,
        response: { 200: suspenseSchema },
      },
      config: write,
    },
    (req) => mergeHit(req.ctx, req.params.id, req.body.tumourId),
  );
  r.get(
    '/registry/reportable-rules',
    {
      schema: {
        tags,
        summary: 'The reportable list',
        response: { 200: z.object({ items: z.array(ruleSchema) }) },
      },
      config: read,
    },
    (req) => listRules(req.ctx),
  );
  r.post(
    '/registry/reportable-rules',
    {
      schema: {
        tags,
        summary: 'Add a rule to the reportable list',
        body: ruleBody,
        response: { 200: ruleSchema },
      },
      config: write,
    },
    (req) => addRule(req.ctx, req.body),
  );
  r.delete(
    '/registry/reportable-rules/:id',
    {
      schema: {
        tags,
        summary: 'Remove a rule from the reportable list',
        params: z.object({ id: z.uuid() }),
        response: { 200: ruleSchema },
      },
      config: write,
    },
    (req) => removeRule(req.ctx, req.params.id),
  );
};
