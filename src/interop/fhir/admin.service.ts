import type { Bundle, Resource } from '@medplum/fhirtypes';
import {
  type AuditEventView,
  auditEventRow,
  facilityRows,
  recordAudit,
  searchAudit,
  userRows,
} from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { isUuid } from './access.ts';
import { countBundle, searchsetBundle } from './bundle.ts';
import { fhirErrors } from './errors.ts';
import { fhirBase } from './fhir-http.ts';
import { auditEventToFhir, organizationToFhir, practitionerToFhir } from './outbound/index.ts';
import { localId } from './references.ts';
import { dateRange, first, parsePaging, type RawQuery, values } from './search-params.ts';

const page = (
  ctx: RequestContext,
  path: string,
  query: RawQuery,
  matches: Resource[],
  total: number,
  count: number,
  offset: number,
) => searchsetBundle({ base: fhirBase(ctx), path, query, matches, total, count, offset });

/** Practitioners are the system's users (no patient data: any signed-in user may look them up). */
export async function readPractitioner(ctx: RequestContext, id: string): Promise<Resource> {
  const row = isUuid(id)
    ? (await userRows(ctx.db, { ids: [id] }, { limit: 1, offset: 0 })).rows[0]
    : undefined;
  if (!row) throw fhirErrors.notFound('Practitioner', id);
  return practitionerToFhir({ ...row, fullName: row.full_name });
}

export async function searchPractitioners(ctx: RequestContext, query: RawQuery): Promise<Bundle> {
  const paging = parsePaging(query, []);
  const ids = values(query, '_id').flatMap((v) => v.split(','));
  const name = first(query, 'name');
  const { rows, total } = await userRows(
    ctx.db,
    { ...(ids.length ? { ids: ids.filter(isUuid) } : {}), ...(name ? { name } : {}) },
    { limit: paging.summaryCount ? 0 : paging.count, offset: paging.offset },
  );
  if (paging.summaryCount) return countBundle(total);
  const matches = rows.map((r) => practitionerToFhir({ ...r, fullName: r.full_name }));
  return page(ctx, 'Practitioner', query, matches, total, paging.count, paging.offset);
}

export async function readOrganization(ctx: RequestContext, id: string): Promise<Resource> {
  const row = isUuid(id) ? (await facilityRows(ctx.db, { ids: [id] }))[0] : undefined;
  if (!row) throw fhirErrors.notFound('Organization', id);
  return organizationToFhir(row);
}

export async function searchOrganizations(ctx: RequestContext, query: RawQuery): Promise<Bundle> {
  const paging = parsePaging(query, []);
  const ids = values(query, '_id').flatMap((v) => v.split(','));
  const rows = await facilityRows(ctx.db, ids.length ? { ids: ids.filter(isUuid) } : {});
  if (paging.summaryCount) return countBundle(rows.length);
  const matches = rows.slice(paging.offset, paging.offset + paging.count).map(organizationToFhir);
  return page(ctx, 'Organization', query, matches, rows.length, paging.count, paging.offset);
}

/**
 * AuditEvent read (privacy officer, permission audit:fhir). Looking at the trail is itself audited
 * (HIPAA 164.312(b)); the read names the patients of the event it showed.
 */
export async function readAuditEvent(ctx: RequestContext, id: string): Promise<Resource> {
  if (!isUuid(id)) throw fhirErrors.notFound('AuditEvent', id);
  return withTransaction(ctx.db, async (trx) => {
    const r = await auditEventRow(trx, id);
    if (!r) throw fhirErrors.notFound('AuditEvent', id);
    await recordAudit(trx, ctx, {
      action: 'audit.fhir.read',
      patientIds: r.patient_ids,
      resourceType: 'AuditEvent',
      resourceId: id,
    });
    return auditEventToFhir({
      seq: r.seq,
      id: r.id,
      occurredAt: r.occurred_at.toISOString(),
      userId: r.actor_user_id,
      username: r.actor_username,
      roles: r.actor_roles,
      action: r.action,
      outcome: r.outcome,
      patientIds: r.patient_ids,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      purposeOfUse: r.purpose_of_use,
      breakGlass: r.break_glass,
      sourceIp: r.source_ip,
      channel: r.channel,
    });
  });
}

const OUTCOMES: Record<string, string> = { '0': 'success', '4': 'denied', '8': 'failure' };

/** AuditEvent search over the trail's own search (patient, agent, date, outcome, subtype = action). */
export async function searchAuditEvents(ctx: RequestContext, query: RawQuery): Promise<Bundle> {
  const paging = parsePaging(query, []);
  const date = dateRange(query, 'date');
  const patient = localId(first(query, 'patient'), 'Patient') ?? first(query, 'patient');
  const agent = localId(first(query, 'agent'), 'Practitioner') ?? first(query, 'agent');
  const outcome = first(query, 'outcome');
  const action = first(query, 'subtype');
  const filter = {
    ...(patient && isUuid(patient) ? { patientId: patient } : {}),
    ...(agent && isUuid(agent) ? { userId: agent } : {}),
    ...(outcome ? { outcome: OUTCOMES[outcome] ?? outcome } : {}),
    ...(action ? { action: action.split('|').at(-1) } : {}),
    ...(date?.from ? { from: new Date(date.from) } : {}),
    ...(date?.to ? { to: new Date(date.to) } : {}),
  };
  const { items, total } = await searchAudit(
    ctx,
    filter,
    { offset: paging.offset, limit: paging.summaryCount ? 1 : Math.max(paging.count, 1) },
    'audit.fhir.search',
  );
  if (paging.summaryCount) return countBundle(total);
  const matches = items.slice(0, paging.count).map((v: AuditEventView) => auditEventToFhir(v));
  return page(ctx, 'AuditEvent', query, matches, total, paging.count, paging.offset);
}
