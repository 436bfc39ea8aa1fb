import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { recordAudit, recordDenied } from '../access/index.ts';
import { readDocumentBytes } from '../chart/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { validationFailed } from '../kernel/errors.ts';
import { disclosureErrors } from './errors.ts';
import type { FeeLine } from './fees.ts';
import * as f from './fulfilment.queries.ts';
import { renderInvoice } from './pdf/letters-pdf.ts';
import { loadRequest } from './request.service.ts';
import { loadSettings } from './settings.service.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const today = (ctx: RequestContext) => ctx.clock.now().toISOString().slice(0, 10);

export interface DeliveryInput {
  method: 'secure-link' | 'mail';
  expiresInDays?: number | undefined;
  maxDownloads?: number | undefined;
  oneTimeCode: boolean;
}

/**
 * Sends a released packet: a secure download link (random 256-bit token kept only as a hash, an expiry,
 * a download count and optionally a one-time code given to the recipient separately), or a record that
 * it was mailed to the packet's address (the confidential address when the patient asked for one).
 * The link and code are shown once, here.
 */
export async function deliver(ctx: RequestContext, requestId: string, input: DeliveryInput) {
  const issues = [];
  if (input.expiresInDays !== undefined && (input.expiresInDays < 1 || input.expiresInDays > 90))
    issues.push({ field: 'expiresInDays', message: 'Give between 1 and 90 days.' });
  if (input.maxDownloads !== undefined && (input.maxDownloads < 1 || input.maxDownloads > 20))
    issues.push({ field: 'maxDownloads', message: 'Allow between 1 and 20 downloads.' });
  if (issues.length) throw validationFailed(issues);
  return withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, requestId, 'disclosure:release');
    if (row.status !== 'released') throw disclosureErrors.notReleased();
    const packet = await f.latestPacket(trx, requestId);
    if (!packet) throw disclosureErrors.packetRequired();
    const settings = await loadSettings(trx);
    const now = ctx.clock.now();
    const base = {
      request_id: row.id,
      packet_id: packet.id,
      patient_id: row.patient_id,
      created_by: ctx.actor?.userId ?? '',
      created_at: now,
    };
    let out: { token: string | null; code: string | null; url: string | null };
    let d: Awaited<ReturnType<typeof f.insertDelivery>>;
    if (input.method === 'mail') {
      d = await f.insertDelivery(trx, {
        ...base,
        method: 'mail',
        mailed_to: packet.mail_to,
        mailed_on: today(ctx),
      });
      out = { token: null, code: null, url: null };
    } else {
      const token = randomBytes(32).toString('base64url');
      const code = input.oneTimeCode ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
      const days = input.expiresInDays ?? settings.linkDays;
      d = await f.insertDelivery(trx, {
        ...base,
        method: 'secure-link',
        token_hash: sha(token),
        code_hash: code ? sha(`${token}:${code}`) : null,
        expires_at: new Date(now.getTime() + days * 86_400_000),
        max_downloads: input.maxDownloads ?? settings.linkMaxDownloads,
      });
      // The token travels in the URL fragment, which browsers never send to a server, so no log holds it.
      out = { token, code, url: `${ctx.config.publicUrl}/records/download#${token}` };
    }
    await recordAudit(trx, ctx, {
      action: `disclosure.delivery.${input.method}`,
      patientIds: [row.patient_id],
      resourceType: 'DisclosureDelivery',
      resourceId: d.id,
    });
    return {
      id: d.id,
      method: d.method,
      ...out,
      expiresAt: d.expires_at?.toISOString() ?? null,
      maxDownloads: d.max_downloads,
      mailedTo: d.mailed_to,
    };
  });
}

const codeMatches = (hash: string, token: string, code: string | undefined) =>
  code !== undefined && timingSafeEqual(Buffer.from(hash), Buffer.from(sha(`${token}:${code.trim()}`)));

/**
 * The recipient's download through a secure link. Unknown, expired, used-up links and wrong codes are
 * refused with a reason and audited; a good download is counted atomically and audited.
 */
export async function downloadByLink(ctx: RequestContext, token: string, code: string | undefined) {
  const who = { username: 'secure-link recipient' };
  const d = await f.findDeliveryByToken(ctx.db, sha(token));
  if (!d) {
    await recordDenied(ctx, { ...who, action: 'disclosure.download', details: { reason: 'unknown-link' } });
    throw disclosureErrors.linkNotFound();
  }
  const deny = async (reason: string) =>
    recordDenied(ctx, {
      ...who,
      action: 'disclosure.download',
      patientIds: [d.patient_id],
      resourceType: 'DisclosureDelivery',
      resourceId: d.id,
      details: { reason },
    });
  if (!d.expires_at || d.expires_at <= ctx.clock.now()) {
    await deny('expired');
    throw disclosureErrors.linkExpired();
  }
  if (d.code_hash && !codeMatches(d.code_hash, token, code)) {
    await deny('wrong-code');
    throw disclosureErrors.linkCodeWrong();
  }
  const counted = await withTransaction(ctx.db, async (trx) => {
    if (!(await f.countDownload(trx, d.id))) return false;
    await recordAudit(trx, ctx, {
      ...who,
      action: 'disclosure.download',
      patientIds: [d.patient_id],
      resourceType: 'DisclosureDelivery',
      resourceId: d.id,
    });
    return true;
  });
  if (!counted) {
    await deny('used-up');
    throw disclosureErrors.linkUsedUp();
  }
  return {
    bytes: await readDocumentBytes(ctx.config.dataDir, d.pdf_sha256),
    filename: `${d.request_no}.pdf`,
  };
}

/** The invoice for the latest packet, from the fee schedule (fees.ts). */
export async function invoicePdf(ctx: RequestContext, requestId: string) {
  return withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, requestId, 'disclosure:read');
    const packet = await f.latestPacket(trx, requestId);
    if (!packet) throw disclosureErrors.packetRequired();
    const fees = packet.fees as { lines: FeeLine[]; total: number };
    const settings = await loadSettings(trx);
    const bytes = await renderInvoice(
      {
        requestNo: row.request_no,
        date: today(ctx),
        facility: settings.facilityName,
        billTo: row.requester_name,
        mailTo: packet.mail_to,
        lines: fees.lines,
        total: fees.total,
        pages: packet.page_count,
      },
      ctx.clock.now(),
    );
    await recordAudit(trx, ctx, {
      action: 'disclosure.invoice.read',
      patientIds: [row.patient_id],
      resourceType: 'DisclosurePacket',
      resourceId: packet.id,
    });
    return { bytes, filename: `${row.request_no}-invoice.pdf` };
  });
}
