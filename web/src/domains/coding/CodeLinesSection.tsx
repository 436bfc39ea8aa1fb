import { Select, Stack, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { CodeLines } from './CodeLines.tsx';
import { CodePicker } from './CodePicker.tsx';
import type { CodeResult, CodingScreen } from './coding.api.ts';
import type { CodingDraft } from './useCodingDraft.ts';

interface Props {
  s: CodingScreen;
  d: CodingDraft;
  labels: Map<string, string>;
  readOnly: boolean;
}

/** Code entry: find codes by words or code and add them to diagnoses, procedures and drugs. */
export function CodeLinesSection({ s, d, labels, readOnly }: Props): ReactElement {
  const inpatient = s.encounter.class === 'inpatient';
  const [pxSystem, setPxSystem] = useState<'icd10pcs' | 'cpt' | 'hcpcs'>(inpatient ? 'icd10pcs' : 'hcpcs');
  const date = s.encounter.dateOfService;
  const remember = (c: CodeResult) => labels.set(c.code, c.description);
  const lines = { d, inpatient, labels, readOnly };
  return (
    <Stack gap="xs">
      <Title order={4}>Diagnoses (ICD-10-CM)</Title>
      <CodeLines.Diagnoses {...lines} />
      {!readOnly && (
        <CodePicker
          label="Add a diagnosis"
          system="icd10cm"
          date={date}
          placeholder="Code or words: E11.9, diab typ 2, CHF"
          onPick={(c) => {
            remember(c);
            d.addDiagnosis(c.display);
          }}
        />
      )}
      <Title order={4} mt="sm">
        Procedures
      </Title>
      <CodeLines.Procedures {...lines} />
      {!readOnly && (
        <Stack gap={4}>
          <Select
            label="Procedure code set"
            data={[
              ...(inpatient ? [{ value: 'icd10pcs', label: 'ICD-10-PCS (inpatient)' }] : []),
              { value: 'cpt', label: 'CPT' },
              { value: 'hcpcs', label: 'HCPCS' },
            ]}
            value={pxSystem}
            onChange={(v) => v && setPxSystem(v as typeof pxSystem)}
            allowDeselect={false}
            w={240}
          />
          <CodePicker
            label="Add a procedure"
            system={pxSystem}
            date={date}
            placeholder="Code or words"
            onPick={(c) => {
              remember(c);
              d.addProcedure({ system: pxSystem, code: c.display, modifiers: [], units: 1 });
            }}
          />
        </Stack>
      )}
      <Title order={4} mt="sm">
        Drugs administered (HCPCS J-codes)
      </Title>
      <CodeLines.Drugs {...lines} />
      {!readOnly && (
        <CodePicker
          label="Add a drug"
          system="hcpcs"
          date={date}
          placeholder="J-code or drug name: J1100, ondansetron"
          onPick={(c) => {
            remember(c);
            d.addDrug(c.display);
          }}
        />
      )}
    </Stack>
  );
}
