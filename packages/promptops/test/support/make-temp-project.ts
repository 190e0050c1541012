import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A real project folder in the system temp directory, removed by `remove`. */
export interface TempProject {
  root: string;
  write(files: Record<string, string>): Promise<void>;
  remove(): Promise<void>;
}

/** Creates a temp project holding `files` (paths relative to its root). */
export async function makeTempProject(files: Record<string, string> = {}): Promise<TempProject> {
  const root = await mkdtemp(path.join(tmpdir(), 'promptops-files-'));
  const project: TempProject = {
    root,
    async write(more) {
      for (const [file, text] of Object.entries(more)) {
        await mkdir(path.dirname(path.join(root, file)), { recursive: true });
        await writeFile(path.join(root, file), text);
      }
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  await project.write(files);
  return project;
}
