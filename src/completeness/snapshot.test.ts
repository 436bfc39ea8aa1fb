import { describe, expect, it } from 'vitest';
import { analyseEncounter } from './rules/index.ts';
import { buildSnapshots, isOperative, type SnapshotInput } from './snapshot.ts';

const t0 = new Date('2026-03-01T08:00:00Z');
const base = (over: Partial<SnapshotInput> = {}): SnapshotInput => ({
  encounters: [
    {
      id: 'e1',
      patient_id: 'p1',
      class: 'inpatient',
      status: 'completed',
      provider_id: 'dr',
      starts_at: t0,
      data: { type: 'surgery', dischargedAt: '2026-03-04T10:00:00Z' },
      updated_at: t0,
      entered_in_error: false,
    },
  ],
  entries: [],
  signatures: [],
  cosigns: [],
  consents: [],
  ...over,
});
const entry = (id: string, kind: string, data: Record<string, unknown>, over = {}) => ({
  id,
  encounter_id: 'e1',
  kind,
  data,
  created_by: 'dr',
  created_at: t0,
  entered_in_error: false,
  ...over,
});

describe('encounter snapshots for the rules', () => {
  it('treats surgery-section CPT codes as operative unless the entry says otherwise', () => {
    expect(isOperative({ code: '44950' })).toBe(true);
    expect(isOperative({ code: '99213' })).toBe(false);
    expect(isOperative({ code: 'E11.9' })).toBe(false);
    expect(isOperative({ code: '99213', operative: true })).toBe(true);
  });

  it('maps notes with signatures and co-signers, discharge, service and consent documents', () => {
    const [s] = buildSnapshots(
      base({
        entries: [
          entry('n1', 'note', { noteType: 'discharge_summary' }),
          entry('n2', 'note', { noteType: 'progress_note' }, { created_by: 'res' }),
          entry('pr', 'procedure', { code: '44950', performedAt: '2026-03-02T09:00:00Z' }),
          entry('dx', 'diagnosis', { description: 'x' }),
          entry('dx2', 'diagnosis', { description: 'y' }, { entered_in_error: true }),
        ],
        signatures: [
          { entry_id: 'n1', role: 'author', signed_at: t0 },
          { entry_id: 'n2', role: 'author', signed_at: t0 },
        ],
        cosigns: [{ entry_id: 'n2', cosigner_user_id: 'dr' }],
        consents: [{ id: 'doc', encounter_id: 'e1' }],
      }),
    );
    expect(s).toMatchObject({ inpatient: true, service: 'surgery', diagnosisCount: 1, attendingId: 'dr' });
    expect(s?.dischargedAt?.toISOString()).toBe('2026-03-04T10:00:00.000Z');
    expect(s?.notes.map((n) => [n.type, n.signedAt !== null, n.cosignerId])).toEqual([
      ['discharge-summary', true, null],
      ['progress-note', true, 'dr'],
    ]);
    expect(s?.procedures[0]).toMatchObject({ operative: true, consentDocumentId: 'doc' });
    const rules = analyseEncounter(s as never)
      .map((f) => f.ruleId)
      .sort();
    expect(rules).toEqual(['history-and-physical', 'operative-report', 'resident-cosign']);
  });

  it('leaves out encounters entered in error', () => {
    const input = base();
    (input.encounters[0] as { entered_in_error: boolean }).entered_in_error = true;
    expect(buildSnapshots(input)).toEqual([]);
  });
});
