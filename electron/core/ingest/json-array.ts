import { Slicer } from './slices';

/** One element of a top-level JSON array: its text, 1-based index and the byte offset where it starts. */
export interface JsonElement {
  text: string;
  index: number;
  byteOffset: number;
}

/** Structural problems found while splitting, with the byte offset where they were seen. */
export class JsonShapeError extends Error {
  /** The elements the same push completed before the problem (a checker still reads them). */
  completed: JsonElement[] = [];

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
const BOM = [0xef, 0xbb, 0xbf];

type State = 'start' | 'first' | 'element' | 'after' | 'end';

/**
 * Finds the elements of one JSON array of objects in bytes fed to it piece by piece, never holding
 * more than (a copy of) the element being read: a byte scanner tracks strings and nesting (jumping to the next
 * quote inside strings), and the engine's native JSON.parse later reads each element.
 */
export class JsonArraySplitter {
  private state: State = 'start';
  private offset = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private index = 0;
  private elementStart = 0;
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  private bomBytes = 0;

  constructor(private readonly maxElementBytes: number) {}

  /** Scans the next bytes of the file and returns the elements they complete. */
  push(chunk: Buffer): JsonElement[] {
    const elements: JsonElement[] = [];
    try {
      this.scan(chunk, elements);
    } catch (error) {
      if (error instanceof JsonShapeError) error.completed = elements;
      throw error;
    }
    return elements;
  }

  private scan(chunk: Buffer, elements: JsonElement[]): void {
    let i = 0;
    // A byte-order mark, which may arrive split across chunks; anything else that starts like one is not an array.
    while (this.bomBytes < 3 && this.offset + i === this.bomBytes && i < chunk.length) {
      if (chunk[i] !== BOM[this.bomBytes]) {
        if (this.bomBytes > 0) throw new JsonShapeError('the file is not a JSON array (it must start with "[")', 0);
        this.bomBytes = 3;
        break;
      }
      this.bomBytes++;
      i++;
    }
    let sliceFrom = this.state === 'element' ? 0 : -1;
    const n = chunk.length;
    while (i < n) {
      if (this.state === 'element') {
        if (this.inString) {
          if (this.escaped) {
            this.escaped = false;
            i++;
            continue;
          }
          const quote = chunk.indexOf(QUOTE, i);
          const end = quote < 0 ? n : quote;
          let k = end - 1;
          while (k >= i && chunk[k] === BACKSLASH) k--;
          const backslashes = end - 1 - k;
          if (quote < 0) {
            // The string goes on in the next chunk; an odd run of backslashes escapes its first byte.
            this.escaped = backslashes % 2 === 1;
            break;
          }
          if (backslashes % 2 === 0) this.inString = false;
          i = quote + 1;
          continue;
        }
        const b = chunk[i]!;
        if (b === QUOTE) this.inString = true;
        else if (b === OPEN_BRACE || b === OPEN_BRACKET) this.depth++;
        else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
          this.depth--;
          if (this.depth === 0) {
            this.pieceBytes += i + 1 - sliceFrom;
            if (this.pieceBytes > this.maxElementBytes) throw this.tooLarge();
            const text = this.pieces.length === 0 ? chunk.toString('utf8', sliceFrom, i + 1) : Buffer.concat([...this.pieces, chunk.subarray(sliceFrom, i + 1)]).toString('utf8');
            elements.push({ text, index: this.index, byteOffset: this.elementStart });
            this.pieces = [];
            this.pieceBytes = 0;
            this.state = 'after';
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
      const at = this.offset + i;
      switch (this.state) {
        case 'start':
          if (b !== OPEN_BRACKET) throw new JsonShapeError('the file is not a JSON array (it must start with "[")', at);
          this.state = 'first';
          break;
        case 'first':
        case 'after':
          if (b === CLOSE_BRACKET && (this.state === 'after' || this.index === 0)) {
            this.state = 'end';
            break;
          }
          if (this.state === 'after') {
            if (b !== COMMA) throw new JsonShapeError(`expected "," or "]" after record ${this.index}`, at, this.index);
            this.state = 'first';
            break;
          }
          if (b !== OPEN_BRACE) throw new JsonShapeError(`record ${this.index + 1} is not a JSON object`, at, this.index + 1);
          this.index++;
          this.state = 'element';
          this.depth = 1;
          this.elementStart = at;
          sliceFrom = i;
          break;
        case 'end':
          throw new JsonShapeError('unexpected content after the closing "]"', at, this.index);
      }
      i++;
    }
    if (this.state === 'element' && sliceFrom >= 0) {
      // Copied: the caller may reuse the chunk's memory once it has been consumed.
      this.pieces.push(Buffer.from(chunk.subarray(sliceFrom)));
      this.pieceBytes += n - sliceFrom;
      if (this.pieceBytes > this.maxElementBytes) throw this.tooLarge();
    }
    this.offset += n;
  }

  /** Checks that the file ended with the array closed. */
  end(): void {
    if (this.bomBytes > 0 && this.bomBytes < 3) throw new JsonShapeError('the file is not a JSON array (it must start with "[")', 0);
    if (this.state === 'start') throw new JsonShapeError('the file is empty, not a JSON array', this.offset);
    if (this.state !== 'end') {
      throw new JsonShapeError(`the file ends before the array is closed (truncated after record ${this.state === 'element' ? this.index - 1 : this.index})`, this.offset, this.index);
    }
  }

  private tooLarge(): JsonShapeError {
    return new JsonShapeError(`record ${this.index} is larger than the ${Math.round(this.maxElementBytes / 1024)} KiB limit for one record`, this.elementStart, this.index);
  }
}

/**
 * Splits a stream holding one JSON array of objects into its elements without holding the file in
 * memory, yielding the elements of each slice of input (a few milliseconds' worth) (possibly none: each batch is a point where
 * the caller can give the event loop a turn). Elements larger than `maxElementBytes` are refused.
 */
export async function* jsonElementBatches(input: AsyncIterable<Buffer>, maxElementBytes: number): AsyncGenerator<JsonElement[]> {
  const splitter = new JsonArraySplitter(maxElementBytes);
  const slicer = new Slicer();
  for await (const chunk of input) {
    for (let at = 0; at < chunk.length; ) {
      const slice = slicer.next(chunk, at);
      at += slice.length;
      const started = performance.now();
      const elements = splitter.push(slice);
      slicer.took(performance.now() - started);
      yield elements;
    }
  }
  splitter.end();
}
