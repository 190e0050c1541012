// Model-written variants of suite cases (issue 6, item 3b: "optionally with a configured model"),
// written to a case file for a person to review. README.md holds the contract.

export { MAX_VARIANT_CHARS, type ModelVariants, readModelVariants } from './read-model-variants.ts';
export {
  SYNTHESIS_STYLES,
  SYNTHESIS_SYSTEM_OPENING,
  type SynthesisRequest,
  type SynthesisStyle,
  synthesisMessages,
} from './synthesis-prompt.ts';
export { synthesisWriter } from './synthesis-writer.ts';
export {
  MODEL_VARIANT_TAGS,
  type SynthesisOutcome,
  type SynthesizeOptions,
  synthesizeCases,
  type WriteVariants,
} from './synthesize-cases.ts';
