import { z } from 'zod';

export const Example = z.strictObject({
  input: z.string().min(1),
  output: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  notes: z.string().optional(),
  tags: z.array(z.string().min(1)).optional(),
});
export type Example = z.infer<typeof Example>;

/** Curated few-shot examples, versioned like prompts (the first seed's example curation). */
export const ExampleBankContent = z.strictObject({
  description: z.string().min(1).optional(),
  owner: z.string().min(1).optional(),
  tags: z.array(z.string().min(1)).default([]),
  examples: z.array(Example).min(1, 'an example bank needs at least one example'),
});
export type ExampleBankContent = z.infer<typeof ExampleBankContent>;
