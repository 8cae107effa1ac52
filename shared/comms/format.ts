// The two forms an update is copied or saved in. Plain text is what goes into an e-mail or a
// chat box; Markdown keeps the line breaks of a "Severity: ... / Status: ..." block (a bare
// newline would join them into one paragraph) and shows the subject as a heading.

export interface UpdateText {
  subject: string | null;
  body: string;
}

export function asPlainText({ subject, body }: UpdateText): string {
  const text = body.replace(/\r\n?/g, '\n').trimEnd();
  return subject ? `Subject: ${subject}\n\n${text}\n` : `${text}\n`;
}

const isBlock = (line: string) => line.trim() === '' || /^\s*(?:[-*+]|\d+[.)]|#{1,6}|>|\|)\s/.test(line);

export function asMarkdown({ subject, body }: UpdateText): string {
  const lines = body.replace(/\r\n?/g, '\n').trimEnd().split('\n');
  // A hard break ends each line that is followed by more of the same paragraph.
  const out = lines.map((line, i) => {
    const next = lines[i + 1];
    return next !== undefined && !isBlock(line) && !isBlock(next) ? `${line.trimEnd()}  ` : line;
  });
  return subject ? `## ${subject}\n\n${out.join('\n')}\n` : `${out.join('\n')}\n`;
}

/** A file name for a saved update: audience, incident and time, nothing else from the record. */
export function updateFileName(audienceKey: string, incidentId: string, at: number, format: 'plain' | 'markdown'): string {
  const stamp = new Date(at).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `update-${audienceKey.replace(/[^a-z0-9-]/g, '')}-${incidentId.slice(0, 8)}-${stamp}.${format === 'markdown' ? 'md' : 'txt'}`;
}
