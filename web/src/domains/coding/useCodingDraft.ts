import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import type {
  CodingScreen,
  DiagnosisLine,
  DrugLine,
  EditsDraft,
  Poa,
  ProcedureLine,
  SaveBody,
} from './coding.api.ts';

export interface Draft {
  diagnoses: DiagnosisLine[];
  procedures: ProcedureLine[];
  drugs: DrugLine[];
  coderNotes: string;
}

const fromRecord = (s: CodingScreen): Draft => ({
  diagnoses: s.coding.diagnoses,
  procedures: s.coding.procedures,
  drugs: s.coding.drugs,
  coderNotes: s.coding.coderNotes ?? '',
});

const resequence = (dx: DiagnosisLine[]) => dx.map((d, i) => ({ ...d, sequence: i + 1 }));
const SEX = { F: 'female', M: 'male', U: 'unknown' } as const;
const MODIFIER = /^[A-Za-z0-9]{2}$/;

/**
 * The codes the coder is editing: starts from the stored record (and again after each save), keeps
 * diagnoses numbered by their order (1 = principal / first-listed), and gives the debounced draft the
 * live edits run on.
 */
export function useCodingDraft(screen: CodingScreen | undefined) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const version = screen?.coding.version;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when a new version arrives
  useEffect(() => {
    if (screen) setDraft(fromRecord(screen));
  }, [version, screen?.encounter.id]);

  const d = draft ?? { diagnoses: [], procedures: [], drugs: [], coderNotes: '' };
  const update = (change: Partial<Draft>) => setDraft({ ...d, ...change });
  const dirty = screen ? JSON.stringify(fromRecord(screen)) !== JSON.stringify(d) : false;
  const modifierProblems = d.procedures.map((p) =>
    p.modifiers.every((m) => MODIFIER.test(m))
      ? undefined
      : 'Each modifier is 2 letters or digits, e.g. 59, XS',
  );

  const [debounced] = useDebouncedValue(d, 300);
  const editsDraft = useMemo((): EditsDraft | null => {
    if (!screen || debounced.diagnoses.length + debounced.procedures.length + debounced.drugs.length === 0)
      return null;
    return {
      dateOfService: screen.encounter.dateOfService,
      patient: { ageYears: screen.patient.ageYears, sex: SEX[screen.patient.sex] },
      inpatient: screen.encounter.class === 'inpatient',
      diagnoses: debounced.diagnoses,
      procedures: [
        ...debounced.procedures.filter((p) => p.modifiers.every((m) => MODIFIER.test(m))),
        ...debounced.drugs.map((x) => ({
          system: 'hcpcs' as const,
          code: x.code,
          modifiers: [],
          units: x.units,
        })),
      ],
    };
  }, [debounced, screen]);

  return {
    draft: d,
    dirty,
    modifierProblems,
    editsDraft,
    body: (v: number): SaveBody => ({ version: v, ...d, coderNotes: d.coderNotes }),
    addDiagnosis: (code: string) =>
      update({ diagnoses: resequence([...d.diagnoses, { code, sequence: 0 }]) }),
    setPoa: (i: number, poa: Poa | undefined) =>
      update({
        diagnoses: d.diagnoses.map((x, k) =>
          k === i ? { code: x.code, sequence: x.sequence, ...(poa ? { poa } : {}) } : x,
        ),
      }),
    moveDiagnosis: (i: number, by: -1 | 1) => {
      const next = [...d.diagnoses];
      const [item] = next.splice(i, 1);
      if (item) next.splice(Math.max(0, Math.min(next.length, i + by)), 0, item);
      update({ diagnoses: resequence(next) });
    },
    removeDiagnosis: (i: number) => update({ diagnoses: resequence(d.diagnoses.filter((_, k) => k !== i)) }),
    /** Replaces a code everywhere it appears (the fix an edit suggests, e.g. a billable child). */
    replaceCode: (from: string, to: string) => {
      const same = (c: string) => c.replace('.', '').toUpperCase() === from.replace('.', '').toUpperCase();
      update({
        diagnoses: d.diagnoses.map((x) => (same(x.code) ? { ...x, code: to } : x)),
        procedures: d.procedures.map((x) => (same(x.code) ? { ...x, code: to } : x)),
      });
    },
    addProcedure: (p: ProcedureLine) => update({ procedures: [...d.procedures, p] }),
    setProcedure: (i: number, p: Partial<ProcedureLine>) =>
      update({ procedures: d.procedures.map((x, k) => (k === i ? { ...x, ...p } : x)) }),
    removeProcedure: (i: number) => update({ procedures: d.procedures.filter((_, k) => k !== i) }),
    addDrug: (code: string) => update({ drugs: [...d.drugs, { code, units: 1 }] }),
    setDrug: (i: number, x: Partial<DrugLine>) =>
      update({ drugs: d.drugs.map((y, k) => (k === i ? { ...y, ...x } : y)) }),
    removeDrug: (i: number) => update({ drugs: d.drugs.filter((_, k) => k !== i) }),
    setNotes: (coderNotes: string) => update({ coderNotes }),
    reset: () => screen && setDraft(fromRecord(screen)),
  };
}

export type CodingDraft = ReturnType<typeof useCodingDraft>;
