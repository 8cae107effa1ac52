// A large, realistic playbook for the speed check (1 MB must import in under a second).
// Not a test: call it from a benchmark, e.g. `importPlaybook(generateLargePlaybook())`.

const PHASES = ['Preparation', 'Detection & Analysis', 'Containment', 'Eradication', 'Recovery', 'Post-Incident Activity'];

export function generateLargePlaybook(targetBytes = 1_000_000): string {
  const head = [
    '# Large Generated Playbook',
    '',
    '| Level | Description | Response | Resolution |',
    '|---|---|---|---|',
    '| SEV1 | Outage | 15 min | 4 hours |',
    '| SEV2 | Degraded | 1 hour | 1 day |',
    '| SEV3 | Minor | 4 hours | 1 week |',
    '',
  ];
  const parts: string[] = [head.join('\n')];
  let size = parts[0]?.length ?? 0;
  for (let n = 0; size < targetBytes; n++) {
    const phase = PHASES[n % PHASES.length] ?? 'Containment';
    const block = [
      `## ${phase} ${n}`,
      '',
      `**Goal:** Keep **step ${n}** moving with \`tooling\` and [links](https://example.com/${n}).`,
      '',
      ...Array.from({ length: 20 }, (_, i) => `- [ ] Check item ${n}.${i} on <HOST_${i % 3}> and notify the *on-call* team`),
      '',
      '| Task | Owner | Notes |',
      '|---|---|---|',
      `| Review ${n} | Scribe | within 15 minutes |`,
      '',
      '```bash',
      `ssh <HOST> 'journalctl -u svc-${n} --since "1 hour ago"' | grep -E "ERROR|WARN" > /tmp/out-${n}.log`,
      '```',
      '',
    ].join('\n');
    parts.push(block);
    size += block.length + 1;
  }
  return parts.join('\n');
}
