// The parts of an address around the street line: a flat/unit prefix before it and the unit, city,
// state/county and postcode after it, on the same line or the next (bench/held-out labels the
// whole "Flat 3, 22 Baker Road, Leeds LS6 2QT" as one address).

/** "Flat 5, ", "Unit 21/", "Apt 4B " right before the house number. */
const UNIT_PREFIX =
  /(?:\b(?:Flat|Unit|Apt|Apartment|Suite|Ste)\.? ?\d{1,5}[A-Za-z]?(?:\/|, ?| )|\b\d{1,5}[A-Za-z]?\/)$/;
/** ", Apt 24B" after the street. */
const UNIT_AFTER = /^,? ?(?:Apt|Apartment|Unit|Suite|Ste|Flat|#)\.? ?[A-Za-z0-9-]{1,6}\b/;
const SEPARATOR = '(?:,[ \\t]?|[ \\t]?\\n[ \\t]?|[ \\t])';
const CITY = "\\p{Lu}[\\p{Ll}'-]+(?: \\p{Lu}[\\p{Ll}'-]+){0,2}";
const REGION = '(?:[A-Z]{2,3})';
const POSTCODE = '(?:\\d{5}(?:-\\d{4})?|\\d{4}|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})';
/** City with a region and/or postcode: ", Columbus, OH 43254", ", Leeds LS6 1SP", "\nPerth WA 6000". */
const CITY_REGION_POSTCODE = new RegExp(
  `^${SEPARATOR}${CITY}(?:,? ${REGION}(?:,? ${POSTCODE})?|,? ${POSTCODE})(?![\\p{L}\\d])`,
  'u',
);
/** A city alone only at the end of a line or sentence: "221B Baker Street, London." */
const CITY_AT_END = new RegExp(`^,[ \\t]?${CITY}(?=[ \\t]*(?:$|\\n|\\.(?:\\s|$)))`, 'u');
const NOT_CITIES = new Set([
  'Thanks',
  'Thank',
  'Please',
  'Cheers',
  'Regards',
  'Best',
  'Hi',
  'Hello',
  'Phone',
  'Email',
]);

/** The start of the address: the street's start, or earlier when a unit prefix comes before it. */
export function extendStart(text: string, start: number): number {
  const before = text.slice(Math.max(0, start - 20), start);
  const prefix = UNIT_PREFIX.exec(before);
  return prefix === null ? start : start - prefix[0].length;
}

/** The end of the address, and whether a city with region or postcode followed the street. */
export function extendEnd(text: string, end: number): { end: number; hasTail: boolean } {
  let position = end;
  const unit = UNIT_AFTER.exec(text.slice(position, position + 20));
  if (unit !== null) position += unit[0].length;
  const rest = text.slice(position, position + 80);
  const tail = CITY_REGION_POSTCODE.exec(rest);
  if (tail !== null && !NOT_CITIES.has(tail[0].replace(/^[,\s]+/, '').split(' ')[0]!)) {
    return { end: position + tail[0].length, hasTail: true };
  }
  const city = CITY_AT_END.exec(rest);
  if (city !== null && !NOT_CITIES.has(city[0].replace(/^[,\s]+/, '').split(' ')[0]!)) {
    return { end: position + city[0].length, hasTail: false };
  }
  return { end: unit === null ? end : position, hasTail: false };
}
