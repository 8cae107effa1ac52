import { describe, expect, it } from 'vitest';
import { importPlaybook } from './importer';

// Shapes the issue names, written fresh (not from the corpus): what a generalised importer must
// read in documents it has never seen.

const credential = `# Credential compromise playbook

> **Important:** This playbook does not replace legal advice.

## Finding types

| Finding | Severity | Description |
| --- | --- | --- |
| Impossible travel | HIGH | Sign-ins from two countries within an hour |
| MFA fatigue | HIGH | Many push prompts denied |
| Password spray | MEDIUM | Many accounts, one password |
| Legacy auth | MEDIUM | Basic auth sign-in |
| Token replay | HIGH | Same token from two IPs |

## Priority

| Priority | Criteria | Response time | Resolution time |
| --- | --- | --- | --- |
| P1 | Admin account compromised | 15 minutes | 4 hours |
| P2 | User account compromised with data access | 1 hour | 24 hours |
| P3 | Suspicious sign-in, no access confirmed | 4 hours | 3 days |
| P4 | Informational | 1 business day | 1 week |

All priorities are triaged within 15 minutes of the alert. Updates go out every 30 minutes for P1.

## Roles

| Role | Responsibilities |
| --- | --- |
| Incident Lead | Runs the response |
| Identity Engineer | Resets credentials |
`;

describe('generalised playbook import', () => {
  it('takes the priority table, not a table of findings with a Severity column', () => {
    const r = importPlaybook(credential);
    const p = r.playbook;
    expect(p.severities.map((s) => [s.code, s.responseSla?.minutes, s.resolutionSla?.minutes])).toEqual([
      ['P1', 15, 240],
      ['P2', 60, 1440],
      ['P3', 240, 4320],
      ['P4', 1440, 10080],
    ]);
    expect(p.severityNotes).toEqual(['All priorities are triaged within 15 minutes of the alert. Updates go out every 30 minutes for P1.']);
    expect(p.roles.map((x) => x.name)).toEqual(['Incident Lead', 'Identity Engineer']);
  });

  it('offers the other candidate scheme as a choice and switches on request', () => {
    const doc = `# Two schemes\n\n## Severity\n\n- **SEV1**: outage\n- **SEV2**: degraded\n\n## Priority\n\n| Priority | Response |\n|---|---|\n| P1 | 10 min |\n| P2 | 1 hour |\n| P3 | 1 day |\n`;
    const r = importPlaybook(doc);
    const choice = r.choices.find((c) => c.id === 'severity-scheme');
    expect(choice?.options.map((o) => o.label)).toEqual(['P1, P2, P3 (line 10)', 'SEV1, SEV2 (line 5)', 'None: this document defines no severity scheme']);
    expect(r.playbook.severities.map((s) => s.code)).toEqual(['P1', 'P2', 'P3']);
    const other = importPlaybook(doc, { choices: { 'severity-scheme': 'line-5' } });
    expect(other.playbook.severities.map((s) => s.code)).toEqual(['SEV1', 'SEV2']);
    expect(other.choices.find((c) => c.id === 'severity-scheme')?.chosen).toBe('line-5');
    expect(importPlaybook(doc, { choices: { 'severity-scheme': 'none' } }).playbook.severities).toEqual([]);
  });

  it('reads "Part N — X" and "Phase N - X" headings and PICERL names as phases', () => {
    const doc = `# Runbook\n\n## Part 1 — Preparation\n- Keep contacts current\n\n## Part 2 — Identification\n- Confirm the alert\n\n## Phase 3 - Containment\n- Isolate the host\n\n## Phase 4 - Eradication\n- Remove persistence\n\n## Recovery\n- Restore service\n\n## Lessons Learned\n- Hold a review\n`;
    const p = importPlaybook(doc).playbook;
    expect(p.phases.map((x) => [x.name, x.items.map((i) => i.text)])).toEqual([
      ['Preparation', ['Keep contacts current']],
      ['Identification', ['Confirm the alert']],
      ['Containment', ['Isolate the host']],
      ['Eradication', ['Remove persistence']],
      ['Recovery', ['Restore service']],
      ['Lessons Learned', ['Hold a review']],
    ]);
  });

  it('reads an alert runbook (Meaning / Impact / Diagnosis / Mitigation)', () => {
    const doc = '# KubeNodeNotReady\n\n## Meaning\nA node is not ready.\n\n## Impact\nPods are rescheduled.\n\n## Diagnosis\n- Check the node conditions\n\n```console\n$ kubectl describe node $NODE\nName: node-1\n```\n\n## Mitigation\n- Cordon and drain the node\n\n```bash\nkubectl drain $NODE --ignore-daemonsets\n```\n';
    const p = importPlaybook(doc).playbook;
    expect(p.phases.map((x) => x.name)).toEqual(['Diagnosis', 'Mitigation']);
    expect(p.actions.map((a) => a.command)).toEqual(['kubectl describe node $NODE', 'kubectl drain $NODE --ignore-daemonsets']);
  });

  it('takes commands from every shell-like fence, cleaned, and nothing from KQL, HTTP or diagrams', () => {
    const doc = [
      '# Commands',
      '## Containment',
      '```bash\nCopyEdit\naws iam delete-access-key --access-key-id <KEY_ID>\n```',
      '```\nbash\nCopy code\nkubectl delete pod <POD> -n <NS>\n```',
      '```powershell\nRevoke-MgUserSignInSession -UserId <UPN>\n```',
      '```azurecli\naz ad user update --id <UPN> --account-enabled false\n```',
      '```kql\nSigninLogs | where ResultType == 0\n```',
      '```http\nPOST /api/v1/users/revoke HTTP/1.1\n```',
      '```\n+--------+     +--------+\n| client | --> | server |\n+--------+     +--------+\n```',
      '```console\n$ systemctl stop nginx\n● nginx.service - stopped\n```',
    ].join('\n\n');
    const p = importPlaybook(doc).playbook;
    expect(p.actions.map((a) => a.command)).toEqual([
      'aws iam delete-access-key --access-key-id <KEY_ID>',
      'kubectl delete pod <POD> -n <NS>',
      'Revoke-MgUserSignInSession -UserId <UPN>',
      'az ad user update --id <UPN> --account-enabled false',
      'systemctl stop nginx',
    ]);
  });

  it('reads phases from bold labels in a numbered process list', () => {
    const doc = `# Process\n\n## Response process\n\n1. **Detect** - spot it\n   - Watch the alerts\n2. **Triage** - size it\n   - Assign a severity\n3. **Contain** - stop it\n   - Block the IP\n4. **Recover** - fix it\n   - Restore from backup\n`;
    const p = importPlaybook(doc).playbook;
    expect(p.phases.map((x) => [x.name, x.items.map((i) => i.text)])).toEqual([
      ['Detect', ['Watch the alerts']],
      ['Triage', ['Assign a severity']],
      ['Contain', ['Block the IP']],
      ['Recover', ['Restore from backup']],
    ]);
  });

  it('reads roles from a RACI matrix, role sections and bold-name bullets, never from admonitions', () => {
    const raci = `# Roles\n\n> **Note:** adapt this to your team.\n\n## RACI\n\n| Activity | Incident Lead | Messenger | Scribe |\n|---|---|---|---|\n| Declare | A | I | R |\n| Notify customers | A | R | I |\n`;
    expect(importPlaybook(raci).playbook.roles.map((r) => r.name)).toEqual(['Incident Lead', 'Messenger', 'Scribe']);
    const sections = `# Team\n\n## Roles\n\n### Incident Lead\n- Owns the response\n\n### Messenger\n- Sends updates\n\n### Scribe\n- Keeps the log\n`;
    expect(importPlaybook(sections).playbook.roles.map((r) => [r.name, r.duties])).toEqual([
      ['Incident Lead', ['Owns the response']],
      ['Messenger', ['Sends updates']],
      ['Scribe', ['Keeps the log']],
    ]);
  });

  it('ignores answers to choices it did not offer', () => {
    const plain = importPlaybook(credential);
    const odd = importPlaybook(credential, { choices: { 'severity-scheme': 'line-9999', 'phase-1': 'maybe', '__proto__': 'x' } });
    expect(odd.playbook).toEqual(plain.playbook);
  });

  it('takes sub-headings of a roles section as roles unless they name a topic', () => {
    const doc = `# Team\n\n## Roles and permissions\n\n### Executive Sponsor\nApproves spend.\n\n### Head of Security\nOwns the plan.\n\n### Permissions in Microsoft 365\nGlobal reader.\n`;
    expect(importPlaybook(doc).playbook.roles.map((r) => r.name)).toEqual(['Executive Sponsor', 'Head of Security']);
  });

  it('reads "1 - High" levels with response times written in prose', () => {
    const doc = `# Levels\n\n## Severity levels\n\n- **1 - High**: outage. Respond within 30 minutes, resolve within 4 hours.\n- **2 - Medium**: degraded. Respond within 2 hours.\n- **3 - Low**: cosmetic. Respond within 1 day.\n`;
    const p = importPlaybook(doc).playbook;
    expect(p.severities.map((s) => [s.name || s.code, s.rank, s.responseSla?.minutes, s.resolutionSla?.minutes ?? null])).toEqual([
      ['High', 1, 30, 240],
      ['Medium', 2, 120, null],
      ['Low', 3, 1440, null],
    ]);
  });
});
