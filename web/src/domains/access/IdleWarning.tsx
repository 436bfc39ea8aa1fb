import { Button, Group, Modal, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';

const WARN_SECONDS = 60;

/**
 * Warns a minute before the server ends an idle session (HIPAA 164.312(a)(2)(iii) automatic logoff).
 * Any API call resets the server's idle timer; "Stay signed in" makes one.
 */
export function IdleWarning({ idleTimeoutSeconds }: { idleTimeoutSeconds: number }): ReactElement {
  const qc = useQueryClient();
  const [lastActivity, setLastActivity] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    // Requests made by the app count as activity: the query cache notifies on every fetch.
    const unsub = qc.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'success') setLastActivity(Date.now());
    });
    return () => {
      clearInterval(tick);
      unsub();
    };
  }, [qc]);

  const left = Math.max(0, Math.round(idleTimeoutSeconds - (now - lastActivity) / 1000));
  const stay = async () => {
    await api('/auth/me').catch(() => undefined);
    setLastActivity(Date.now());
  };
  useEffect(() => {
    if (left === 0) void qc.invalidateQueries({ queryKey: ['me'] });
  }, [left, qc]);

  return (
    <Modal opened={left <= WARN_SECONDS} onClose={stay} title="Are you still there?" centered>
      <Text mb="md">
        For patient privacy you will be signed out in <b data-testid="idle-seconds-left">{left}</b> seconds.
      </Text>
      <Group justify="flex-end">
        <Button onClick={stay} data-autofocus>
          Stay signed in
        </Button>
      </Group>
    </Modal>
  );
}
