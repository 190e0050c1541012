import type { Command } from '../command.ts';
import { auditCommand } from './audit-command.ts';
import { chainCommand } from './chain-command.ts';
import { diffCommand } from './diff-command.ts';
import { guardCommand } from './guard-command.ts';
import { historyCommand } from './history-command.ts';
import { initCommand } from './init-command.ts';
import { labelCommand } from './label-command.ts';
import { listCommand } from './list-command.ts';
import { pullCommand } from './pull-command.ts';
import { pushCommand } from './push-command.ts';
import { renderCommand } from './render-command.ts';
import { retireCommand } from './retire-command.ts';
import { runPromptCommand } from './run-prompt-command.ts';
import { showCommand } from './show-command.ts';

/** Every command, in the order `promptops help` lists them. */
export const COMMANDS: Command[] = [
  initCommand,
  pushCommand,
  pullCommand,
  listCommand,
  showCommand,
  historyCommand,
  diffCommand,
  renderCommand,
  runPromptCommand,
  chainCommand,
  labelCommand,
  retireCommand,
  guardCommand,
  auditCommand,
];
