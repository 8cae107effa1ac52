import { useMemo, useState } from 'react';
import type { UnparsedBlock } from '../../../shared/playbook/model';

export const sourceLineId = (line: number): string => `pb-src-${line}`;

/** The lines each unparsed block covers: its first line and the ones its text runs on to. */
export function unparsedLines(lines: readonly string[], unparsed: readonly UnparsedBlock[]): Set<number> {
  const out = new Set<number>();
  for (const block of unparsed) {
    if (block.line < 1) continue;
    const span = Math.max(1, block.text.split('\n').length);
    for (let n = block.line; n < block.line + span && n <= lines.length; n++) {
      if (n > block.line && (lines[n - 1] ?? '').trim() === '') break;
      out.add(n);
    }
  }
  return out;
}

interface Props {
  source: string;
  sourceName: string;
  unparsed: readonly UnparsedBlock[];
}

/** The imported Markdown with line numbers; lines Cordon did not understand are marked. */
export function SourcePane({ source, sourceName, unparsed }: Props) {
  const lines = useMemo(() => source.split(/\r\n|\r|\n/), [source]);
  const marked = useMemo(() => unparsedLines(lines, unparsed), [lines, unparsed]);
  const [current, setCurrent] = useState<number | null>(null);

  const jump = (line: number) => {
    setCurrent(line);
    const el = document.getElementById(sourceLineId(line));
    el?.scrollIntoView?.({ block: 'center' });
    el?.focus({ preventScroll: true });
  };

  return (
    <>
      <section className="pb-section" aria-labelledby="pb-unparsed-title">
        <h3 id="pb-unparsed-title" className="pb-section-title">
          Not understood <span className="pb-count">{unparsed.length}</span>
        </h3>
        {unparsed.length === 0 ? (
          <p className="muted small">Every part of the file was mapped.</p>
        ) : (
          <>
            <p className="muted small">Cordon keeps these lines with the playbook but does not use them. Map them by hand on the right if they matter.</p>
            <ul className="pb-unparsed-list">
              {unparsed.map((block, i) => (
                <li key={`${block.line}-${i}`}>
                  <button type="button" className="pb-unparsed-button" onClick={() => jump(block.line)} disabled={block.line < 1}>
                    <span className="pb-unparsed-line">{block.line >= 1 ? `Line ${block.line}` : 'Line ?'}</span>
                    <span className="pb-unparsed-text">{block.text}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="pb-section pb-source-section" aria-labelledby="pb-source-title">
        <h3 id="pb-source-title" className="pb-section-title">
          Source <span className="muted small pb-source-name">{sourceName}</span>
        </h3>
        <div className="pb-source" tabIndex={0} role="region" aria-label={`Source Markdown of ${sourceName}`}>
          <ol className="pb-source-lines">
            {lines.map((text, i) => {
              const n = i + 1;
              const isMarked = marked.has(n);
              return (
                <li
                  key={n}
                  id={sourceLineId(n)}
                  tabIndex={-1}
                  className={`pb-source-line${isMarked ? ' pb-source-unparsed' : ''}${current === n ? ' pb-source-current' : ''}`}
                  data-unparsed={isMarked || undefined}
                >
                  <span className="pb-ln" aria-hidden="true">
                    {n}
                  </span>
                  <code className="pb-line-text">
                    {text === '' ? '\u200b' : text}
                    {isMarked && <span className="visually-hidden"> (not understood)</span>}
                  </code>
                </li>
              );
            })}
          </ol>
        </div>
      </section>
    </>
  );
}
