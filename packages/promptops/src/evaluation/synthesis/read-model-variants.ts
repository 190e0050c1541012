/** The longest variant text kept; longer ones are refused rather than cut. */
export const MAX_VARIANT_CHARS = 8_000;

export interface ModelVariants {
  /** Usable texts, in the model's order, at most `count`. */
  texts: string[];
  /** Why each other text (or the whole answer) was refused. */
  refused: string[];
}

/**
 * Reads a writing model's answer: JSON `{"variants": [string, …]}` (a ```json fence around it is
 * tolerated). A text is refused when it is empty, too long, the original again, or a repeat of one
 * already kept (`seen` holds texts kept so far, across cases, compared with case and spacing
 * ignored); texts beyond `count` are dropped. An answer that is not that JSON refuses everything:
 * a model's prose never becomes a case.
 */
export function readModelVariants(
  answer: string,
  options: { count: number; original: string; seen: Set<string> },
): ModelVariants {
  const refused: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(withoutFence(answer));
  } catch {
    return { texts: [], refused: [`the answer is not JSON: ${preview(answer)}`] };
  }
  const variants = (parsed as { variants?: unknown } | null)?.variants;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(variants)) {
    return { texts: [], refused: [`the answer has no "variants" list: ${preview(answer)}`] };
  }
  const texts: string[] = [];
  const original = normalise(options.original);
  for (const [index, variant] of variants.entries()) {
    const at = `variant ${index + 1}`;
    if (typeof variant !== 'string' || variant.trim() === '') {
      refused.push(`${at} is not a non-empty string`);
      continue;
    }
    const text = variant.trim();
    const key = normalise(text);
    if (text.length > MAX_VARIANT_CHARS) refused.push(`${at} is longer than ${MAX_VARIANT_CHARS} characters`);
    else if (key === original) refused.push(`${at} is the original text`);
    else if (options.seen.has(key)) refused.push(`${at} repeats one already written: ${preview(text)}`);
    else if (texts.length >= options.count) refused.push(`${at} is more than the ${options.count} asked for`);
    else {
      options.seen.add(key);
      texts.push(text);
    }
  }
  return { texts, refused };
}

function withoutFence(answer: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(answer);
  return fenced ? fenced[1]! : answer;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `"${line.slice(0, 77)}…"` : `"${line}"`;
}
