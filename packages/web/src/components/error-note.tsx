import type { ApiError } from '../api/client.ts';

/** What the server said went wrong, with its code: shown in place of the thing that failed. */
export function ErrorNote({ error }: { error: ApiError | Error | undefined | null }) {
  if (!error) return null;
  const code = 'code' in error ? (error as ApiError).code : undefined;
  return (
    <div className="error" role="alert">
      {code && <strong>{code}: </strong>}
      <span className="pre">{error.message}</span>
    </div>
  );
}
