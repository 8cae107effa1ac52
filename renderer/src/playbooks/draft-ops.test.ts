import { describe, expect, it } from 'vitest';
import defaultMarkdown from '../../../resources/playbooks/default.md?raw';
import { importPlaybook } from '../../../shared/playbook/index';
import { addLevel, addPhase, removeAction, removeLevel, renameRow, setCell } from './draft-ops';
import { checkPlaybookFile } from './import-file';
import { validateDraft } from './validate';

const p = importPlaybook(defaultMarkdown, { sourceName: 'default.md' }).playbook;
const grid = p.matrix?.kind === 'grid' ? p.matrix : null;

describe('draft edits', () => {
  it('gives new entries unique slug keys and keeps existing keys', () => {
    const next = addPhase(addPhase(p, 'Containment'), 'Legal Hold & Notice');
    expect(next.phases.slice(-2).map((x) => x.key)).toEqual(['containment-2', 'legal-hold-and-notice']);
    expect(next.phases.slice(0, 6)).toEqual(p.phases);
    expect(addLevel(p, 'SEV5 Trivial').severities[4]).toMatchObject({ key: 'sev5-trivial', code: 'SEV5', rank: 5 });
  });

  it('keeps matrix cells with their row when it is renamed, and drops cells of a removed level', () => {
    expect(grid).not.toBeNull();
    const renamed = renameRow(grid!, 2, 'Small');
    expect(renamed.cells.filter((c) => c.row === 'Small').map((c) => c.level)).toEqual(['sev2', 'sev3', 'sev4']);
    const withoutSev4 = removeLevel(p, 3);
    expect(withoutSev4.matrix?.kind === 'grid' && withoutSev4.matrix.cells.some((c) => c.level === 'sev4')).toBe(false);
    expect(setCell(grid!, 'Minor', 'Low', null).cells).toHaveLength(8);
  });

  it('unlinks checklist items from a removed action', () => {
    const next = removeAction(p, 1);
    expect(next.phases.flatMap((x) => x.items).some((i) => i.actionKey === p.actions[1]!.key)).toBe(false);
  });

  it('reports duplicate matrix labels and unknown levels the schema cannot see', () => {
    const broken = { ...p, matrix: { ...grid!, rows: ['Extensive', 'Extensive', 'Minor'], cells: [...grid!.cells, { row: 'Minor', column: 'Low', level: 'gone' }] } };
    expect(validateDraft(p)).toEqual([]);
    expect(validateDraft(broken).map((x) => [x.path, x.message])).toEqual([
      ['matrix.rows.1', 'Two rows have this label.'],
      ['matrix.cells.2.2', 'Choose one of the severity levels.'],
    ]);
  });

  it('accepts Markdown by name or type and refuses other files before reading them', () => {
    expect(checkPlaybookFile(new File(['# x'], 'runbook.markdown'))).toBeNull();
    expect(checkPlaybookFile(new File(['# x'], 'notes', { type: 'text/plain' }))).toBeNull();
    expect(checkPlaybookFile(new File(['x'], 'report.pdf', { type: 'application/pdf' }))).toMatch(/not a Markdown file/);
    expect(checkPlaybookFile(new File([], 'empty.md'))).toMatch(/is empty/);
  });
});
