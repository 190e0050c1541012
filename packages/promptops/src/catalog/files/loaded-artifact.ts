import type { SourceLocation } from '../../errors/index.ts';
import type { ExampleBankContent, FragmentContent, PromptContent } from '../content/index.ts';
import type { FieldPath } from './field-path.ts';

interface LoadedFile {
  /** Relative to the project folder, with `/`: `prompts/support/classify-intent.yaml`. */
  file: string;
  /**
   * Where a field of the content is written, for later stages that find problems by field (a template
   * error in `messages[1].content`). Fragments locate `template` at the first line of the template.
   */
  locate(field: FieldPath | string): SourceLocation;
}

export interface LoadedPrompt extends LoadedFile {
  kind: 'prompt';
  name: string;
  content: PromptContent;
}

export interface LoadedFragment extends LoadedFile {
  kind: 'fragment';
  name: string;
  content: FragmentContent;
}

export interface LoadedExampleBank extends LoadedFile {
  kind: 'example-bank';
  name: string;
  content: ExampleBankContent;
}

/** One prompt, fragment or example bank read from a project folder. */
export type LoadedArtifact = LoadedPrompt | LoadedFragment | LoadedExampleBank;
