import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { type ClaimDetail, type Finding, type FixKind, useApplyFix } from './billing.api.ts';

const FIX_LABEL: Record<FixKind, string> = {
  recompute_total: 'Recompute the total',
  trim_pointers: 'Trim the pointers',
  set_prior_auth: 'Add the authorization number',
};

/** Applies one finding's fix; a prior-authorization fix asks for the number first. */
function FixButton({ claim, finding }: { claim: ClaimDetail; finding: Finding }): ReactElement | null {
  const apply = useApplyFix(claim.id);
  const [number, setNumber] = useState('');
  if (!finding.fix) return null;
  const fix = finding.fix;
  const send = () =>
    apply.mutate({
      fix,
      version: claim.version,
      ...(finding.line !== undefined ? { line: finding.line } : {}),
      ...(fix === 'set_prior_auth' ? { priorAuthNumber: number.trim() } : {}),
    });
  return (
    <Stack gap={4}>
      <Group align="flex-end">
        {fix === 'set_prior_auth' && (
          <TextInput
            label="Authorization number"
            description="As the payer gave it (REF*G1)"
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            w={260}
          />
        )}
        <Button
          size="xs"
          onClick={send}
          loading={apply.isPending}
          disabled={fix === 'set_prior_auth' && !/^[A-Za-z0-9-]{1,50}$/.test(number.trim())}
        >
          {FIX_LABEL[fix]}
          {finding.line !== undefined && fix === 'trim_pointers' ? ` on line ${finding.line}` : ''}
        </Button>
      </Group>
      {apply.error && <Alert color="red">{apply.error.message}</Alert>}
    </Stack>
  );
}

/** The last scrub's findings, errors first, each with what to do and, where it is safe, a one-click fix. */
export function FindingsPanel({ claim, canWrite }: { claim: ClaimDetail; canWrite: boolean }): ReactElement {
  const open = ['draft', 'scrubbed', 'ready'].includes(claim.status);
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{open ? 'Scrubber findings' : 'Scrubber findings when the claim was sent'}</Title>
        {claim.findings.length === 0 && (
          <Text size="sm" c="dimmed">
            {claim.status === 'draft' ? 'Not scrubbed yet.' : 'No findings: the claim is clean.'}
          </Text>
        )}
        {claim.findings.map((f) => (
          <Card
            key={`${f.code}-${f.line ?? 0}-${f.message}`}
            withBorder
            padding="sm"
            data-testid="scrub-finding"
          >
            <Stack gap={6}>
              <Group gap="xs">
                <Badge color={f.severity === 'error' ? 'red' : 'yellow'}>{f.severity}</Badge>
                <Text fw={600} ff="monospace" size="sm">
                  {f.code}
                </Text>
                {f.line !== undefined && (
                  <Text size="sm" c="dimmed">
                    line {f.line}
                  </Text>
                )}
              </Group>
              <Text size="sm">{f.message}</Text>
              {canWrite && open && <FixButton claim={claim} finding={f} />}
            </Stack>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}
