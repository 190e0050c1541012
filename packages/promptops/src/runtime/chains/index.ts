// Chains (DESIGN.md section 4): prompts run as stages, with rules on earlier results between them.

export {
  checkChainExpression,
  checkChainText,
  type ExpressionCheck,
  type ExpressionReference,
  type ExpressionValue,
  evaluateChainExpression,
  isChainTruthy,
  renderChainText,
} from './chain-expression.ts';
export {
  type ChainEnd,
  type ChainOutcome,
  type ChainResult,
  type ChainStageResult,
  type ChainStatus,
  sumCosts,
  sumUsage,
} from './chain-result.ts';
export { type ChainDefinition, type RunChainOptions, type RunPrompt, runChain } from './run-chain.ts';
