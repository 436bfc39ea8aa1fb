import { recordAudit, recordDenied } from '../access/index.ts';
import { type ChartForRelease, chartForRelease, putBlob, readDocumentBytes } from '../chart/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { validationFailed } from '../kernel/errors.ts';
import { patientForLetters } from '../patients/index.ts';
import { amendmentsFor } from './amendments.ts';
import { evaluate } from './authorization.service.ts';
import { type AuthorizationForm, failures } from './authorization-check.ts';
import * as q from './disclosure.queries.ts';
import type { RequestScope } from './disclosure.tables.ts';
import { disclosureErrors } from './errors.ts';
import { computeFees } from './fees.ts';
import * as f from './fulfilment.queries.ts';
import { type PacketItem, type ReleaseBasis, selectPacket } from './packet.ts';
import { amendmentText, encounterBody, entryBody } from './packet-content.ts';
import { packetView } from './packet-view.ts';
import { type PacketSection, renderPacket } from './pdf/packet-pdf.ts';
import { confidentialAddress } from './preferences.service.ts';
import { loadRequest, moveRequest } from './request.service.ts';
import { loadSettings } from './settings.service.ts';

type RequestRow = NonNullable<Awaited<ReturnType<typeof q.findRequest>>>;
const today = (ctx: RequestContext) => ctx.clock.now().toISOString().slice(0, 10);
const toPatient = (r: RequestRow) => r.requester_type === 'patient' && r.purpose === 'right-of-access';

/** Fee class: the patient's own copies are cost-limited (164.524(c)(4)); treatment copies are free. */
export function feeKind(r: Pick<RequestRow, 'requester_type' | 'purpose'>) {
  if (r.requester_type === 'patient' && r.purpose === 'right-of-access') return 'patient' as const;
  if (r.purpose === 'treatment' || r.requester_type === 'treating-provider') return 'no-charge' as const;
  return 'third-party' as const;
}

async function sectionsFor(
  ctx: RequestContext,
  trx: DbOrTx,
  chart: ChartForRelease,
  items: PacketItem[],
  patientId: string,
): Promise<PacketSection[]> {
  const entries = new Map(chart.entries.map((e) => [e.id, e]));
  const encounters = new Map(chart.encounters.map((e) => [e.id, e]));
  const documents = new Map(chart.documents.map((d) => [d.id, d]));
  const entryIds = items.filter((i) => i.type === 'entry').map((i) => i.id);
  const amendments = await amendmentsFor(trx, patientId, entryIds);
  const sections: PacketSection[] = [];
  for (const item of items) {
    const travelling = amendments.filter((a) => a.entryId === item.id).map(amendmentText);
    if (item.type === 'entry') {
      sections.push({ item, body: entryBody(entries.get(item.id)!), amendments: travelling });
    } else if (item.type === 'encounter') {
      sections.push({ item, body: encounterBody(encounters.get(item.id)!), amendments: travelling });
    } else {
      const d = documents.get(item.id)!;
      const bytes = await readDocumentBytes(ctx.config.dataDir, d.sha256).catch(() => Buffer.alloc(0));
      sections.push({
        item,
        body: `Filed ${d.mediaType} document, ${d.sizeBytes} bytes, SHA-256 ${d.sha256}`,
        amendments: travelling,
        attachment: { mediaType: d.mediaType, bytes },
      });
    }
  }
  return sections;
}

async function releaseBasis(trx: DbOrTx, row: RequestRow): Promise<ReleaseBasis> {
  const auth = await q.latestAuthorization(trx, row.id);
  return {
    requesterType: row.requester_type,
    toPatient: toPatient(row),
    purpose: row.purpose,
    authorizedCategories: auth ? (auth.form as AuthorizationForm).sensitiveCategories : null,
  };
}

/**
 * Assembles the packet from the chart and renders its PDF: only what was asked for; sensitive entries the
 * authorization does not cover, restricted and entered-in-error items are withheld and listed for the
 * clerk. The PDF is kept in the blob store and its manifest with the request. With quality review on, the
 * request waits in quality-review for a second person.
 */
export async function buildPacket(ctx: RequestContext, requestId: string, input: { redactions: string[] }) {
  const redactions = [...new Set(input.redactions.map((r) => r.trim()).filter((r) => r.length > 0))];
  if (redactions.some((r) => r.length < 2))
    throw validationFailed([
      { field: 'redactions', message: 'Each text to redact needs at least 2 characters.' },
    ]);
  const refusal = await withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, requestId, 'disclosure:release');
    if (row.status !== 'retrieval' && row.status !== 'quality-review')
      throw disclosureErrors.packetNotReady(row.status);
    const check = await evaluate(ctx, trx, row);
    if (!check.passed && !check.overridden) return { row, failing: failures(check.elements) };
    const settings = await loadSettings(trx);
    const chart = await chartForRelease(trx, row.patient_id);
    const prefs = await f.activePreferences(trx, row.patient_id);
    const restrictions = prefs
      .filter((p) => p.kind === 'restriction')
      .map((p) => ({ requesterTypes: p.requester_types, encounterIds: p.encounter_ids }));
    const scope = row.scope as unknown as RequestScope;
    const { included, withheld } = selectPacket(chart, scope, await releaseBasis(trx, row), restrictions);
    const patient = (await patientForLetters(trx, row.patient_id))!;
    const mailTo = (toPatient(row) && confidentialAddress(prefs)) || row.requester_address;
    const rendered = await renderPacket(
      {
        requestNo: row.request_no,
        date: today(ctx),
        facility: settings.facilityName,
        recipientName: row.requester_name,
        mailTo,
        patient: {
          name: `${patient.given_name} ${patient.family_name}`,
          mrn: patient.mrn,
          birthDate: patient.birth_date,
        },
        purpose: row.purpose_text ?? row.purpose.replace(/-/g, ' '),
        sections: await sectionsFor(ctx, trx, chart, included, row.patient_id),
        withheldCount: withheld.length,
        redactions,
        part2Included: included.some((i) => i.labels.includes('substance_use_part2')),
      },
      ctx.clock.now(),
    );
    const sha = await putBlob(ctx.config.dataDir, Buffer.from(rendered.bytes));
    const electronic = row.delivery_method !== 'mail';
    const fees = computeFees(feeKind(row), electronic ? 'electronic' : 'mail', rendered.pageCount);
    const manifest = included.map((i) => ({ ...i, firstPage: rendered.firstPage.get(i.id) ?? 0 }));
    const packet = await f.insertPacket(trx, {
      request_id: row.id,
      patient_id: row.patient_id,
      manifest: JSON.stringify(manifest),
      withheld: JSON.stringify(withheld),
      redactions,
      fees: JSON.stringify(fees),
      page_count: rendered.pageCount,
      pdf_sha256: sha,
      mail_to: mailTo,
      built_by: ctx.actor?.userId ?? '',
      built_at: ctx.clock.now(),
      qa_status: settings.qaRequired ? 'pending' : 'not-required',
    });
    if (settings.qaRequired && row.status === 'retrieval')
      await moveRequest(
        ctx,
        trx,
        row,
        'quality-review',
        `Packet build ${packet.build_no} awaits review`,
        null,
      );
    await recordAudit(trx, ctx, {
      action: 'disclosure.packet.build',
      patientIds: [row.patient_id],
      resourceType: 'DisclosurePacket',
      resourceId: packet.id,
      details: { included: included.length, withheld: withheld.length, pages: rendered.pageCount },
    });
    return null;
  });
  if (refusal) {
    await recordDenied(ctx, {
      action: 'disclosure.packet.build',
      patientIds: [refusal.row.patient_id],
      resourceType: 'DisclosureRequest',
      resourceId: requestId,
      details: { failing: refusal.failing.map((x) => x.element) },
    });
    throw disclosureErrors.authorizationFailed(
      refusal.failing.map((x) => ({ element: x.element, message: x.message })),
    );
  }
  return getPacket(ctx, requestId);
}

/** The latest packet of a request: manifest, withheld list, pages, fees, review and deliveries. */
export async function getPacket(ctx: RequestContext, requestId: string) {
  return withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, requestId, 'disclosure:read');
    const packet = await f.latestPacket(trx, requestId);
    const view = packet ? await packetView(trx, packet) : null;
    await recordAudit(trx, ctx, {
      action: 'disclosure.packet.read',
      patientIds: [row.patient_id],
      resourceType: 'DisclosurePacket',
      resourceId: packet?.id,
    });
    return { packet: view };
  });
}

/** The packet's PDF for preview (audited like any view of the record). */
export async function packetPdf(ctx: RequestContext, requestId: string) {
  const { row, packet } = await withTransaction(ctx.db, async (trx) => {
    const r = await loadRequest(ctx, trx, requestId, 'disclosure:read');
    const p = await f.latestPacket(trx, requestId);
    if (!p) throw disclosureErrors.packetRequired();
    await recordAudit(trx, ctx, {
      action: 'disclosure.packet.preview',
      patientIds: [r.patient_id],
      resourceType: 'DisclosurePacket',
      resourceId: p.id,
    });
    return { row: r, packet: p };
  });
  return {
    bytes: await readDocumentBytes(ctx.config.dataDir, packet.pdf_sha256),
    filename: `${row.request_no}.pdf`,
  };
}

/**
 * The second-person quality review: someone other than the builder approves the packet, or rejects it
 * with a note, which sends the request back to retrieval for a new build.
 */
export async function reviewPacket(
  ctx: RequestContext,
  requestId: string,
  input: { decision: 'approve' | 'reject'; note: string | null },
) {
  if (input.decision === 'reject' && (input.note?.trim().length ?? 0) < 5)
    throw validationFailed([{ field: 'note', message: 'Say what must be fixed (at least 5 characters).' }]);
  const sameBuilder = await withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, requestId, 'disclosure:release');
    const packet = await f.latestPacket(trx, requestId);
    if (packet?.qa_status !== 'pending') throw disclosureErrors.qaNotPending();
    if (packet.built_by === ctx.actor?.userId) return row;
    const note = input.note?.trim() || null;
    await f.setPacketQa(trx, packet.id, {
      qa_status: input.decision === 'approve' ? 'approved' : 'rejected',
      qa_by: ctx.actor?.userId ?? '',
      qa_at: ctx.clock.now(),
      qa_note: note,
    });
    if (input.decision === 'reject')
      await moveRequest(ctx, trx, row, 'retrieval', `Quality review: ${note}`, null);
    await recordAudit(trx, ctx, {
      action: `disclosure.packet.qa.${input.decision}`,
      patientIds: [row.patient_id],
      resourceType: 'DisclosurePacket',
      resourceId: packet.id,
    });
    return null;
  });
  if (sameBuilder) {
    await recordDenied(ctx, {
      action: 'disclosure.packet.qa',
      patientIds: [sameBuilder.patient_id],
      resourceType: 'DisclosureRequest',
      resourceId: requestId,
      details: { reason: 'same-person' },
    });
    throw disclosureErrors.qaSamePerson();
  }
  return getPacket(ctx, requestId);
}
