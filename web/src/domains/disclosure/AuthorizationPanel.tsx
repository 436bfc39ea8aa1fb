import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconX } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { can, useMe } from '../access/access.api.ts';
import { useDocuments } from '../chart/chart.api.ts';
import {
  type AuthorizationForm,
  type CheckResult,
  type RequestView,
  SENSITIVE_CATEGORIES,
  useCaptureAuthorization,
  useOverride,
  useRunCheck,
} from './disclosure.api.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateOrEmpty = (v: string) => (v === '' || DATE.test(v) ? null : 'Use a date as YYYY-MM-DD.');

/** Every element of the check, pass or fail by name, with what to do about each failure. */
export function Checklist({ result }: { result: CheckResult }): ReactElement {
  return (
    <Card withBorder aria-label="Authorization checklist">
      <Text fw={600}>
        {result.passed
          ? 'The authorization check passed'
          : result.overridden
            ? 'Overridden by a privacy officer'
            : 'The authorization check failed'}
      </Text>
      <Text size="sm" c="dimmed">
        {result.basis}
      </Text>
      <List spacing={4} mt="xs" center>
        {result.elements.map((e) => (
          <List.Item
            key={e.element}
            icon={
              <ThemeIcon size={20} radius="xl" color={e.ok ? 'teal' : 'red'}>
                {e.ok ? <IconCheck size={14} /> : <IconX size={14} />}
              </ThemeIcon>
            }
          >
            <Text size="sm" span fw={e.ok ? 400 : 600}>
              {e.element}
            </Text>
            <Text size="xs" span c="dimmed">
              {' '}
              ({e.rule}){!e.ok && ` — ${e.message}`}
            </Text>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

/** Capture of the signed authorization as a structured form (164.508(c)), then the check. */
export function AuthorizationPanel({
  request,
  canOverride,
}: {
  request: RequestView;
  canOverride: boolean;
}): ReactElement {
  const capture = useCaptureAuthorization(request.id);
  const check = useRunCheck(request.id);
  const override = useOverride(request.id);
  const [reason, setReason] = useState('');
  // Only those who capture authorizations list the documents (a refused read would be audited as denied).
  const { data: me } = useMe();
  const documents = useDocuments(
    request.patientId,
    1,
    can(me, 'disclosure:release') && can(me, 'chart:read'),
  );
  const consents = (documents.data?.items ?? []).filter((d) => d.documentType === 'consent');
  const form = useForm({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: {
      description: '',
      recipient: request.requesterName,
      discloser: '',
      purpose: request.purposeText ?? '',
      expiresOn: '',
      signedOn: '',
      signed: true,
      signedBy: 'patient' as 'patient' | 'representative',
      representativeAuthority: '',
      representativeAuthorityDocumented: false,
      statesRightToRevoke: true,
      statesConditioning: true,
      statesRedisclosure: true,
      sensitiveCategories: [] as AuthorizationForm['sensitiveCategories'],
      psychotherapyOnly: false,
      scannedDocumentId: '',
    },
    validate: {
      expiresOn: dateOrEmpty,
      signedOn: dateOrEmpty,
      description: (v) =>
        v.trim().length >= 10 ? null : 'Describe the information as the form does (at least 10 characters).',
    },
  });
  const submit = form.onSubmit(async (v) => {
    const body: AuthorizationForm = {
      ...v,
      coversAllRecords: request.scope.recordTypes.length === 0,
      recordTypes: request.scope.recordTypes,
      dateFrom: request.scope.dateFrom,
      dateTo: request.scope.dateTo,
      expiresOn: v.expiresOn || null,
      signedOn: v.signedOn || null,
      representativeAuthority: v.representativeAuthority || null,
      scannedDocumentId: v.scannedDocumentId || null,
    };
    await capture.mutateAsync(body);
    await check.mutateAsync({});
  });
  const result = check.data ?? capture.data;
  const error = capture.error ?? check.error ?? override.error;
  return (
    <Stack>
      <Title order={3}>Authorization</Title>
      {error && (
        <Alert color="red" title="Not saved">
          {error.message}
        </Alert>
      )}
      {/* Once the check has passed the form is done with; the checklist stays for the record. */}
      {request.status !== 'retrieval' && (
        <form onSubmit={submit} aria-label="Authorization form" noValidate>
          <Stack gap="xs">
            <Textarea
              label="Description of the information (as written on the form)"
              {...form.getInputProps('description')}
            />
            <SimpleGrid cols={3}>
              <TextInput label="Who may disclose" {...form.getInputProps('discloser')} />
              <TextInput label="Recipient named on the form" {...form.getInputProps('recipient')} />
              <TextInput label="Purpose on the form" {...form.getInputProps('purpose')} />
            </SimpleGrid>
            <SimpleGrid cols={3}>
              <TextInput label="Expires on" placeholder="YYYY-MM-DD" {...form.getInputProps('expiresOn')} />
              <TextInput label="Signed on" placeholder="YYYY-MM-DD" {...form.getInputProps('signedOn')} />
              <Checkbox mt="lg" label="Signed" {...form.getInputProps('signed', { type: 'checkbox' })} />
            </SimpleGrid>
            <NativeSelect
              label="Scanned signed form"
              description="Upload the scan to the patient's documents as a consent first; its fingerprint is kept with the authorization."
              data={[
                { value: '', label: consents.length ? 'Choose the scan…' : 'No consent documents on file' },
                ...consents.map((d) => ({ value: d.id, label: `${d.title} (${d.serviceDate})` })),
              ]}
              {...form.getInputProps('scannedDocumentId')}
            />
            <Group>
              <Checkbox
                label="States the right to revoke"
                {...form.getInputProps('statesRightToRevoke', { type: 'checkbox' })}
              />
              <Checkbox
                label="States conditioning"
                {...form.getInputProps('statesConditioning', { type: 'checkbox' })}
              />
              <Checkbox
                label="States redisclosure"
                {...form.getInputProps('statesRedisclosure', { type: 'checkbox' })}
              />
            </Group>
            <Checkbox.Group
              label="Sensitive information the form names explicitly"
              {...form.getInputProps('sensitiveCategories')}
            >
              <SimpleGrid cols={3} mt={4}>
                {SENSITIVE_CATEGORIES.map(([value, l]) => (
                  <Checkbox key={value} value={value} label={l} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Group>
              <Button type="submit" loading={capture.isPending || check.isPending}>
                Save and check authorization
              </Button>
              <Button variant="default" onClick={() => check.mutate({})} loading={check.isPending}>
                Run check without a form
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {result && <Checklist result={result} />}
      {result && !result.passed && canOverride && (
        <Group align="end">
          <TextInput
            label="Override reason (privacy officer)"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            w={400}
          />
          <Button
            color="orange"
            onClick={() => override.mutate({ reason })}
            disabled={reason.trim().length < 10}
          >
            Override
          </Button>
        </Group>
      )}
    </Stack>
  );
}
