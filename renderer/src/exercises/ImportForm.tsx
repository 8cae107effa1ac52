import { useId, useState } from 'react';
import { useExercises } from './exercises-store';

/** Paste or load a tabletop document; what was imported, or why not, and every line not understood. */
export function ImportForm({ result }: { result: ReturnType<typeof useExercises.getState>['importResult'] }) {
  const [format, setFormat] = useState<'markdown' | 'yaml'>('markdown');
  const [text, setText] = useState('');
  const fmtId = useId();
  const txtId = useId();
  const fileId = useId();
  const failed = result !== null && result.titles.length === 0;
  return (
    <details className="ex-import" open={result !== null}>
      <summary>Import a scenario (Markdown tabletop document or YAML)</summary>
      <div className="ex-import-fields">
        <label htmlFor={fileId}>Load from a file</label>
        <input
          id={fileId}
          type="file"
          accept=".md,.markdown,.txt,.yaml,.yml"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            setFormat(/\.ya?ml$/i.test(f.name) ? 'yaml' : 'markdown');
            void f.text().then(setText);
          }}
        />
        <label htmlFor={fmtId}>Format</label>
        <select id={fmtId} value={format} onChange={(e) => setFormat(e.target.value as 'markdown' | 'yaml')}>
          <option value="markdown">Markdown</option>
          <option value="yaml">YAML</option>
        </select>
        <label htmlFor={txtId}>Document</label>
        <textarea id={txtId} rows={10} value={text} onChange={(e) => setText(e.target.value)} placeholder={'# Scenario title\n\n## T+0 — First inject\nText…\nExpected: severity SEV2 within 10m'} />
      </div>
      <button type="button" className="button" disabled={text.trim() === ''} onClick={() => void useExercises.getState().importScenario({ format, text })}>
        Import
      </button>
      {result && (
        <div role="status" className={`small ex-import-result${failed ? ' ex-import-failed' : ''}`} aria-label="Import result">
          {result.titles.length === 1 && <p>Imported “{result.titles[0]}”. It is in the scenario library above.</p>}
          {result.titles.length > 1 && (
            <>
              <p>Imported {result.titles.length} scenarios from this document. They are in the scenario library above:</p>
              <ul>
                {result.titles.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </>
          )}
          {failed && <p className="form-error">Nothing was imported.</p>}
          {result.errors.map((e) => (
            <p key={e} className="form-error">
              {e}
            </p>
          ))}
          {result.unparsed.length > 0 && (
            <>
              <p>
                Not understood ({result.unparsed.length} line{result.unparsed.length === 1 ? '' : 's'}):
              </p>
              <ul className="ex-unparsed" aria-label="Not understood" tabIndex={0}>
                {result.unparsed.map((u) => (
                  <li key={`${u.line}-${u.text}`}>
                    <span className="ex-mono">Line {u.line}</span> {u.text}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </details>
  );
}
