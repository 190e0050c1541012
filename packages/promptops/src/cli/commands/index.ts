import type { Command } from '../command.ts';
import { auditCommand } from './audit-command.ts';
import { chainCommand } from './chain-command.ts';
import {
  approveCommand,
  commentCommand,
  rejectCommand,
  withdrawCommand,
} from './change-decision-commands.ts';
import { compareCommand } from './compare-command.ts';
import { compressCommand } from './compress-command.ts';
import { canaryCommand, deployCommand, promoteCommand, rollbackCommand } from './deployment-commands.ts';
import { diffCommand } from './diff-command.ts';
import { driftCommand } from './drift-command.ts';
import { evalsCommand } from './evals-command.ts';
import { experimentsCommand } from './experiments-command.ts';
import { freezeCommand } from './freeze-command.ts';
import { guardCommand } from './guard-command.ts';
import { historyCommand } from './history-command.ts';
import { initCommand } from './init-command.ts';
import { labelCommand } from './label-command.ts';
import { lintCommand } from './lint-command.ts';
import { listCommand } from './list-command.ts';
import { migrateCheckCommand } from './migrate-check-command.ts';
import { proposeCommand } from './propose-command.ts';
import { pullCommand } from './pull-command.ts';
import { pushCommand } from './push-command.ts';
import { renderCommand } from './render-command.ts';
import { retireCommand } from './retire-command.ts';
import { retrievalCommand } from './retrieval-command.ts';
import { reviewCommand } from './review-command.ts';
import { runPromptCommand } from './run-prompt-command.ts';
import { samplesCommand } from './samples-command.ts';
import { sandboxCommand } from './sandbox-command.ts';
import { serveCommand } from './serve-command.ts';
import { showCommand } from './show-command.ts';
import { testCommand } from './test-command.ts';
import { tokensCommand } from './tokens-command.ts';
import { usersCommand } from './users-command.ts';
import { webhooksCommand } from './webhooks-command.ts';

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
  serveCommand,
  chainCommand,
  proposeCommand,
  reviewCommand,
  commentCommand,
  approveCommand,
  rejectCommand,
  withdrawCommand,
  lintCommand,
  testCommand,
  compareCommand,
  compressCommand,
  migrateCheckCommand,
  driftCommand,
  evalsCommand,
  samplesCommand,
  experimentsCommand,
  sandboxCommand,
  retrievalCommand,
  deployCommand,
  canaryCommand,
  promoteCommand,
  rollbackCommand,
  freezeCommand,
  labelCommand,
  retireCommand,
  guardCommand,
  auditCommand,
  usersCommand,
  tokensCommand,
  webhooksCommand,
];
