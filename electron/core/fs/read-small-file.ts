import { open } from 'node:fs/promises';

/** How a caller words the two ways a small file can fail to be read. */
export interface SmallFileErrors {
  /** It exists but could not be opened (`code` is the system's, e.g. EACCES). */
  unreadable(code: string): Error;
  /** It is not a regular file, or is larger than the caller allows. */
  notAFile(): Error;
}

/**
 * Reads a small file whole (a key file, a token file): null when it or its folder does not exist; a
 * folder, a device or anything over `maxBytes` is refused before it is read.
 */
export async function readSmallFile(path: string, maxBytes: number, errors: SmallFileErrors): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw errors.unreadable(code ?? 'error');
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > maxBytes) throw errors.notAFile();
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
