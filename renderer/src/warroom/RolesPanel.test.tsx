import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { samplePlaybook } from '../../../shared/warroom/fixtures';
import { RolesPanel } from './RolesPanel';

afterEach(cleanup);
const now = Date.parse('2024-05-01T09:30:00Z');

describe('RolesPanel', () => {
  it('lists the core and playbook roles with holders, and assigns, hands off, releases', () => {
    const [onAssign, onHandoff, onRelease] = [vi.fn(), vi.fn(), vi.fn()];
    render(
      <RolesPanel
        playbookRoles={samplePlaybook.roles}
        holders={{ commander: { person: 'alice', since: '2024-05-01T09:18:00Z' } }}
        people={['bob']}
        onAssign={onAssign}
        onHandoff={onHandoff}
        onRelease={onRelease}
        now={now}
      />,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('strong')?.textContent)).toEqual(['Incident Commander', 'Scribe', 'Communications Lead', 'Technical Lead']);
    expect(screen.getByText('alice')).toBeTruthy();
    expect(screen.getByText('since 12 min ago')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Hand off Incident Commander' }));
    const input = screen.getByRole('combobox', { name: 'Hand off Incident Commander to' });
    fireEvent.change(input, { target: { value: 'bob' } });
    fireEvent.submit(input.closest('form')!);
    expect(onHandoff).toHaveBeenCalledWith('commander', 'bob');

    fireEvent.click(screen.getByRole('button', { name: 'Assign Scribe' }));
    const scribe = screen.getByRole('combobox', { name: 'Assign Scribe to' });
    fireEvent.change(scribe, { target: { value: 'carol' } });
    fireEvent.submit(scribe.closest('form')!);
    expect(onAssign).toHaveBeenCalledWith('scribe', 'carol');
    expect(onAssign).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: 'Release Incident Commander' }));
    expect(onRelease).toHaveBeenCalledWith('commander');
    expect(onHandoff).toHaveBeenCalledTimes(1);
  });
});
