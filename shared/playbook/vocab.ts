// Words playbooks use for their parts. Matching is on heading and label text only.

export type SectionKind =
  | 'severity'
  | 'matrix'
  | 'roles'
  | 'contacts'
  | 'templates'
  | 'scenarios'
  | 'compliance'
  | 'overview'
  | 'references';

const KINDS: ReadonlyArray<[SectionKind, RegExp]> = [
  ['matrix', /\b(matrix|determine (the )?severity|severity assessment|impact\s*(x|×|\*|and|\/|vs\.?)\s*urgency)\b/i],
  ['severity', /\b(severity|severities|sev levels?|priority levels?|priorities|prioriti[sz]ation|incident (classification|levels?|categories|categori[sz]ation)|classification|impact levels?|criticality|urgency levels?)\b/i],
  ['templates', /\btemplates?\b|\bsample (messages?|emails?)\b|\bmessage (drafts?|examples?)\b/i],
  ['roles', /\b(roles?|responsibilities|raci|team structure|who does what|incident team|response team|team members|org(anization)? chart)\b/i],
  ['contacts', /\b(contacts?|escalation( paths?| matrix| chain| ladder| policy)?|on-?call( rotation)?|call tree|phone tree|directory|who to call)\b/i],
  ['scenarios', /\b(scenarios?|use cases?|common incidents|incident types|specific incidents|runbooks? by type)\b/i],
  ['compliance', /\b(compliance|regulat\w*|legal (and|&) regulatory|governance|gdpr|hipaa|pci|privacy obligations|breach notification|notification obligations|reporting obligations|statutory)\b/i],
  ['references', /\b(related( docs| documents| documentation)?|linked (docs|documents)|references?|see also|further reading|table of contents|contents|appendix|glossary)\b/i],
  ['overview', /\b(overview|purpose|objectives?|goals?|scope|introduction|about( this)?|summary)\b/i],
];

export function sectionKind(title: string): SectionKind | undefined {
  for (const [kind, re] of KINDS) if (re.test(title)) return kind;
  return undefined;
}

export function isKind(title: string, kind: SectionKind): boolean {
  return KINDS.some(([k, re]) => k === kind && re.test(title));
}

export type PhaseFamily =
  | 'preparation'
  | 'detection'
  | 'triage'
  | 'containment'
  | 'eradication'
  | 'recovery'
  | 'post-incident'
  | 'communication';

const FAMILIES: ReadonlyArray<[PhaseFamily, RegExp]> = [
  ['preparation', /\b(prepar\w*|readiness|pre-incident|planning)\b/i],
  ['detection', /\b(detect\w*|identif\w*|discover\w*|alerting|intake|recogni[sz]\w*)\b/i],
  ['triage', /\b(triage|analy[sz]\w*|assess\w*|investigat\w*|mobili[sz]\w*|declar\w*|scoping|escalat\w+ and triage|diagnos\w*|troubleshoot\w*)\b/i],
  ['containment', /\b(contain\w*|isolat\w*|mitigat\w*|stabili[sz]\w*)\b/i],
  ['eradication', /\b(eradicat\w*|remediat\w*|removal|clean-?up|eliminat\w*)\b/i],
  ['recovery', /\b(recover\w*|restor\w*|resolution|resolved?|return to normal)\b/i],
  ['post-incident', /\b(post[- ]?incident|post[- ]?mortem|lessons?[- ]learn\w*|retrospectives?|after-action|follow-?up|closure|close-?out|incident review|continuous improvement|pir)\b/i],
  ['communication', /\b(communicat\w*|notif\w*|stakeholder updates?)\b/i],
];

/** The lifecycle family a title names, by the earliest matching word ("Detection & Triage" -> detection). */
export function phaseFamily(title: string): PhaseFamily | undefined {
  let best: { family: PhaseFamily; at: number } | undefined;
  for (const [family, re] of FAMILIES) {
    const m = re.exec(title);
    if (m && (best === undefined || m.index < best.at)) best = { family, at: m.index };
  }
  return best?.family;
}

export const EXPLICIT_PHASE = /^\s*(?:phase|stage)\s*[0-9ivx]+\b/i;
export const PHASE_CONTAINER = /\b(phases|lifecycle|life cycle|workflow|response process|response steps|response plan|procedures?|process|stages)\b/i;

export const CHECK_MARK = /^(✓|✔|✅|☑|☒|x|X|●|•|\*|yes|y|true|\+)$/;
