import { FragmentContent } from '../content/index.ts';
import { nameArtifact } from './artifact-layout.ts';
import { parseFieldPath } from './field-path.ts';
import { filesError } from './file-issues.ts';
import { splitFrontMatter } from './front-matter.ts';
import type { LoadedFragment } from './loaded-artifact.ts';
import { readTextFile } from './read-text-file.ts';
import { checkFile } from './validate-file.ts';
import { parseYamlDocument } from './yaml-document.ts';

/**
 * Reads `fragments/<name>.liquid`: optional front matter (description, owner, tags) between `---`
 * lines, then the template. Front matter errors name the line in the `.liquid` file.
 * @example await loadFragmentFile('/repo/acme-support', 'fragments/support/persona.liquid')
 */
export async function loadFragmentFile(projectRoot: string, file: string): Promise<LoadedFragment> {
  return parseFragmentFile(await readTextFile(projectRoot, file), file);
}

export function parseFragmentFile(text: string, file: string): LoadedFragment {
  const split = splitFrontMatter(text);
  if (!split) {
    throw filesError([
      {
        message: 'front matter opened with --- on line 1 is never closed by a --- line',
        location: { file, line: 1, column: 1 },
      },
    ]);
  }
  const document = parseYamlDocument(split.frontMatter ?? '', { file, firstLine: split.frontMatterLine });
  const named = nameArtifact('fragment', document);
  const issues = [...named.issues];
  let frontMatter = named.data ?? {};
  if (typeof frontMatter !== 'object' || Array.isArray(frontMatter)) {
    frontMatter = {};
    issues.push({
      message: 'front matter must be a map of keys (description, owner, tags)',
      location: document.locate([]),
    });
  } else if (Object.hasOwn(frontMatter, 'template')) {
    issues.push({
      message: 'the template is the text after the front matter, not a front matter key',
      location: document.locate(['template']),
    });
  }
  const check = checkFile(FragmentContent, document, {
    ...(frontMatter as object),
    template: split.template,
  });
  if (!check.ok) issues.push(...check.issues);
  if (issues.length > 0 || !check.ok) throw filesError(issues);
  return {
    kind: 'fragment',
    name: named.name,
    content: check.value,
    file,
    locate(field) {
      const path = typeof field === 'string' ? parseFieldPath(field) : field;
      if (path[0] === 'template') return { file, line: split.templateLine, column: 1, field: 'template' };
      return document.locate(path);
    },
  };
}
