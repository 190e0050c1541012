import { z } from 'zod';
import { SuiteFile } from '../../evaluation/suites/suite-file.ts';
import { Policies } from '../../governance/policies/index.ts';
import {
  ARTIFACT_NAME_PATTERN,
  ExampleBankContent,
  FragmentContent,
  PromptContent,
} from '../content/index.ts';
import { ChainContent } from './chain-file.ts';
import { ProjectConfig } from './project-config.ts';

/**
 * The JSON Schemas editors use to complete and check project files (`# yaml-language-server:
 * $schema=…`), generated from the Zod schemas so the two never drift. `io: 'input'` because people
 * write input: keys with defaults are optional.
 */
export const SCHEMAS_FOLDER = 'packages/promptops/schemas';
export const PUBLISH_COMMAND = 'node scripts/publish-schemas.ts';

interface PublishedSchema {
  title: string;
  schema: z.ZodType;
  /** Files that may carry the optional `name:` key (it must equal the path, see artifact-layout.ts). */
  named?: string;
}

const PUBLISHED: Record<string, PublishedSchema> = {
  'prompt.schema.json': {
    title: 'promptops prompt file (prompts/**/*.yaml)',
    schema: PromptContent,
    named: 'prompt',
  },
  'fragment-front-matter.schema.json': {
    title: 'promptops fragment front matter (fragments/**/*.liquid)',
    schema: FragmentContent.omit({ template: true }),
    named: 'fragment',
  },
  'example-bank.schema.json': {
    title: 'promptops example bank (examples/**/*.yaml)',
    schema: ExampleBankContent,
    named: 'example bank',
  },
  'promptops.schema.json': {
    title: 'promptops project configuration (promptops.yaml)',
    schema: ProjectConfig,
  },
  'policies.schema.json': { title: 'promptops governance policies (policies.yaml)', schema: Policies },
  'chain.schema.json': { title: 'promptops chain file (chains/**/*.yaml)', schema: ChainContent },
  'suite.schema.json': { title: 'promptops eval suite (evals/**/*.yaml)', schema: SuiteFile, named: 'suite' },
};

/** File name → JSON text, exactly as committed under packages/promptops/schemas/. */
export function publishedSchemaTexts(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(PUBLISHED).map(([file, published]) => [
      file,
      `${JSON.stringify(toJsonSchema(published), null, 2)}\n`,
    ]),
  );
}

function toJsonSchema({ title, schema, named }: PublishedSchema): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const nameProperty = named && {
    name: {
      type: 'string',
      pattern: ARTIFACT_NAME_PATTERN.source,
      description: `Optional: the ${named} name, which must equal the file's path under its folder, without extension.`,
    },
  };
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(generated)) {
    result[key] = key === 'properties' && nameProperty ? { ...nameProperty, ...(value as object) } : value;
    if (key === '$schema') {
      result.title = title;
      result.$comment = `Generated from the Zod schemas by \`${PUBLISH_COMMAND}\`; do not edit.`;
    }
  }
  return result;
}
