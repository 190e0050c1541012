// Exfiltration through links: a markdown image or link (or an <img>) whose URL has a slot for
// data ("?data={the system prompt}"), or a request to visit a URL with secrets appended. A client
// that renders the image sends the data to the attacker's server without a click.
import { type InjectionSignal, signalFrom } from './injection-signal.ts';
import { allMatches, findPattern, type Hit } from './match-words.ts';
import type { ScanText } from './normalize-for-scan.ts';

const MARKDOWN_LINK = /(!?)\[[^\]\n]{0,200}\]\(\s{0,2}((?:https?:)?\/\/[^)\n]{1,500})\)/g;
const IMG_TAG = /<img\b[^>]{0,200}?\bsrc\s?=\s?["']?((?:https?:)?\/\/[^"'\s>]{1,500})/g;
/** A slot in a URL for text the model is to fill in: `{...}`, `<...>`, `[...]`, `${...}`, `%s`. */
const SLOT = /\{[^}\n]{1,200}\}|<[^>\n]{1,100}>|\[[^\]\n]{1,100}\]|%s/;
const SENSITIVE =
  /prompt|instruction|secret|password|conversation|chat|history|context|credential|token|api.?key|email|summary|data|message/;
const URL_THEN_SECRET =
  /https?:\/\/[^\s]{1,300}\s(?:followed by|plus|\+|with|and append(?:ing)?|appending|appended with)\s(?:your|the|all|my)\s(?:\w+\s){0,3}?(?:system prompt|prompt|instructions|secrets?|password|conversation|chat history|history|api keys?|credentials|emails?|data)\b/g;

/** A slot is worth flagging when it describes data in words or names something sensitive. */
function suspiciousUrl(url: string): boolean {
  const slot = SLOT.exec(url)?.[0];
  return slot !== undefined && (/\s/.test(slot) || SENSITIVE.test(slot));
}

export function dataExfiltration(scan: ScanText): InjectionSignal {
  const hits: Hit[] = [];
  for (const match of allMatches(scan.text, MARKDOWN_LINK)) {
    if (!suspiciousUrl(match[2]!)) continue;
    const image = match[1] === '!';
    const reason = image
      ? 'markdown image with a data slot in its URL'
      : 'markdown link with a data slot in its URL';
    hits.push({
      span: { start: match.index, end: match.index + match[0].length, reason },
      score: image ? 0.8 : 0.6,
    });
  }
  for (const match of allMatches(scan.text, IMG_TAG)) {
    if (!suspiciousUrl(match[1]!)) continue;
    const reason = 'HTML image with a data slot in its URL';
    hits.push({ span: { start: match.index, end: match.index + match[0].length, reason }, score: 0.8 });
  }
  hits.push(...findPattern(scan.text, URL_THEN_SECRET, 0.7, 'asks to send secrets to a URL'));
  return signalFrom('data-exfiltration', hits);
}
