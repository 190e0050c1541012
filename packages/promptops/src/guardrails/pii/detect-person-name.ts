// Person names are only reported where the sentence says a name is there: "my name is", titles,
// "this is … from", "Hi, … here", "account holder …", sign-offs, signature blocks and mail headers.
// A capitalised pair alone ("Kate Spade crossbody bag") is a brand as often as a person.
import type { Detector, Finding } from './detector.ts';
import { makeFinding } from './detector.ts';

/** One name word: "Rossi", "O'Brien", "Bergström", "Smith-Jones". */
const WORD = "\\p{Lu}(?:\\p{Ll}+(?:['’-]\\p{Lu}?\\p{Ll}+)?|['’]\\p{Lu}\\p{Ll}+)";
const ONE_TO_THREE = `${WORD}(?: ${WORD}){0,2}`;
const TWO_TO_THREE = `${WORD}(?: ${WORD}){1,2}`;

/** Capitalised words that end sign-offs and greetings but are not names. */
const NOT_NAMES = new Set(
  'Support Team Customer Customers Service Services Sales Admin Everyone All Again Here The This Thanks Thank Regards Best Cheers Sent Please Hello Hi Dear Management Manager Operations Accounts Billing Company Ltd Inc Store Shop Office Department'.split(
    ' ',
  ),
);

type Rule = { pattern: RegExp; score: number };

const SIGN_OFF =
  '(?:Thanks|Thank you|Many thanks|Cheers|Regards|Kind regards|Best regards|Warm regards|Best wishes|Best|Sincerely|Yours sincerely|Yours|Cordialement|Merci|Bien à vous|Mit freundlichen Grüßen|Viele Grüße|Gracias|Saludos|Un saludo|Grazie|Cumprimentos|Obrigado|Obrigada|Met vriendelijke groet)';

/** Each pattern's last group is the name. */
const RULES: readonly Rule[] = [
  {
    pattern: new RegExp(
      `(?:\\b[Mm]y name is|\\b[Nn]ame:|\\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\\.?)\\s+(${ONE_TO_THREE})`,
      'gu',
    ),
    score: 0.7,
  },
  {
    pattern: new RegExp(
      `\\b[Tt]his is (${TWO_TO_THREE})(?= from\\b|[,.;]| here\\b| and\\b| speaking\\b)`,
      'gu',
    ),
    score: 0.7,
  },
  {
    pattern: new RegExp(
      `(?:\\b(?:Hi|Hello|Hey|G'day|Morning|Evening|Hiya)[,!]? )(${ONE_TO_THREE})(?= here\\b| again\\b|, here\\b)`,
      'gu',
    ),
    score: 0.75,
  },
  {
    pattern: new RegExp(
      `\\b(?:[Aa]ccount holder|[Nn]ame on the (?:account|card)|[Cc]ard ?holder|[Uu]ser ?name|[Ff]ull name|[Cc]ustomer name|[Cc]ontact name|[Aa]ccount name|[Oo]n behalf of(?: my \\p{Ll}+,)?)[:,]?\\s(?:is\\s)?(${TWO_TO_THREE})`,
      'gu',
    ),
    score: 0.75,
  },
  {
    pattern: new RegExp(
      `\\badd (${TWO_TO_THREE}) as (?:a |an |the )?(?:second |new |additional )?(?:authori[sz]ed )?(?:user|contact|admin|member|signatory)`,
      'gu',
    ),
    score: 0.7,
  },
  {
    pattern: new RegExp(
      `(?:^|[\\n.!?] ?)${SIGN_OFF}[,!.]?(?:[ \\t]*\\n[ \\t]*|, ?)(${ONE_TO_THREE})(?=[ \\t]*(?:$|\\n|[.,;]| —| -))`,
      'gu',
    ),
    score: 0.7,
  },
  {
    // A signature block: a name line, maybe a job title line, then "T:", "M:", "E:" or "Phone:".
    pattern: new RegExp(
      `(?:^|\\n)(${TWO_TO_THREE})[ \\t]*\\n(?:[^\\n:]{1,60}\\n)?(?:T|M|E|P|Tel|Phone|Mobile|Email|Cell)\\s?:`,
      'gu',
    ),
    score: 0.7,
  },
  {
    pattern: new RegExp(`\\b(?:From|To|Cc|Reply-To):[ \\t]?(${ONE_TO_THREE})[ \\t]?<[^>\\s]{1,100}@`, 'gu'),
    score: 0.85,
  },
];

function nameSpan(match: RegExpExecArray): [number, number] | undefined {
  const name = match[match.length - 1];
  if (name === undefined) return undefined;
  const words = name.split(' ');
  if (words.some((word) => NOT_NAMES.has(word))) return undefined;
  const start = match.index + match[0].lastIndexOf(name);
  return [start, start + name.length];
}

/**
 * @example detectPersonName('Hi, Zara Hart here.', context)[0].text // 'Zara Hart'
 */
export const detectPersonName: Detector = (text) => {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { pattern, score } of RULES) {
    for (const match of text.matchAll(pattern)) {
      const span = nameSpan(match);
      if (span === undefined || seen.has(`${span[0]}:${span[1]}`)) continue;
      seen.add(`${span[0]}:${span[1]}`);
      findings.push(
        makeFinding(text, {
          type: 'person-name',
          detector: 'person-name',
          start: span[0],
          end: span[1],
          score,
        }),
      );
    }
  }
  return findings;
};
