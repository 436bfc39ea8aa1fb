import { ActionIcon, Badge, Group, NumberInput, Select, Table, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import type { Poa } from './coding.api.ts';
import type { CodingDraft } from './useCodingDraft.ts';

const POA = [
  { value: 'Y', label: 'Y – present' },
  { value: 'N', label: 'N – not present' },
  { value: 'U', label: 'U – not documented' },
  { value: 'W', label: 'W – undetermined' },
  { value: '1', label: '1 – exempt' },
];

interface Props {
  d: CodingDraft;
  inpatient: boolean;
  labels: Map<string, string>;
  readOnly: boolean;
}

const norm = (c: string) => c.replace('.', '').toUpperCase();
/** ICD-10-CM codes are shown with the dot after the category (stored without it, as CMS files carry them). */
const dotted = (c: string) => (c.includes('.') || c.length <= 3 ? c : `${c.slice(0, 3)}.${c.slice(3)}`);

/** Stable React keys for lines that may repeat a code: the code plus its occurrence among equals. */
function lineKeys<T extends { code: string }>(lines: T[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const n = (seen.get(l.code) ?? 0) + 1;
    seen.set(l.code, n);
    return `${l.code}#${n}`;
  });
}

/** Diagnoses in sequence: 1 is principal (inpatient) or first-listed (outpatient); POA for inpatients. */
function DiagnosisLines({ d, inpatient, labels, readOnly }: Props): ReactElement {
  const rows = d.draft.diagnoses;
  const keys = lineKeys(rows);
  if (rows.length === 0) return <None />;
  return (
    <Table aria-label="Diagnoses" data-testid="diagnosis-lines">
      <Table.Tbody>
        {rows.map((x, i) => (
          <Table.Tr key={keys[i]}>
            <Table.Td w={110}>
              <Badge variant={i === 0 ? 'filled' : 'light'} size="sm">
                {i === 0 ? (inpatient ? 'Principal' : 'First-listed') : `#${i + 1}`}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text ff="monospace" fw={700} span>
                {dotted(x.code)}
              </Text>{' '}
              <Text span size="sm">
                {labels.get(norm(x.code)) ?? ''}
              </Text>
            </Table.Td>
            {inpatient && (
              <Table.Td w={190}>
                <Select
                  aria-label={`POA for ${x.code}`}
                  placeholder="POA"
                  data={POA}
                  value={x.poa ?? null}
                  onChange={(v) => d.setPoa(i, (v ?? undefined) as Poa | undefined)}
                  disabled={readOnly}
                  size="xs"
                  clearable
                />
              </Table.Td>
            )}
            <Table.Td w={110}>
              {!readOnly && (
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Move ${x.code} up`}
                    disabled={i === 0}
                    onClick={() => d.moveDiagnosis(i, -1)}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Move ${x.code} down`}
                    disabled={i === rows.length - 1}
                    onClick={() => d.moveDiagnosis(i, 1)}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${x.code}`}
                    onClick={() => d.removeDiagnosis(i)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Procedures: PCS for inpatient stays; CPT/HCPCS with modifiers, units and date for outpatient visits. */
function ProcedureLines({ d, labels, readOnly }: Props): ReactElement {
  const keys = lineKeys(d.draft.procedures);
  if (keys.length === 0) return <None />;
  return (
    <Table aria-label="Procedures" data-testid="procedure-lines">
      <Table.Tbody>
        {d.draft.procedures.map((p, i) => (
          <Table.Tr key={keys[i]}>
            <Table.Td>
              <Text ff="monospace" fw={700} span>
                {p.code}
              </Text>{' '}
              <Text span size="xs" c="dimmed">
                {p.system.toUpperCase()} {labels.get(norm(p.code)) ?? ''}
              </Text>
            </Table.Td>
            <Table.Td w={150}>
              {p.system !== 'icd10pcs' && (
                <TextInput
                  size="xs"
                  aria-label={`Modifiers for ${p.code}`}
                  placeholder="Modifiers: 59, XS"
                  defaultValue={p.modifiers.join(', ')}
                  onChange={(e) =>
                    d.setProcedure(i, {
                      modifiers: e.currentTarget.value
                        .split(/[\s,]+/)
                        .filter(Boolean)
                        .map((m) => m.toUpperCase()),
                    })
                  }
                  error={d.modifierProblems[i]}
                  disabled={readOnly}
                />
              )}
            </Table.Td>
            <Table.Td w={90}>
              <NumberInput
                size="xs"
                aria-label={`Units for ${p.code}`}
                min={1}
                max={9999}
                value={p.units}
                onChange={(v) => d.setProcedure(i, { units: Math.max(1, Number(v) || 1) })}
                disabled={readOnly}
              />
            </Table.Td>
            <Table.Td w={150}>
              <LineDate
                label={`Date of ${p.code}`}
                value={p.date}
                onChange={(date) => d.setProcedure(i, { date })}
                readOnly={readOnly}
              />
            </Table.Td>
            <Table.Td w={40}>
              <Remove label={p.code} hidden={readOnly} onClick={() => d.removeProcedure(i)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Drugs administered, by HCPCS J-code and units (the J-code descriptor gives the unit, e.g. per 1 mg). */
function DrugLines({ d, labels, readOnly }: Props): ReactElement {
  const keys = lineKeys(d.draft.drugs);
  if (keys.length === 0) return <None />;
  return (
    <Table aria-label="Drugs administered" data-testid="drug-lines">
      <Table.Tbody>
        {d.draft.drugs.map((x, i) => (
          <Table.Tr key={keys[i]}>
            <Table.Td>
              <Text ff="monospace" fw={700} span>
                {x.code}
              </Text>{' '}
              <Text span size="xs" c="dimmed">
                {labels.get(norm(x.code)) ?? ''}
              </Text>
            </Table.Td>
            <Table.Td w={90}>
              <NumberInput
                size="xs"
                aria-label={`Units of ${x.code}`}
                min={1}
                value={x.units}
                onChange={(v) => d.setDrug(i, { units: Math.max(1, Number(v) || 1) })}
                disabled={readOnly}
              />
            </Table.Td>
            <Table.Td w={150}>
              <LineDate
                label={`Date of ${x.code}`}
                value={x.date}
                onChange={(date) => d.setDrug(i, { date })}
                readOnly={readOnly}
              />
            </Table.Td>
            <Table.Td w={40}>
              <Remove label={x.code} hidden={readOnly} onClick={() => d.removeDrug(i)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function None(): ReactElement {
  return (
    <Text size="sm" c="dimmed">
      None coded.
    </Text>
  );
}

function LineDate(props: {
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  readOnly: boolean;
}): ReactElement {
  return (
    <TextInput
      size="xs"
      type="date"
      aria-label={props.label}
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.currentTarget.value || undefined)}
      disabled={props.readOnly}
    />
  );
}

function Remove(props: { label: string; hidden: boolean; onClick: () => void }): ReactElement | null {
  if (props.hidden) return null;
  return (
    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${props.label}`} onClick={props.onClick}>
      <IconTrash size={16} />
    </ActionIcon>
  );
}

/** The three line editors of the coding screen. */
export const CodeLines = { Diagnoses: DiagnosisLines, Procedures: ProcedureLines, Drugs: DrugLines };
