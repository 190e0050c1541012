import { liquid } from '@codemirror/lang-liquid';
import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

export interface EditorIssue {
  message: string;
  line: number | null;
  column: number | null;
  /** Problems are errors; the prompt linter's findings are warnings or notes. */
  severity?: 'error' | 'warning' | 'info';
}

/**
 * CodeMirror 6 with YAML (prompts, example banks) or Liquid (fragments) highlighting. Problems the
 * server found are shown in place: underlined at their line and column, with a marker in the gutter.
 */
export function CodeEditor({
  initialText,
  language,
  issues,
  onChange,
  readOnly = false,
  viewRef,
}: {
  initialText: string;
  language: 'yaml' | 'liquid';
  issues: readonly EditorIssue[];
  onChange(text: string): void;
  readOnly?: boolean;
  viewRef?: { current: EditorView | null };
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is made once per document
  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          basicSetup,
          language === 'yaml' ? yaml() : liquid(),
          lintGutter(),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ 'aria-label': 'File editor', 'data-testid': 'code-editor' }),
        ],
      }),
    });
    view.current = editor;
    if (viewRef) viewRef.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [initialText, language, readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const document = editor.state.doc;
    const diagnostics: Diagnostic[] = issues.map((issue) => {
      const line = document.line(Math.min(Math.max(issue.line ?? 1, 1), document.lines));
      const from = Math.min(line.from + Math.max((issue.column ?? 1) - 1, 0), line.to);
      return {
        from,
        to: Math.max(line.to, from),
        severity: issue.severity ?? 'error',
        message: issue.message,
      };
    });
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [issues]);

  return <div className="editor-frame" ref={host} />;
}

/** Moves the cursor to a line and scrolls it into view (the problem list's links). */
export function goToLine(view: EditorView | null, line: number | null) {
  if (!view || line === null) return;
  const target = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
  view.dispatch({
    selection: { anchor: target.from },
    effects: EditorView.scrollIntoView(target.from, { y: 'center' }),
  });
  view.focus();
}
