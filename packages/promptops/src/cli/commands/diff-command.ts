import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { FieldChange } from '../../catalog/diff/diff-fields.ts';
import { diffVersions } from '../../catalog/diff/diff-versions.ts';
import type { VersionSelector } from '../../catalog/service/selector.ts';
import { parseReference } from '../../catalog/service/selector.ts';
import { authorize } from '../../governance/access/index.ts';
import { describeUsedFragment } from '../../templates/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { listOption, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { KIND_OPTION, resolveKind } from './artifact-kind.ts';
import { parseCliVariables, VARIABLE_OPTIONS } from './cli-variables.ts';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Show what changed between two versions: each field, and the rendered prompt line by line',
  usage: 'diff NAME A B   (A, B: version numbers like 3 or #3, or environments like production) [--var k=v]',
  options: { ...KIND_OPTION, ...VARIABLE_OPTIONS },
  async run(context, parsed) {
    const name = requirePositional(parsed, 0, 'NAME', this.usage);
    const selectors = [1, 2].map((index) =>
      selectorOf(
        requirePositional(parsed, index, index === 1 ? 'A' : 'B', this.usage),
        name,
        index === 1 ? 'A' : 'B',
      ),
    ) as [VersionSelector, VersionSelector];
    rejectExtraPositionals(parsed, 3, this.usage);
    const diff = await context.withCatalog(async (catalog, _db, _handle, { principal }) => {
      authorize(principal, 'catalog-read', name);
      const kind = await resolveKind(catalog, name, stringOption(parsed, 'kind'));
      const newer = await catalog.resolve(kind, name, selectors[1]);
      const variables =
        kind === 'prompt'
          ? parseCliVariables(listOption(parsed, 'var'), (newer.content as PromptContent).variables)
          : {};
      return diffVersions(catalog, kind, name, selectors, variables);
    });
    if (context.json) {
      context.stdout(`${toJson(diff)}\n`);
      return 0;
    }
    context.stdout(`${diff.kind} ${diff.name}: v${diff.from.version} → v${diff.to.version}\n`);
    if (diff.fields.length === 0 && !diff.fragments) {
      context.stdout('no differences\n');
      return 0;
    }
    if (diff.fragments) {
      const list = (fragments: typeof diff.fragments.from) =>
        fragments.map(describeUsedFragment).join(', ') || '-';
      context.stdout(
        `\nfragments resolve differently:\n  - ${list(diff.fragments.from)}\n  + ${list(diff.fragments.to)}\n`,
      );
    }
    if (diff.fields.length > 0) context.stdout(`\nfields changed (${diff.fields.length}):\n`);
    for (const change of diff.fields) context.stdout(describeChange(change));
    if (diff.rendered && 'lines' in diff.rendered) {
      context.stdout(`\nrendered (‹…› marks a placeholder for a variable without a value):\n`);
      context.stdout(`${diff.rendered.lines.join('\n')}\n`);
    } else if (diff.rendered) {
      context.stdout(`\nrendered diff unavailable: ${diff.rendered.unavailable}\n`);
    }
    return 0;
  },
};

function selectorOf(text: string, name: string, parameter: string): VersionSelector {
  const suffix = /^\d+$/.test(text)
    ? `#${text}`
    : text.startsWith('#') || text.startsWith('@')
      ? text
      : `@${text}`;
  return parseReference(`${name}${suffix}`, parameter).selector;
}

export function describeChange(change: FieldChange): string {
  const show = (value: unknown) => JSON.stringify(value);
  if (change.lines)
    return `  ~ ${change.field}:\n${change.lines.map((line) => `      ${line}`).join('\n')}\n`;
  if (change.change === 'added') return `  + ${change.field}: ${show(change.after)}\n`;
  if (change.change === 'removed') return `  - ${change.field}: ${show(change.before)}\n`;
  return `  ~ ${change.field}: ${show(change.before)} → ${show(change.after)}\n`;
}
