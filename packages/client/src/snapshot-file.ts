import type { PromptBody } from './prompt-types.ts';

/** What the snapshot keeps per cache key: the server's answer and when the server confirmed it. */
export interface SnapshotEntry {
  body: PromptBody;
  etag: string | null;
  fetchedAt: number;
}

interface SnapshotDocument {
  format: typeof FORMAT;
  baseUrl: string;
  savedAt: string;
  entries: Record<string, SnapshotEntry>;
}

const FORMAT = 'promptops-client-snapshot/1';

export type SnapshotFile = ReturnType<typeof createSnapshotFile>;

/**
 * The optional snapshot of the prompt cache on disk, for a cold start while the server is down.
 * It is read at most once, when first needed; every change is written after it in the background,
 * atomically (a temporary file renamed over the old one), so a crash mid-write never leaves a torn
 * file. Changes made while a write runs go out in the next one. The file holds prompt content and no
 * credentials; it is created readable by its owner only.
 */
export function createSnapshotFile(options: {
  file: string;
  baseUrl: string;
  onError: (error: Error) => void;
}) {
  const { file, baseUrl, onError } = options;
  let loaded: Promise<Map<string, SnapshotEntry>> | undefined;
  const load = () => {
    loaded ??= readSnapshot(file, baseUrl, onError);
    return loaded;
  };
  const changes = new Map<string, SnapshotEntry | null>();
  let writing: Promise<void> | undefined;

  const schedule = () => {
    if (writing) return;
    writing = (async () => {
      while (changes.size > 0) {
        const entries = await load();
        for (const [key, entry] of changes) {
          if (entry) entries.set(key, entry);
          else entries.delete(key);
        }
        changes.clear();
        const document: SnapshotDocument = {
          format: FORMAT,
          baseUrl,
          savedAt: new Date().toISOString(),
          entries: Object.fromEntries(entries),
        };
        await writeAtomically(file, `${JSON.stringify(document, null, 2)}\n`);
      }
    })()
      .catch((error: unknown) => onError(asError(`cannot write the snapshot file ${file}`, error)))
      .finally(() => {
        writing = undefined;
        if (changes.size > 0) schedule();
      });
  };

  return {
    /** The entry the file holds for this key, if any. */
    entry: async (key: string): Promise<SnapshotEntry | undefined> => (await load()).get(key),
    save(key: string, entry: SnapshotEntry): void {
      changes.set(key, entry);
      schedule();
    },
    remove(key: string): void {
      changes.set(key, null);
      schedule();
    },
    /** Resolves when every change so far is on disk (or failed and was reported). */
    async flush(): Promise<void> {
      while (writing) await writing;
    },
  };
}

async function readSnapshot(
  file: string,
  baseUrl: string,
  onError: (error: Error) => void,
): Promise<Map<string, SnapshotEntry>> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') {
      onError(asError(`cannot read the snapshot file ${file}`, error));
    }
    return new Map();
  }
  let document: Partial<SnapshotDocument>;
  try {
    document = JSON.parse(text);
  } catch (error) {
    onError(asError(`the snapshot file ${file} is not JSON; it will be replaced`, error));
    return new Map();
  }
  if (document?.format !== FORMAT || typeof document.entries !== 'object' || document.entries === null) {
    onError(new Error(`the snapshot file ${file} is not a ${FORMAT} file; it will be replaced`));
    return new Map();
  }
  if (document.baseUrl !== baseUrl) {
    // Another server's prompts must not stand in for this one's.
    onError(
      new Error(`the snapshot file ${file} is of ${document.baseUrl}, not ${baseUrl}; it will be replaced`),
    );
    return new Map();
  }
  // An entry without the parts getPrompt serves is left out rather than served broken.
  return new Map(Object.entries(document.entries).filter(([, entry]) => isEntry(entry)));
}

function isEntry(entry: unknown): entry is SnapshotEntry {
  const candidate = entry as Partial<SnapshotEntry> | null;
  return (
    typeof candidate?.fetchedAt === 'number' &&
    typeof candidate.body?.version?.version === 'number' &&
    typeof candidate.body.artifact?.name === 'string'
  );
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const { mkdir, rename, rm, writeFile } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${globalThis.crypto.randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function asError(message: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`${message}: ${reason}`, { cause });
}
