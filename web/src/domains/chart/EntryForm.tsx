import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormRulesRecord, type UseFormReturnType, useForm } from '@mantine/form';
import { type ReactElement, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type ChartEntry, useCreateEntry, useUpdateEntry } from './chart.api.ts';
import { FIELDS, FIXED_DATA, type FieldSpec, KIND_COLLECTION, KIND_LABELS } from './entry-fields.ts';

type Values = Record<string, string | number | boolean>;

/** Calendar check for YYYY-MM-DD (refuses 30 February, like the server). */
const realDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

function validator(f: FieldSpec) {
  return (value: unknown): string | null => {
    const empty = value === '' || value === undefined || value === null;
    if (f.required && empty && f.type !== 'checkbox') return `${f.label} is required`;
    if (empty) return null;
    if (f.pattern && !f.pattern.re.test(String(value))) return f.pattern.message;
    if (f.type === 'date' && !realDate(String(value))) return 'Enter a real date';
    return null;
  };
}

/** Turns form values into the API's data: empty fields left out, times as ISO 8601 with zone. */
function toData(fields: FieldSpec[], values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === '' || v === undefined) continue;
    if (f.type === 'datetime') out[f.name] = new Date(String(v)).toISOString();
    else if (f.type === 'number') out[f.name] = Number(v);
    else out[f.name] = v;
  }
  return out;
}

/** A stored value as the form shows it (datetime-local wants local time without zone). */
function toInput(f: FieldSpec, v: unknown): string | number | boolean {
  if (f.type === 'checkbox') return v === true;
  if (v === undefined || v === null) return '';
  if (f.type === 'datetime') {
    const d = new Date(String(v));
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }
  return typeof v === 'number' ? v : String(v);
}

/** The server's field errors onto the form, and a message that says what to do next. */
function explain(e: unknown, form: UseFormReturnType<Values, Values, FormRulesRecord<Values>>): string {
  const details =
    e instanceof ApiError
      ? (e.details as { issues?: { field: string; message: string }[]; changedFields?: string[] })
      : undefined;
  for (const i of details?.issues ?? []) form.setFieldError(i.field.replace(/^data\./, ''), i.message);
  if (e instanceof ApiError && e.status === 409 && details?.changedFields)
    return `${e.message} Changed meanwhile: ${details.changedFields.join(', ')}. Close this form and open the entry again.`;
  return e instanceof Error
    ? `${e.message} Correct the highlighted fields and save again.`
    : 'Saving failed.';
}

function Field({
  f,
  form,
}: {
  f: FieldSpec;
  form: UseFormReturnType<Values, Values, FormRulesRecord<Values>>;
}): ReactElement {
  const common = {
    label: f.label,
    withAsterisk: f.required,
    description: f.description,
    key: form.key(f.name),
  };
  switch (f.type) {
    case 'select':
      return (
        <Select {...common} data={f.options ?? []} allowDeselect={false} {...form.getInputProps(f.name)} />
      );
    case 'textarea':
      return <Textarea {...common} autosize minRows={2} {...form.getInputProps(f.name)} />;
    case 'number':
      return <NumberInput {...common} decimalScale={4} {...form.getInputProps(f.name)} />;
    case 'checkbox':
      return (
        <Checkbox
          mt="lg"
          label={f.label}
          key={form.key(f.name)}
          {...form.getInputProps(f.name, { type: 'checkbox' })}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          type={f.type === 'date' ? 'date' : f.type === 'datetime' ? 'datetime-local' : 'text'}
          {...form.getInputProps(f.name)}
        />
      );
  }
}

function KindForm(props: {
  kind: string;
  patientId: string;
  encounterId?: string | undefined;
  editing?: ChartEntry | undefined;
  onDone?: (() => void) | undefined;
}): ReactElement {
  const fields = FIELDS[props.kind] ?? [];
  const create = useCreateEntry(props.patientId, KIND_COLLECTION[props.kind] ?? 'history');
  const update = useUpdateEntry(props.patientId);
  const [error, setError] = useState<string | null>(null);
  const editing = props.editing;
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: {
      ...Object.fromEntries(fields.map((f) => [f.name, toInput(f, editing?.data[f.name])])),
      ...(editing ? { changeReason: '' } : {}),
    },
    validate: {
      ...Object.fromEntries(fields.map((f) => [f.name, validator(f)])),
      ...(editing
        ? {
            changeReason: (v: unknown) =>
              String(v).trim().length >= 3 ? null : 'Say why (at least 3 characters)',
          }
        : {}),
    },
    validateInputOnChange: true,
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const data = { ...toData(fields, values), ...FIXED_DATA[props.kind] };
    try {
      if (editing)
        await update.mutateAsync({
          id: editing.id,
          version: editing.version,
          reason: String(values.changeReason).trim(),
          data,
        });
      else
        await create.mutateAsync({
          kind: props.kind,
          data,
          ...(props.encounterId ? { encounterId: props.encounterId } : {}),
        });
      form.reset();
      props.onDone?.();
    } catch (e) {
      setError(explain(e, form));
    }
  });
  const label = KIND_LABELS[props.kind]?.toLowerCase();
  return (
    <form
      onSubmit={submit}
      aria-label={`${editing ? 'Correct' : 'New'} ${KIND_LABELS[props.kind] ?? props.kind}`}
    >
      <Stack gap="sm">
        {error && <Alert color="red">{error}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {fields.map((f) => (
            <Field key={f.name} f={f} form={form} />
          ))}
        </SimpleGrid>
        {editing && (
          <TextInput
            label="Reason for the correction"
            withAsterisk
            key={form.key('changeReason')}
            {...form.getInputProps('changeReason')}
          />
        )}
        <Group>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {editing ? `Save correction` : `Save ${label}`}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Corrects an existing entry: the same form, filled in, plus the reason (a new version is kept). */
export function CorrectEntryForm(props: { entry: ChartEntry; onDone: () => void }): ReactElement {
  return (
    <KindForm
      kind={props.entry.kind}
      patientId={props.entry.patientId}
      editing={props.entry}
      onDone={props.onDone}
    />
  );
}

/** A form for any kind of chart entry; with several kinds, the user picks which one first. */
export function EntryForm(props: {
  patientId: string;
  kinds: readonly string[];
  encounterId?: string;
  onDone?: () => void;
}): ReactElement {
  const [kind, setKind] = useState(props.kinds[0] ?? '');
  return (
    <Stack gap="sm">
      {props.kinds.length > 1 && (
        <Select
          label="What to record"
          data={props.kinds.map((k) => ({ value: k, label: KIND_LABELS[k] ?? k }))}
          value={kind}
          onChange={(v) => v && setKind(v)}
          allowDeselect={false}
          maw={320}
        />
      )}
      <KindForm
        key={kind}
        kind={kind}
        patientId={props.patientId}
        encounterId={props.encounterId}
        onDone={props.onDone}
      />
    </Stack>
  );
}
