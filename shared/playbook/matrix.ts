import type { ImportContext } from './context';
import { codeId, parseLevelName } from './level-code';
import type { SeverityLevel, SeverityMatrix } from './model';
import { ancestors, walkSections, type Section } from './sections';
import { KeyAllocator } from './slug';
import { tableOf, type SimpleTable } from './tables';
import { CHECK_MARK } from './vocab';

/** The level a cell such as "SEV2", "P1 - High" or "High" names, by key. */
export function levelForCell(cell: string, levels: readonly SeverityLevel[]): string | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  const n = parseLevelName(text);
  const id = codeId(n?.code ?? text);
  const lower = text.toLowerCase();
  return (
    levels.find((l) => codeId(l.code) === id)?.key ??
    levels.find((l) => l.name !== '' && l.name.toLowerCase() === lower)?.key ??
    levels.find((l) => l.label.toLowerCase() === lower)?.key ??
    (n?.name ? levels.find((l) => l.name.toLowerCase() === n.name.toLowerCase())?.key : undefined)
  );
}

function axes(t: SimpleTable, section: Section): [string, string] {
  const corner = t.header[0] ?? '';
  const source = /impact|urgency|likelihood|probability|scope|criticality/i.test(corner)
    ? corner
    : [section, ...ancestors(section)].map((s) => s.title).find((x) => /impact|urgency|likelihood/i.test(x)) ?? '';
  const words = [...source.matchAll(/impact|urgency|likelihood|probability|scope|criticality|business impact/gi)].map((m) => m[0]);
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  const [a, b] = words;
  return [a ? cap(a) : 'Impact', b ? cap(b) : a && /impact/i.test(a) ? 'Urgency' : 'Urgency'];
}

function asGrid(t: SimpleTable, section: Section, levels: readonly SeverityLevel[]): SeverityMatrix | undefined {
  const columns = t.header.slice(1);
  if (columns.length < 2 || t.rows.length < 2) return undefined;
  const cells: { row: string; column: string; level: string }[] = [];
  let total = 0;
  for (const r of t.rows) {
    r.cells.slice(1).forEach((c, i) => {
      total++;
      const level = levelForCell(c, levels);
      const column = columns[i];
      if (level && column !== undefined) cells.push({ row: r.cells[0] ?? '', column, level });
    });
  }
  if (total === 0 || cells.length * 4 < total * 3) return undefined;
  const [rowAxis, columnAxis] = axes(t, section);
  return { kind: 'grid', rowAxis, columnAxis, rows: t.rows.map((r) => r.cells[0] ?? ''), columns, cells };
}

function asIndicators(t: SimpleTable, levels: readonly SeverityLevel[]): SeverityMatrix | undefined {
  const levelCols = t.header.slice(1).map((h) => levelForCell(h, levels));
  if (levelCols.filter((k) => k !== undefined).length < 2) return undefined;
  const marks = t.rows.flatMap((r) => r.cells.slice(1)).filter((c) => c.trim() !== '');
  if (marks.length === 0 || !marks.every((c) => CHECK_MARK.test(c.trim()))) return undefined;
  const keys = new KeyAllocator('indicator');
  return {
    kind: 'indicators',
    levels: levelCols.filter((k): k is string => k !== undefined),
    indicators: t.rows.map((r) => ({
      key: keys.next(r.cells[0] ?? ''),
      text: r.cells[0] ?? '',
      levels: r.cells
        .slice(1)
        .flatMap((c, i) => (c.trim() !== '' && CHECK_MARK.test(c.trim()) && levelCols[i] ? [levelCols[i]] : [])),
    })),
  };
}

/** The first table that maps impact x urgency, or indicators, to the playbook's levels. */
export function extractMatrix(outline: Section, levels: readonly SeverityLevel[], ctx: ImportContext): SeverityMatrix | null {
  if (levels.length === 0) return null;
  for (const s of walkSections(outline)) {
    for (const b of s.blocks) {
      if (ctx.isConsumed(b)) continue;
      const t = tableOf(b);
      if (!t) continue;
      const m = asIndicators(t, levels) ?? asGrid(t, s, levels);
      if (m) {
        ctx.consume(b, ...t.rows.map((r) => r.token));
        return m;
      }
    }
  }
  return null;
}
