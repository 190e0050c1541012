import { useNavigate } from 'react-router';
import type { ArtifactSummary, Page } from '../../api/types.ts';
import { useApi } from '../../use-api.ts';

/** A select of the catalog's prompts; choosing one opens `${base}/<name>`. */
export function PromptPicker({ base, current }: { base: string; current: string }) {
  const prompts = useApi<Page<ArtifactSummary>>('/api/artifacts?kind=prompt&limit=500');
  const navigate = useNavigate();
  return (
    <label className="inline picker">
      Prompt
      <select
        aria-label="Prompt"
        value={current}
        onChange={(event) => navigate(`${base}/${event.target.value}`)}
      >
        {current === '' && <option value="">Choose a prompt…</option>}
        {prompts.data?.items.map((prompt) => (
          <option key={prompt.name} value={prompt.name}>
            {prompt.name}
          </option>
        ))}
        {current !== '' && !prompts.data?.items.some((item) => item.name === current) && (
          <option value={current}>{current}</option>
        )}
      </select>
    </label>
  );
}
