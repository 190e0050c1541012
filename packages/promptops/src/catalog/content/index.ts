export { canonicalJson, contentHash, sha256Hex } from './canonical-json.ts';
export { Example, ExampleBankContent } from './example-bank-content.ts';
export { FragmentContent } from './fragment-content.ts';
export { LINT_RULE_IDS, type LintRuleId, LintSettings } from './lint-settings.ts';
export * from './names.ts';
export {
  ChatMessage,
  PromptContent,
  type PromptContentInput,
  SystemSections,
  VariablesSchema,
} from './prompt-content.ts';
