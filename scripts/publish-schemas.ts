/**
 * Writes the JSON Schemas for project files (packages/promptops/schemas/*.schema.json) from the Zod
 * schemas. Run after changing a schema: `node scripts/publish-schemas.ts`. A test fails while a
 * committed schema is out of date.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { publishedSchemaTexts, SCHEMAS_FOLDER } from '../packages/promptops/src/catalog/files/index.ts';

const folder = path.resolve(import.meta.dirname, '..', SCHEMAS_FOLDER);
await mkdir(folder, { recursive: true });
for (const [file, text] of Object.entries(publishedSchemaTexts())) {
  const target = path.join(folder, file);
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current === text) {
    console.log(`unchanged ${SCHEMAS_FOLDER}/${file}`);
    continue;
  }
  await writeFile(target, text);
  console.log(`wrote     ${SCHEMAS_FOLDER}/${file}`);
}
