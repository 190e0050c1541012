import type { ScriptedProtocol, ScriptRule } from './script-types.ts';

const FALLBACK_MODEL = 'scripted-model';

/** The model names rules match exactly (patterns name no model), or one placeholder. */
export function scriptedModelNames(rules: readonly ScriptRule[]): string[] {
  const names = new Set<string>();
  for (const rule of rules) if (typeof rule.match?.model === 'string') names.add(rule.match.model);
  return names.size > 0 ? [...names] : [FALLBACK_MODEL];
}

/** `GET /v1/models` in the caller's protocol. */
export function modelsBody(protocol: ScriptedProtocol, names: readonly string[]): string {
  if (protocol === 'anthropic') {
    const data = names.map((id) => ({
      type: 'model',
      id,
      display_name: id,
      created_at: '2025-01-01T00:00:00Z',
    }));
    return JSON.stringify({
      data,
      has_more: false,
      first_id: names[0] ?? null,
      last_id: names.at(-1) ?? null,
    });
  }
  const data = names.map((id) => ({
    id,
    object: 'model',
    created: 1735689600,
    owned_by: 'promptops-scripted',
  }));
  return JSON.stringify({ object: 'list', data });
}
