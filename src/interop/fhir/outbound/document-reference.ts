import type { Binary, DocumentReference, Encounter } from '@medplum/fhirtypes';
import type { ChartDocument } from '../../../chart/index.ts';
import { codeable, compact, metaOf, patientRef, ref, SYSTEMS } from './common.ts';

/** Our document types → LOINC document codes where one fits (LOINC Document Ontology). */
export const DOCUMENT_LOINC: Record<string, { code: string; display: string } | undefined> = {
  lab_report: { code: '11502-2', display: 'Laboratory report' },
  imaging_report: { code: '18748-4', display: 'Diagnostic imaging study' },
  referral: { code: '57133-1', display: 'Referral note' },
  consent: { code: '59284-0', display: 'Consent Document' },
};

/**
 * An uploaded document's metadata; the bytes are served as the Binary it points to (R4
 * documentreference.html: attachment.url). FHIR's attachment.hash is SHA-1, which we do not keep, so the
 * SHA-256 goes in an identifier instead.
 */
export function documentReferenceToFhir(d: ChartDocument): DocumentReference {
  const loinc = DOCUMENT_LOINC[d.documentType];
  return compact<DocumentReference>({
    resourceType: 'DocumentReference',
    id: d.id,
    meta: metaOf(d),
    identifier: [{ system: 'urn:ietf:rfc:6920', value: `ni:///sha-256;${d.sha256}` }],
    status: d.enteredInError ? 'entered-in-error' : 'current',
    type: loinc
      ? codeable(SYSTEMS.loinc, loinc.code, loinc.display, d.documentType)
      : { text: d.documentType },
    subject: patientRef(d.patientId),
    date: d.createdAt,
    description: d.title,
    content: [
      {
        attachment: {
          contentType: d.mediaType,
          url: `Binary/${d.id}`,
          size: d.sizeBytes,
          title: d.title,
          creation: d.serviceDate,
        },
      },
    ],
    context: compact({
      encounter: d.encounterId ? [ref<Encounter>('Encounter', d.encounterId)!] : undefined,
      period: { start: d.serviceDate },
    }),
  });
}

/** The document's bytes; securityContext points at the DocumentReference whose access rules apply. */
export function binaryToFhir(d: ChartDocument, bytes: Buffer): Binary {
  return {
    resourceType: 'Binary',
    id: d.id,
    meta: metaOf(d),
    contentType: d.mediaType,
    securityContext: { reference: `DocumentReference/${d.id}` },
    data: bytes.toString('base64'),
  };
}
