export {
  compressPrompt,
  type FieldRewrite,
  type PromptCompression,
  summarise,
  templateChange,
  withFields,
} from './compress-prompt.ts';
export { compressText, REPEATED_INSTRUCTION_RULE, type TextRewrite } from './compress-text.ts';
export { COMPRESSION_RULES, type CompressionRule } from './compression-rules.ts';
export { type AskCompressor, COMPRESSOR_INSTRUCTIONS, compressWithModel } from './model-compression.ts';
export { renderedTokens } from './rendered-tokens.ts';
