// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBadge, statusText, statusTone } from './StatusBadge.tsx';
import { renderUi } from './test-render.tsx';

afterEach(cleanup);

describe('StatusBadge', () => {
  it('gives a status word one colour on every screen, gray when unknown', () => {
    expect(statusTone('denied')).toBe('red');
    expect(statusTone('paid')).toBe('green');
    expect(statusTone('on_hold')).toBe('orange');
    expect(statusTone('something-new')).toBe('gray');
  });

  it('shows the screen label, or the status in words', () => {
    expect(statusText('partially_paid')).toBe('Partially paid');
    renderUi(<StatusBadge status="scrubbed" label="Needs work" data-testid="claim-status" />);
    const badge = screen.getByTestId('claim-status');
    expect(badge.textContent).toBe('Needs work');
    expect(badge.getAttribute('data-status')).toBe('scrubbed');
    cleanup();
    renderUi(<StatusBadge status="in_progress" />);
    expect(screen.getByText('In progress')).toBeTruthy();
  });
});
