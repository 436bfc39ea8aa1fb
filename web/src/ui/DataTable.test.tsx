// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Column, DataTable } from './DataTable.tsx';
import { renderUi } from './test-render.tsx';

afterEach(cleanup);
type Row = { id: string; name: string };
const rows: Row[] = [
  { id: 'a', name: 'Alpha' },
  { id: 'b', name: 'Beta' },
];
const columns: Column<Row>[] = [
  { key: 'name', header: 'Name', cell: (r) => r.name },
  { key: 'open', header: '', cell: (r) => <button type="button">Edit {r.name}</button> },
];

describe('DataTable', () => {
  it('opens a row from the keyboard (Enter, Space) and by click, but not from a control inside it', () => {
    const open = vi.fn();
    renderUi(
      <DataTable
        label="Things"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        onRowActivate={open}
        rowLabel={(r) => `Open ${r.name}`}
      />,
    );
    const beta = screen.getByRole('row', { name: 'Open Beta' });
    expect(beta.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(beta, { key: 'Enter' });
    fireEvent.keyDown(beta, { key: ' ' });
    fireEvent.keyDown(beta, { key: 'a' });
    fireEvent.click(screen.getByText('Alpha'));
    fireEvent.click(screen.getByRole('button', { name: 'Edit Beta' }));
    expect(open.mock.calls.map(([r]) => r.id)).toEqual(['b', 'b', 'a']);
  });

  it('says what to do when there are no rows, and rows are not tab stops without an action', () => {
    renderUi(
      <DataTable
        label="Things"
        rows={[]}
        columns={columns}
        rowKey={(r) => r.id}
        empty="Nothing yet: add one."
      />,
    );
    expect(screen.getByText('Nothing yet: add one.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    cleanup();
    renderUi(<DataTable label="Things" rows={rows} columns={columns} rowKey={(r) => r.id} />);
    expect(screen.getByRole('table', { name: 'Things' }).querySelector('[tabindex]')).toBeNull();
  });

  it('keeps its test id whether it shows rows or the empty message, with the footer in both cases', () => {
    const footer = <p>Page 1</p>;
    renderUi(
      <DataTable
        label="Things"
        testId="things"
        rows={[]}
        columns={columns}
        rowKey={(r) => r.id}
        empty="None."
        footer={footer}
      />,
    );
    expect(screen.getByTestId('things').textContent).toBe('None.');
    expect(screen.getByText('Page 1')).toBeTruthy();
    cleanup();
    renderUi(
      <DataTable
        label="Things"
        testId="things"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        footer={footer}
      />,
    );
    expect(screen.getByTestId('things').tagName).toBe('TABLE');
    expect(screen.getByTestId('things').textContent).toContain('Beta');
    expect(screen.getByText('Page 1')).toBeTruthy();
  });
});
