import { isAbsolute, resolve } from 'node:path';
import { loadProjectConfig } from '../../catalog/files/load-project-config.ts';
import { readFolderDocuments } from '../../catalog/files/read-folder-documents.ts';
import { PromptopsError } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { searchRetrievalDocuments, upsertRetrievalDocuments } from '../../store/index.ts';
import type { Command, CommandContext } from '../command.ts';
import { table, toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';

export const retrievalCommand: Command = {
  name: 'retrieval',
  summary: 'Load a folder of .md/.txt documents into a postgres-fts retrieval source, or search one',
  usage: 'retrieval import SOURCE FOLDER [--replace] | retrieval search SOURCE QUERY [--k N]',
  options: { replace: { type: 'boolean' }, k: { type: 'string' } },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'import|search', this.usage);
    if (subcommand !== 'import' && subcommand !== 'search') {
      throw new PromptopsError(
        'invalid_argument',
        `unknown retrieval subcommand "${subcommand}"; usage: promptops ${this.usage}`,
        { parameter: 'subcommand' },
      );
    }
    const source = requirePositional(parsed, 1, 'SOURCE', this.usage);
    const argument = requirePositional(parsed, 2, subcommand === 'import' ? 'FOLDER' : 'QUERY', this.usage);
    rejectExtraPositionals(parsed, 3, this.usage);
    await managedSource(context, source);
    if (subcommand === 'search') {
      const k = parsed.values.k === undefined ? 3 : Number(parsed.values.k);
      if (!Number.isInteger(k) || k < 1 || k > 50) {
        throw new PromptopsError(
          'invalid_argument',
          `--k must be a whole number from 1 to 50, not "${parsed.values.k}"`,
          {
            parameter: 'k',
          },
        );
      }
      const found = await context.withCatalog((_catalog, db, _handle, { principal }) => {
        authorize(principal, 'run-read', `retrieval/${source}`);
        return searchRetrievalDocuments(db, source, argument, k);
      });
      const rows = found.map((document) => ({
        id: `${source}:${document.docId}`,
        title: document.title,
        version: document.version,
      }));
      context.stdout(
        context.json
          ? `${toJson(rows)}\n`
          : rows.length === 0
            ? 'no documents match\n'
            : `${table(
                ['ID', 'TITLE', 'VERSION'],
                rows.map((row) => [row.id, row.title, row.version]),
              )}\n`,
      );
      return 0;
    }
    const folder = isAbsolute(argument) ? argument : resolve(context.cwd, argument);
    let documents: Awaited<ReturnType<typeof readFolderDocuments>>;
    try {
      documents = await readFolderDocuments(folder, source);
    } catch (error) {
      throw new PromptopsError(
        'invalid_argument',
        `cannot read folder ${folder}: ${(error as Error).message}`,
        {
          parameter: 'FOLDER',
        },
      );
    }
    if (documents.length === 0) {
      throw new PromptopsError(
        'invalid_argument',
        `${folder} holds no .md or .txt files; nothing was imported`,
        {
          parameter: 'FOLDER',
        },
      );
    }
    const counts = await context.withCatalog((_catalog, db, _handle, { principal }) => {
      authorize(principal, 'version-create', `retrieval/${source}`);
      return db.transaction((tx) =>
        upsertRetrievalDocuments(tx, source, documents, { replace: parsed.values.replace === true }),
      );
    });
    context.stdout(
      context.json
        ? `${toJson({ source, ...counts })}\n`
        : `${source}: ${counts.added} added, ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.removed} removed\n`,
    );
    return 0;
  },
};

/** The source must be a postgres-fts source of promptops.yaml: the others are not stored here. */
async function managedSource(context: CommandContext, source: string): Promise<void> {
  const root = findProjectRoot(context.cwd);
  if (!root) {
    throw new PromptopsError('config_invalid', `no promptops.yaml in ${context.cwd} or above`, {});
  }
  const config = await loadProjectConfig(root);
  const found = config.retrieval.sources[source];
  if (!found) {
    const known = Object.keys(config.retrieval.sources);
    throw new PromptopsError(
      'invalid_argument',
      `no retrieval source "${source}" in promptops.yaml retrieval.sources${known.length > 0 ? ` (there are: ${known.join(', ')})` : ''}`,
      { parameter: 'SOURCE' },
    );
  }
  if (found.kind === 'http') {
    throw new PromptopsError(
      'invalid_argument',
      `retrieval source "${source}" is the application's HTTP retriever: its documents are not kept in promptops`,
      { parameter: 'SOURCE' },
    );
  }
}
