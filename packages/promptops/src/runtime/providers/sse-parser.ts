/** One server-sent event: what both hot-path protocols stream their answers in. */
export interface ServerSentEvent {
  /** The `event:` field; `message` when the server sent none. */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
}

/**
 * Parses a `text/event-stream` body incrementally, following the WHATWG HTML event-stream rules
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream): a chunk
 * may end anywhere — inside an event, a line, a UTF-8 character or between `\r` and `\n`. Comment
 * lines (`: keep-alive`) and `id:`/`retry:` fields are skipped: neither protocol uses them.
 *
 * Unlike the browser, an event whose lines all arrived but whose closing blank line did not is still
 * dispatched when the body ends, so a server that closes right after `data: [DONE]\n` is not taken
 * for a cut stream. A half-received line is dropped.
 *
 * @example
 * for await (const event of parseServerSentEvents(response.body)) console.log(event.event, event.data);
 */
export async function* parseServerSentEvents(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let afterCarriageReturn = false;
  let eventName = '';
  let dataLines: string[] = [];

  for await (const chunk of body) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    // The previous chunk ended with `\r`: a `\n` opening this one belongs to the same line break.
    if (afterCarriageReturn && buffer.length > 0) {
      if (buffer.charCodeAt(0) === LINE_FEED) start = 1;
      afterCarriageReturn = false;
    }
    let lineFeed = buffer.indexOf('\n', start);
    let carriageReturn = buffer.indexOf('\r', start);
    while (lineFeed !== -1 || carriageReturn !== -1) {
      const end =
        lineFeed === -1
          ? carriageReturn
          : carriageReturn === -1
            ? lineFeed
            : Math.min(lineFeed, carriageReturn);
      const line = buffer.slice(start, end);
      start = end + 1;
      if (end === carriageReturn) {
        if (start === buffer.length) afterCarriageReturn = true;
        else if (buffer.charCodeAt(start) === LINE_FEED) start += 1;
      }
      if (lineFeed !== -1 && lineFeed < start) lineFeed = buffer.indexOf('\n', start);
      if (carriageReturn !== -1 && carriageReturn < start) carriageReturn = buffer.indexOf('\r', start);

      if (line === '') {
        if (dataLines.length > 0) yield { event: eventName || 'message', data: dataLines.join('\n') };
        eventName = '';
        dataLines = [];
        continue;
      }
      if (line.charCodeAt(0) === COLON) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.charCodeAt(0) === SPACE) value = value.slice(1);
      if (field === 'data') dataLines.push(value);
      else if (field === 'event') eventName = value;
    }
    buffer = start === 0 ? buffer : buffer.slice(start);
  }
  if (dataLines.length > 0) yield { event: eventName || 'message', data: dataLines.join('\n') };
}

const LINE_FEED = 0x0a;
const COLON = 0x3a;
const SPACE = 0x20;
