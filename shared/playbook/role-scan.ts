import type { List, ListItem, Paragraph, RootContent } from './mdast';
import { markedText, paragraphLines, squash, STRONG_CLOSE, STRONG_OPEN, stripMarks } from './markdown';
import type { RoleDraft } from './items';
import { walkSections, type Section } from './sections';
import { tableOf } from './tables';

// Roles named in bold wherever they are: "1. the **Incident comms lead** (responsible for ...)"
// in a step, "**Triager**: Create a thread" before a step, "**Technical Incident Leader** –
// Always in the incident" inside a table cell. Only bold names that read as a person or team
// with a job count, and at least two of them in one place unless the line says what they do.

const ROLE_NOUN = /\b(lead|leader|commander|manager|coordinator|scribe|officer|liaison|owner|engineer|responder|analyst|director|counsel|recorder|planner|expert|reporter|messenger|deputy|secretariat|triager|on-?call|administrator|admin|representative|spokesperson|chair|investigator|handler|controller|relations|ciso|cto|ceo|cio|dpo|sme|observer|facilitator|approver|authority|sponsor|advisor|adviser|specialist|consultant|head|custodian|steward|architect|spokesperson|auditor|agent|operator|delegate)s?\b/i;
const NOT_ROLE = /\b(summary|overview|report|plan|process|policy|table|section|step|phase|template|checklist|time|severity|priority|level|example|note|warning|important|roles?)\b/i;
// "**CISO**: ciso@example.com" is a contact, not a duty.
const CONTACTISH = /@|\+?\d[\d\s().-]{6,}\d|https?:\/\//;
// Admonitions and disclaimers: "**Important**", "> [!NOTE]", "!!! warning".
export const ADMONITION = /^\s*(\[!)?(important|note|nb|warning|caution|tip|info|information|attention|danger|disclaimer|todo|example|optional|hint|remember|see also|tl;?dr)\]?\s*:?\s*$/i;

export function plausibleRole(name: string): boolean {
  const n = squash(name);
  return n !== '' && n.length <= 60 && n.split(' ').length <= 6 && ROLE_NOUN.test(n) && !NOT_ROLE.test(n) && !ADMONITION.test(n);
}

const BOLD = new RegExp(`${STRONG_OPEN}([^${STRONG_CLOSE}]{2,80})${STRONG_CLOSE}`, 'g');

/** Bold role names in one marked line, each with the words that follow it up to the next one. */
function boldRoles(marked: string): RoleDraft[] {
  const out: RoleDraft[] = [];
  const hits = [...marked.matchAll(BOLD)];
  hits.forEach((m, i) => {
    const name = squash(stripMarks(m[1] ?? '')).replace(/[:：]$/, '').replace(/^the\s+/i, '');
    if (!plausibleRole(name)) return;
    const end = hits[i + 1]?.index ?? marked.length;
    const duty = squash(stripMarks(marked.slice((m.index ?? 0) + m[0].length, end)))
      .replace(/^[\s:–—-]+/, '')
      .replace(/^\((.*)\)\.?$/, '$1')
      .trim();
    if (CONTACTISH.test(duty)) return;
    out.push({ name: name.charAt(0).toUpperCase() + name.slice(1), duties: duty !== '' ? [duty] : [] });
  });
  return out;
}

function itemLine(item: ListItem): string {
  const p = item.children[0];
  return p?.type === 'paragraph' ? markedText(p) : '';
}

function fromList(list: List, out: RoleDraft[]): void {
  const found = list.children.flatMap((i) => boldRoles(itemLine(i)).slice(0, 1));
  if (found.length >= 2) out.push(...found);
  for (const item of list.children) for (const c of item.children) if (c.type === 'list') fromList(c, out);
}

function fromParagraph(p: Paragraph, out: RoleDraft[]): void {
  // "**Triager**: Gather critical information": a role named with what it does.
  for (const line of paragraphLines(p)) {
    if (!line.startsWith(STRONG_OPEN)) continue;
    const r = boldRoles(line)[0];
    if (r && (r.duties[0] ?? '').split(' ').length >= 3 && /^\ue000[^\ue001]+\ue001\s*:|^\ue000[^\ue001]+:\ue001/.test(line)) out.push(r);
  }
}

function fromBlock(b: RootContent, out: RoleDraft[]): void {
  if (b.type === 'list') fromList(b, out);
  else if (b.type === 'paragraph') fromParagraph(b, out);
  else if (b.type === 'blockquote') for (const c of b.children) fromBlock(c, out);
  else {
    const t = tableOf(b);
    if (!t) return;
    for (const row of t.markedRows) {
      for (const cell of row) {
        const found = boldRoles(cell.replace(/<br\s*\/?>/gi, ' '));
        if (found.length >= 2) out.push(...found);
      }
    }
  }
}

export function scanRoles(outline: Section): RoleDraft[] {
  const out: RoleDraft[] = [];
  for (const s of walkSections(outline)) for (const b of s.blocks) fromBlock(b, out);
  return out;
}

