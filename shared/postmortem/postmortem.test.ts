import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionItemsFrom, applyActionItems } from './action-items';
import { activitySvg } from './activity-svg';
import { draftPostmortem, templateChoices } from './draft';
import { sampleEvents, sampleSource, sourceFrom } from './fixtures';
import { postmortemHtml } from './html';
import { exportMarkdown, parseFrontMatter } from './markdown';
import { milestones } from './milestones';
import { isAllowedUrl, renderMarkdown } from './render';
import { samplePlaybook } from '../warroom/fixtures';
import type { Template } from '../playbook/model';

describe('the draft from the record', () => {
  it('is the same text every time', () => {
    expect(draftPostmortem(sampleSource())).toBe(draftPostmortem(sampleSource()));
  });

  it('computes the durations from the events', () => {
    const { milestones: m, durations: d } = milestones(sampleSource());
    expect(m.impactStart).toBe('2024-05-01T08:52:00.000Z'); // the backdated deploy note
    expect(d.toDetect).toBe(18 * 60_000);
    expect(d.toAcknowledge).toBe(0); // commander named at declaration
    expect(m.contained).toBe('2024-05-01T09:20:00.000Z'); // the containment phase, before "mitigated"
    expect(d.toContain).toBe(10 * 60_000);
    expect(d.toResolve).toBe(55 * 60_000);
  });

  it('holds every section, the facts filled in', () => {
    const text = draftPostmortem(sampleSource());
    const order = ['Summary', 'Impact', 'Key figures', 'Responders and roles', 'Timeline', 'Detection', 'Response', 'Resolution', 'Contributing factors and root cause', 'What went well', 'What went wrong', 'Where we got lucky', 'Action items', 'Appendices'];
    const at = order.map((h) => text.indexOf(`\n## ${h}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at); // in this order
    for (const h of ['### Time at each severity', '### Systems named in the notes', '### Counts', '### Severity history', '### Phases and checklist', '### Five whys', '### A. Actions run', '### B. Evidence', '### C. Log integrity']) {
      expect(text).toContain(`${h}\n`);
    }
    // No update was marked sent: the section says so rather than disappearing.
    expect(text).toContain('## Messages sent\n\n_No stakeholder updates were marked as sent in Cordon._');
    expect(text).toContain('| 2024-05-01 09:12 UTC | SEV1 (Critical) | Ana Lima | All EU customers cannot pay (matrix: Extensive × High) |');
    expect(text).toContain('#### Containment — 1/3 done, entered 2024-05-01 09:20 UTC');
    expect(text).toContain('| `kubectl rollout undo deploy/checkout` | succeeded | 0 | 90.0 s | `bbbb');
    expect(text).toContain('| 1 | Alert on checkout 5xx rate | Sam Okafor | 2024-05-15 | Detective | In progress |');
    expect(text).toContain('| 10m to contain |');
    // A pipe typed in a note cannot break the table.
    const timeline = text.slice(text.indexOf('\n## Timeline\n'), text.indexOf('\n## Detection\n'));
    expect(timeline).not.toContain('Deploy 2024.11.3 rolled out'); // not a key event: left out of the key timeline...
    expect(text).toContain('1 note is not starred and left out here'); // ...and the draft says so
    expect(draftPostmortem(sampleSource(), { timeline: 'all' })).toContain('Deploy 2024.11.3 rolled out to eu-west \\| canary skipped');
  });

  it('fills a playbook report template’s known placeholders', () => {
    const template: Template = {
      key: 'incident-report',
      name: 'Incident Report Template',
      kind: 'report',
      audience: null,
      subject: null,
      body: '# Incident Report: [INCIDENT_ID]\n\n## Summary\n[Brief description of the incident]\n\n## Timeline\n- **Detection**: [Date/Time] - [Who detected it]\n- **Containment**: [Date/Time] - [Containment actions]\n- **Recovery**: [Date/Time] - [Service restored]\n\n### Action Items\n1. [ ] [Action item 1] - [Owner] - [Due date]\n\n## Recommendations\n[What changes?]',
    };
    const source = sourceFrom(sampleEvents(), { ...samplePlaybook, templates: [template] });
    expect(templateChoices(source.playbook).map((t) => t.key)).toEqual(['cordon', 'contributors-mitigators-learnings', 'root-cause', 'incident-report']);
    const text = draftPostmortem(source, { template: 'incident-report' });
    expect(text).toContain(`# Incident Report: ${source.incident.id}`);
    expect(text).toContain('Payments failed for EU customers after a deploy.');
    expect(text).toContain('- **Detection**: 2024-05-01 09:10 UTC - Ana Lima');
    expect(text).toContain('- **Containment**: 2024-05-01 09:20 UTC - [Containment actions]');
    expect(text).toContain('- **Recovery**: 2024-05-01 10:05 UTC');
    expect(text).not.toContain('[Action item 1]'); // the section belongs to the log
    expect(text).toMatch(/### Action Items\n\n\| # \| Action/);
    expect(text).toContain('## Recommendations\n[What changes?]');
    expect(() => draftPostmortem(source, { template: 'nope' })).toThrow(/no report template/);
  });
});

describe('action items', () => {
  it('fold from the events', () => {
    expect(actionItemsFrom(sampleSource().events).map((i) => [i.id, i.status, i.type])).toEqual([
      ['ai-1', 'in_progress', 'detective'],
      ['ai-2', 'open', 'preventive'],
    ]);
  });

  it('replace what was typed under the heading, and only that', () => {
    const items = actionItemsFrom(sampleSource().events);
    const doc = '# T\n\n## Action items\n\n- typed by hand\n\n```\n## not a heading\n```\n\n## Next\n\nkept\n';
    const out = applyActionItems(doc, items);
    expect(out).not.toContain('typed by hand');
    expect(out).toContain('## Next\n\nkept');
    expect(out).toContain('| 2 | Make canary mandatory | Unassigned | — | Preventive | Open |');
    expect(applyActionItems(out, items)).toBe(out); // idempotent
    expect(applyActionItems('# T\n', [])).toBe('# T\n\n## Action items\n\n_No action items yet. Add them in the action items table; they are recorded on the timeline._\n');
  });
});

describe('the Markdown export', () => {
  const doc = { markdown: '# Post-mortem\n\nWritten by people.\r\n\n## Action items\n\nstale\n', revision: 3, status: 'in_review' as const };

  it('is the same bytes twice, with LF line ends', () => {
    const a = exportMarkdown(sampleSource(), doc);
    expect(exportMarkdown(sampleSource(), doc)).toBe(a);
    expect(a).not.toContain('\r');
    expect(a.endsWith('\n') && !a.endsWith('\n\n')).toBe(true);
  });

  it('carries the front matter', () => {
    const source = sampleSource();
    const fm = parseFrontMatter(exportMarkdown(source, doc));
    expect(fm).toEqual({
      generator: 'Cordon',
      incident_id: source.incident.id,
      title: 'Checkout API returning 500s',
      severity: 'sev1',
      kind: 'real',
      status: 'resolved',
      detected_at: '2024-05-01T09:10:00.000Z',
      declared_at: '2024-05-01T09:10:00.000Z',
      acknowledged_at: '2024-05-01T09:10:00.000Z',
      resolved_at: '2024-05-01T10:05:00.000Z',
      chain_head: source.incident.headHash,
      event_count: 15,
      postmortem_revision: 3,
      postmortem_status: 'in_review',
    });
  });

  it('regenerates the action items and drafts when nothing was saved', () => {
    expect(exportMarkdown(sampleSource(), doc)).toContain('| 1 | Alert on checkout 5xx rate |');
    expect(exportMarkdown(sampleSource(), doc)).not.toContain('stale');
    const unsaved = exportMarkdown(sampleSource(), { markdown: '', revision: 0, status: 'none' });
    expect(unsaved).toContain('## Five whys'.replace('##', '###'));
    expect(parseFrontMatter(unsaved)?.postmortem_status).toBe('draft');
  });
});

describe('the sanitising renderer', () => {
  const dir = join(import.meta.dirname, 'fixtures', 'sanitize');
  const pairs = readdirSync(dir).filter((f) => f.endsWith('.md'));

  it('has fixture pairs for the classic attacks', () => {
    expect(pairs.sort()).toEqual(['allowed-links.md', 'data-urls.md', 'javascript-links.md', 'onerror-attributes.md', 'script-tag.md']);
  });

  it.each(pairs)('%s renders to the expected HTML', (name) => {
    const input = readFileSync(join(dir, name), 'utf8');
    const expected = readFileSync(join(dir, name.replace(/\.md$/, '.html')), 'utf8');
    const html = renderMarkdown(input);
    expect(html).toBe(expected);
    expect(html).not.toMatch(/<script|<img|<[^>]*\son\w+=|href="(?!https?:|mailto:|#)/i);
  });

  it('allows only http(s), mailto and anchors', () => {
    for (const ok of ['https://x.org', 'http://x.org/a', 'mailto:a@b.c', '#top', ' HTTPS://X.ORG ']) expect(isAllowedUrl(ok)).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '/relative', 'x.html', '//evil.org', 'java\nscript:x', 'https://x.org/\u0000']) {
      expect(isAllowedUrl(bad)).toBe(false);
    }
  });
});

describe('the printable HTML', () => {
  it('is standalone, scriptless, and carries the chart and the facts', () => {
    const source = sampleSource();
    const out = postmortemHtml(source, { markdown: '# X\n\n## Notes\n\n<script>alert(1)</script>\n', revision: 2, status: 'draft' }, { pageSize: 'Letter' });
    expect(out.html).toMatch(/^<!DOCTYPE html>/);
    expect(out.html).toContain('@page { size: Letter;');
    expect(out.html).toContain('tr { break-inside: avoid;');
    expect(out.html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="activity-chart"');
    expect(out.html).not.toMatch(/<script|src="http|href="javascript/i);
    expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out.html).toContain(source.incident.headHash);
    expect(out.footerHtml).toContain('class="pageNumber"');
    expect(out.headerHtml).toContain(source.incident.id);
    expect(postmortemHtml(source, { markdown: '# X\n', revision: 2, status: 'draft' }).html).toBe(postmortemHtml(source, { markdown: '# X\n', revision: 2, status: 'draft' }).html);
  });

  it('names an after-action report as such, without the post-mortem revision line', () => {
    const out = postmortemHtml(sampleSource(), { markdown: '# X\n', revision: 1, status: 'none' }, { documentName: 'After-action report' });
    expect(out.html).toContain('<title>After-action report: ');
    expect(out.html).toContain('<p class="eyebrow">After-action report</p>');
    expect(out.html).not.toContain('<dt>Post-mortem</dt>');
  });

  it('keeps phase labels inside their bands in the printed chart', () => {
    // Two phases a minute apart in a day-long incident: the short band gets no label (its title names it).
    const events = sampleEvents();
    events.splice(4, 0, { at: '2024-05-01T09:13:30.000Z', body: { kind: 'phase_changed', payload: { phase: 'recovery' } } });
    const svg = activitySvg(sourceFrom(events).events, { playbook: samplePlaybook });
    expect(svg).toContain('<title>Recovery</title>');
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="39" fill="#475569">([^<]+)<\/text>/g)].map((m) => ({ x: Number(m[1]), text: m[2] ?? '' }));
    labels.forEach((l, i) => {
      const next = labels[i + 1];
      if (next) expect(l.x + l.text.length * 5.2).toBeLessThanOrEqual(next.x);
    });
  });

  it('draws the activity chart as SVG with phase bands and severity markers', () => {
    const svg = activitySvg(sampleSource().events, { playbook: samplePlaybook });
    expect(svg).toContain('Containment');
    expect(svg).toContain('SEV1 (Critical)');
    expect(svg.match(/fill="#3b82f6"/g)?.length).toBeGreaterThan(3);
    expect(activitySvg([])).toContain('No activity recorded.');
  });
});
