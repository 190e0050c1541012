// Rendering (LiquidJS, strict), variable schemas, fragment resolution, token counts.

export { analyzeTemplate, type TemplateAnalysis, type VariableUse } from './analyze-template.ts';
export { checkFragmentOverride, type OverrideCheck } from './check-fragment-override.ts';
export { checkFragmentIncludes, checkFragments, type IncludedTemplate } from './check-fragments.ts';
// Static checks (push time)
export {
  checkTemplate,
  type FoundFragmentReference,
  type TemplateCheck,
  type TemplateWarning,
} from './check-template.ts';
// Variables
export { type CoerceCliVariableResult, coerceCliVariable } from './coerce-cli-variable.ts';
export { type FragmentTag, fragmentTagReference } from './find-fragment-tags.ts';
// Fragments
export {
  describeUsedFragment,
  type FragmentOverrideRule,
  type FragmentOverrides,
  overrideFragmentName,
  parseOverrideFragmentName,
  type UsedFragment,
} from './fragment-overrides.ts';
export {
  createStaticFragmentSource,
  type FragmentReference,
  type FragmentSource,
  formatFragmentReference,
  type ParseFragmentReferenceResult,
  parseFragmentReference,
  type ResolvedFragment,
  type StaticFragment,
} from './fragment-source.ts';
export { TEMPLATE_LIMITS } from './liquid-engine.ts';
export { promptFields, type TemplateField } from './prompt-fields.ts';
// Rendering
export { type RenderPromptOptions, type RenderResult, renderPrompt } from './render-prompt.ts';
export { layoutSystemPrompt, SYSTEM_SECTION_HEADINGS } from './system-layout.ts';
// Token estimates
export {
  countChatTokens,
  countTextTokens,
  TOKEN_ENCODING,
  TOKENS_PER_MESSAGE,
  TOKENS_PER_REPLY,
  type TokenEstimate,
} from './token-count.ts';
export {
  type CompileVariablesSchemaResult,
  compileVariablesSchema,
  type VariablesResult,
  type VariablesValidator,
  validateVariables,
} from './variables.ts';
