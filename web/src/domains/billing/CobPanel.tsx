import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { type ClaimDetail, type LinkedClaim, money, STATUS_LABEL } from './billing.api.ts';

function ClaimLink({ label, c }: { label: string; c: LinkedClaim }): ReactElement {
  return (
    <Text size="sm">
      {label}:{' '}
      <Anchor
        component={Link}
        to={`/billing/claims/${c.id}`}
        ff="monospace"
        data-testid={`cob-link-${c.payerOrder}`}
      >
        {c.patientControlNumber}
      </Anchor>{' '}
      ({c.payerName}, {c.payerOrder}) <Badge variant="light">{STATUS_LABEL[c.status]}</Badge>
    </Text>
  );
}

const WHERE = {
  secondary: 'moved to the next payer’s claim',
  patient: 'moved to the patient’s balance',
  forwarded: 'forwarded by the payer to the next payer (crossover)',
} as const;

/**
 * Coordination of benefits on the claim screen: the claim this one follows (the primary's, with what
 * that payer paid) and where this claim's patient responsibility went after its 835.
 */
export function CobPanel({ c }: { c: ClaimDetail }): ReactElement | null {
  if (!c.priorClaim && !c.nextClaim && !c.responsibility && !c.priorPayer) return null;
  return (
    <Card withBorder aria-label="Coordination of benefits">
      <Stack gap="xs">
        <Title order={4}>Coordination of benefits</Title>
        {c.priorClaim && <ClaimLink label="Follows the claim" c={c.priorClaim} />}
        {c.priorPayer && (
          <Text size="sm" data-testid="cob-prior-payer">
            {c.priorPayer.payerName} ({c.priorPayer.payerId}) paid {money(c.priorPayer.paid)} on{' '}
            {c.priorPayer.adjudicatedOn} and left {money(c.priorPayer.patientResponsibility)} to the patient;
            this claim sends those amounts (837 loops 2320 and 2430).
          </Text>
        )}
        {c.responsibility && (
          <Group gap="xs">
            <Text size="sm" data-testid="cob-responsibility">
              Patient responsibility {money(c.responsibility.amount)} {WHERE[c.responsibility.to]}.
            </Text>
          </Group>
        )}
        {c.nextClaim && <ClaimLink label="Secondary claim" c={c.nextClaim} />}
        {c.responsibility?.to === 'patient' && (
          <Text size="sm" data-testid="cob-patient-balance">
            The patient owes {money(c.patientBalance)} over all their claims.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
