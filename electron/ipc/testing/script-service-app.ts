import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ActionView, ScriptRun } from '../../../shared/containment/model';
import type { RunAnswer } from '../../../shared/ipc/containment-contract';
import type { PushEvent } from '../../../shared/ipc/push';
import type { EventView, IncidentSummary } from '../../../shared/ipc/store-schemas';
import type { StoredPlaybook } from '../../../shared/playbook/library';
import { createHandlers } from '../handlers';
import { createRouter } from '../router';
import { tempDir, testScrypt } from '../../store/testing/temp-dir';
import { createServices } from '../../services/container';
import { createMemoryLogger } from '../../services/logger';

// The script service behind the real router, over a real store and real processes, for the
// service tests: a vault, one playbook pinned to the incidents it declares, and helpers that run
// an action the way the page does (ask; confirm with the token the main process gave).

let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

export const actor = 'Dana';

// A playbook whose code blocks are one simple command (argv) and a snippet with a free-text placeholder.
export const playbookMarkdown = (dir: string) => `# Test runbook

## Severity Levels

| Level | Description |
|-------|-------------|
| SEV1 | Everything is down |
| SEV2 | Some things are down |

## Containment

Say hello:

\`\`\`bash
echo hello <HOSTNAME>
\`\`\`

Record a message:

\`\`\`bash
echo "said: <MESSAGE>" > "${dir}/said.txt"; echo <MESSAGE>; echo '<MESSAGE>'
\`\`\`
`;

export async function setup(options: { markdown?: (dir: string) => string; now?: () => number } = {}) {
  const { dir, cleanup } = tempDir('cordon-scripts-');
  const logger = createMemoryLogger();
  const services = createServices({
    runtime: { runtime: 'harness', version: '0.0.1', platform: 'linux', versions: { node: '20' } },
    dataDir: join(dir, 'data'),
    logger,
    scryptParams: testScrypt,
    autoLockMinutes: 0,
    runner: { killGraceMs: 300, drainMs: 300 },
    ...(options.now ? { now: options.now } : {}),
  });
  cleanups.push(cleanup, () => services.close());
  const pushes: PushEvent[] = [];
  services.bus.subscribe((event) => pushes.push(event));
  const router = createRouter(createHandlers(services), logger);
  const value = async <T>(method: string, input?: unknown): Promise<T> => {
    const result = await router.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  mkdirSync(join(dir, 'data'));
  await value('vaultCreate', { passphrase: 'a long enough passphrase' });
  // Every write is in the settings name: the main process stamps it.
  await value('settingsUpdate', { displayName: actor });
  const preview = await value<{ playbook: StoredPlaybook['playbook'] }>('playbookPreview', { markdown: (options.markdown ?? playbookMarkdown)(dir) });
  const saved = await value<StoredPlaybook>('playbookSave', { playbook: preview.playbook });
  const declare = async (kind: 'real' | 'exercise' = 'real') =>
    (await value<IncidentSummary>('incidentDeclare', { title: 'Web shell on web-01', kind, playbookId: `${saved.id}:${saved.version}` })).id;
  const events = async (incidentId: string) => (await value<{ events: EventView[] }>('incidentGet', { incidentId })).events;
  const finished = async (runId: string): Promise<ScriptRun> => {
    // Polls until the run ends; the bound only stops a run that never would, within the test's timeout.
    let run: ScriptRun | null = null;
    const giveUpAt = Date.now() + 25_000;
    while (Date.now() < giveUpAt) {
      run = (await value<{ run: ScriptRun }>('scriptOutput', { runId })).run;
      if (run.state !== 'running') return run;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('run did not finish');
  };
  const output = async (runId: string) => (await value<{ segments: { text: string }[] }>('scriptOutput', { runId })).segments.map((s) => s.text).join('');
  const userAction = (fields: Record<string, unknown>) => value<ActionView>('actionSave', { ...fields });
  // A run the main process does not ask about starts at once.
  const startNow = async (input: Record<string, unknown>): Promise<ScriptRun> => {
    const answer = await value<RunAnswer>('actionRun', input);
    if (answer.status !== 'started') throw new Error(`expected the run to start, got ${answer.status}`);
    return answer.run;
  };
  // The harness flow: ask, get the plan and a one-time token, confirm by bringing it back.
  const start = async (input: Record<string, unknown>): Promise<ScriptRun> => {
    const answer = await value<RunAnswer>('actionRun', input);
    if (answer.status !== 'needs_confirmation') throw new Error(`expected a confirmation to be asked, got ${answer.status}`);
    return startNow({ ...input, confirmation: answer.confirmation });
  };
  return { dir, router, value, services, pushes, logger, declare, events, finished, output, userAction, start, startNow };
}
