import { resolve } from 'node:path';
import { utc } from '../../shared/postmortem/format';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBuiltinScenarios } from './exercises';
import { createServices } from './container';
import { createMemoryLogger } from './logger';
import { rawDb } from '../store/testing/fixtures';
import { tempDir, testScrypt } from '../store/testing/temp-dir';
import type { ExerciseView } from '../../shared/ipc/exercise-contract';

const exercisesDir = resolve('resources/exercises');
let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function setup() {
  const { dir, cleanup } = tempDir();
  let wall = Date.parse('2026-03-02T09:00:00Z');
  const logger = createMemoryLogger();
  const services = createServices({
    runtime: { runtime: 'harness', version: '0.0.1', platform: 'linux', versions: { node: '20' } },
    dataDir: dir,
    logger,
    scryptParams: testScrypt,
    autoLockMinutes: 0,
    defaultPlaybookFile: resolve('resources/playbooks/default.md'),
    exercisesDir,
    exerciseTimer: false,
    now: () => wall,
  });
  cleanups.push(cleanup, () => services.close());
  await services.vault.create('a long enough passphrase');
  const advance = (ms: number) => {
    wall += ms;
    services.exercises.tick();
  };
  const timeline = (incidentId: string) => services.incidents.get({ incidentId, after: 0, limit: 500 }).events;
  return { services, advance, timeline, logger, ex: services.exercises };
}

describe('built-in scenarios', () => {
  it('are all valid, with at least five injects and expected actions each', () => {
    const all = loadBuiltinScenarios(exercisesDir);
    expect(all.map((s) => s.id).sort()).toEqual(['brute-force-login', 'compromised-api-key', 'cross-tenant-access', 'data-exfiltration', 'database-compromise', 'ransomware']);
    for (const s of all) {
      expect(s.injects.length).toBeGreaterThanOrEqual(5);
      expect(s.injects.filter((i) => i.expect.length > 0).length).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('exercise timer failures', () => {
  it('log the event name and the error shape, never the inject that failed', async () => {
    const { ex, advance, services, logger } = await setup();
    let v = ex.start({ scenarioId: 'compromised-api-key', actor: 'Facilitator', speed: 60 });
    v = ex.control({ exerciseId: v.id, actor: 'Facilitator', action: 'start' });
    const due = v.injects.find((i) => i.id === 'unusual-usage')!;
    // SQLite quotes what a trigger hands it: this one refuses injects with their whole payload,
    // standing for any failure whose message carries incident text.
    services.vault.use((store) =>
      rawDb(store).exec("CREATE TEMP TRIGGER refuse_injects BEFORE INSERT ON events WHEN NEW.kind = 'inject' BEGIN SELECT RAISE(ABORT, NEW.payload); END"),
    );
    advance(5_000); // T+5m: unusual-usage is due, and its append fails
    expect(ex.get(v.id).injects.find((i) => i.id === 'unusual-usage')?.status).toBe('pending');
    const failed = logger.lines.filter((line) => line.includes('exercises.tick_failed'));
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]!)).toMatchObject({ level: 'warn', event: 'exercises.tick_failed', error: 'SqliteError' });
    const all = logger.lines.join('\n');
    expect(all).not.toContain(due.title);
    expect(all).not.toContain('unusual-usage');
  });
});

describe('exercise runtime (fake clock)', () => {
  it('declares an exercise incident and fires injects at the right exercise time at 60x', async () => {
    const { ex, advance, timeline, services } = await setup();
    expect(ex.scenarioList().find((s) => s.id === 'compromised-api-key')).toMatchObject({ source: 'builtin', injects: 6, runs: 0 });
    let v: ExerciseView = ex.start({ scenarioId: 'compromised-api-key', actor: 'Facilitator', speed: 60 });
    const incident = services.incidents.get({ incidentId: v.incidentId, after: 0, limit: 10 });
    expect(incident.incident.kind).toBe('exercise');
    expect(incident.incident.playbookRef).toMatch(/^cordon-default:\d+$/);
    expect(v.injects.every((i) => i.status === 'pending')).toBe(true);
    advance(60_000);
    expect(timeline(v.incidentId).filter((e) => e.kind === 'inject')).toHaveLength(0); // clock not started

    v = ex.control({ exerciseId: v.id, actor: 'Facilitator', action: 'start' });
    expect(v.injects.find((i) => i.id === 'secret-scanner-alert')?.status).toBe('fired'); // T+0 fires at once
    advance(4_000); // T+4m
    expect(ex.get(v.id).injects.find((i) => i.id === 'unusual-usage')?.status).toBe('pending');
    advance(1_000); // T+5m
    v = ex.get(v.id);
    expect(v.injects.find((i) => i.id === 'unusual-usage')).toMatchObject({ status: 'fired', firedAtMs: 300_000 });
    const injects = timeline(v.incidentId).filter((e) => e.kind === 'inject');
    expect(injects.map((e) => e.payload.injectId)).toEqual(['secret-scanner-alert', 'unusual-usage']);
    expect(String(injects[1]?.payload.text)).toMatch(/^For: Technical Lead/);

    // Pause: nothing fires however long we wait.
    ex.control({ exerciseId: v.id, actor: 'Facilitator', action: 'pause' });
    advance(600_000);
    expect(ex.get(v.id).nowMs).toBe(300_000);
    expect(ex.get(v.id).injects.find((i) => i.id === 'revoke-decision')?.status).toBe('pending');

    // Edit a pending inject, skip one, fire one now.
    v = ex.edit({ exerciseId: v.id, injectId: 'revoke-decision', actor: 'Facilitator', text: 'The partner asks for 30 minutes.' });
    expect(v.injects.find((i) => i.id === 'revoke-decision')).toMatchObject({ text: 'The partner asks for 30 minutes.', edited: true });
    v = ex.skip({ exerciseId: v.id, injectId: 'all-clear', actor: 'Facilitator' });
    expect(v.injects.find((i) => i.id === 'all-clear')?.status).toBe('skipped');
    expect(() => ex.skip({ exerciseId: v.id, injectId: 'all-clear', actor: 'F' })).toThrow(/already skipped/);
    v = ex.fire({ exerciseId: v.id, injectId: 'data-confirmed', actor: 'Facilitator' });
    expect(v.injects.find((i) => i.id === 'data-confirmed')).toMatchObject({ status: 'fired', firedAtMs: 300_000 });
    // press-inquiry follows data-confirmed by 10 minutes of exercise time.
    expect(v.injects.find((i) => i.id === 'press-inquiry')?.dueMs).toBeNull();

    ex.control({ exerciseId: v.id, actor: 'Facilitator', action: 'resume' });
    advance(1_000);
    expect(ex.get(v.id).injects.find((i) => i.id === 'press-inquiry')?.dueMs).toBe(900_000);
    // Respond to data-confirmed: severity SEV1 at T+6m.
    services.incidents.record(v.incidentId, 'Dana', { body: { kind: 'severity_changed', payload: { severity: 'SEV1' } } });
    advance(6_000); // T+12m: revoke-decision (edited) fires
    v = ex.get(v.id);
    expect(v.injects.find((i) => i.id === 'revoke-decision')?.status).toBe('fired');
    const revoke = timeline(v.incidentId).flatMap((e) => (e.kind === 'inject' && e.payload.injectId === 'revoke-decision' ? [e.payload.text] : []));
    expect(revoke).toEqual(['For: Incident Commander\n\nThe partner asks for 30 minutes.']);
    advance(3_000); // T+15m
    expect(ex.get(v.id).injects.find((i) => i.id === 'press-inquiry')?.status).toBe('fired');

    v = ex.control({ exerciseId: v.id, actor: 'Facilitator', action: 'finish' });
    const hitDesc = v.score.injects.find((i) => i.injectId === 'data-confirmed')?.expectations[0];
    expect(hitDesc).toMatchObject({ status: 'hit', responseMs: 60_000 });
    expect(v.score.injects.find((i) => i.injectId === 'all-clear')?.expectations[0]?.status).toBe('not_played');
    expect(v.score.actions.missed).toBeGreaterThan(0);
    expect(v.score.checklist.total).toBeGreaterThan(0);
    expect(() => ex.control({ exerciseId: v.id, actor: 'F', action: 'resume' })).toThrow(/finished/);

    // A second run; its report compares with the first.
    const second = ex.start({ scenarioId: 'compromised-api-key', actor: 'Facilitator' });
    ex.notes({ exerciseId: second.id, actor: 'Facilitator', notes: 'Comms lead was absent.' });
    const report = await ex.report({ exerciseId: second.id, actor: 'F', format: 'md', inline: true });
    const md = Buffer.from(report.base64 ?? '', 'base64').toString('utf8');
    expect(report.fileName).toMatch(/^compromised-api-key-.*-after-action\.md$/);
    expect(md).toContain('# After-action report: Compromised API key');
    expect(md).toContain('## Earlier runs of this scenario');
    expect(md).toContain(`| ${utc(v.clock.startedAt)} | ${v.score.score} | ${v.score.actions.hit} of ${v.score.actions.total} | yes |`);
    expect(md).toContain('Comms lead was absent.');
    expect(ex.scenarioList().find((s) => s.id === 'compromised-api-key')?.runs).toBe(2);
    expect(ex.list().map((e) => e.id).sort()).toEqual([v.id, second.id].sort());
  });

  it('imports Markdown and YAML scenarios and runs them', async () => {
    const { ex } = await setup();
    const r = ex.scenarioImport({ actor: 'F', format: 'markdown', text: '# Lost laptop\n\n## T+0 Stolen\nA laptop was stolen.\n\n## Notes\nx\n' });
    expect(r.scenario).toMatchObject({ id: 'imported-lost-laptop', source: 'imported', injects: 1 });
    expect(r.unparsed.map((u) => u.line)).toEqual([6, 7]);
    expect(() => ex.scenarioImport({ actor: 'F', format: 'yaml', text: 'id: x\n' })).toThrow(/could not be read/);
    const v = ex.start({ scenarioId: 'imported-lost-laptop', actor: 'F' });
    expect(v.playbookId).toBeNull();
    expect(() => ex.start({ scenarioId: 'nope', actor: 'F' })).toThrow(/no exercise scenario/);
    expect(() => ex.start({ scenarioId: 'ransomware', actor: 'F', playbookId: 'no-such-playbook' })).toThrow(/no playbook/);
  });
});
