import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PromptopsError } from '../../errors/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { flag, rejectExtraPositionals, stringOption } from '../options.ts';
import { initFiles } from './init-files.ts';

export const initCommand: Command = {
  name: 'init',
  summary: 'Create a new project folder with promptops.yaml, policies.yaml and a sample prompt',
  usage: 'init [DIR] [--admin NAME | --no-admin]',
  options: { admin: { type: 'string' }, 'no-admin': { type: 'boolean' } },
  async run(context, parsed) {
    rejectExtraPositionals(parsed, 1, this.usage);
    const folder = resolve(context.cwd, parsed.positionals[0] ?? '.');
    const existing = await readdir(folder).catch(() => [] as string[]);
    if (existing.includes('promptops.yaml')) {
      throw new PromptopsError('conflict', `${folder} already has a promptops.yaml; nothing was changed`, {
        location: { file: join(folder, 'promptops.yaml') },
      });
    }
    const projectName =
      basename(folder)
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/^-+/, '') || 'prompts';
    const files = initFiles(projectName);
    const written: string[] = [];
    for (const [relative, text] of Object.entries(files)) {
      if (existing.includes(relative)) continue;
      const path = join(folder, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text, { flag: 'wx' });
      written.push(relative);
    }
    for (const empty of ['fragments', 'examples', 'evals'])
      await mkdir(join(folder, empty), { recursive: true });
    // The first admin of the project's catalog, with a token shown this once.
    const admin = flag(parsed, 'no-admin')
      ? undefined
      : await context.withCatalog(
          async (_catalog, _db, _handle, { governance }) => {
            const username = stringOption(parsed, 'admin') ?? defaultAdminName(context.env);
            return governance.bootstrapAdmin({ username }).catch((error: unknown) => {
              // A catalog shared with other projects (DATABASE_URL) may have its admins already.
              if (PromptopsError.isInstance(error) && error.code === 'conflict') return undefined;
              throw error;
            });
          },
          { projectDir: folder, anonymous: true },
        );
    if (context.json) {
      context.stdout(`${toJson({ folder, files: written, admin })}\n`);
      return 0;
    }
    context.stdout(`created ${folder}:\n${written.map((file) => `  ${file}`).join('\n')}\n\n`);
    if (admin) {
      context.stdout(
        `created admin ${admin.username}; their API token (shown once, store it now):\n\n  export PROMPTOPS_TOKEN=${admin.token}\n\n`,
      );
    } else if (!flag(parsed, 'no-admin')) {
      context.stdout('the catalog has users already: no admin was created; ask an admin for a token\n\n');
    }
    const cd = parsed.positionals[0] ? `cd ${parsed.positionals[0]} && ` : '';
    context.stdout(`next: ${cd}promptops push . && promptops render hello/greet --var customer_name=Ada\n`);
    return 0;
  },
};

/** The OS user as a valid username (`Ada.Lovelace` → `ada.lovelace`), else `admin`. */
function defaultAdminName(env: Record<string, string | undefined>): string {
  const name = (env.USER ?? env.USERNAME ?? '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return /^[a-z][a-z0-9._-]{1,62}$/.test(name) ? name : 'admin';
}
