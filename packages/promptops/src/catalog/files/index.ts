// Project files ↔ content (DESIGN.md section 6): read a project folder with every problem located by
// file, line and field; write artifacts back as files for `promptops pull`.

export { ARTIFACT_LAYOUT, artifactPath, nameFromPath } from './artifact-layout.ts';
export { checkJsonSchema } from './check-json-schema.ts';
export { checkReferences } from './check-references.ts';
// Locating problems (for other loaders: eval suites, chains)
export { type FieldPath, formatFieldPath, parseFieldPath } from './field-path.ts';
export { type FileErrorCode, filesError, formatIssue, issuesOf, type LocatedIssue } from './file-issues.ts';
export { type FrontMatterSplit, splitFrontMatter } from './front-matter.ts';
export { listProjectFiles, type ProjectFileListing, SKIPPED_FOLDERS } from './list-project-files.ts';
export { loadExampleBankFile, parseExampleBankFile } from './load-example-bank-file.ts';
export { loadFragmentFile, parseFragmentFile } from './load-fragment-file.ts';

// promptops.yaml
export {
  hasProjectConfig,
  loadProjectConfig,
  PROJECT_CONFIG_FILE,
  parseProjectConfig,
  projectConfigMissing,
} from './load-project-config.ts';
export { loadPromptFile, parsePromptFile } from './load-prompt-file.ts';
export type { LoadedArtifact, LoadedExampleBank, LoadedFragment, LoadedPrompt } from './loaded-artifact.ts';
export {
  COMPLEXITY_LEVELS,
  PriceConfig,
  ProjectConfig,
  type ProjectConfigInput,
  RouteConfig,
} from './project-config.ts';
export { EnvironmentVariableName, ProviderConfig } from './provider-config.ts';
export { PUBLISH_COMMAND, publishedSchemaTexts, SCHEMAS_FOLDER } from './published-schemas.ts';
// Reading a project
export { type Project, readProject } from './read-project.ts';
export { MAX_FILE_BYTES } from './read-text-file.ts';
export { checkFile, type FileCheck, validateFile } from './validate-file.ts';
// Writing files
export {
  type ArtifactToWrite,
  DEFAULT_SCHEMA_DIRECTORY,
  type RenderFileOptions,
  renderArtifactFile,
  writeArtifactFiles,
} from './write-project.ts';
export {
  MAX_ALIAS_COUNT,
  type ParseYamlOptions,
  parseYamlDocument,
  type YamlDocument,
} from './yaml-document.ts';
