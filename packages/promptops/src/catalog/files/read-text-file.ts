import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PromptopsError } from '../../errors/index.ts';
import { type FileErrorCode, filesError } from './file-issues.ts';

/** Project files are hand-written text; anything bigger is a mistake (or an attack on the parser). */
export const MAX_FILE_BYTES = 1_000_000;

/**
 * Reads a project file as UTF-8. An unreadable or oversized file is a file error naming the file,
 * so `readProject` can report it together with every other problem.
 */
export async function readTextFile(
  root: string,
  file: string,
  code: FileErrorCode = 'file_invalid',
): Promise<string> {
  const absolute = path.join(root, file);
  try {
    const { size } = await stat(absolute);
    if (size > MAX_FILE_BYTES) {
      throw filesError(
        [
          {
            message: `the file is ${size} bytes; project files are at most ${MAX_FILE_BYTES}`,
            location: { file },
          },
        ],
        code,
      );
    }
    return await readFile(absolute, 'utf8');
  } catch (error) {
    if (PromptopsError.isInstance(error)) throw error;
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      throw filesError([{ message: `cannot read the file: ${error.code}`, location: { file } }], code);
    }
    throw error;
  }
}
