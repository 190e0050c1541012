import { afterEach, beforeEach } from 'vitest';
import { makeTempProject, type TempProject } from './make-temp-project.ts';

/**
 * A fresh temp project holding `files` for each test of the calling file or `describe` block, made in
 * `beforeEach` and removed in `afterEach`. The returned project stands for the current test's one.
 */
export function useTempProject(files: Record<string, string> = {}): TempProject {
  let current: TempProject | undefined;
  beforeEach(async () => {
    current = await makeTempProject(files);
  });
  afterEach(async () => {
    await current?.remove();
    current = undefined;
  });
  const project = (): TempProject => {
    if (!current) throw new Error('the temp project exists only while a test runs');
    return current;
  };
  return {
    get root() {
      return project().root;
    },
    write: (more) => project().write(more),
    remove: () => project().remove(),
  };
}
