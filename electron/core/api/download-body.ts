import { ApiError } from './errors';
import { classifyThrown, type Exchange } from './exchange';
import type { PartialFile } from './partial';

/** How a body ended: all of it arrived, or it was cut or stalled (resumable). */
export type BodyOutcome = { ended: true } | { ended: false; kind: 'timeout' | 'network'; reason: string };

/** Bytes read from the network but not yet on disk before reading pauses for the disk. */
const MAX_BUFFERED = 4 * 1024 * 1024;

/** Streams a body into the partial file, cutting off a stalled body; a cut or stall is returned as resumable. */
export async function pumpBody(
  response: Response,
  exchange: Exchange,
  file: PartialFile,
  idleMs: number,
  hooks: { prepare: () => Promise<void>; onChunk: () => void },
): Promise<BodyOutcome> {
  let writeError: unknown = null;
  // Disk work before the first chunk (truncate, sidecar) waits in the write queue, not in front of the reads.
  let writes: Promise<void> = hooks.prepare().catch((error: unknown) => {
    writeError = error;
  });
  const body = response.body;
  if (body === null) {
    await writes;
    if (writeError !== null) throw writeError;
    return { ended: true };
  }
  // Reads run ahead of disk writes: an erroring web stream drops the chunks still queued in it, so bytes
  // that arrived before a cut would otherwise be lost and fetched again.
  const reader = body.getReader();
  let buffered = 0;
  const flushed = async () => {
    await writes;
    if (writeError !== null) throw writeError;
  };
  let finished = false;
  try {
    for (;;) {
      if (buffered > MAX_BUFFERED) await flushed();
      if (writeError !== null) throw writeError;
      exchange.arm(idleMs);
      const { done, value } = await exchange.race(reader.read());
      exchange.disarm();
      if (done) {
        finished = true;
        await flushed();
        return { ended: true };
      }
      buffered += value.length;
      writes = writes.then(async () => {
        if (writeError !== null) return;
        try {
          await file.append(value);
          hooks.onChunk();
        } catch (error) {
          writeError = error;
        }
        buffered -= value.length;
      });
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    await flushed();
    const why = classifyThrown(error, exchange);
    if (why.kind === 'cancelled') throw why.error;
    return why.kind === 'timeout' ? { ended: false, kind: 'timeout', reason: 'the body stalled' } : { ended: false, kind: 'network', reason: why.reason };
  } finally {
    exchange.disarm();
    await writes;
    if (!finished) {
      exchange.abort();
      reader.cancel().catch(() => undefined);
    }
  }
}

/** Lets go of a response we will not read, so its connection is freed. */
export function discardBody(response: Response, exchange: Exchange): void {
  response.body?.cancel().catch(() => undefined);
  exchange.dispose();
}
