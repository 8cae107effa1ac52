import type { SeverityLevel, SeverityMatrix } from './model';

// Apart from matrix.ts on purpose: the war room's severity picker needs only this, and matrix.ts
// reaches the Markdown importer (markdown-it set up for playbooks), which the renderer never runs.

/**
 * The level a matrix suggests. Grid: the cell at (row, column). Indicators: the most severe
 * level every observed indicator allows, else the most severe any of them names.
 */
export function suggestLevel(
  matrix: SeverityMatrix,
  levels: readonly SeverityLevel[],
  input: { row?: string; column?: string; indicators?: readonly string[] },
): string | undefined {
  if (matrix.kind === 'grid') {
    return matrix.cells.find((c) => c.row === input.row && c.column === input.column)?.level;
  }
  const chosen = matrix.indicators.filter((i) => input.indicators?.includes(i.key));
  if (chosen.length === 0) return undefined;
  const rank = (k: string): number => levels.find((l) => l.key === k)?.rank ?? Number.MAX_SAFE_INTEGER;
  const common = chosen.reduce<string[]>((acc, i) => acc.filter((k) => i.levels.includes(k)), [...(chosen[0]?.levels ?? [])]);
  const pool = common.length > 0 ? common : chosen.flatMap((i) => i.levels);
  return [...pool].sort((a, b) => rank(a) - rank(b))[0];
}
