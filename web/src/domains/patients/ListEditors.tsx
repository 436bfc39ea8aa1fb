import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactElement } from 'react';
import {
  type DemographicsValues,
  type IdentifierValue,
  newCoverage,
  type OtherNameValue,
} from './demographics-form.ts';

type Form = UseFormReturnType<DemographicsValues>;

const options = (xs: [string, string][]) => xs.map(([value, label]) => ({ value, label }));
const NAME_KINDS = options([
  ['maiden', 'Maiden name'],
  ['previous', 'Previous name'],
  ['alias', 'Alias'],
]);
const IDENTIFIER_KINDS = options([
  ['other_mrn', "Another facility's MRN"],
  ['member_id', 'Insurance member id'],
  ['drivers_license', "Driver's licence"],
  ['passport', 'Passport'],
  ['other', 'Other'],
]);
const PRIORITIES = options([
  ['primary', 'Primary'],
  ['secondary', 'Secondary'],
  ['tertiary', 'Tertiary'],
]);
const RELATIONSHIPS = options([
  ['self', 'Self'],
  ['spouse', 'Spouse'],
  ['child', 'Child'],
  ['other', 'Other'],
]);

function Remove({ label, onClick }: { label: string; onClick: () => void }): ReactElement {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick} mt={24}>
      ×
    </ActionIcon>
  );
}

interface Column {
  field: string;
  label: string;
  required?: boolean;
  placeholder?: string;
  options?: { value: string; label: string }[];
}

/** A list of small rows (kind + a few texts) the clerk adds to; stored rows are never edited here. */
function RowList(props: {
  form: Form;
  path: 'otherNames' | 'identifiers';
  legend: string;
  item: string;
  addLabel: string;
  columns: Column[];
  blank: OtherNameValue | IdentifierValue;
}): ReactElement {
  const { form, path, columns } = props;
  return (
    <Fieldset legend={props.legend}>
      <Stack gap="xs">
        {form.values[path].map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
          <Group key={i} align="flex-start" wrap="nowrap">
            {columns.map((c) =>
              c.options ? (
                <NativeSelect
                  key={c.field}
                  label={c.label}
                  data={c.options}
                  {...form.getInputProps(`${path}.${i}.${c.field}`)}
                />
              ) : (
                <TextInput
                  key={c.field}
                  label={c.label}
                  withAsterisk={c.required}
                  placeholder={c.placeholder}
                  {...form.getInputProps(`${path}.${i}.${c.field}`)}
                />
              ),
            )}
            <Remove label={`Remove ${props.item} ${i + 1}`} onClick={() => form.removeListItem(path, i)} />
          </Group>
        ))}
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          onClick={() => form.insertListItem(path, { ...props.blank })}
        >
          {props.addLabel}
        </Button>
      </Stack>
    </Fieldset>
  );
}

/** Maiden, previous names and aliases: matching uses them to find the same person under another name. */
export function OtherNamesEditor({ form, legend }: { form: Form; legend: string }): ReactElement {
  return (
    <RowList
      form={form}
      path="otherNames"
      legend={legend}
      item="other name"
      addLabel="Add another name"
      blank={{ kind: 'maiden', family: '', given: '' }}
      columns={[
        { field: 'kind', label: 'Kind', options: NAME_KINDS },
        { field: 'family', label: 'Family name', required: true },
        { field: 'given', label: 'Given name' },
      ]}
    />
  );
}

/** Identifiers other systems gave the patient, each with the system that issued it. */
export function IdentifiersEditor({ form, legend }: { form: Form; legend: string }): ReactElement {
  return (
    <RowList
      form={form}
      path="identifiers"
      legend={legend}
      item="identifier"
      addLabel="Add an identifier"
      blank={{ kind: 'other_mrn', system: '', value: '' }}
      columns={[
        { field: 'kind', label: 'Kind', options: IDENTIFIER_KINDS },
        { field: 'system', label: 'Issued by', required: true, placeholder: 'St. Elsewhere Hospital' },
        { field: 'value', label: 'Identifier', required: true },
      ]}
    />
  );
}

/** Insurance as on the card: billing builds claims from it, in priority order. */
export function CoverageEditor({ form, legend }: { form: Form; legend: string }): ReactElement {
  const n = form.values.coverage.length;
  const at = (i: number, f: string) => form.getInputProps(`coverage.${i}.${f}`);
  return (
    <Fieldset legend={legend}>
      <Stack gap="sm">
        {form.values.coverage.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
          <Stack key={i} gap={4} aria-label={`Coverage ${i + 1}`} role="group">
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <NativeSelect label="Priority" data={PRIORITIES} {...at(i, 'priority')} />
              <TextInput label="Payer" withAsterisk {...at(i, 'payer')} />
              <TextInput label="Plan" {...at(i, 'plan')} />
              <TextInput label="Member id" withAsterisk {...at(i, 'memberId')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 5 }}>
              <TextInput label="Group number" {...at(i, 'groupNumber')} />
              <TextInput label="Subscriber" withAsterisk {...at(i, 'subscriberName')} />
              <NativeSelect
                label="Relationship to subscriber"
                data={RELATIONSHIPS}
                {...at(i, 'relationship')}
              />
              <TextInput
                label="Effective from"
                placeholder="YYYY-MM-DD"
                withAsterisk
                {...at(i, 'effectiveFrom')}
              />
              <Group wrap="nowrap" align="flex-start">
                <TextInput label="Effective to" placeholder="YYYY-MM-DD" {...at(i, 'effectiveTo')} />
                <Remove
                  label={`Remove coverage ${i + 1}`}
                  onClick={() => form.removeListItem('coverage', i)}
                />
              </Group>
            </SimpleGrid>
          </Stack>
        ))}
        {n < 3 && (
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            onClick={() =>
              form.insertListItem(
                'coverage',
                newCoverage(form.values, ['primary', 'secondary', 'tertiary'][n]!),
              )
            }
          >
            Add insurance
          </Button>
        )}
      </Stack>
    </Fieldset>
  );
}
