import { Alert, Button, Grid, Group, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { birthDateProblem, phoneProblem, ssnProblem } from '@server/patients/validation.ts';
import { type ReactElement, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { fieldErrors } from '../access/access.api.ts';
import { DemographicsFields } from './DemographicsFields.tsx';
import {
  coverageBody,
  type DemographicsValues,
  demographicsBody,
  demographicsRules,
  emptyDemographics,
  formErrorsFrom,
  otherNamesBody,
  today,
} from './demographics-form.ts';
import { CoverageEditor, IdentifiersEditor, OtherNamesEditor } from './ListEditors.tsx';
import { MatchSuggestions } from './MatchSuggestions.tsx';
import { type MatchProbe, useRegisterPatient } from './patients.api.ts';
import { noStaffMember, StaffMemberField, staffMemberBody, staffMemberProblem } from './StaffMemberField.tsx';

const SEXES = ['F', 'M', 'U'] as const;

/** What is typed so far, once it is enough to look for existing records. */
function probeOf(v: DemographicsValues): MatchProbe | null {
  if (!v.family.trim() || !v.given.trim() || birthDateProblem(v.birthDate, today())) return null;
  const phones = [v.homePhone, v.mobilePhone].filter((p) => p && !phoneProblem(p));
  return {
    family: v.family,
    given: v.given,
    birthDate: v.birthDate,
    sexAtBirth: SEXES.find((x) => x === v.sexAtBirth) ?? 'U',
    ...(v.ssn && !ssnProblem(v.ssn) ? { ssn: v.ssn } : {}),
    phones: phones.map((number) => ({ number })),
    memberIds: v.coverage.map((c) => c.memberId.trim()).filter(Boolean),
  };
}

/** Registration with validation as you type and live suggestions of existing records (issue 4). */
export function RegisterPatientPage(): ReactElement {
  const navigate = useNavigate();
  const register = useRegisterPatient();
  const form = useForm<DemographicsValues>({
    mode: 'controlled',
    initialValues: emptyDemographics,
    validateInputOnChange: true,
    validate: demographicsRules,
  });
  const [probe] = useDebouncedValue(probeOf(form.values), 350);
  const [staff, setStaff] = useState(noStaffMember);
  const serverStaffError = fieldErrors(register.error)['staffMember.userId'];

  const submit = form.onSubmit(async (v) => {
    const staffTried = { ...staff, touched: true };
    setStaff(staffTried);
    if (staffMemberProblem(staffTried)) return;
    try {
      const body = {
        ...demographicsBody(v),
        otherNames: otherNamesBody(v),
        identifiers: v.identifiers,
        coverage: coverageBody(v),
        ...staffMemberBody(staff),
      };
      const p = await register.mutateAsync(body);
      navigate(`/patients/${p.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED')
        form.setErrors(
          formErrorsFrom((e.details as { issues: { field: string; message: string }[] }).issues),
        );
    }
  });

  return (
    <Grid maw={1400}>
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack>
          <Title order={2}>Register a new patient</Title>
          {register.error && (
            <Alert color="red" title="The patient was not registered">
              {register.error.message} Correct the fields marked in red and save again.
            </Alert>
          )}
          <form onSubmit={submit} aria-label="Register patient" noValidate>
            <Stack gap="sm">
              <DemographicsFields form={form} />
              <OtherNamesEditor form={form} legend="Other names (maiden, previous, aliases)" />
              <IdentifiersEditor form={form} legend="Identifiers from other systems" />
              <CoverageEditor form={form} legend="Insurance" />
              <StaffMemberField value={staff} onChange={setStaff} serverError={serverStaffError} />
              <Group>
                <Button type="submit" loading={register.isPending}>
                  Create new record
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <MatchSuggestions probe={probe} />
      </Grid.Col>
    </Grid>
  );
}
