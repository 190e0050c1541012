import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PUBLISH_COMMAND, publishedSchemaTexts, SCHEMAS_FOLDER } from './published-schemas.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../../../../..');

describe('published JSON Schemas', () => {
  const texts = publishedSchemaTexts();

  it.each(Object.keys(texts))('%s is up to date', async (file) => {
    const committed = await readFile(path.join(repositoryRoot, SCHEMAS_FOLDER, file), 'utf8').catch(() => '');
    if (committed !== texts[file]) {
      expect.fail(
        `${SCHEMAS_FOLDER}/${file} is out of date with the Zod schemas: run \`${PUBLISH_COMMAND}\` and commit the result`,
      );
    }
  });

  it('accept what the loaders accept and reject unknown keys, as an editor would', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    formatsModule.default(ajv);
    const prompt = ajv.compile(JSON.parse(texts['prompt.schema.json'] as string));
    const written = parse('name: support/triage\ndescription: x\nowner: y\nrisk: low\ntext: Hello\n');
    expect(prompt(written), JSON.stringify(prompt.errors)).toBe(true);
    expect(prompt({ ...written, temprature: 1 })).toBe(false);
    const config = ajv.compile(JSON.parse(texts['promptops.schema.json'] as string));
    expect(config({ project: { name: 'acme' } }), JSON.stringify(config.errors)).toBe(true);
    const policies = ajv.compile(JSON.parse(texts['policies.schema.json'] as string));
    expect(policies({}), JSON.stringify(policies.errors)).toBe(true);
  });
});
