import { activitySvg } from './activity-svg';
import { utc } from './format';
import { exportBody, frontMatterOf } from './markdown';
import { renderMarkdown } from './render';
import type { PostmortemDocument, PostmortemSource } from './source';
import { severityName } from '../warroom/timeline-filter';

// The post-mortem as one standalone HTML document for printing to PDF: the export's Markdown
// through the same sanitising renderer as the preview, a cover block with the facts the front
// matter carries, the activity chart as inline SVG, and print CSS. No script, no external
// resource (the CSP says so too), so the printer needs nothing but this string.

export type PageSize = 'A4' | 'Letter';

export interface PrintableDocument {
  html: string;
  /** Chromium's header/footer templates (displayHeaderFooter): incident id and page numbers. */
  headerHtml: string;
  footerHtml: string;
  pageSize: PageSize;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const css = (pageSize: PageSize) => `
@page { size: ${pageSize}; margin: 20mm 15mm 18mm 15mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Inter Variable", "Inter", "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 10pt; line-height: 1.45; color: #111827; margin: 0; }
h1 { font-size: 19pt; margin: 0 0 6pt; line-height: 1.2; }
h2 { font-size: 13.5pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1px solid #cbd5e1; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
h4, h5, h6 { font-size: 10pt; margin: 10pt 0 4pt; break-after: avoid; }
p, ul, ol { margin: 0 0 6pt; }
ul, ol { padding-left: 18pt; }
a { color: #1d4ed8; text-decoration: none; }
code { font-family: "JetBrains Mono Variable", "JetBrains Mono", "DejaVu Sans Mono", monospace; font-size: 8.5pt; background: #f1f5f9; padding: 0 2pt; border-radius: 2pt; overflow-wrap: anywhere; }
pre { background: #f1f5f9; padding: 6pt; border-radius: 3pt; white-space: pre-wrap; overflow-wrap: anywhere; break-inside: avoid; }
pre code { padding: 0; background: none; }
blockquote { margin: 0 0 6pt; padding-left: 8pt; border-left: 3px solid #cbd5e1; color: #374151; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #cbd5e1; padding: 3pt 5pt; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #e2e8f0; font-weight: 600; }
tbody tr:nth-child(even) td { background: #f8fafc; }
.cover { border: 1px solid #cbd5e1; border-radius: 4pt; padding: 10pt 12pt; margin-bottom: 12pt; break-inside: avoid; }
.cover .eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 8pt; color: #475569; margin: 0 0 2pt; }
.cover dl { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2pt 10pt; margin: 6pt 0 0; font-size: 9pt; }
.cover dt { color: #475569; }
.cover dd { margin: 0; overflow-wrap: anywhere; }
.cover .hash { font-family: "JetBrains Mono Variable", "DejaVu Sans Mono", monospace; font-size: 7.5pt; }
.exercise { background: #fef3c7; border: 1px solid #f59e0b; padding: 4pt 8pt; font-weight: 600; margin-bottom: 8pt; }
figure.chart { margin: 0 0 12pt; break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; }
figure.chart figcaption { font-size: 8pt; color: #475569; }
.content > h1:first-child { display: none; }
`;

export function postmortemHtml(
  source: PostmortemSource,
  doc: PostmortemDocument,
  // An exercise's after-action report is printed by the same code under its own name.
  options: { pageSize?: PageSize; documentName?: 'Post-mortem' | 'After-action report' } = {},
): PrintableDocument {
  const pageSize = options.pageSize ?? 'A4';
  const documentName = options.documentName ?? 'Post-mortem';
  const fm = frontMatterOf(source, doc);
  const { incident, playbook } = source;
  const statusLabel: Record<string, string> = { draft: 'Draft', in_review: 'In review', published: 'Published' };
  const facts: [string, string, string?][] = [
    ['Incident', incident.id, 'hash'],
    ['Severity', fm.severity ? severityName(fm.severity, playbook) : 'not set'],
    ['Status', incidentStatusLabels[fm.status] ?? fm.status],
    ['Kind', fm.kind === 'exercise' ? 'Exercise' : 'Real incident'],
    ['Detected', utc(fm.detected_at)],
    ['Declared', utc(fm.declared_at)],
    ['Acknowledged', utc(fm.acknowledged_at)],
    ['Resolved', utc(fm.resolved_at)],
    ...(documentName === 'Post-mortem'
      ? [['Post-mortem', `revision ${fm.postmortem_revision}, ${statusLabel[fm.postmortem_status] ?? fm.postmortem_status}`] as [string, string]]
      : []),
    ['Events', String(fm.event_count)],
    ['Chain head', fm.chain_head, 'hash'],
  ];
  const cover = `<section class="cover" aria-label="Incident facts">
<p class="eyebrow">${esc(documentName)}</p>
<h1>${esc(incident.title)}</h1>
<dl>${facts.map(([k, v, c]) => `<dt>${esc(k)}</dt><dd${c ? ` class="${c}"` : ''}>${esc(v)}</dd>`).join('')}</dl>
</section>`;
  const chart = `<figure class="chart">${activitySvg(source.events, { playbook })}<figcaption>Activity over the incident, from the timeline.</figcaption></figure>`;
  const body = renderMarkdown(exportBody(source, doc));
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Cordon">
<title>${esc(documentName)}: ${esc(incident.title)}</title>
<style>${css(pageSize)}</style>
</head>
<body>
${incident.kind === 'exercise' ? '<p class="exercise">EXERCISE — not a real incident.</p>\n' : ''}${cover}
${chart}
<main class="content">
${body}</main>
</body>
</html>
`;
  const band = 'font-family: Arial, sans-serif; font-size: 7.5pt; color: #475569; width: 100%; padding: 0 15mm; display: flex; justify-content: space-between;';
  const headerHtml = `<div style="${band}"><span>${esc(documentName)} · Cordon · ${esc(incident.id)}</span><span>${esc(truncate(incident.title, 60))}</span></div>`;
  const footerHtml = `<div style="${band}"><span>Chain head ${esc(fm.chain_head.slice(0, 16))}…${documentName === 'Post-mortem' ? ` · revision ${fm.postmortem_revision}` : ''}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
  return { html, headerHtml, footerHtml, pageSize };
}

const incidentStatusLabels: Record<string, string> = { active: 'Active', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' };

const truncate = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
