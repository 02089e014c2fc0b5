import { open } from 'node:fs/promises';
import { AppError } from '../../core/errors';
import { count } from '../format';
import { UsageError } from '../usage-error';

/** The note's free text holds at most this many characters (NoteFields.free_text). */
export const MAX_NOTE_CHARS = 20_000;
/** At most 4 bytes a character in UTF-8; anything larger cannot fit, and is not read whole. */
const MAX_NOTE_BYTES = MAX_NOTE_CHARS * 4 + 3;

/**
 * The reviewer's free text from a Markdown file (`evidence pack --note`): UTF-8 (a BOM is dropped), no
 * NUL bytes, at most 20,000 characters. It goes into data/NOTE.md and report.html as written.
 */
export async function readNoteFile(path: string, shown: string): Promise<string> {
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_NOTE_BYTES) throw tooLong(shown, null);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('file-unreadable', `The note file ${shown} could not be read (${code}).`, 'Check that it exists and that you may read it.', { path });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UsageError(`The note file ${shown} is not UTF-8 text.`, 'Save it as UTF-8 (any editor can), then pack again.');
  }
  if (text.includes('\u0000')) throw new UsageError(`The note file ${shown} contains NUL bytes: it is not a text file.`, 'Give the Markdown file with your note.');
  const chars = [...text].length;
  if (chars > MAX_NOTE_CHARS) throw tooLong(shown, chars);
  return text;
}

function tooLong(shown: string, chars: number | null): UsageError {
  return new UsageError(
    `The note file ${shown} is ${chars === null ? 'too long' : `${count(chars)} characters long`}; a note holds at most ${count(MAX_NOTE_CHARS)}.`,
    'Keep the note to what the receiving reviewer needs, and point to longer documents by reference.',
  );
}
