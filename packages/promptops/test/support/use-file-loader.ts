import type { TempProject } from './make-temp-project.ts';
import { useTempProject } from './use-temp-project.ts';

/** A loader under test: reads `file` (relative to `root`) from a project folder. */
export type LoadFile<T> = (root: string, file: string) => Promise<T>;

/**
 * A fresh temp project per test (see useTempProject) and `load(text)`, which writes `text` to `file`
 * (or to `at`) in it and returns what `loadFile` makes of it.
 */
export function useFileLoader<T>(
  file: string,
  loadFile: LoadFile<T>,
): { project: TempProject; load(text: string, at?: string): Promise<T> } {
  const project = useTempProject();
  return {
    project,
    async load(text, at = file) {
      await project.write({ [at]: text });
      return loadFile(project.root, at);
    },
  };
}
