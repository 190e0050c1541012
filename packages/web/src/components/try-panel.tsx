import { useEffect, useState } from 'react';
import { type ApiError, api } from '../api/client.ts';
import type { Rendered, RunResult } from '../api/types.ts';
import { ErrorNote } from './error-note.tsx';
import { RenderedPrompt } from './rendered-prompt.tsx';
import { RunResultView } from './run-result-view.tsx';
import {
  initialValues,
  type RawVariables,
  toVariables,
  VariablesForm,
  type VariablesSchema,
} from './variables-form.tsx';

/**
 * A saved version's preview and "try it": the variables form (from the version's schema), the
 * rendered prompt with its token estimate (`POST /api/renders`, as the variables change), and a run
 * through the runtime (`POST /api/runs`) for those who may run the prompt.
 */
export function TryPanel({
  name,
  version,
  schema,
  canRun,
}: {
  name: string;
  version: number;
  schema: VariablesSchema | undefined;
  canRun: boolean;
}) {
  const [values, setValues] = useState<RawVariables>(() => initialValues(schema));
  const [rendered, setRendered] = useState<Rendered | undefined>();
  const [renderError, setRenderError] = useState<ApiError | undefined>();
  const [result, setResult] = useState<RunResult | undefined>();
  const [runError, setRunError] = useState<ApiError | undefined>();
  const [running, setRunning] = useState(false);
  const { variables, problems } = toVariables(schema, values);
  const key = JSON.stringify(variables);

  // biome-ignore lint/correctness/useExhaustiveDependencies: key holds the variables
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api<Rendered>('/api/renders', { body: { prompt: name, version, variables } }).then(
        (answer) => {
          if (!current) return;
          setRendered(answer);
          setRenderError(undefined);
        },
        (failure: ApiError) => current && setRenderError(failure),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [name, version, key]);

  async function run() {
    setRunning(true);
    setRunError(undefined);
    setResult(undefined);
    try {
      setResult(await api<RunResult>('/api/runs', { body: { prompt: name, version, variables } }));
    } catch (failure) {
      setRunError(failure as ApiError);
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="split-wide">
      <section>
        <h2>Rendered prompt (v{version})</h2>
        {renderError ? (
          <ErrorNote error={renderError} />
        ) : rendered ? (
          <RenderedPrompt messages={rendered.messages} text={rendered.text} tokens={rendered.tokens} />
        ) : (
          <p className="muted">Rendering…</p>
        )}
      </section>
      <section>
        <h2>Variables</h2>
        <div className="card">
          <VariablesForm schema={schema} values={values} onChange={setValues} />
          {problems.length > 0 && <ErrorNote error={new Error(problems.join('\n'))} />}
          <div className="actions" style={{ marginTop: '0.75rem' }}>
            {canRun ? (
              <button
                type="button"
                className="primary"
                onClick={() => void run()}
                disabled={running || problems.length > 0}
              >
                {running ? 'Running…' : 'Try it'}
              </button>
            ) : (
              <span className="muted small">You may not run this prompt.</span>
            )}
          </div>
        </div>
        <div style={{ marginTop: '0.75rem' }}>
          <ErrorNote error={runError} />
          {result && <RunResultView result={result} />}
        </div>
      </section>
    </div>
  );
}
