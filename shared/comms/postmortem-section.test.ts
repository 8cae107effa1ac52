import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPlaybook } from '../playbook';
import { draftPostmortem } from '../postmortem/draft';
import { asMarkdown, asPlainText } from './format';
import { messagesSentSection, quotedTextLimit } from './postmortem-section';
import { sourceFrom } from '../postmortem/fixtures';

const here = dirname(fileURLToPath(import.meta.url));
const playbook = importPlaybook(readFileSync(resolve(here, '../../resources/playbooks/default.md'), 'utf8')).playbook;
const update = (at: string, audience: string, audienceName: string, text: string, extra: Record<string, unknown> = {}) => ({
  at,
  body: { kind: 'comms_update_sent' as const, payload: { audience, audienceName, audienceKind: 'internal' as const, text, format: 'plain' as const, ...extra } },
});
const source = sourceFrom([
  { at: '2026-12-01T09:00:00Z', body: { kind: 'declared', payload: { title: 'Checkout errors', kind: 'real', severity: 'sev1' } } },
  update('2026-12-01T09:20:00Z', 'internal', 'Internal responders', 'We are on it.\n\nNext update 09:50.', { subject: 'SEV1 Checkout errors', nextUpdateMinutes: 30, severity: 'sev1' }),
  update('2026-12-01T09:35:00Z', 'customers', 'Customers', 'Payments may fail.', { channel: 'Status page' }),
], playbook);

describe('the post-mortem’s messages sent', () => {
  it('lists every update: when, who to, how, at what severity, by whom, with its text', () => {
    const section = messagesSentSection(source.events, playbook);
    expect(section).toContain('2 updates sent.');
    expect(section).toContain('| 2026-12-01 09:20 UTC | Internal responders | — | SEV1 (Critical) | Ana Lima | in 30 min |');
    expect(section).toContain('| 2026-12-01 09:35 UTC | Customers | Status page | — | Ana Lima | — |');
    expect(section).toContain('**1. Internal responders, 2026-12-01 09:20 UTC: SEV1 Checkout errors**\n\n> We are on it.\n>\n> Next update 09:50.');
    expect(section).toContain('**2. Customers, 2026-12-01 09:35 UTC**\n\n> Payments may fail.');
  });

  it('is in the draft, ours and a playbook template’s alike', () => {
    expect(draftPostmortem(source)).toMatch(/## Messages sent\n\n2 updates sent\./);
    expect(draftPostmortem(source, { template: 'post-incident-report' })).toMatch(/### Messages sent\n\n2 updates sent\./);
  });

  it('says so when nothing was sent, leaves out a redacted update, and shortens a long one', () => {
    expect(messagesSentSection(source.events.slice(0, 1), playbook)).toBe('_No stakeholder updates were marked as sent in Cordon._');
    const redacted = source.events.map((e, i) => (i === 2 ? { ...e, redactedBy: 'x', effectivePayload: null } : e));
    expect(messagesSentSection(redacted, playbook)).toContain('1 update sent.');
    const long = sourceFrom([
      { at: '2026-12-01T09:00:00Z', body: { kind: 'declared', payload: { title: 'T', kind: 'real' } } },
      update('2026-12-01T09:10:00Z', 'internal', 'Internal responders', 'x'.repeat(quotedTextLimit + 10)),
    ], playbook);
    expect(messagesSentSection(long.events, playbook)).toContain('(shortened; the full text is on the timeline)');
  });
});

describe('plain and Markdown', () => {
  it('keeps a block of label lines on separate lines in Markdown, and puts the subject first', () => {
    const text = { subject: 'Update 2', body: 'Severity: SEV1\nStatus: Active\n\n- one\n- two' };
    expect(asPlainText(text)).toBe('Subject: Update 2\n\nSeverity: SEV1\nStatus: Active\n\n- one\n- two\n');
    expect(asMarkdown(text)).toBe('## Update 2\n\nSeverity: SEV1  \nStatus: Active\n\n- one\n- two\n');
  });
});
