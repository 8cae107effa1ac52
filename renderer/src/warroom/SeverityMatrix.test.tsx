import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SeverityMatrix as Matrix } from '../../../shared/playbook/model';
import { samplePlaybook } from '../../../shared/warroom/fixtures';
import { SeverityMatrix } from './SeverityMatrix';

afterEach(cleanup);

describe('SeverityMatrix (grid)', () => {
  it('names every cell, marks the current one, shows SLAs on focus, asks for a rationale', () => {
    const onChoose = vi.fn();
    render(<SeverityMatrix severities={samplePlaybook.severities} matrix={samplePlaybook.matrix} current="sev2" currentCell={{ row: 'Significant', column: 'Medium' }} onChoose={onChoose} />);
    const cell = screen.getByRole('button', { name: 'Impact Significant, Urgency Medium: SEV2' });
    expect(cell.getAttribute('aria-current')).toBe('true');
    expect(screen.getByRole('button', { name: 'Impact Minor, Urgency Medium: SEV3' }).getAttribute('aria-current')).toBeNull();

    const sev1Cell = screen.getByRole('button', { name: 'Impact Extensive, Urgency High: SEV1' });
    fireEvent.focus(sev1Cell);
    const tip = screen.getByRole('tooltip');
    expect(sev1Cell.getAttribute('aria-describedby')).toBe(tip.id);
    expect(tip.textContent).toContain('Response: 15 minutes');
    expect(tip.textContent).toContain('Critical example');

    fireEvent.click(sev1Cell);
    const form = screen.getByRole('form', { name: 'Set severity to SEV1' });
    const input = within(form).getByRole('textbox', { name: 'Why SEV1? (one line)' }) as HTMLInputElement;
    expect(input.value).toBe('Impact Extensive, Urgency High');
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Set SEV1' }));
    expect(onChoose).not.toHaveBeenCalled();
    expect(within(form).getByRole('alert')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'customer data exposed' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Set SEV1' }));
    expect(onChoose).toHaveBeenCalledWith('sev1', 'customer data exposed', { row: 'Extensive', column: 'High' });
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('lets a level be picked directly', () => {
    const onChoose = vi.fn();
    render(<SeverityMatrix severities={samplePlaybook.severities} matrix={null} current={null} onChoose={onChoose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set SEV4 Low' }));
    const input = screen.getByRole('textbox', { name: 'Why SEV4? (one line)' });
    fireEvent.change(input, { target: { value: 'no customer impact' } });
    fireEvent.submit(input.closest('form')!);
    expect(onChoose).toHaveBeenCalledWith('sev4', 'no customer impact', undefined);
  });
});

describe('SeverityMatrix (indicators)', () => {
  const matrix: Matrix = {
    kind: 'indicators',
    levels: ['sev1', 'sev2', 'sev3'],
    indicators: [
      { key: 'pii', text: 'Personal data exposed', levels: ['sev1'] },
      { key: 'one-host', text: 'One host affected', levels: ['sev2', 'sev3'] },
    ],
  };

  it('suggests the most severe level the ticked indicators point to', () => {
    const onChoose = vi.fn();
    render(<SeverityMatrix severities={samplePlaybook.severities} matrix={matrix} current={null} onChoose={onChoose} />);
    const setButton = screen.getByRole('button', { name: 'Set severity' }) as HTMLButtonElement;
    expect(setButton.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'One host affected' }));
    expect(screen.getByText('SEV2 - High')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Personal data exposed' }));
    fireEvent.click(screen.getByRole('button', { name: 'Set severity to SEV1' }));
    const input = screen.getByRole('textbox', { name: 'Why SEV1? (one line)' }) as HTMLInputElement;
    expect(input.value).toBe('Personal data exposed; One host affected');
    fireEvent.submit(input.closest('form')!);
    expect(onChoose).toHaveBeenCalledWith('sev1', 'Personal data exposed; One host affected', undefined);
  });
});
