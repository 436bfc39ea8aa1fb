import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactElement, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { usePatientSearch } from '../patients/patients.api.ts';
import {
  type NewRequest,
  PURPOSES,
  RECORD_TYPES,
  REQUESTER_TYPES,
  useCreateRequest,
} from './disclosure.api.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const today = () => new Date().toISOString().slice(0, 10);
const optionalDate = (v: string) => (v === '' || DATE.test(v) ? null : 'Use a date as YYYY-MM-DD.');

interface Values {
  patientId: string;
  requesterType: NewRequest['requesterType'];
  requesterName: string;
  requesterAddress: string;
  purpose: NewRequest['purpose'];
  purposeText: string;
  recordTypes: string[];
  dateFrom: string;
  dateTo: string;
  deliveryMethod: NewRequest['deliveryMethod'];
  receivedOn: string;
}

/** Finds the patient in the index (by name and date of birth, or MRN) and lets the clerk pick one. */
function PatientMatch({ value, onPick }: { value: string; onPick: (id: string) => void }): ReactElement {
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [mrn, setMrn] = useState('');
  const [params, setParams] = useState<{
    name?: string;
    birthDate?: string;
    mrn?: string;
    page: number;
  } | null>(null);
  const { data, isFetching } = usePatientSearch(params);
  return (
    <Stack gap="xs">
      <Group align="end">
        <TextInput
          label="Patient name"
          placeholder="Family, Given"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label="Date of birth"
          placeholder="YYYY-MM-DD"
          w={140}
          value={birthDate}
          onChange={(e) => setBirthDate(e.currentTarget.value)}
        />
        <TextInput label="MRN" w={150} value={mrn} onChange={(e) => setMrn(e.currentTarget.value)} />
        <Button
          variant="light"
          loading={isFetching}
          onClick={() =>
            setParams({
              ...(name ? { name } : {}),
              ...(birthDate ? { birthDate } : {}),
              ...(mrn ? { mrn } : {}),
              page: 1,
            })
          }
        >
          Find patient
        </Button>
      </Group>
      {data && data.items.length === 0 && (
        <Text size="sm">No match. Check the spelling or the date of birth.</Text>
      )}
      {data && data.items.length > 0 && (
        <Radio.Group label="Matching patients" value={value} onChange={onPick}>
          <Stack gap={4} mt={4}>
            {data.items.map((p) =>
              p.restricted ? (
                <Badge key={p.id} color="gray">
                  Restricted record {p.mrn}
                </Badge>
              ) : (
                <Radio
                  key={p.id}
                  value={p.id}
                  disabled={p.status === 'merged'}
                  label={`${p.name} · born ${p.birthDate} · MRN ${p.mrn}${p.resolvedFromMrn ? ` (MRN ${p.resolvedFromMrn} was merged into this record)` : ''}`}
                />
              ),
            )}
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}

/** Request intake: who asks, for whom, what, why and how it is to be delivered (issue 6). */
export function RoiIntakePage(): ReactElement {
  const navigate = useNavigate();
  const create = useCreateRequest();
  const form = useForm<Values>({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: {
      patientId: '',
      requesterType: 'payer',
      requesterName: '',
      requesterAddress: '',
      purpose: 'payment',
      purposeText: '',
      recordTypes: [],
      dateFrom: '',
      dateTo: '',
      deliveryMethod: 'secure-link',
      receivedOn: today(),
    },
    validate: {
      patientId: (v) => (v ? null : 'Find the patient and choose the matching record.'),
      requesterName: (v) => (v.trim().length >= 2 ? null : 'Name the requester.'),
      requesterAddress: (v) => (v.trim().length >= 5 ? null : 'Give the address the records will go to.'),
      dateFrom: optionalDate,
      dateTo: (v, all) =>
        optionalDate(v) ??
        (v && all.dateFrom && v < all.dateFrom ? 'The end date is before the start date.' : null),
      receivedOn: (v) =>
        !DATE.test(v)
          ? 'Use a date as YYYY-MM-DD.'
          : v > today()
            ? 'The date received cannot be in the future.'
            : null,
    },
  });

  const submit = form.onSubmit(async (v) => {
    try {
      const r = await create.mutateAsync({
        patientId: v.patientId,
        requesterType: v.requesterType,
        requesterName: v.requesterName.trim(),
        requesterAddress: v.requesterAddress.trim(),
        purpose: v.purpose,
        purposeText: v.purposeText.trim() || null,
        scope: {
          recordTypes: v.recordTypes,
          dateFrom: v.dateFrom || null,
          dateTo: v.dateTo || null,
          encounterIds: [],
        },
        deliveryMethod: v.deliveryMethod,
        receivedOn: v.receivedOn,
      });
      navigate(`/roi/requests/${r.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const issues = (e.details as { issues: { field: string; message: string }[] }).issues;
        form.setErrors(Object.fromEntries(issues.map((i) => [i.field.split('.').pop()!, i.message])));
      }
    }
  });

  return (
    <Stack maw={900}>
      <Title order={2}>New release-of-information request</Title>
      {create.error && (
        <Alert color="red" title="The request was not saved">
          {create.error.message}
        </Alert>
      )}
      <form onSubmit={submit} aria-label="Request intake" noValidate>
        <Stack>
          <PatientMatch value={form.values.patientId} onPick={(id) => form.setFieldValue('patientId', id)} />
          {form.errors.patientId && (
            <Text c="red" size="sm">
              {form.errors.patientId}
            </Text>
          )}
          <SimpleGrid cols={2}>
            <NativeSelect
              label="Requester type"
              data={REQUESTER_TYPES.map(([value, l]) => ({ value, label: l }))}
              {...form.getInputProps('requesterType')}
            />
            <TextInput label="Requester name" withAsterisk {...form.getInputProps('requesterName')} />
          </SimpleGrid>
          <Textarea
            label="Requester address"
            withAsterisk
            autosize
            minRows={2}
            {...form.getInputProps('requesterAddress')}
          />
          <SimpleGrid cols={2}>
            <NativeSelect
              label="Purpose"
              data={PURPOSES.map(([value, l]) => ({ value, label: l }))}
              {...form.getInputProps('purpose')}
            />
            <TextInput label="Purpose in the requester's words" {...form.getInputProps('purposeText')} />
          </SimpleGrid>
          <Checkbox.Group
            label="Record types asked for (none = the whole record)"
            {...form.getInputProps('recordTypes')}
          >
            <SimpleGrid cols={3} mt={4}>
              {RECORD_TYPES.map(([value, l]) => (
                <Checkbox key={value} value={value} label={l} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <SimpleGrid cols={3}>
            <TextInput label="From date" placeholder="YYYY-MM-DD" {...form.getInputProps('dateFrom')} />
            <TextInput label="To date" placeholder="YYYY-MM-DD" {...form.getInputProps('dateTo')} />
            <TextInput label="Date received" withAsterisk {...form.getInputProps('receivedOn')} />
          </SimpleGrid>
          <NativeSelect
            label="Delivery"
            data={[
              { value: 'secure-link', label: 'Secure download link' },
              { value: 'mail', label: 'Print and mail' },
              { value: 'direct-to-provider', label: 'Direct to provider' },
            ]}
            {...form.getInputProps('deliveryMethod')}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Take in request
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
