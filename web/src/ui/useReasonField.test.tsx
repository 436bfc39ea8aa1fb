// @vitest-environment happy-dom
import { Button, Textarea } from '@mantine/core';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderUi } from './test-render.tsx';
import { useReasonField } from './useReasonField.ts';

afterEach(cleanup);

function Form({ onSend }: { onSend: (reason: string) => void }): ReactElement {
  const reason = useReasonField(5, 'Say why (at least 5 characters).');
  return (
    <>
      <Textarea label="Reason" {...reason.inputProps} />
      <Button
        disabled={!reason.ok}
        onClick={() => {
          onSend(reason.value);
          reason.reset();
        }}
      >
        Send
      </Button>
    </>
  );
}

describe('useReasonField', () => {
  it('is quiet until typed, says what is missing while too short, and enables the action once long enough', () => {
    const send = vi.fn();
    renderUi(<Form onSend={send} />);
    const field = screen.getByLabelText('Reason') as HTMLTextAreaElement;
    const button = () => screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(screen.queryByText('Say why (at least 5 characters).')).toBeNull();
    expect(button().disabled).toBe(true);

    fireEvent.change(field, { target: { value: '  ab   ' } });
    expect(screen.getByText('Say why (at least 5 characters).')).toBeTruthy();
    expect(button().disabled).toBe(true);

    fireEvent.change(field, { target: { value: 'wrong patient' } });
    expect(screen.queryByText('Say why (at least 5 characters).')).toBeNull();
    expect(button().disabled).toBe(false);
    fireEvent.click(button());
    expect(send).toHaveBeenCalledWith('wrong patient');
    expect(field.value).toBe('');
    expect(button().disabled).toBe(true);
  });
});
