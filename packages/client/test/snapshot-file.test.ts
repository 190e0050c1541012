import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PromptBody } from '../src/prompt-types.ts';
import { createSnapshotFile, type SnapshotEntry } from '../src/snapshot-file.ts';

const BASE = 'http://127.0.0.1:8080';

function entry(name: string, version: number): SnapshotEntry {
  const body = {
    artifact: { kind: 'prompt', name },
    version: { kind: 'prompt', name, version, content: { text: `v${version}` } },
  } as unknown as PromptBody;
  return { body, etag: `"${version}"`, fetchedAt: 1_000 + version };
}

describe('the snapshot file', () => {
  let folder: string;
  let errors: Error[];
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'promptops-snapshot-'));
    errors = [];
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));
  const open = (file: string, baseUrl = BASE) =>
    createSnapshotFile({ file, baseUrl, onError: (error) => void errors.push(error) });

  it('keeps every change made while a write runs, owner-readable, with no temporary file left', async () => {
    const file = join(folder, 'nested', 'snapshot.json');
    const snapshot = open(file);
    for (let version = 1; version <= 20; version += 1)
      snapshot.save(`prompt-${version % 5}`, entry(`p${version}`, version));
    snapshot.save('gone', entry('gone', 1));
    snapshot.remove('gone');
    await snapshot.flush();

    const reopened = open(file);
    expect((await reopened.entry('prompt-0'))?.body.version.version).toBe(20);
    expect((await reopened.entry('prompt-1'))?.body.version.version).toBe(16);
    expect(await reopened.entry('gone')).toBeUndefined();
    expect(await readdir(join(folder, 'nested'))).toEqual(['snapshot.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(errors).toEqual([]);
  });

  it('keeps the entries already on disk when a new process adds one', async () => {
    const file = join(folder, 'snapshot.json');
    const first = open(file);
    first.save('a', entry('a', 1));
    await first.flush();
    const second = open(file);
    second.save('b', entry('b', 2));
    await second.flush();
    const document = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(document.entries).sort()).toEqual(['a', 'b']);
  });

  it('reports a broken file and replaces it; leaves out broken entries; ignores another server’s', async () => {
    const file = join(folder, 'snapshot.json');
    await writeFile(file, '{ not json');
    const broken = open(file);
    expect(await broken.entry('a')).toBeUndefined();
    expect(errors.map((error) => error.message).join()).toContain('is not JSON');
    broken.save('a', entry('a', 1));
    await broken.flush();
    expect(await open(file).entry('a')).toMatchObject({ etag: '"1"' });

    const document = JSON.parse(await readFile(file, 'utf8'));
    document.entries.half = { fetchedAt: 5, body: { artifact: { name: 'half' } } };
    await writeFile(file, JSON.stringify(document));
    const partly = open(file);
    expect(await partly.entry('half')).toBeUndefined();
    expect(await partly.entry('a')).toBeDefined();

    errors.length = 0;
    expect(await open(file, 'http://elsewhere:8080').entry('a')).toBeUndefined();
    expect(errors.map((error) => error.message).join()).toContain(`is of ${BASE}, not http://elsewhere:8080`);
  });
});
