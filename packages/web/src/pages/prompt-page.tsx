import type { ArtifactKind } from '../api/types.ts';

export function PromptPage(_props: { kind: ArtifactKind }) {
  return <p className="empty">Coming next.</p>;
}
