import { describe, expect, it } from 'vitest';
import { importMarkdownScenario } from './import-markdown';
import { columnTime, leadingTime, resolveTimes, wholeTime } from './tabletop-time';

const minutes = (doc: string, i = 0) => importMarkdownScenario(doc).scenarios[i]?.injects.map((x) => (x.at ?? -1) / 60_000);

describe('tabletop times', () => {
  it('reads offsets, clocks and dates', () => {
    expect(wholeTime('T0')).toEqual({ kind: 'offset', ms: 0 });
    expect(wholeTime('T+15m')).toEqual({ kind: 'offset', ms: 900_000 });
    expect(wholeTime('T+2h')).toEqual({ kind: 'offset', ms: 7_200_000 });
    expect(wholeTime('T + 1h30m')).toEqual({ kind: 'offset', ms: 5_400_000 });
    expect(wholeTime('T+90 minutes')).toEqual({ kind: 'offset', ms: 5_400_000 });
    expect(wholeTime('T+2 days')).toEqual({ kind: 'offset', ms: 172_800_000 });
    expect(wholeTime('09:15')).toMatchObject({ kind: 'clock', minutes: 555 });
    expect(wholeTime('2:30 PM')).toMatchObject({ kind: 'clock', minutes: 870 });
    expect(wholeTime('Day 2 09:00')).toMatchObject({ kind: 'clock', minutes: 1440 + 540, hasDay: true });
    expect(leadingTime('T+0: Report #1')?.token).toEqual({ kind: 'offset', ms: 0 });
    expect(leadingTime('T+10 Report')?.token).toEqual({ kind: 'offset', ms: 600_000 });
    expect(leadingTime('Nov 23, 2023 @ 20:03:00 UTC - Read')?.token).toMatchObject({ kind: 'clock', hasDay: true });
    expect(wholeTime('T+1:30')).toEqual({ kind: 'offset', ms: 5_400_000 });
    expect(wholeTime('H+2')).toEqual({ kind: 'offset', ms: 7_200_000 });
    expect(columnTime('15 min')).toEqual({ kind: 'offset', ms: 900_000 });
    expect(columnTime('45')).toEqual({ kind: 'offset', ms: 2_700_000 });
    expect(wholeTime('soon')).toBeUndefined();
    expect(wholeTime('15 minutes of setup')).toBeUndefined();
  });

  it('counts clock times from the first and across midnight', () => {
    const t = ['23:30', '23:50', '00:20'].map((x) => wholeTime(x));
    expect(resolveTimes(t).map((x) => (x ?? -1) / 60_000)).toEqual([0, 20, 50]);
  });
});

describe('tabletop document shapes', () => {
  it('reads T0 / T+2h / T+24h headings: every one an inject', () => {
    const doc = '# Ransomware\n\nA file server is encrypted.\n\n## T0 — Helpdesk calls\nFiles will not open.\n\n## T+2h — Ransom note\nA note demands payment.\n\n## T+24h — Press call\nA journalist asks.\n';
    expect(minutes(doc)).toEqual([0, 120, 1440]);
    expect(importMarkdownScenario(doc).scenarios[0]?.summary).toBe('A file server is encrypted.');
  });

  it('reads a time at the end of a heading and bare minutes in a time column', () => {
    expect(minutes('# X\n\n## Inject 1 — T+0\na\n\n## Inject 2 — T+15 min\nb\n\n## Inject 3 (H+1)\nc\n')).toEqual([0, 15, 60]);
    expect(minutes('# X\n\n| Minute | Inject |\n|---|---|\n| 0 | Alert |\n| 15 min | Call |\n| 40 | Press |\n')).toEqual([0, 15, 40]);
  });

  it('reads a multi-day exercise beyond a week', () => {
    const doc = '# Long\n\n## Day 1 09:00 — Start\na\n\n## Day 9 09:00 — Regulator\nb\n';
    expect(minutes(doc)).toEqual([0, 8 * 1440]);
  });

  it('reads Day N HH:MM headings against the start of day 1', () => {
    const doc = '# Outage\n\n## Day 1 09:00 — Alerts\nx\n\n## Day 1 11:30 — Escalation\ny\n\n## Day 2 09:00 — Regulator\nz\n';
    expect(minutes(doc)).toEqual([0, 150, 1440]);
  });

  it('reads a Time | Event table with clock times as offsets from the first row', () => {
    const doc = '# Drill\n\n| Time | Event | Questions |\n|---|---|---|\n| 09:00 | Phishing reported | Who owns it? |\n| 09:20 | Second report | |\n| 10:05 | Mailbox rule found | What now? |\n';
    const s = importMarkdownScenario(doc).scenarios[0];
    expect(s?.injects.map((i) => (i.at ?? -1) / 60_000)).toEqual([0, 20, 65]);
    expect(s?.injects[0]?.questions).toEqual(['Who owns it?']);
  });

  it('reads the import form’s own example shape', () => {
    const doc = '# Scenario title\n\n## T+0 — First inject\nText…\nExpected: severity SEV2 within 10m\n\n## T+15m — Second inject\nMore.\n';
    const s = importMarkdownScenario(doc).scenarios[0];
    expect(s?.injects.map((i) => [i.title, (i.at ?? -1) / 60_000])).toEqual([
      ['First inject', 0],
      ['Second inject', 15],
    ]);
    expect(s?.injects[0]?.expect[0]).toEqual({ action: { kind: 'severity_changed', severity: 'SEV2' }, deadline: 600_000 });
  });

  it('reads numbered prompts with their questions under an Injects heading', () => {
    const doc = '# Laptop\n\n## Injects\n1) A laptop is stolen.\n   - Who do you call?\n2) The disk was not encrypted.\n   - What data was on it?\n';
    const s = importMarkdownScenario(doc).scenarios[0];
    expect(s?.injects.map((i) => [i.title, (i.at ?? -1) / 60_000, i.questions])).toEqual([
      ['A laptop is stolen.', 0, ['Who do you call?']],
      ['The disk was not encrypted.', 10, ['What data was on it?']],
    ]);
  });

  it('reads several scenarios of timed phases, their checklists as expected actions', () => {
    const doc = `# Disaster recovery exercises

## Scenario 1: Data centre fire
### Phase 1: Detection (15 minutes)
- [ ] Confirm the alarm
- [ ] Page the on-call

Discussion: Who declares the disaster?
### Phase 2: Failover (30 minutes)
- [ ] Fail over to the secondary site

## Scenario 2: Ransomware
### Phase 1: Triage (20 minutes)
- [ ] Isolate infected hosts
### Phase 2: Restore (45 minutes)
- [ ] Restore from offline backups

## Scenario 3: Cloud region outage
### Phase 1 - Assess (10 min)
- Check the provider status page
### Phase 2 - Decide (15 min)
- Decide whether to fail over

## Scenario 4: Payroll system loss
### Phase 1: Impact (15 minutes)
1. List the affected teams
### Phase 2: Workaround (25 minutes)
1. Run payroll manually
`;
    const r = importMarkdownScenario(doc);
    expect(r.errors).toEqual([]);
    expect(r.scenarios.map((s) => s.title)).toEqual(['Data centre fire', 'Ransomware', 'Cloud region outage', 'Payroll system loss']);
    expect(r.scenarios.map((s) => s.injects.map((i) => (i.at ?? -1) / 60_000))).toEqual([
      [0, 15],
      [0, 20],
      [0, 10],
      [0, 15],
    ]);
    const first = r.scenarios[0]?.injects[0];
    expect(first?.title).toBe('Phase 1: Detection');
    expect(first?.expectedActions).toEqual(['Confirm the alarm', 'Page the on-call']);
    expect(first?.questions).toEqual(['Who declares the disaster?']);
    expect(new Set(r.scenarios.map((s) => s.id)).size).toBe(4);
  });

  it('lists what it did not understand by line when nothing is an inject', () => {
    const r = importMarkdownScenario('# Policy\n\n## Scope\n\nAll staff.\n\n## Other\n\nText here.\n');
    expect(r.scenarios).toEqual([]);
    expect(r.errors[0]).toMatch(/no injects found/);
    expect(r.unparsed).toEqual([
      { line: 3, text: 'section not understood: Scope' },
      { line: 5, text: 'All staff.' },
      { line: 7, text: 'section not understood: Other' },
      { line: 9, text: 'Text here.' },
    ]);
  });
});
