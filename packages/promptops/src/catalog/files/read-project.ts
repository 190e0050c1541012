import path from 'node:path';
import { PromptopsError } from '../../errors/index.ts';
import { loadPolicies, POLICIES_FILE, type Policies } from '../../governance/policies/index.ts';
import { ARTIFACT_KINDS, type ArtifactKind } from '../content/index.ts';
import { checkReferences } from './check-references.ts';
import { filesError, issuesOf, type LocatedIssue } from './file-issues.ts';
import { findDuplicateNames } from './find-duplicate-names.ts';
import { listProjectFiles } from './list-project-files.ts';
import { loadExampleBankFile } from './load-example-bank-file.ts';
import { loadFragmentFile } from './load-fragment-file.ts';
import {
  hasProjectConfig,
  loadProjectConfig,
  PROJECT_CONFIG_FILE,
  projectConfigMissing,
} from './load-project-config.ts';
import { loadPromptFile } from './load-prompt-file.ts';
import type { LoadedArtifact } from './loaded-artifact.ts';
import type { ProjectConfig } from './project-config.ts';

export interface Project {
  /** Absolute path of the project folder. */
  root: string;
  config: ProjectConfig;
  policies: Policies;
  /** Prompts, then fragments, then example banks; each sorted by name. */
  artifacts: LoadedArtifact[];
  /** Files read by later stages (`evals/`, `chains/`), relative to root. */
  skipped: string[];
}

const LOADERS: Record<ArtifactKind, (root: string, file: string) => Promise<LoadedArtifact>> = {
  prompt: loadPromptFile,
  fragment: loadFragmentFile,
  'example-bank': loadExampleBankFile,
};

/** Files read at once; enough to keep the disk busy, few enough to stay clear of EMFILE. */
const CONCURRENT_READS = 32;

/**
 * Reads a whole project folder. Every problem in every file (YAML, schemas, names, misplaced files,
 * references between files) comes back in one error, each with its own location, so one run shows
 * everything to fix. The code is `config_invalid` when only promptops.yaml or policies.yaml are at
 * fault, `file_invalid` otherwise.
 * @example const project = await readProject('examples/acme-support');
 */
export async function readProject(dir: string): Promise<Project> {
  const root = path.resolve(dir);
  if (!(await hasProjectConfig(root))) throw projectConfigMissing(root);
  const issues: LocatedIssue[] = [];
  const collect = <Value>(promise: Promise<Value>): Promise<Value | undefined> =>
    promise.catch((error: unknown) => {
      if (!PromptopsError.isInstance(error) || !['file_invalid', 'config_invalid'].includes(error.code))
        throw error;
      issues.push(...issuesOf(error));
      return undefined;
    });

  const [config, policies, listing] = await Promise.all([
    collect(loadProjectConfig(root)),
    collect(loadPolicies(root)),
    listProjectFiles(root),
  ]);
  issues.push(...listing.issues);
  const loaded = await mapConcurrently(listing.files, CONCURRENT_READS, ({ kind, file }) =>
    collect(LOADERS[kind](root, file)),
  );
  const artifacts = loaded
    .filter((artifact): artifact is LoadedArtifact => artifact !== undefined)
    .sort(byKindThenName);

  issues.push(...findDuplicateNames(artifacts));
  if (config && policies) issues.push(...checkReferences(config, policies, artifacts));
  if (issues.length > 0) {
    const onlyConfig = issues.every((issue) =>
      [PROJECT_CONFIG_FILE, POLICIES_FILE].includes(issue.location.file),
    );
    throw filesError(issues, onlyConfig ? 'config_invalid' : 'file_invalid');
  }
  return {
    root,
    config: config as ProjectConfig,
    policies: policies as Policies,
    artifacts,
    skipped: listing.skipped,
  };
}

function byKindThenName(left: LoadedArtifact, right: LoadedArtifact): number {
  const kindOrder = ARTIFACT_KINDS.indexOf(left.kind) - ARTIFACT_KINDS.indexOf(right.kind);
  if (kindOrder !== 0) return kindOrder;
  return left.name < right.name ? -1 : left.name > right.name ? 1 : 0;
}

async function mapConcurrently<Item, Result>(
  items: readonly Item[],
  limit: number,
  work: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as Item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
