import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PromptopsError } from '../../errors/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { rejectExtraPositionals } from '../options.ts';
import { initFiles } from './init-files.ts';

export const initCommand: Command = {
  name: 'init',
  summary: 'Create a new project folder with promptops.yaml, policies.yaml and a sample prompt',
  usage: 'init [DIR]',
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
    if (context.json) {
      context.stdout(`${toJson({ folder, files: written })}\n`);
    } else {
      context.stdout(`created ${folder}:\n${written.map((file) => `  ${file}`).join('\n')}\n\n`);
      const cd = parsed.positionals[0] ? `cd ${parsed.positionals[0]} && ` : '';
      context.stdout(`next: ${cd}promptops push . && promptops render hello/greet --var customer_name=Ada\n`);
    }
    return 0;
  },
};
