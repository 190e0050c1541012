import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PromptopsError } from '../../errors/index.ts';
import {
  type ComparisonSection,
  type SuiteReport,
  toHtmlReport,
  toJsonReport,
  toJUnitXml,
} from '../../evaluation/reports/index.ts';
import type { CommandContext, ParsedArguments } from '../command.ts';
import { listOption, stringOption } from '../options.ts';

const FORMATS = ['table', 'json', 'junit', 'html'] as const;
type Format = (typeof FORMATS)[number];

const FORMAT_BY_EXTENSION: Record<string, Exclude<Format, 'table'>> = {
  '.json': 'json',
  '.xml': 'junit',
  '.html': 'html',
  '.htm': 'html',
};

export const EVAL_OUTPUT_OPTIONS = {
  reporter: { type: 'string' },
  output: { type: 'string', multiple: true, short: 'o' },
} as const;

export interface EvalOutputs {
  /** What goes to stdout: the terminal table, or one report format for piping. */
  stdout: Format;
  /** Report files, their format named by the extension (.json, .xml for JUnit, .html). */
  files: { path: string; format: Exclude<Format, 'table'> }[];
}

/** `--reporter FORMAT` (stdout; `--json` means json) and `--output FILE ...`. */
export function parseEvalOutputs(parsed: ParsedArguments, json: boolean): EvalOutputs {
  const reporter = stringOption(parsed, 'reporter') ?? (json ? 'json' : 'table');
  if (!FORMATS.includes(reporter as Format)) {
    throw new PromptopsError('invalid_argument', `--reporter must be one of ${FORMATS.join(', ')}`, {
      parameter: 'reporter',
    });
  }
  if (json && reporter !== 'json') {
    throw new PromptopsError('invalid_argument', '--json prints the JSON report; drop --reporter or --json', {
      parameter: 'reporter',
    });
  }
  const files = listOption(parsed, 'output').map((file) => {
    const format = FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()];
    if (!format) {
      throw new PromptopsError(
        'invalid_argument',
        `--output ${file}: the extension names the format: .json, .xml (JUnit) or .html`,
        { parameter: 'output' },
      );
    }
    return { path: file, format };
  });
  return { stdout: reporter as Format, files };
}

/** Prints the stdout report (unless it is the table, printed as suites finish) and writes the files. */
export async function writeEvalOutputs(
  context: CommandContext,
  outputs: EvalOutputs,
  reports: readonly SuiteReport[],
  comparison?: ComparisonSection,
): Promise<void> {
  const render = (format: Exclude<Format, 'table'>) =>
    format === 'json'
      ? toJsonReport(reports, comparison ? { comparison } : {})
      : format === 'junit'
        ? toJUnitXml(reports)
        : toHtmlReport(reports, comparison ? { comparison } : {});
  if (outputs.stdout !== 'table') context.stdout(render(outputs.stdout));
  for (const file of outputs.files) {
    const target = path.resolve(context.cwd, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, render(file.format));
    context.stderr(
      `wrote ${file.format === 'junit' ? 'JUnit' : file.format.toUpperCase()} report ${file.path}\n`,
    );
  }
}
