import { useEffect, useRef } from 'react';
import { commonmarkLanguage, markdownKeymap } from '@codemirror/lang-markdown';
import { LanguageSupport } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { Annotation, EditorState, Prec, Transaction } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';

// CodeMirror 6 over Markdown. The document lives in the editor; React hears every change
// and pushes a new value in only when it differs (a draft, a restore, someone else's save).

/** Marks changes pushed in from outside, so they are not reported back as edits. */
const external = Annotation.define<boolean>();

/** Start/end of document: the view renders only what is visible, so the browser's own Ctrl+End stops short. */
const jump = (to: 'start' | 'end', extend: boolean) => (view: EditorView) => {
  const head = to === 'start' ? 0 : view.state.doc.length;
  view.dispatch({ selection: { anchor: extend ? view.state.selection.main.anchor : head, head }, scrollIntoView: true, userEvent: 'select' });
  return true;
};
const documentKeys = keymap.of([
  { key: 'Mod-Home', run: jump('start', false), shift: jump('start', true) },
  { key: 'Mod-End', run: jump('end', false), shift: jump('end', true) },
]);

// Markdown alone. `markdown()` would also bring @codemirror/lang-html (for inline tags), which
// statically imports the JavaScript and CSS parsers: three quarters of the editor's weight for
// highlighting nobody here needs. Same base grammar and keys as `markdown()`'s defaults.
const markdownOnly = new LanguageSupport(commonmarkLanguage, [Prec.high(keymap.of(markdownKeymap))]);

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--surface)', height: '100%', fontSize: '14px' },
  '.cm-content': { fontFamily: 'var(--font-mono)', caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', color: 'var(--text-muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--surface-2) 60%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--surface-2)' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '-1px' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'color-mix(in srgb, var(--focus) 30%, transparent)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
});

export function MarkdownEditor({ value, onChange, label }: { value: string; onChange(text: string): void; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  const latest = useRef(value);
  useEffect(() => {
    changed.current = onChange;
    latest.current = value;
  }, [onChange, value]);

  useEffect(() => {
    if (!host.current) return;
    // Inside a shadow root CodeMirror's styles go in through adoptedStyleSheets (CSSOM), which
    // the CSP's style-src 'self' allows; in the document itself it would add a <style> tag,
    // which the CSP blocks. Theme colours still come from our CSS variables, which inherit.
    const shadow = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    const mount = document.createElement('div');
    mount.style.height = '100%';
    shadow.replaceChildren(mount);
    const editor = new EditorView({
      root: shadow,
      parent: mount,
      state: EditorState.create({
        doc: latest.current,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          drawSelection(),
          highlightActiveLine(),
          history(),
          documentKeys,
          // Tab is left to the browser, so keyboard users can leave the editor.
          keymap.of([...historyKeymap, ...defaultKeymap]),
          markdownOnly,
          EditorView.lineWrapping,
          theme,
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(external))) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      mount.remove();
      view.current = null;
    };
  }, [label]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      // Pushed-in text (a draft, a restore, another window's save) is not something to undo.
      editor.dispatch({
        changes: { from: 0, to: editor.state.doc.length, insert: value },
        annotations: [external.of(true), Transaction.addToHistory.of(false)],
      });
    }
  }, [value]);

  return <div ref={host} className="pm-editor" />;
}
