import { Badge, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import type { Patient } from './patients.api.ts';

const words = (v: string) => v.replaceAll('_', ' ');
const KIND: Record<string, string> = {
  other_mrn: 'Other facility MRN',
  member_id: 'Member id',
  drivers_license: "Driver's licence",
  passport: 'Passport',
  other: 'Other id',
};

function Line({ label, value }: { label: string; value: string | null | undefined }): ReactElement | null {
  if (!value) return null;
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {label}:{' '}
      </Text>
      {value}
    </Text>
  );
}

/** The face sheet's demographics: identity, contact, identifiers and insurance at a glance. */
export function Demographics({ p }: { p: Patient }): ReactElement {
  const addr = p.address;
  const contact = (c: Patient['guarantor']) =>
    c ? `${c.name} (${c.relationship})${c.phone ? ` · ${c.phone}` : ''}` : null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2, lg: 4 }}>
      <Card withBorder>
        <Text fw={600}>Identity</Text>
        {!p.genderIdentity &&
          !p.preferredLanguage &&
          p.race.length === 0 &&
          !p.ethnicity &&
          !p.maritalStatus &&
          !p.dateOfDeath &&
          p.otherNames.length === 0 && (
            <Text size="sm" c="dimmed">
              Nothing more recorded. Use Edit demographics to add language, race, ethnicity or other names.
            </Text>
          )}
        <Line label="Gender identity" value={p.genderIdentity} />
        <Line label="Preferred language" value={p.preferredLanguage} />
        <Line label="Race" value={p.race.map(words).join(', ')} />
        <Line label="Ethnicity" value={p.ethnicity && words(p.ethnicity)} />
        <Line label="Marital status" value={p.maritalStatus && words(p.maritalStatus)} />
        <Line label="Date of death" value={p.dateOfDeath} />
        {p.otherNames.map((n) => (
          <Line
            key={`${n.kind}${n.family}${n.given}`}
            label={`${n.kind} name`}
            value={[n.family, n.given].filter(Boolean).join(', ')}
          />
        ))}
      </Card>
      <Card withBorder>
        <Text fw={600}>Contact</Text>
        <Text size="sm">
          {addr
            ? `${addr.line1}${addr.line2 ? `, ${addr.line2}` : ''}, ${addr.city}, ${addr.state} ${addr.postalCode}`
            : 'No address on file'}
        </Text>
        {p.addressHistory.length > 1 && (
          <Text size="xs" c="dimmed">
            {p.addressHistory.length - 1} earlier address{p.addressHistory.length > 2 ? 'es' : ''} kept in the
            history
          </Text>
        )}
        {p.phones.map((ph) => (
          <Line key={ph.number} label={ph.use} value={ph.number} />
        ))}
        <Line label="Email" value={p.email} />
        <Line label="Emergency" value={contact(p.emergencyContact)} />
        <Line label="Guarantor" value={contact(p.guarantor)} />
      </Card>
      <Card withBorder>
        <Text fw={600}>Identifiers</Text>
        <Line label="MRN" value={p.mrn} />
        {p.identifiers.map((i) => (
          <Line key={i.id} label={KIND[i.kind] ?? words(i.kind)} value={`${i.value} (${i.system})`} />
        ))}
      </Card>
      <Card withBorder>
        <Text fw={600}>Insurance</Text>
        {p.coverage.length === 0 && <Text size="sm">No coverage on file</Text>}
        <Stack gap={6}>
          {p.coverage.map((c) => (
            <div key={c.id}>
              <Text size="sm">
                <Badge size="xs" mr={4}>
                  {c.priority}
                </Badge>
                {c.payer}
                {c.plan ? ` · ${c.plan}` : ''}
              </Text>
              <Text size="xs" c="dimmed">
                member {c.memberId}
                {c.groupNumber ? ` · group ${c.groupNumber}` : ''} · {c.relationship} of {c.subscriberName} ·{' '}
                {c.effectiveFrom} – {c.effectiveTo ?? 'open'}
              </Text>
            </div>
          ))}
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
