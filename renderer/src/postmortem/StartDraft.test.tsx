import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StartDraft } from './StartDraft';

const templates = [
  { key: 'cordon', name: 'Cordon' },
  { key: 'rca', name: 'Root-cause analysis' },
];

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('StartDraft', () => {
  it('asks for the draft with the chosen template and timeline', () => {
    const onStart = vi.fn();
    render(<StartDraft templates={templates} drafting={false} events={12} onStart={onStart} />);
    fireEvent.change(screen.getByLabelText('Template'), { target: { value: 'rca' } });
    fireEvent.change(screen.getByLabelText('Timeline'), { target: { value: 'all' } });
    fireEvent.click(screen.getByRole('button', { name: 'Draft from the record' }));
    expect(onStart).toHaveBeenCalledWith('rca', 'all');
  });

  it('while drafting: no second request, and past a second a status counting the wait', () => {
    const onStart = vi.fn();
    const { rerender } = render(<StartDraft templates={templates} drafting events={100_000} onStart={onStart} />);
    expect(screen.getByRole('button', { name: 'Drafting…' })).toHaveProperty('disabled', true);
    expect(screen.queryByRole('status')).toBeNull();
    act(() => vi.advanceTimersByTime(999));
    expect(screen.queryByRole('status')).toBeNull();
    act(() => vi.advanceTimersByTime(1));
    expect(screen.getByRole('status').textContent).toBe('Drafting from 100,000 events… 1 s');
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.getByRole('status').textContent).toBe('Drafting from 100,000 events… 3 s');
    rerender(<StartDraft templates={templates} drafting={false} events={100_000} onStart={onStart} />);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('button', { name: 'Draft from the record' })).toHaveProperty('disabled', false);
  });

  it('shows nothing for a draft that comes back within the second', () => {
    const { rerender } = render(<StartDraft templates={templates} drafting events={null} onStart={vi.fn()} />);
    act(() => vi.advanceTimersByTime(400));
    rerender(<StartDraft templates={templates} drafting={false} events={null} onStart={vi.fn()} />);
    act(() => vi.advanceTimersByTime(5000));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
