import { ARTIFACT_KINDS, type ArtifactKind } from '../../catalog/content/names.ts';
import type { Catalog } from '../../catalog/service/catalog.ts';
import { PromptopsError } from '../../errors/index.ts';

export const KIND_OPTION = { kind: { type: 'string' as const } };

/**
 * Names are unique per kind; commands accept a bare name and find its kind, asking for `--kind`
 * only when the same name is both, say, a prompt and a fragment.
 */
export async function resolveKind(
  catalog: Catalog,
  name: string,
  kindOption: string | undefined,
): Promise<ArtifactKind> {
  if (kindOption !== undefined) {
    if (!(ARTIFACT_KINDS as readonly string[]).includes(kindOption)) {
      throw new PromptopsError('invalid_argument', `--kind must be one of ${ARTIFACT_KINDS.join(', ')}`, {
        parameter: 'kind',
      });
    }
    return kindOption as ArtifactKind;
  }
  const found = await catalog.list({ prefix: name });
  const kinds = found.filter((artifact) => artifact.name === name).map((artifact) => artifact.kind);
  if (kinds.length === 1) return kinds[0]!;
  if (kinds.length === 0) {
    const similar = found.slice(0, 3).map((artifact) => artifact.name);
    throw new PromptopsError(
      'prompt_not_found',
      `nothing named ${name} in the catalog${similar.length ? `; did you mean ${similar.join(', ')}?` : ''}`,
      { name },
    );
  }
  throw new PromptopsError(
    'invalid_argument',
    `${name} is a ${kinds.join(' and a ')}; say which with --kind`,
    {
      parameter: 'kind',
    },
  );
}
