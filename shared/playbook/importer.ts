import { extractActions } from './containment-snippets';
import { extractCompliance } from './compliance';
import { ImportContext } from './context';
import { parseMarkdown } from './markdown';
import { extractMatrix } from './matrix';
import { playbookSchema, type Playbook, type PlaybookImport } from './model';
import { normalizeText } from './normalize';
import { splitFrontMatter, isTemplatedTitle } from './front-matter';
import { extractOverview } from './overview';
import { extractContacts, extractRoles } from './people';
import { extractPhases } from './phases';
import { sanitizePlaybook } from './sanitize';
import { extractScenarios } from './scenarios';
import { buildOutline } from './sections';
import { extractSeverities } from './severity';
import { slugify } from './slug';
import { extractTemplates } from './templates';
import { collectUnparsed } from './unparsed';

export interface ImportOptions {
  /** File name or label of the source, kept on the playbook and used as a fallback title. */
  sourceName?: string;
  /** The reader's answers to the choices of an earlier import of the same text (choice id -> option value). */
  choices?: Readonly<Record<string, string>>;
}

/**
 * Turns a Markdown playbook into a war-room playbook. Pure: no IO, no globals. The order
 * matters: specific readers (severities, templates, commands) claim their blocks before the
 * phase reader, which would otherwise take every list it sees as checklist items.
 */
export function importPlaybook(markdown: string, options: ImportOptions = {}): PlaybookImport {
  const front = splitFrontMatter(normalizeText(markdown));
  const root = parseMarkdown(front.body);
  const outline = buildOutline(root);
  const ctx = new ImportContext(options.choices ?? {});

  const { levels: severities, notes: severityNotes } = extractSeverities(outline, ctx);
  const matrix = extractMatrix(outline, severities, ctx);
  const templates = extractTemplates(outline, ctx);
  const scenarios = extractScenarios(outline, ctx);
  const { actions, keyOf } = extractActions(outline, ctx);
  const compliance = extractCompliance(outline, ctx);
  const beforePhases = ctx.snapshot();
  const { phases, roles: phaseRoles, codePhase } = extractPhases(outline, ctx, (c) => keyOf.get(c));
  const phaseRead = ctx.consumedSince(beforePhases);
  ctx.consume(...keyOf.keys());
  const roles = extractRoles(outline, ctx, phaseRoles, phaseRead);
  const contacts = extractContacts(outline, ctx);
  const overview = extractOverview(outline, ctx, options.sourceName);
  const frontTitle = front.fields.title ?? front.fields.Title;
  // Several H1s are the document's parts, not its title.
  const h1s = outline.children.filter((c) => c.depth === 1).length;
  if (frontTitle && (isTemplatedTitle(overview.title) || h1s !== 1)) overview.title = frontTitle.replace(/`/g, '');
  overview.metadata = { ...front.fields, ...overview.metadata };

  for (const [code, phaseKey] of codePhase) {
    const key = keyOf.get(code);
    const action = actions.find((a) => a.key === key);
    if (action && action.phaseKey === null) action.phaseKey = phaseKey;
  }

  const draft: Playbook = {
    key: slugify(overview.title, 'playbook'),
    title: overview.title,
    source: options.sourceName ?? null,
    metadata: overview.metadata,
    description: overview.description,
    objectives: overview.objectives,
    severities,
    ...(severityNotes.length > 0 ? { severityNotes } : {}),
    matrix,
    phases,
    roles,
    contacts,
    templates,
    scenarios,
    actions,
    compliance,
    references: overview.references,
  };
  const playbook = playbookSchema.parse(sanitizePlaybook(draft));
  const unparsed = collectUnparsed(root, ctx);
  if (severities.length === 0) ctx.warn('No severity levels found.');
  if (phases.length === 0) ctx.warn('No phases found.');
  return { playbook, unparsed, warnings: [...ctx.warnings], choices: [...ctx.choices] };
}
