import type { LocatedIssue } from './file-issues.ts';
import type { LoadedArtifact } from './loaded-artifact.ts';

/**
 * Two files of one kind claiming one name. Names come from paths and a `name:` key must match its
 * path, so this cannot happen today; it guards the catalog's (kind, name) uniqueness should naming
 * ever loosen (a `.yml` spelling, a case-insensitive file system copying files in).
 */
export function findDuplicateNames(
  artifacts: readonly Pick<LoadedArtifact, 'kind' | 'name' | 'file'>[],
): LocatedIssue[] {
  const first = new Map<string, string>();
  const issues: LocatedIssue[] = [];
  for (const artifact of artifacts) {
    const key = `${artifact.kind}:${artifact.name}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, artifact.file);
    else {
      issues.push({
        message: `the ${artifact.kind} "${artifact.name}" is also defined in ${earlier}; names must be unique`,
        location: { file: artifact.file },
      });
    }
  }
  return issues;
}
