import type { EditorView } from '@codemirror/view';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type ApiError, api, namePath } from '../api/client.ts';
import type { ArtifactDetail, ArtifactKind, ChatMessage } from '../api/types.ts';
import { CompressPanel } from '../components/compress-panel.tsx';
import { DraftTry } from '../components/draft-try.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { artifactHref } from '../components/format.ts';
import { GuideLink, LintRuleGuideLink } from '../components/guide-link.tsx';
import { RenderedPrompt } from '../components/rendered-prompt.tsx';
import { ReplayPanel } from '../components/sandbox/replay-panel.tsx';
import { SuitesPanel } from '../components/suites/suites-panel.tsx';
import {
  initialValues,
  type RawVariables,
  toVariables,
  VariablesForm,
  type VariablesSchema,
} from '../components/variables-form.tsx';
import { CodeEditor, type EditorIssue, goToLine } from '../editor/code-editor.tsx';
import { usePermissions } from '../session.tsx';
import { useApi } from '../use-api.ts';

interface Draft {
  kind: ArtifactKind;
  name: string;
  version: number;
  file: string;
  text: string;
}

/** A prompt linter finding (docs/lint.md) on the draft. */
interface LintFinding {
  rule: string;
  severity: 'info' | 'warning' | 'error';
  message: string;
  hint: string;
  location: { file?: string; line?: number; field: string; fragment?: string };
}

interface Check {
  ok: boolean;
  lint?: LintFinding[];
  issues: (EditorIssue & { field: string | null })[];
  content?: Record<string, unknown>;
  preview?:
    | { ok: true; messages?: ChatMessage[]; text?: string; tokens: { estimate: number; encoding: string } }
    | { ok: false; error: { code: string; message: string } };
}

const KINDS: readonly ArtifactKind[] = ['prompt', 'fragment', 'example-bank'];

/** `{% render 'support/persona' %}` and `{% include "x@2" %}`: the fragments a file refers to. */
function fragmentReferences(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\{%-?\s*(?:render|include)\s+['"]([^'"@]+)(?:@\d+)?['"]/g))
    names.add(match[1]!);
  for (const match of text.matchAll(/^\s*bank:\s*['"]?([\w./-]+)/gm)) names.add(`bank:${match[1]!}`);
  return [...names];
}

/**
 * The editor: the artifact's file in CodeMirror, checked by the server as you type (problems in
 * place and listed with their lines), the draft's rendered preview with a variables form and token
 * estimate (prompts), and "propose change" with a changelog message, which saves the draft as the
 * next version and opens a change request for the chosen environment.
 */
export function EditorPage() {
  const params = useParams();
  const kind = (KINDS.includes(params.kind as ArtifactKind) ? params.kind : 'prompt') as ArtifactKind;
  const name = params['*'] ?? '';
  const draft = useApi<Draft>(`/api/drafts/${kind}/${namePath(name)}`);
  const detail = useApi<ArtifactDetail>(`/api/artifacts/${kind}/${namePath(name)}`);
  const permissions = usePermissions(name);
  const navigate = useNavigate();
  const view = useRef<EditorView | null>(null);

  const [text, setText] = useState<string | undefined>();
  const [check, setCheck] = useState<Check | undefined>();
  /** The text the last check answered for: runs use its content only while it is the text shown. */
  const [checkedText, setCheckedText] = useState<string | undefined>();
  const [checkError, setCheckError] = useState<ApiError | undefined>();
  const [values, setValues] = useState<RawVariables | undefined>();
  const [proposeError, setProposeError] = useState<ApiError | undefined>();
  const [proposing, setProposing] = useState(false);

  const schema = (check?.content?.variables ?? detail.data?.version.content.variables) as
    | VariablesSchema
    | undefined;
  useEffect(() => {
    if (values === undefined && detail.data)
      setValues(initialValues(detail.data.version.content.variables as VariablesSchema));
  }, [detail.data, values]);
  const { variables, problems } = toVariables(schema, values ?? {});
  const current = text ?? draft.data?.text;
  const variablesKey = JSON.stringify(variables);

  // biome-ignore lint/correctness/useExhaustiveDependencies: variablesKey stands for variables
  useEffect(() => {
    if (current === undefined) return;
    let live = true;
    const timer = setTimeout(() => {
      api<Check>('/api/drafts/check', {
        body: { kind, name, text: current, ...(kind === 'prompt' && { variables }) },
      }).then(
        (answer) => {
          if (!live) return;
          setCheck(answer);
          setCheckedText(current);
          setCheckError(undefined);
        },
        (failure: ApiError) => live && setCheckError(failure),
      );
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [current, kind, name, variablesKey]);

  // Lint findings in this file are marked in place beside its problems; those in included fragments are listed only.
  const lint = check?.ok ? (check.lint ?? []) : [];
  const marks = useMemo<EditorIssue[]>(
    () => [
      ...(check?.issues ?? []),
      ...(check?.ok ? (check.lint ?? []) : [])
        .filter((finding) => finding.location.line !== undefined && !finding.location.fragment)
        .map((finding) => ({
          message: `${finding.rule}: ${finding.message} ${finding.hint}`,
          line: finding.location.line ?? null,
          column: null,
          severity: finding.severity,
        })),
    ],
    [check],
  );
  // What the suites and the replay run: the checked content of the text on screen, not of an older one.
  const runnable = check?.ok && checkedText === current ? check.content : undefined;
  const references = useMemo(() => fragmentReferences(current ?? ''), [current]);
  const unchanged = current === draft.data?.text;
  const canPropose = permissions.can('change-propose') && permissions.can('version-create');
  const environments = [
    ...new Set([
      'production',
      'staging',
      ...(detail.data?.artifact.deployments.map((item) => item.environment) ?? []),
    ]),
  ];

  async function propose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!check?.ok || !check.content || !draft.data) return;
    const form = new FormData(event.currentTarget);
    setProposing(true);
    setProposeError(undefined);
    try {
      const change = await api<{ id: number }>('/api/changes', {
        body: {
          kind,
          name,
          environment: String(form.get('environment')),
          title: String(form.get('title')),
          content: { content: check.content, parentVersion: draft.data.version },
        },
      });
      navigate(`/changes/${change.id}`);
    } catch (failure) {
      setProposeError(failure as ApiError);
    } finally {
      setProposing(false);
    }
  }

  if (draft.error) return <ErrorNote error={draft.error} />;
  // The editor is made read-only or not once, when both the file and the reader's rights are known.
  if (!draft.data || !permissions.loaded) return <p className="loading">Loading…</p>;
  return (
    <div>
      <div className="page-head">
        <h1>
          Edit <Link to={artifactHref(kind, name)}>{name}</Link>
        </h1>
        <GuideLink step="editor" />
        <span className="muted small">
          {draft.data.file} · based on v{draft.data.version}
        </span>
      </div>
      {!canPropose && permissions.loaded && (
        <p className="notice">
          You may read this file but not propose changes to it (you need the author role on its folder).
        </p>
      )}
      <div className={kind === 'prompt' ? 'split' : ''}>
        <section>
          <CodeEditor
            initialText={draft.data.text}
            language={kind === 'fragment' ? 'liquid' : 'yaml'}
            issues={marks}
            onChange={setText}
            readOnly={!canPropose}
            viewRef={view}
          />
          <div data-testid="validation">
            <ErrorNote error={checkError} />
            {check && !check.ok && (
              <ul className="issues">
                {check.issues.map((issue, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id
                  <li key={index}>
                    <button type="button" className="link" onClick={() => goToLine(view.current, issue.line)}>
                      line {issue.line ?? '?'}
                      {issue.column ? `:${issue.column}` : ''}
                    </button>
                    {issue.field && <code> {issue.field}</code>}: {issue.message}
                  </li>
                ))}
              </ul>
            )}
            {lint.length > 0 && (
              <ul className="lint" data-testid="lint">
                {lint.map((finding, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id
                  <li key={index} className={`lint-${finding.severity}`}>
                    <button
                      type="button"
                      className="link"
                      onClick={() => goToLine(view.current, finding.location.line ?? null)}
                    >
                      {finding.location.line ? `line ${finding.location.line}` : finding.location.field}
                    </button>{' '}
                    <code>{finding.rule}</code> {finding.message}{' '}
                    <span className="muted">{finding.hint}</span> <LintRuleGuideLink rule={finding.rule} />
                  </li>
                ))}
              </ul>
            )}
            {check?.ok && (
              <p className="success small" data-testid="valid">
                The file is valid{unchanged ? ' (no changes yet)' : ''}.
              </p>
            )}
          </div>
          {references.length > 0 && (
            <p className="small">
              Refers to:{' '}
              {references.map((reference) => {
                const isBank = reference.startsWith('bank:');
                const target = isBank ? reference.slice(5) : reference;
                return (
                  <Link
                    key={reference}
                    to={artifactHref(isBank ? 'example-bank' : 'fragment', target)}
                    className="ref-link"
                  >
                    {target}
                  </Link>
                );
              })}
            </p>
          )}
          {canPropose && (
            <form className="card form-grid" onSubmit={propose}>
              <h2 style={{ margin: 0 }}>
                Propose change <GuideLink step="propose" />
              </h2>
              <label>
                Changelog message
                <input name="title" required maxLength={500} placeholder="What changed and why" />
              </label>
              <label>
                For environment
                <select name="environment" defaultValue="production">
                  {environments.map((environment) => (
                    <option key={environment}>{environment}</option>
                  ))}
                </select>
              </label>
              <ErrorNote error={proposeError} />
              <div className="actions">
                <button type="submit" className="primary" disabled={proposing || !check?.ok || unchanged}>
                  {proposing ? 'Proposing…' : 'Propose change'}
                </button>
                {unchanged && <span className="muted small">Edit the file first.</span>}
                {check && !check.ok && <span className="muted small">Fix the problems first.</span>}
              </div>
            </form>
          )}
        </section>
        {kind === 'prompt' && (
          <section>
            <h2 style={{ marginTop: 0 }}>Preview of the draft</h2>
            <div className="card">
              <VariablesForm schema={schema} values={values ?? {}} onChange={setValues} />
            </div>
            {check?.preview?.ok === true && (
              <RenderedPrompt
                messages={check.preview.messages}
                text={check.preview.text}
                tokens={check.preview.tokens}
              />
            )}
            {check?.preview?.ok === false && (
              <ErrorNote
                error={Object.assign(new Error(check.preview.error.message), {
                  code: check.preview.error.code,
                })}
              />
            )}
            {check && !check.ok && <p className="muted">Fix the file's problems to see the preview.</p>}
            {permissions.can('version-create') && (
              <DraftTry
                name={name}
                content={check?.ok ? check.content : undefined}
                variables={variables}
                {...(problems.length > 0 && { blocked: problems.join('; ') })}
              />
            )}
            {permissions.can('eval-run') && <SuitesPanel name={name} content={runnable} />}
            {permissions.can('version-create') && <ReplayPanel name={name} content={runnable} />}
            {canPropose && (
              <CompressPanel
                name={name}
                text={current}
                onApply={(next) =>
                  view.current?.dispatch({
                    changes: { from: 0, to: view.current.state.doc.length, insert: next },
                  })
                }
              />
            )}
          </section>
        )}
      </div>
    </div>
  );
}
