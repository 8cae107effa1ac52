import type { RunPlan } from './model';

// The plan as plain text, for a native confirmation dialog: every argument on its own line,
// then every layer that will parse code with the exact text it will parse.

export function planText(plan: RunPlan): string {
  const lines: string[] = [];
  if (plan.simulated) lines.push('Exercise: nothing will run; the simulated outcome is logged.', '');
  lines.push(plan.mode === 'snippet' ? `Shell snippet run by ${plan.argv[0] ?? 'sh'}:` : 'Runs without a shell, with exactly these arguments:');
  if (plan.mode === 'argv') plan.argv.forEach((arg, i) => lines.push(`  [${i}] ${arg}`));
  for (const layer of plan.layers) {
    lines.push('', `${'  '.repeat(layer.depth - 1)}${layer.parser} will parse:`);
    for (const line of layer.text.split('\n')) lines.push(`${'  '.repeat(layer.depth)}${line}`);
  }
  const params = Object.entries(plan.params);
  if (params.length > 0) {
    lines.push('', 'Values:');
    for (const [name, value] of params) lines.push(`  ${name} = ${value}`);
  }
  lines.push('', `Program: ${plan.executable ?? '(not looked up)'}`, `Working folder: ${plan.cwd}`, `Environment added: ${plan.envNames.join(', ') || 'nothing'}`, `Timeout: ${plan.timeoutSeconds} s`);
  return lines.join('\n');
}
