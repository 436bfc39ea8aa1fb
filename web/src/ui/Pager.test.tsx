// @vitest-environment happy-dom
import { act, cleanup, fireEvent, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeysetFooter, PageFooter, useKeysetPages } from './Pager.tsx';
import { renderUi } from './test-render.tsx';

afterEach(cleanup);
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('PageFooter', () => {
  it('asks for the page before and after, and disables both ends', () => {
    const onPage = vi.fn();
    renderUi(<PageFooter page={2} pages={3} onPage={onPage} />);
    fireEvent.click(button('Previous page'));
    fireEvent.click(button('Next page'));
    expect(onPage.mock.calls).toEqual([[1], [3]]);
    cleanup();
    renderUi(<PageFooter page={1} pages={1} onPage={onPage} />);
    expect(button('Previous page').disabled).toBe(true);
    expect(button('Next page').disabled).toBe(true);
  });

  it('without a page count, follows hasNext; busy disables both', () => {
    renderUi(<PageFooter page={4} hasNext={false} onPage={() => {}} />);
    expect(button('Next page').disabled).toBe(true);
    expect(button('Previous page').disabled).toBe(false);
    cleanup();
    renderUi(<PageFooter page={4} hasNext busy onPage={() => {}} />);
    expect(button('Next page').disabled).toBe(true);
    expect(button('Previous page').disabled).toBe(true);
  });
});

describe('keyset paging', () => {
  it('walks forward with the server cursor and back to the first page', () => {
    const { result } = renderHook(() => useKeysetPages());
    expect(result.current).toMatchObject({ after: null, page: 1 });
    act(() => result.current.next('c-2'));
    act(() => result.current.next('c-3'));
    expect(result.current).toMatchObject({ after: 'c-3', page: 3 });
    act(() => result.current.previous());
    expect(result.current).toMatchObject({ after: 'c-2', page: 2 });
    act(() => result.current.reset());
    expect(result.current).toMatchObject({ after: null, page: 1 });
  });

  it('KeysetFooter passes the next cursor on, and stops at the last page', () => {
    const pages = { page: 2, next: vi.fn(), previous: vi.fn() };
    renderUi(<KeysetFooter pages={pages} next="cursor-abc" />);
    fireEvent.click(button('Next page'));
    fireEvent.click(button('Previous page'));
    expect(pages.next).toHaveBeenCalledWith('cursor-abc');
    expect(pages.previous).toHaveBeenCalledOnce();
    cleanup();
    renderUi(<KeysetFooter pages={{ ...pages, page: 1 }} next={null} />);
    expect(button('Next page').disabled).toBe(true);
    expect(button('Previous page').disabled).toBe(true);
  });
});
