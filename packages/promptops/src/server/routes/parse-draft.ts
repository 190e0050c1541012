import type { ArtifactKind } from '../../catalog/content/names.ts';
import { artifactPath } from '../../catalog/files/artifact-layout.ts';
import { parseExampleBankFile } from '../../catalog/files/load-example-bank-file.ts';
import { parseFragmentFile } from '../../catalog/files/load-fragment-file.ts';
import { parsePromptFile } from '../../catalog/files/load-prompt-file.ts';
import type { LoadedArtifact } from '../../catalog/files/loaded-artifact.ts';
import type { Project } from '../../catalog/files/read-project.ts';
import { checkProject } from '../../catalog/sync/check-project.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { ServerDeps } from '../server-deps.ts';

/** One problem of an edited file, where the editor marks it. */
export interface DraftIssue {
  message: string;
  line: number | null;
  column: number | null;
  field: string | null;
}

/** An edited file read: the artifact, or every problem found (an expected outcome, not an error). */
export type ParsedDraft = { ok: true; loaded: LoadedArtifact } | { ok: false; issues: DraftIssue[] };

const PARSERS: Record<ArtifactKind, (text: string, file: string) => LoadedArtifact> = {
  prompt: parsePromptFile,
  fragment: parseFragmentFile,
  'example-bank': parseExampleBankFile,
};

/**
 * The web editor's file text read as `push` reads a file (issue 8): the file itself (every problem
 * with its line, column and field), then push's check beyond one file, with the policies in force
 * for team overrides (templates parse and use declared variables, fragments exist and do not
 * cycle). `POST /api/drafts/check` and `POST /api/drafts/compress` answer a bad file with the same
 * problems list.
 */
export async function parseDraft(
  deps: ServerDeps,
  kind: ArtifactKind,
  name: string,
  text: string,
): Promise<ParsedDraft> {
  let loaded: LoadedArtifact;
  try {
    loaded = PARSERS[kind](text, artifactPath(kind, name));
  } catch (error) {
    if (!PromptopsError.isInstance(error) || error.code !== 'file_invalid') throw error;
    const issues = error.details.issues ?? [{ message: error.message, location: error.details.location }];
    return { ok: false, issues: issues.map(toDraftIssue) };
  }
  const templateIssues = await templateProblems(deps, loaded);
  return templateIssues.length > 0 ? { ok: false, issues: templateIssues } : { ok: true, loaded };
}

function toDraftIssue(issue: {
  message: string;
  location?: { line?: number; column?: number; field?: string } | undefined;
}): DraftIssue {
  return {
    message: issue.message,
    line: issue.location?.line ?? null,
    column: issue.location?.column ?? null,
    field: issue.location?.field ?? null,
  };
}

/** `checkProject` (push's template and fragment check) on the one edited file. */
async function templateProblems(deps: ServerDeps, loaded: LoadedArtifact): Promise<DraftIssue[]> {
  const project = {
    root: loaded.file,
    config: undefined as never,
    policies: deps.governance.policies,
    artifacts: [loaded],
    skipped: [],
  } satisfies Project;
  try {
    await checkProject(deps.catalog, project);
    return [];
  } catch (error) {
    if (!PromptopsError.isInstance(error) || error.details.issues === undefined) throw error;
    return error.details.issues.map(toDraftIssue);
  }
}
