import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delay, sendStatusFault, serveFile, type ServedFile } from './http';
import { takeFault, type Knobs } from './knobs';

/** What the storage listener saw, so tests can prove no Authorization header reached it. */
export interface StorageRequest {
  path: string;
  hadAuthorization: boolean;
  range: string | null;
  status: number;
}

/**
 * A stand-in for S3-backed storage on its own port (so: another origin). It serves objects only through
 * presigned URLs whose signature and expiry it checks, and refuses any request that carries an
 * Authorization header, as S3 does when a presigned request has a second auth mechanism.
 */
export class PresignedStorage {
  readonly requests: StorageRequest[] = [];
  private readonly objects = new Map<string, ServedFile>();
  private readonly secret = randomBytes(32);
  private server: Server | undefined;
  private origin = '';

  constructor(private readonly knobs: Knobs) {}

  async start(host: string, port: number): Promise<string> {
    const server = createServer((req, res) => {
      void this.handle(req, res).catch(() => res.destroy());
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    this.origin = `http://${host}:${address.port}`;
    return this.origin;
  }

  /** A URL for `key` valid for `ttlMs` of real time. */
  presign(key: string, file: ServedFile, ttlMs: number): string {
    this.objects.set(key, file);
    const path = `/bucket/${encodeURIComponent(key)}`;
    // As S3 does: X-Amz-Date is when it was signed, X-Amz-Expires a lifetime in seconds.
    const date = amzDate(Date.now());
    const expires = String(Math.ceil(ttlMs / 1000));
    const url = new URL(path, this.origin);
    url.searchParams.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
    url.searchParams.set('X-Amz-Date', date);
    url.searchParams.set('X-Amz-Expires', expires);
    url.searchParams.set('X-Amz-Signature', this.sign(path, date, expires));
    return url.toString();
  }

  private sign(path: string, date: string, expires: string): string {
    return createHmac('sha256', this.secret).update(`${path}\n${date}\n${expires}`).digest('hex');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const entry: StorageRequest = {
      path: url.pathname,
      hadAuthorization: req.headers.authorization !== undefined,
      range: req.headers.range ?? null,
      status: 0,
    };
    this.requests.push(entry);
    const answer = (status: number, code: string, message: string) => {
      entry.status = status;
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
      res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, 'MethodNotAllowed', 'Only GET and HEAD');
    if (entry.hadAuthorization) {
      return answer(400, 'InvalidArgument', 'Only one auth mechanism allowed; a presigned URL must not carry an Authorization header');
    }
    const date = url.searchParams.get('X-Amz-Date') ?? '';
    const expires = url.searchParams.get('X-Amz-Expires') ?? '';
    const signature = url.searchParams.get('X-Amz-Signature') ?? '';
    const expected = Buffer.from(this.sign(url.pathname, date, expires), 'hex');
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return answer(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided');
    }
    if (Date.now() > parseAmzDate(date) + Number(expires) * 1000) return answer(403, 'AccessDenied', 'Request has expired');
    const key = decodeURIComponent(url.pathname.replace(/^\/bucket\//, ''));
    const file = this.objects.get(key);
    if (!file) return answer(404, 'NoSuchKey', 'The specified key does not exist.');
    const fault = takeFault(this.knobs, 'storage');
    if (fault?.kind === 'status') {
      entry.status = fault.status ?? 500;
      return sendStatusFault(res, fault, Date.now());
    }
    if (fault?.kind === 'slow-headers') await delay(fault.delayMs ?? 30_000, res);
    await serveFile(req, res, file, fault, (status) => (entry.status = status));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** `20260320T103000Z` */
function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function parseAmzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : NaN;
}
