import { Fieldset, MultiSelect, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactElement } from 'react';
import type { DemographicsValues } from './demographics-form.ts';

type Form = UseFormReturnType<DemographicsValues>;

const choose = (options: [string, string][]) => [
  { value: '', label: 'Choose…' },
  ...options.map(([value, label]) => ({ value, label })),
];

/** OMB SPD 15 (1997) categories, as the server accepts them (src/patients/patients.schemas.ts). */
const RACES = [
  { value: 'american_indian_or_alaska_native', label: 'American Indian or Alaska Native' },
  { value: 'asian', label: 'Asian' },
  { value: 'black_or_african_american', label: 'Black or African American' },
  { value: 'native_hawaiian_or_other_pacific_islander', label: 'Native Hawaiian or Other Pacific Islander' },
  { value: 'white', label: 'White' },
  { value: 'declined', label: 'Declined to answer' },
];
const ETHNICITIES = choose([
  ['hispanic_or_latino', 'Hispanic or Latino'],
  ['not_hispanic_or_latino', 'Not Hispanic or Latino'],
  ['declined', 'Declined to answer'],
]);
const MARITAL = choose([
  ['single', 'Single'],
  ['married', 'Married'],
  ['domestic_partner', 'Domestic partner'],
  ['divorced', 'Divorced'],
  ['separated', 'Separated'],
  ['widowed', 'Widowed'],
  ['unknown', 'Unknown'],
]);
const SEX = choose([
  ['F', 'Female'],
  ['M', 'Male'],
  ['U', 'Unknown'],
]);

/** Identification, contact, address and the people to call: the fields registration and edit share. */
export function DemographicsFields({ form, ssnHint }: { form: Form; ssnHint?: string }): ReactElement {
  const field = (name: keyof DemographicsValues) => form.getInputProps(name);
  return (
    <Stack gap="sm">
      <Fieldset legend="Name and identity">
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <TextInput label="Family name" withAsterisk {...field('family')} />
          <TextInput label="Given name" withAsterisk {...field('given')} />
          <TextInput label="Middle name" {...field('middle')} />
          <TextInput label="Suffix" placeholder="Jr., III" {...field('suffix')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 4 }} mt="xs">
          <TextInput label="Date of birth" placeholder="YYYY-MM-DD" withAsterisk {...field('birthDate')} />
          <NativeSelect label="Sex assigned at birth" withAsterisk data={SEX} {...field('sexAtBirth')} />
          <TextInput label="Gender identity" {...field('genderIdentity')} />
          <TextInput label="SSN" placeholder="123-45-6789" description={ssnHint} {...field('ssn')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Contact">
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <TextInput label="Home phone" placeholder="(555) 201-3344" {...field('homePhone')} />
          <TextInput label="Mobile phone" {...field('mobilePhone')} />
          <TextInput label="Email" {...field('email')} />
          <TextInput label="Preferred language" placeholder="en, es, vi…" {...field('preferredLanguage')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
          <TextInput label="Street address" {...field('line1')} />
          <TextInput label="Apartment, suite" {...field('line2')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
          <TextInput label="City" {...field('city')} />
          <TextInput label="State" {...field('state')} />
          <TextInput label="Postal code" {...field('postalCode')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Demographics">
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <MultiSelect label="Race" data={RACES} clearable {...field('race')} />
          <NativeSelect label="Ethnicity" data={ETHNICITIES} {...field('ethnicity')} />
          <NativeSelect label="Marital status" data={MARITAL} {...field('maritalStatus')} />
          <TextInput label="Date of death" placeholder="YYYY-MM-DD" {...field('dateOfDeath')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Emergency contact and guarantor">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Emergency contact" {...field('emergencyName')} />
          <TextInput label="Relationship" {...field('emergencyRelationship')} />
          <TextInput label="Contact phone" {...field('emergencyPhone')} />
          <TextInput label="Guarantor" description="Who pays the bill" {...field('guarantorName')} />
          <TextInput label="Guarantor relationship" {...field('guarantorRelationship')} />
          <TextInput label="Guarantor phone" {...field('guarantorPhone')} />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
