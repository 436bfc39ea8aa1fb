import { createHash } from 'node:crypto';
import { assertCanSeePatient, reconfirmIdentity, recordAudit, recordDenied } from '../access/index.ts';
import { finalizeNote } from '../chart/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { AppError, notFound, unauthorized, validationFailed } from '../kernel/errors.ts';
import { analyseOnChange } from './analysis.service.ts';
import { activeUser } from './record-refs.queries.ts';
import {
  addendaOf,
  cosignRequestOf,
  insertAddendum,
  insertCosignRequest,
  insertSignature,
  noteForSigning,
  signaturesOf,
  signer,
} from './signature.queries.ts';
import type { NoteSignatures } from './signature.schemas.ts';

type Proof = { password?: string | undefined; mfaCode?: string | undefined };
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const errors = {
  notSigner: () =>
    new AppError(
      'NOT_NOTE_SIGNER',
      'Only the author of a note, or its designated co-signer, can sign it.',
      403,
    ),
  alreadySigned: () => new AppError('ALREADY_SIGNED', 'You have already signed this note.', 409),
  notANote: () => new AppError('NOT_A_NOTE', 'Only clinical notes are signed here.', 409),
  notSignedYet: () =>
    new AppError('NOTE_NOT_SIGNED', 'An addendum amends a signed note; sign the note itself instead.', 409),
};

function needProof(p: Proof): void {
  if (!p.password && !p.mfaCode)
    throw validationFailed([{ field: 'password', message: 'enter your password or an MFA code to attest' }]);
}

async function openNote(ctx: RequestContext, trx: DbOrTx, entryId: string) {
  const note = await noteForSigning(trx, entryId);
  if (!note) throw notFound('The note');
  await assertCanSeePatient(ctx, trx, note.patient_id, 'chart:sign');
  if (note.kind !== 'note' || note.entered_in_error) throw errors.notANote();
  return note;
}

/**
 * Signs a note with an attestation (issue 5; 42 CFR 482.24(c)(1): entries are authenticated by their
 * author). The author signs first, optionally naming the attending who must co-sign (residents and
 * students); signing locks the note (later changes are addenda). The named co-signer signs second. Anyone
 * else is refused with 403, audited.
 */
export async function signNote(
  ctx: RequestContext,
  entryId: string,
  body: Proof & { cosignerUserId?: string | undefined },
): Promise<NoteSignatures> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  return withTransaction(ctx.db, async (trx) => {
    const note = await openNote(ctx, trx, entryId);
    const existing = await signaturesOf(trx, entryId);
    const request = await cosignRequestOf(trx, entryId);
    const authorSigned = existing.some((s) => s.role === 'author' && s.addendum_id === null);
    const isAuthor = note.created_by === actor.userId;
    const isCosigner = request?.cosigner_user_id === actor.userId && authorSigned;
    if (!isAuthor && !isCosigner) {
      await recordDenied(ctx, {
        action: 'completion.note.sign',
        patientIds: [note.patient_id],
        resourceType: 'chart_entry',
        resourceId: entryId,
      });
      throw errors.notSigner();
    }
    const role = isAuthor && !authorSigned ? 'author' : 'cosigner';
    if (
      existing.some((s) => s.role === role && s.addendum_id === null) ||
      (isAuthor && authorSigned && !isCosigner)
    )
      throw errors.alreadySigned();
    if (role === 'author' && body.cosignerUserId) {
      if (body.cosignerUserId === actor.userId || !(await activeUser(trx, body.cosignerUserId)))
        throw validationFailed([{ field: 'cosignerUserId', message: 'must be another active clinician' }]);
    }
    needProof(body);
    const attestation = await reconfirmIdentity(ctx, body);
    const now = ctx.clock.now();
    const text = role === 'author' ? await finalizeNote(trx, ctx, entryId) : String(note.data.text);
    if (role === 'author' && body.cosignerUserId)
      await insertCosignRequest(trx, {
        entry_id: entryId,
        patient_id: note.patient_id,
        cosigner_user_id: body.cosignerUserId,
        requested_by: actor.userId,
        requested_at: now,
      });
    const who = await signer(trx, actor.userId);
    await insertSignature(trx, {
      patient_id: note.patient_id,
      entry_id: entryId,
      addendum_id: null,
      role,
      signer_user_id: actor.userId,
      signer_name: who.full_name,
      signer_credentials: who.credentials,
      attestation,
      content_sha256: sha256(text ?? ''),
      signed_at: now,
    });
    if (note.encounter_id) await analyseOnChange(trx, ctx, note.encounter_id);
    await recordAudit(trx, ctx, {
      action: 'completion.note.sign',
      patientIds: [note.patient_id],
      resourceType: 'chart_entry',
      resourceId: entryId,
      details: { role, attestation },
    });
    return view(trx, note.patient_id, entryId);
  });
}

/** Adds a signed addendum to a signed note: the original stays as signed, the addendum is shown with it. */
export async function addAddendum(ctx: RequestContext, entryId: string, body: Proof & { text: string }) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  return withTransaction(ctx.db, async (trx) => {
    const note = await openNote(ctx, trx, entryId);
    const signed = (await signaturesOf(trx, entryId)).some(
      (s) => s.role === 'author' && s.addendum_id === null,
    );
    if (!signed) throw errors.notSignedYet();
    needProof(body);
    const attestation = await reconfirmIdentity(ctx, body);
    const now = ctx.clock.now();
    const id = await insertAddendum(trx, {
      patient_id: note.patient_id,
      entry_id: entryId,
      text: body.text,
      author_user_id: actor.userId,
      created_at: now,
    });
    const who = await signer(trx, actor.userId);
    await insertSignature(trx, {
      patient_id: note.patient_id,
      entry_id: entryId,
      addendum_id: id,
      role: 'author',
      signer_user_id: actor.userId,
      signer_name: who.full_name,
      signer_credentials: who.credentials,
      attestation,
      content_sha256: sha256(body.text),
      signed_at: now,
    });
    await recordAudit(trx, ctx, {
      action: 'completion.note.addendum',
      patientIds: [note.patient_id],
      resourceType: 'chart_entry',
      resourceId: entryId,
    });
    return view(trx, note.patient_id, entryId);
  });
}

/** A note's signatures and addenda (each shows signer, credentials, date and time). */
export async function noteSignatures(ctx: RequestContext, entryId: string): Promise<NoteSignatures> {
  return withTransaction(ctx.db, async (trx) => {
    const note = await noteForSigning(trx, entryId);
    if (!note) throw notFound('The note');
    await assertCanSeePatient(ctx, trx, note.patient_id, 'chart:read');
    await recordAudit(trx, ctx, {
      action: 'completion.note.signatures',
      patientIds: [note.patient_id],
      resourceType: 'chart_entry',
      resourceId: entryId,
    });
    return view(trx, note.patient_id, entryId);
  });
}

async function view(trx: DbOrTx, patientId: string, entryId: string): Promise<NoteSignatures> {
  const [sigs, request, addenda] = await Promise.all([
    signaturesOf(trx, entryId),
    cosignRequestOf(trx, entryId),
    addendaOf(trx, entryId),
  ]);
  const toApi = (s: (typeof sigs)[number]) => ({
    role: s.role,
    signerUserId: s.signer_user_id,
    signerName: s.signer_name,
    signerCredentials: s.signer_credentials,
    attestation: s.attestation,
    contentSha256: s.content_sha256,
    signedAt: s.signed_at.toISOString(),
  });
  const own = sigs.filter((s) => s.addendum_id === null);
  return {
    entryId,
    patientId,
    signed: own.some((s) => s.role === 'author'),
    cosignerUserId: request?.cosigner_user_id ?? null,
    cosigned: own.some((s) => s.role === 'cosigner'),
    signatures: own.map(toApi),
    addenda: addenda.map((a) => {
      const s = sigs.find((x) => x.addendum_id === a.id);
      return {
        id: a.id,
        text: a.text,
        authorUserId: a.author_user_id,
        createdAt: a.created_at.toISOString(),
        signature: s ? toApi(s) : null,
      };
    }),
  };
}
