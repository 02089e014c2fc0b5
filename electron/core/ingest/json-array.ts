import type { Readable } from 'node:stream';

/** One element of a top-level JSON array: its text, 1-based index and the byte offset where it starts. */
export interface JsonElement {
  text: string;
  index: number;
  byteOffset: number;
}

/** Structural problems found while splitting, with the byte offset where they were seen. */
export class JsonShapeError extends Error {
  constructor(
    message: string,
    readonly byteOffset: number,
    readonly record?: number,
  ) {
    super(message);
  }
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

type State = 'start' | 'first' | 'element' | 'after' | 'end';

/**
 * Splits a stream holding one JSON array of objects into its elements without holding the file in
 * memory: a byte scanner finds each element's boundaries (tracking strings and nesting), and the
 * engine's native JSON.parse later reads each element. Elements larger than `maxElementBytes` are refused.
 */
export async function* jsonArrayElements(input: Readable, maxElementBytes: number): AsyncGenerator<JsonElement> {
  let state: State = 'start';
  let offset = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let index = 0;
  let elementStart = 0;
  let pieces: Buffer[] = [];
  let pieceBytes = 0;
  let sawBom = false;

  for await (const chunk of input as AsyncIterable<Buffer>) {
    let i = 0;
    if (!sawBom && offset === 0 && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      i = 3;
      sawBom = true;
    }
    let sliceFrom = state === 'element' ? 0 : -1;
    while (i < chunk.length) {
      if (state === 'element') {
        if (inString) {
          const b = chunk[i]!;
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
          i++;
          continue;
        }
        const b = chunk[i]!;
        if (b === QUOTE) inString = true;
        else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
        else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) {
            pieces.push(chunk.subarray(sliceFrom, i + 1));
            pieceBytes += i + 1 - sliceFrom;
            if (pieceBytes > maxElementBytes) throw tooLarge(index, elementStart, maxElementBytes);
            const text = pieces.length === 1 ? pieces[0]!.toString('utf8') : Buffer.concat(pieces).toString('utf8');
            pieces = [];
            pieceBytes = 0;
            state = 'after';
            i++;
            yield { text, index, byteOffset: elementStart };
            continue;
          }
        }
        i++;
        continue;
      }
      const b = chunk[i]!;
      if (isSpace(b)) {
        i++;
        continue;
      }
      const at = offset + i;
      switch (state) {
        case 'start':
          if (b !== OPEN_BRACKET) throw new JsonShapeError('the file is not a JSON array (it must start with "[")', at);
          state = 'first';
          break;
        case 'first':
        case 'after':
          if (b === CLOSE_BRACKET && (state === 'after' || index === 0)) {
            state = 'end';
            break;
          }
          if (state === 'after') {
            if (b !== COMMA) throw new JsonShapeError(`expected "," or "]" after record ${index}`, at, index);
            state = 'first';
            break;
          }
          if (b !== OPEN_BRACE) throw new JsonShapeError(`record ${index + 1} is not a JSON object`, at, index + 1);
          index++;
          state = 'element';
          depth = 1;
          elementStart = at;
          sliceFrom = i;
          break;
        case 'end':
          throw new JsonShapeError('unexpected content after the closing "]"', at, index);
      }
      i++;
    }
    if (state === 'element' && sliceFrom >= 0) {
      pieces.push(chunk.subarray(sliceFrom));
      pieceBytes += chunk.length - sliceFrom;
      if (pieceBytes > maxElementBytes) throw tooLarge(index, elementStart, maxElementBytes);
    }
    offset += chunk.length;
  }
  if (state === 'start') throw new JsonShapeError('the file is empty, not a JSON array', offset);
  if ((state as State) !== 'end') throw new JsonShapeError(`the file ends before the array is closed (truncated after record ${state === 'element' ? index - 1 : index})`, offset, index);
}

function tooLarge(index: number, byteOffset: number, max: number): JsonShapeError {
  return new JsonShapeError(`record ${index} is larger than the ${Math.round(max / 1024)} KiB limit for one record`, byteOffset, index);
}
