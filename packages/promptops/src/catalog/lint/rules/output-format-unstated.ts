import type { LintRule } from '../lint-types.ts';
import { instructionSentences, proseOf } from '../prose.ts';

/** Sentences that tell the model the shape of its answer. */
const FORMAT_STATEMENT: readonly RegExp[] = [
  /\b(?:output|respond|reply|answer|return|write)\b(?:\s+(?:only|just|with|in|as|exactly|back))*\s+(?:a |an |the |one |valid |only )?(?:json|yaml|csv|xml|markdown|list|object|array|single word|one word|word|number|label|category|table|bullet)/i,
  /\b(?:output|response|reply|answer) (?:format|schema|shape)\b/i,
  /\bstructure (?:every |each |your |the )?(?:reply|replies|response|responses|answer|answers|output) as\b/i,
  /\bformat(?:ted)? (?:it |the (?:reply|response|answer|output) )?(?:as|like)\b/i,
];

/** A completion prompt that ends on a cue line (`Category:`) states the format by its shape. */
const COMPLETION_CUE = /(?:^|\n)[A-Z][A-Za-z _-]{0,40}:\s*$/;

export const outputFormatUnstated: LintRule = {
  id: 'output-format-unstated',
  severity: 'warning',
  title: 'Output format not stated',
  explanation:
    'A prompt must tell the model the shape of its answer: an `output.schema` (validated, with a ' +
    'format reminder on retry), a `system.output_format` section, or an instruction in the text ' +
    '("Output only a JSON object …", "Structure every reply as …", a completion cue such as ' +
    '"Category:" at the end of a text prompt). The seed\'s "Explicit over Implicit" principle, and its ' +
    'component structure, which gives the output format its own section: a format the model has to ' +
    'guess is a format it varies, and the format-compliance metric cannot be checked.',
  hint: 'Add system.output_format (or an output.schema with format: json), or say in the prompt how the answer is laid out: "Output only a JSON object: {…}", "Answer in at most 3 sentences, plain text".',
  check(prompt) {
    const { content } = prompt;
    if (content.output?.schema !== undefined || content.system?.output_format !== undefined) return [];
    const stated = instructionSentences(prompt).some((sentence) =>
      FORMAT_STATEMENT.some((pattern) => pattern.test(sentence.text)),
    );
    if (stated) return [];
    const last = prompt.pieces.filter((piece) => piece.fragment === undefined).at(-1);
    if (
      last &&
      (last.role === 'text' || last.role === 'user') &&
      COMPLETION_CUE.test(proseOf(last.text).text.trimEnd())
    )
      return [];
    const unread = prompt.unresolved.length > 0 ? ` (not read: ${prompt.unresolved.join(', ')})` : '';
    return [
      {
        message: `the prompt does not say what its answer looks like: no output.schema, no system.output_format and no format instruction${unread}`,
        at: { field: content.output ? 'output' : content.system ? 'system' : '' },
      },
    ];
  },
};
