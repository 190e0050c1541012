import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { renderedOrThrow, renderVersion } from '../../catalog/service/render-version.ts';
import { parseReference } from '../../catalog/service/selector.ts';
import { authorize } from '../../governance/access/index.ts';
import { describeUsedFragment } from '../../templates/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { listOption, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { parseCliVariables, VARIABLE_OPTIONS } from './cli-variables.ts';

export const renderCommand: Command = {
  name: 'render',
  summary: 'Render a prompt version with variables: the messages a model would get, and a token estimate',
  usage: 'render NAME[@ENV|#VERSION] [--var name=value ...] [--fragments-from ENV]',
  options: { ...VARIABLE_OPTIONS, 'fragments-from': { type: 'string' } },
  async run(context, parsed) {
    const reference = parseReference(requirePositional(parsed, 0, 'NAME', this.usage), 'NAME');
    rejectExtraPositionals(parsed, 1, this.usage);
    const { version, result } = await context.withCatalog(async (catalog, _db, _handle, { principal }) => {
      authorize(principal, 'catalog-read', reference.name);
      const target = await catalog.resolve('prompt', reference.name, reference.selector);
      const variables = parseCliVariables(
        listOption(parsed, 'var'),
        (target.content as PromptContent).variables,
      );
      return renderVersion(catalog, {
        name: reference.name,
        selector: { version: target.version },
        variables,
        fragmentEnvironment:
          stringOption(parsed, 'fragments-from') ??
          ('environment' in reference.selector ? reference.selector.environment : undefined),
      });
    });
    const rendered = renderedOrThrow({ version, result });
    if (context.json) {
      context.stdout(`${toJson({ name: version.name, version: version.version, ...rendered })}\n`);
      return 0;
    }
    context.stdout(`${version.name} v${version.version}\n\n`);
    if (rendered.text !== undefined) context.stdout(`${rendered.text}\n`);
    for (const message of rendered.messages ?? []) {
      context.stdout(
        `── ${message.role} ${'─'.repeat(Math.max(0, 60 - message.role.length))}\n${message.content}\n\n`,
      );
    }
    context.stdout(`≈ ${rendered.tokens.estimate} tokens (estimate, ${rendered.tokens.encoding})\n`);
    if (rendered.fragments.length > 0)
      context.stdout(`fragments: ${rendered.fragments.map(describeUsedFragment).join(', ')}\n`);
    return 0;
  },
};
