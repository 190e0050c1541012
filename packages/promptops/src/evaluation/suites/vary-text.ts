import type { SeededRandom } from './seeded-random.ts';
import type { VariantKind } from './synthetic-spec.ts';
import {
  CYRILLIC_LOOK_ALIKES,
  FILLER_PARAGRAPHS,
  GREEK_LOOK_ALIKES,
  INJECTION_WRAPPERS,
  LANGUAGE_WRAPPERS,
  LONG_VARIANT_CHARS,
  PII_SAMPLES,
} from './variant-tables.ts';

/** The varied text and a few words on how, for the variant's description (`casing: UPPER`). */
export interface VariedText {
  text: string;
  how: string;
}

type Vary = (text: string, random: SeededRandom) => VariedText;

/** About one word in this many gets a typo. */
const TYPO_EVERY = 15;

const typos: Vary = (text, random) => {
  const parts = text.split(/(\s+)/);
  const eligible = parts.flatMap((part, index) => (/^\p{L}{3,}/u.test(part) ? [index] : []));
  if (eligible.length === 0) return { text: `${text}${text.slice(-1)}`, how: 'last letter doubled' };
  const chosen = new Set(eligible.filter(() => random.chance(1 / TYPO_EVERY)));
  if (chosen.size === 0) chosen.add(random.pick(eligible));
  for (const index of chosen) parts[index] = typo(parts[index] as string, random);
  return { text: parts.join(''), how: `${chosen.size} misspelt word${chosen.size === 1 ? '' : 's'}` };
};

/** Swaps two different adjacent letters, or drops one when no pair differs. */
function typo(word: string, random: SeededRandom): string {
  const letters = [...word];
  const length = letters.findIndex((letter) => !/\p{L}/u.test(letter));
  const end = length === -1 ? letters.length : length;
  const swaps = Array.from({ length: end - 1 }, (_, index) => index).filter(
    (index) => letters[index] !== letters[index + 1],
  );
  if (swaps.length > 0 && random.chance(0.6)) {
    const at = random.pick(swaps);
    [letters[at], letters[at + 1]] = [letters[at + 1] as string, letters[at] as string];
  } else {
    letters.splice(1 + random.below(end - 1), 1);
  }
  return letters.join('');
}

const casing: Vary = (text, random) => {
  const modes = [
    { how: 'UPPER CASE', apply: (value: string) => value.toUpperCase() },
    { how: 'lower case', apply: (value: string) => value.toLowerCase() },
    {
      how: 'rAnDoM cAsE',
      apply: (value: string) =>
        [...value]
          .map((letter) => (random.chance(0.5) ? letter.toUpperCase() : letter.toLowerCase()))
          .join(''),
    },
  ];
  const first = random.below(modes.length);
  // Already upper case stays the same in UPPER; take the next mode that changes something.
  for (let step = 0; step < modes.length; step += 1) {
    const mode = modes[(first + step) % modes.length] as (typeof modes)[number];
    const varied = mode.apply(text);
    if (varied !== text) return { text: varied, how: mode.how };
  }
  return { text, how: 'no letters to change' };
};

const whitespace: Vary = (text, random) => {
  let changed = false;
  const spaced = text.replace(/ /g, () => {
    const roll = random.next();
    if (roll < 0.3) {
      changed = true;
      return '  ';
    }
    if (roll < 0.4) {
      changed = true;
      return '\t';
    }
    return ' ';
  });
  const body = changed ? spaced : spaced.replace(' ', '   ');
  return { text: `\n\n  ${body} \n\n`, how: 'doubled spaces, tabs, leading and trailing line breaks' };
};

const long: Vary = (text, random) => {
  const before: string[] = [];
  const after: string[] = [];
  let length = text.length;
  let index = random.below(FILLER_PARAGRAPHS.length);
  while (length < LONG_VARIANT_CHARS) {
    const paragraph = FILLER_PARAGRAPHS[index % FILLER_PARAGRAPHS.length] as string;
    (random.chance(0.5) ? before : after).push(paragraph);
    length += paragraph.length + 2;
    index += 1;
  }
  return { text: [...before, text, ...after].join('\n\n'), how: `padded to ${length} characters` };
};

const script: Vary = (text, random) => {
  const styles = [
    ...LANGUAGE_WRAPPERS.map((wrapper) => wrapper.language),
    'Cyrillic look-alikes',
    'Greek look-alikes',
  ];
  const style = random.pick(styles);
  const wrapper = LANGUAGE_WRAPPERS.find((candidate) => candidate.language === style);
  if (wrapper)
    return { text: `${wrapper.before} ${text} ${wrapper.after}`, how: `${style} greeting and closing` };
  const table = style === 'Greek look-alikes' ? GREEK_LOOK_ALIKES : CYRILLIC_LOOK_ALIKES;
  let swapped = 0;
  const varied = [...text]
    .map((letter) => {
      const lookAlike = table[letter];
      if (lookAlike === undefined || !random.chance(0.5)) return letter;
      swapped += 1;
      return lookAlike;
    })
    .join('');
  if (swapped > 0) return { text: varied, how: style };
  const wrapperFallback = LANGUAGE_WRAPPERS[0];
  return {
    text: `${wrapperFallback.before} ${text} ${wrapperFallback.after}`,
    how: `${wrapperFallback.language} greeting and closing`,
  };
};

const injection: Vary = (text, random) => {
  const wrapperIndex = random.below(INJECTION_WRAPPERS.length);
  const wrapper = INJECTION_WRAPPERS[wrapperIndex] as string;
  return { text: wrapper.replace('{message}', () => text), how: `injection wrapper ${wrapperIndex + 1}` };
};

const pii: Vary = (text, random) => {
  const sample = random.pick(PII_SAMPLES);
  const trimmed = text.trimEnd();
  const joiner = /[.!?]$/.test(trimmed) ? ' ' : '. ';
  return {
    text: `${trimmed}${joiner}${sample.sentence}${text.slice(trimmed.length)}`,
    how: `synthetic ${sample.kind}`,
  };
};

/** One function per variant kind (promptfoo's handler-table shape). */
export const VARY_TEXT: Record<VariantKind, Vary> = {
  typos,
  casing,
  whitespace,
  long,
  script,
  injection,
  pii,
};
