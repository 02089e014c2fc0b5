import { randomBytes } from 'node:crypto';

/**
 * The report.html of recently verified packets, held in memory so the window can show it in a sandboxed
 * frame served by the host (app:// in Electron) under the report's own strict CSP, never as markup in the
 * app's page. Ids are random and unguessable; only the last few reports are kept.
 */
export class PacketDocuments {
  readonly #reports = new Map<string, string>();

  constructor(private readonly keep = 8) {}

  /** Keeps `html` and returns the id to serve it under. */
  put(html: string): string {
    const id = randomBytes(16).toString('base64url');
    this.#reports.set(id, html);
    while (this.#reports.size > this.keep) this.#reports.delete(this.#reports.keys().next().value!);
    return id;
  }

  /** The report kept under `id`, or null (unknown, or long since dropped). */
  report(id: string): string | null {
    return this.#reports.get(id) ?? null;
  }
}
