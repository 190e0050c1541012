import { z } from 'zod';

/** A reusable, versioned piece of template: the `.liquid` body plus optional front matter. */
export const FragmentContent = z.strictObject({
  description: z.string().min(1).optional(),
  owner: z.string().min(1).optional(),
  tags: z.array(z.string().min(1)).default([]),
  template: z.string(),
});
export type FragmentContent = z.infer<typeof FragmentContent>;
