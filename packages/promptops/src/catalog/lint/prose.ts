import type { PromptPiece, PromptText } from './prompt-text.ts';

/** One sentence (or `;`-clause) of instruction text, where it is, and the whole line it is on. */
export interface Sentence {
  piece: PromptPiece;
  /** 1-based line within `piece.text`. */
  line: number;
  text: string;
  /** The line (list item) the sentence is part of: "nearby" for rules that look around a phrase. */
  lineText: string;
  /**
   * The if/unless/case/for branches the sentence sits in, outermost first, as `block:branch`. Two
   * sentences in different branches of one block never render together.
   */
  branches: readonly string[];
}

const MARKUP = /\{%-?\s*(\w+)[\s\S]*?-?%\}|\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
const OPENS = new Set(['if', 'unless', 'case', 'for']);
const BRANCHES = new Set(['elsif', 'else', 'when']);
const CLOSES = new Set(['endif', 'endunless', 'endcase', 'endfor']);

interface Prose {
  /** The template with Liquid tags blanked out and each `{{ output }}` replaced by its variable's name, padded: same length, same lines. */
  text: string;
  /** Branch path in force from each offset on, in offset order. */
  branchesFrom: { offset: number; branches: readonly string[] }[];
}

/**
 * The template as prose, offset for offset: tags become spaces (line breaks kept), outputs become
 * their variable's name, so positions and line numbers still match the template.
 */
export function proseOf(template: string): Prose {
  const stack: { block: number; branch: number }[] = [];
  const branchesFrom: Prose['branchesFrom'] = [{ offset: 0, branches: [] }];
  let blocks = 0;
  const text = template.replace(
    MARKUP,
    (markup, tag: string | undefined, expression: string | undefined, offset: number) => {
      const blank = (kept: string) => kept + markup.slice(kept.length).replace(/[^\n]/g, ' ');
      if (expression !== undefined) {
        const name = /^[A-Za-z_]\w*/.exec(expression)?.[0] ?? 'value';
        return markup.length >= name.length ? blank(name) : blank('');
      }
      if (tag && OPENS.has(tag)) stack.push({ block: blocks++, branch: 0 });
      else if (tag && BRANCHES.has(tag) && stack.length > 0) stack[stack.length - 1]!.branch += 1;
      else if (tag && CLOSES.has(tag)) stack.pop();
      branchesFrom.push({
        offset: offset + markup.length,
        branches: stack.map((entry) => `${entry.block}:${entry.branch}`),
      });
      return blank('');
    },
  );
  return { text, branchesFrom };
}

/** Whether two sentences of one piece sit in different branches of the same if/case/for. */
export function exclusive(left: Sentence, right: Sentence): boolean {
  if (left.piece !== right.piece) return false;
  for (let index = 0; index < Math.min(left.branches.length, right.branches.length); index++) {
    const [leftBlock, leftBranch] = left.branches[index]!.split(':');
    const [rightBlock, rightBranch] = right.branches[index]!.split(':');
    if (leftBlock !== rightBlock) return false;
    if (leftBranch !== rightBranch) return true;
  }
  return false;
}

/** A line that is data, not instructions: JSON shapes, XML-ish delimiter tags, separators. */
const NOT_PROSE = /^\s*([{[<]|```|"""|---)/;
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+/;

/**
 * The sentences of every piece a model reads as instructions: system text, `text` prompts and user
 * turns (which often restate instructions next to the data); assistant turns are few-shot answers.
 */
export function instructionSentences(prompt: PromptText): Sentence[] {
  const sentences: Sentence[] = [];
  for (const piece of prompt.pieces) {
    if (piece.role === 'assistant' || !piece.analysis) continue;
    const prose = proseOf(piece.text);
    let lineStart = 0;
    prose.text.split('\n').forEach((rawLine, index) => {
      const start = lineStart;
      lineStart += rawLine.length + 1;
      if (NOT_PROSE.test(rawLine)) return;
      const lineText = squeeze(rawLine.replace(BULLET, ''));
      let cursor = 0;
      for (const part of splitSentences(rawLine)) {
        const at = rawLine.indexOf(part, cursor);
        cursor = at + part.length;
        const text = squeeze(part.replace(BULLET, ''));
        if (!/[A-Za-z]/.test(text)) continue;
        const branches = prose.branchesFrom.findLast((entry) => entry.offset <= start + at)?.branches ?? [];
        sentences.push({ piece, line: index + 1, text, lineText, branches });
      }
    });
  }
  return sentences;
}

/** Splits on `.`, `!`, `?` and `;` followed by a space; keeps `e.g.` and `3.5` whole. */
export function splitSentences(line: string): string[] {
  return line
    .split(/(?<!\b(?:e\.g|i\.e|etc)\.)(?<=[.!?;])\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const STOPWORDS = new Set(
  (
    'a an the and or but if then than so of to in on at by for with from as is are be been being was ' +
    'were it its this that these those there their they them you your yours we our us i me my he she ' +
    'his her do does did has have had will would can could should shall may might must not no when ' +
    'while which who whom what where how any all each every some such only also just into about over ' +
    'up out very'
  ).split(' '),
);

/**
 * Content words, lower-cased and lightly stemmed (`replies` → `repli`, `responses` → `respons`), for
 * comparing sentences by meaning-bearing words. Numbers are kept: "100 words" is content.
 */
export function contentTokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9_]+/g) ?? [])
    .filter((word) => !STOPWORDS.has(word))
    .map((word) => (word.length > 4 ? word.replace(/(ing|ed|es|s)$/, '') : word));
}
