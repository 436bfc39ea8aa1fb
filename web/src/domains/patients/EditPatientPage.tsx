import { Alert, Button, Group, Loader, Stack, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactElement, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { PatientBanner } from '../../ui/PatientBanner.tsx';
import { type CoverageChanges, CurrentCoverage } from './CurrentCoverage.tsx';
import { DemographicsFields } from './DemographicsFields.tsx';
import {
  coverageBody,
  type DemographicsValues,
  demographicsBody,
  demographicsRules,
  formErrorsFrom,
  otherNamesBody,
  valuesFromPatient,
} from './demographics-form.ts';
import { CoverageEditor, IdentifiersEditor, OtherNamesEditor } from './ListEditors.tsx';
import { type Patient, usePatient, useUpdatePatient } from './patients.api.ts';

interface Conflict {
  currentVersion: number;
  changedFields: string[];
  changedBy: string | null;
  changedAt: string | null;
}

/** Corrects demographics as a new version: the reason is required, and a concurrent edit is shown, not lost. */
export function EditPatientPage(): ReactElement {
  const { id = '' } = useParams();
  const { data: p, error, refetch } = usePatient(id);
  if (error)
    return (
      <Alert color="red" title="Could not open this record">
        {error.message} Go back to the patient search and try again.
      </Alert>
    );
  if (!p) return <Loader aria-label="Loading patient" />;
  // Remount on a new version so the form starts from what is stored now.
  return <EditForm key={p.version} p={p} reload={() => void refetch()} />;
}

function EditForm({ p, reload }: { p: Patient; reload: () => void }): ReactElement {
  const navigate = useNavigate();
  const update = useUpdatePatient(p.id);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [changes, setChanges] = useState<CoverageChanges>({ end: {}, inError: [] });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const form = useForm<DemographicsValues>({
    mode: 'controlled',
    initialValues: valuesFromPatient(p),
    validateInputOnChange: true,
    validate: demographicsRules,
  });

  const submit = form.onSubmit(async (v) => {
    if (!reason.trim()) return setReasonError('Say why the record is being changed (kept in its history).');
    try {
      await update.mutateAsync({
        ...demographicsBody(v),
        version: p.version,
        reason,
        addOtherNames: otherNamesBody(v),
        addIdentifiers: v.identifiers,
        addCoverage: coverageBody(v),
        endCoverage: Object.entries(changes.end).map(([cid, effectiveTo]) => ({ id: cid, effectiveTo })),
        coverageInError: changes.inError,
      });
      navigate(`/patients/${p.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') setConflict(e.details as Conflict);
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED')
        form.setErrors(
          formErrorsFrom((e.details as { issues: { field: string; message: string }[] }).issues),
        );
    }
  });

  return (
    <Stack maw={1100}>
      <PatientBanner patient={p} />
      <Title order={2}>Edit demographics</Title>
      {conflict && (
        <Alert color="orange" title="Someone else changed this record while you were editing">
          {conflict.changedBy ?? 'Another user'} saved version {conflict.currentVersion}
          {conflict.changedAt ? ` at ${new Date(conflict.changedAt).toLocaleString()}` : ''}, changing:{' '}
          {conflict.changedFields.join(', ') || 'details'}. Nothing of yours was saved. Reload the record to
          see their changes, then make yours again.
          <Group mt="xs">
            <Button size="xs" onClick={reload}>
              Reload the latest version
            </Button>
          </Group>
        </Alert>
      )}
      {update.error && !conflict && (
        <Alert color="red" title="The changes were not saved">
          {update.error.message} Correct the fields marked in red and save again.
        </Alert>
      )}
      <form onSubmit={submit} aria-label="Edit demographics" noValidate>
        <Stack gap="sm">
          <DemographicsFields
            form={form}
            ssnHint={p.ssnMasked ? `On file: ${p.ssnMasked}. Leave blank to keep it.` : undefined}
          />
          <OtherNamesEditor form={form} legend="Add other names (maiden, previous, aliases)" />
          <IdentifiersEditor form={form} legend="Add identifiers from other systems" />
          <CurrentCoverage coverage={p.coverage} changes={changes} onChange={setChanges} />
          <CoverageEditor form={form} legend="Add insurance" />
          <Textarea
            label="Reason for the change"
            withAsterisk
            description="Kept with this version in the record's history."
            value={reason}
            error={reasonError}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setReasonError(null);
            }}
          />
          <Group>
            <Button type="submit" loading={update.isPending}>
              Save a new version
            </Button>
            <Button component={Link} to={`/patients/${p.id}`} variant="default">
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
