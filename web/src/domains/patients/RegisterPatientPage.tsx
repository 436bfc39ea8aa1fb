import { Alert, Button, Grid, Group, NativeSelect, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import type { ReactElement } from 'react';
import { useNavigate } from 'react-router';
import { birthDateProblem, phoneProblem, ssnProblem } from '../../../../src/patients/validation.ts';
import { ApiError } from '../../api/client.ts';
import { MatchSuggestions } from './MatchSuggestions.tsx';
import { type MatchProbe, useRegisterPatient } from './patients.api.ts';

const today = () => new Date().toISOString().slice(0, 10);
const required = (label: string) => (v: string) => (v.trim() ? null : `Enter the ${label}.`);

const initialValues = {
  family: '',
  given: '',
  middle: '',
  birthDate: '',
  sexAtBirth: '',
  ssn: '',
  phone: '',
  email: '',
  line1: '',
  city: '',
  state: '',
  postalCode: '',
  payer: '',
  memberId: '',
};
type Values = typeof initialValues;

/** The request body from the form's values (empty optional fields left out). */
function toBody(v: Values) {
  return {
    family: v.family,
    given: v.given,
    middle: v.middle || null,
    birthDate: v.birthDate,
    sexAtBirth: v.sexAtBirth,
    ssn: v.ssn || null,
    email: v.email || null,
    phones: v.phone ? [{ use: 'home', number: v.phone }] : [],
    address: v.line1 ? { line1: v.line1, city: v.city, state: v.state, postalCode: v.postalCode } : null,
    coverage: v.payer
      ? [
          {
            priority: 'primary',
            payer: v.payer,
            memberId: v.memberId,
            subscriberName: `${v.given} ${v.family}`,
            relationship: 'self',
            effectiveFrom: today(),
          },
        ]
      : [],
  };
}

/** What is typed so far, once it is enough to look for existing records. */
function probeOf(v: Values): MatchProbe | null {
  if (!v.family.trim() || !v.given.trim() || birthDateProblem(v.birthDate, today())) return null;
  return {
    family: v.family,
    given: v.given,
    birthDate: v.birthDate,
    sexAtBirth: v.sexAtBirth || 'U',
    ...(v.ssn && !ssnProblem(v.ssn) ? { ssn: v.ssn } : {}),
    phones: v.phone && !phoneProblem(v.phone) ? [{ number: v.phone }] : [],
  };
}

/** Registration with validation as you type and live suggestions of existing records (issue 4). */
export function RegisterPatientPage(): ReactElement {
  const navigate = useNavigate();
  const register = useRegisterPatient();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues,
    validateInputOnChange: true,
    validate: {
      family: required('family name'),
      given: required('given name'),
      birthDate: (v) => birthDateProblem(v, today()),
      sexAtBirth: (v) => (v ? null : 'Choose the sex assigned at birth.'),
      ssn: (v) => (v ? ssnProblem(v) : null),
      phone: (v) => (v ? phoneProblem(v) : null),
      email: (v) =>
        !v || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? null : 'Enter an email address like name@example.org.',
      memberId: (v, all) => (all.payer && !v.trim() ? 'Enter the member id from the insurance card.' : null),
    },
  });
  const [probe] = useDebouncedValue(probeOf(form.values), 350);

  const submit = form.onSubmit(async (values) => {
    try {
      const p = await register.mutateAsync(toBody(values));
      navigate(`/patients/${p.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const issues = (e.details as { issues: { field: string; message: string }[] }).issues;
        form.setErrors(Object.fromEntries(issues.map((i) => [i.field.split('.')[0]!, i.message])));
      }
    }
  });

  return (
    <Grid maw={1200}>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>
          <Title order={2}>Register a new patient</Title>
          {register.error && (
            <Alert color="red" title="The patient was not registered">
              {register.error.message}
            </Alert>
          )}
          <form onSubmit={submit} aria-label="Register patient" noValidate>
            <Stack gap="sm">
              <SimpleGrid cols={3}>
                <TextInput label="Family name" withAsterisk {...form.getInputProps('family')} />
                <TextInput label="Given name" withAsterisk {...form.getInputProps('given')} />
                <TextInput label="Middle name" {...form.getInputProps('middle')} />
              </SimpleGrid>
              <SimpleGrid cols={3}>
                <TextInput
                  label="Date of birth"
                  placeholder="YYYY-MM-DD"
                  withAsterisk
                  {...form.getInputProps('birthDate')}
                />
                <NativeSelect
                  label="Sex assigned at birth"
                  withAsterisk
                  data={[
                    { value: '', label: 'Choose…' },
                    { value: 'F', label: 'Female' },
                    { value: 'M', label: 'Male' },
                    { value: 'U', label: 'Unknown' },
                  ]}
                  {...form.getInputProps('sexAtBirth')}
                />
                <TextInput label="SSN" placeholder="123-45-6789" {...form.getInputProps('ssn')} />
              </SimpleGrid>
              <SimpleGrid cols={2}>
                <TextInput label="Phone" placeholder="(555) 201-3344" {...form.getInputProps('phone')} />
                <TextInput label="Email" {...form.getInputProps('email')} />
              </SimpleGrid>
              <TextInput label="Street address" {...form.getInputProps('line1')} />
              <SimpleGrid cols={3}>
                <TextInput label="City" {...form.getInputProps('city')} />
                <TextInput label="State" {...form.getInputProps('state')} />
                <TextInput label="Postal code" {...form.getInputProps('postalCode')} />
              </SimpleGrid>
              <SimpleGrid cols={2}>
                <TextInput label="Insurance payer" {...form.getInputProps('payer')} />
                <TextInput label="Member id" {...form.getInputProps('memberId')} />
              </SimpleGrid>
              <Group>
                <Button type="submit" loading={register.isPending}>
                  Create new record
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <MatchSuggestions probe={probe} />
      </Grid.Col>
    </Grid>
  );
}
