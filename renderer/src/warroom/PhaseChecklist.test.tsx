import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncidentState } from '../../../shared/events/fold';
import { samplePlaybook } from '../../../shared/warroom/fixtures';
import { PhaseChecklist, type PhaseChecklistProps } from './PhaseChecklist';

afterEach(cleanup);

const tick = (phase: string, done = true, label: string | null = null) => ({ done, phase, label, by: 'alice', at: '2024-05-01T09:00:00.000Z' });

function setup(checklist: IncidentState['checklist'], over: Partial<PhaseChecklistProps> = {}) {
  const props: PhaseChecklistProps = {
    phases: samplePlaybook.phases,
    currentPhase: 'containment',
    checklist,
    assignments: { disable: 'bob' },
    assignees: ['alice', 'bob', 'Technical Lead'],
    onToggle: vi.fn(),
    onAssign: vi.fn(),
    onAddItem: vi.fn(),
    onAdvance: vi.fn(),
    ...over,
  };
  render(<PhaseChecklist {...props} />);
  return props;
}

describe('PhaseChecklist', () => {
  it('opens on the current phase, with progress and owners', () => {
    setup({ isolate: tick('containment'), 'call-legal': tick('containment', false, 'Call legal') });
    const tab = screen.getByRole('tab', { name: /Containment \(current\)/ });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('1 of 4 done')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Containment progress' }).getAttribute('aria-valuenow')).toBe('1');
    expect((screen.getByRole('checkbox', { name: 'Isolate host' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('checkbox', { name: 'Call legal' })).toBeTruthy();
    expect(screen.getByText('Technical Lead')).toBeTruthy();
    expect(screen.getByText('bob')).toBeTruthy();
  });

  it('ticks, assigns and adds items through callbacks', () => {
    const props = setup({});
    fireEvent.click(screen.getByRole('checkbox', { name: 'Block malicious IPs' }));
    expect(props.onToggle).toHaveBeenCalledWith('block', true, 'containment', 'Block malicious IPs');
    fireEvent.click(screen.getByRole('button', { name: 'Assign “Block malicious IPs”' }));
    const who = screen.getByRole('combobox', { name: 'Assign “Block malicious IPs” to' });
    fireEvent.change(who, { target: { value: 'carol' } });
    fireEvent.submit(who.closest('form')!);
    expect(props.onAssign).toHaveBeenCalledWith('block', 'carol', 'containment');
    const add = screen.getByRole('textbox', { name: 'Add an item to Containment' });
    fireEvent.change(add, { target: { value: 'Rotate API keys' } });
    fireEvent.submit(add.closest('form')!);
    expect(props.onAddItem).toHaveBeenCalledWith('containment', 'Rotate API keys');
  });

  it('lets every phase be viewed, with arrow keys too', () => {
    setup({});
    fireEvent.click(screen.getByRole('tab', { name: /Recovery/ }));
    expect(screen.getByRole('checkbox', { name: 'Restore service' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('tab', { name: /Recovery/ }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: /Detection/ }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: /Detection/ }));
  });

  it('warns with the open items before advancing', () => {
    const props = setup({ isolate: tick('containment') });
    fireEvent.click(screen.getByRole('button', { name: 'Advance to Recovery' }));
    const dialog = screen.getByRole('alertdialog', { name: '2 items are still open in Containment' });
    expect(within(dialog).getByText('Disable compromised accounts')).toBeTruthy();
    expect(props.onAdvance).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Advance to Recovery anyway' }));
    expect(props.onAdvance).toHaveBeenCalledWith('recovery');
  });

  it('advances straight away when everything is done', () => {
    const props = setup({ ack: tick('detection'), 'assign-ic': tick('detection') }, { currentPhase: 'detection' });
    fireEvent.click(screen.getByRole('button', { name: 'Advance to Containment' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(props.onAdvance).toHaveBeenCalledWith('containment');
  });
});
