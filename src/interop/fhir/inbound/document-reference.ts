import { entryOutcome, patientRefOf } from './entry.ts';
import { arr, codeIn, IssueList, isObj, type Json, obj, refOf, str, textOf } from './fhir-values.ts';
import type { MapOutcome } from './types.ts';

/** LOINC document types (LOINC Document Ontology) → the chart's note types. */
const NOTE_TYPE: Record<string, string> = {
  '34117-2': 'history_and_physical',
  '11506-3': 'progress_note',
  '11488-4': 'consultation',
  '11504-8': 'operative_report',
  '18842-5': 'discharge_summary',
  '28570-0': 'procedure_note',
};
const MAX_TEXT = 100_000;

/**
 * FHIR DocumentReference with inline text content (how Synthea and most bulk exports carry clinical
 * notes) → a clinical note. Binary documents (PDF, images) are uploaded as chart documents instead.
 */
export function mapDocumentReference(r: Json): MapOutcome {
  const list = new IssueList('DocumentReference');
  const patientRef = patientRefOf(r, list);
  const status = str(r.status);
  if (!status) list.required('status');
  else if (!['current', 'superseded', 'entered-in-error'].includes(status))
    list.add('status', 'code-invalid', `'${status}' is not one of current, superseded, entered-in-error`);
  const attachments = arr(r.content)
    .filter(isObj)
    .map((c) => obj(c.attachment));
  const textual = attachments.find((a) => str(a?.contentType)?.startsWith('text/') && str(a?.data));
  let text: string | undefined;
  if (!textual)
    list.add(
      'content.attachment',
      'not-supported',
      'only inline text content (contentType text/*, data) is imported as a note',
    );
  else {
    text = Buffer.from(String(textual.data), 'base64').toString('utf8').trim();
    if (text.length > MAX_TEXT)
      list.add('content.attachment.data', 'value', `the note is longer than ${MAX_TEXT} characters`);
  }
  const loinc = codeIn(r.type, 'http://loinc.org');
  const docStatus = str(r.docStatus);
  return entryOutcome(
    list,
    {
      kind: 'note',
      data: {
        noteType: NOTE_TYPE[loinc ?? ''] ?? 'other',
        title: (str(r.description) ?? textOf(r.type) ?? 'Clinical note').slice(0, 200),
        text,
        status: docStatus === 'preliminary' ? 'draft' : 'final',
      },
      patientRef,
      encounterRef: refOf(arr(obj(r.context)?.encounter)[0]),
      enteredInError: status === 'entered-in-error',
    },
    { title: 'description', text: 'content.attachment.data', status: 'docStatus' },
  );
}
