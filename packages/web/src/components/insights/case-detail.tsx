import type { RecordedCase } from '../../api/insight-types.ts';
import { dollars, milliseconds } from './format-insights.ts';

/** One case on one version: its outputs (per repeat), the assertions with why each failed, guard verdicts. */
export function CaseDetail({
  version,
  result,
  onClose,
}: {
  /** A version number, or what ran instead (`the draft`). */
  version: number | string;
  result: RecordedCase;
  onClose(): void;
}) {
  const where = typeof version === 'number' ? `v${version}` : version;
  return (
    <section
      className="card case-detail"
      data-testid="case-detail"
      aria-label={`Case ${result.caseId} on ${where}`}
    >
      <div className="section-head">
        <h3>
          <code>{result.caseId}</code> on {where}{' '}
          <span className={`badge ${result.pass ? 'good' : 'bad'}`}>{result.pass ? 'pass' : 'fail'}</span>
        </h3>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      {result.description && <p>{result.description}</p>}
      {result.expectedClass !== undefined && (
        <p className="small">
          Expected class <strong>{result.expectedClass}</strong>, predicted{' '}
          <strong className={result.predictedClass === result.expectedClass ? 'good-text' : 'bad-text'}>
            {result.predictedClass ?? '(none)'}
          </strong>
        </p>
      )}
      {result.repeats.map((repeat, index) => (
        // Repeats have no identity but their position.
        // biome-ignore lint/suspicious/noArrayIndexKey: repeats are positional
        <div key={index} className="repeat">
          {result.repeats.length > 1 && (
            <h4>
              Repeat {index + 1} · {repeat.pass ? 'pass' : 'fail'}
            </h4>
          )}
          <div className="small muted">
            {repeat.output.status} · {milliseconds(repeat.output.latencyMs)} ·{' '}
            {repeat.output.costUsd === null ? 'cost unknown' : dollars(repeat.output.costUsd)} · score{' '}
            {repeat.score.toFixed(2)}
          </div>
          {repeat.output.error && (
            <p className="error small">
              <strong>{repeat.output.error.code}:</strong> {repeat.output.error.message}
            </p>
          )}
          <pre className="clip" data-testid="case-output">
            {repeat.output.output || '(no output)'}
          </pre>
          <ul className="assertions">
            {numbered(repeat.assertions).map(({ item: assertion, key }) => (
              <li
                key={key}
                className={
                  assertion.pass === true ? 'pass' : assertion.pass === false ? 'fail' : 'unmeasured'
                }
              >
                <span className="assertion-mark">
                  {assertion.pass === true ? '✓' : assertion.pass === false ? '✗' : '?'}
                </span>
                <code>{assertion.type}</code>
                {assertion.reason && <span className="reason"> — {assertion.reason}</span>}
              </li>
            ))}
          </ul>
          {repeat.output.verdicts.filter((verdict) => verdict.action !== 'allow').length > 0 && (
            <p className="small">
              Guards:{' '}
              {repeat.output.verdicts
                .filter((verdict) => verdict.action !== 'allow')
                .map(
                  (verdict) =>
                    `${verdict.stage} ${verdict.guard} ${verdict.action}${verdict.reason ? ` (${verdict.reason})` : ''}`,
                )
                .join('; ')}
            </p>
          )}
        </div>
      ))}
    </section>
  );
}

/** Items with a key made from their position: assertions have no identity of their own. */
function numbered<Item>(items: readonly Item[]): { item: Item; key: string }[] {
  return items.map((item, index) => ({ item, key: String(index) }));
}
