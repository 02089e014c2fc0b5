import type { Database } from 'better-sqlite3';
import { open, type FileHandle } from 'node:fs/promises';
import * as yauzl from 'yauzl';
import { AppError } from '../../errors';
import { isTrusted } from '../../keys';
import { checkBagInfoAgreement, checkCustody, checkEvidenceSchema, checkExports, checkFingerprints } from './agreement';
import { values } from './bagit';
import {
  CUSTODY,
  TAG_FILES,
  checkBagInfo,
  checkBagit,
  checkLayout,
  checkPayloadManifest,
  checkPayloadOxum,
  checkSignature,
  checkTagManifest,
  type BagFiles,
} from './checks';
import { Findings } from './findings';
import { readEntries } from './read-entries';
import { DEFAULT_LIMITS, type VerificationResult, type VerifyLimits, type VerifyProgress } from './types';
import { scanZip, type ZipScan } from './zip-safety';

export interface VerifyOptions {
  /** The cache, for the read-only trusted-signer lookup (nothing else is read from it, nothing written). */
  db?: Database;
  /** Fingerprints to trust besides (or instead of) the cache's trusted signers. */
  trustedFingerprints?: readonly string[];
  /** Bounds for the zip; any not given are {@link DEFAULT_LIMITS}. */
  limits?: Partial<VerifyLimits>;
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
}

function cancelled(): never {
  throw new AppError('cancelled', 'Verifying the packet was cancelled.', 'Verify it again when you are ready.');
}

function unreadable(path: string, error: unknown): AppError {
  const code = (error as { code?: unknown })?.code;
  return new AppError(
    'file-unreadable',
    `The packet ${JSON.stringify(path)} could not be read (${typeof code === 'string' ? code : (error as Error)?.message ?? 'unknown error'}).`,
    'Check the path and that you may read the file, then verify it again.',
  );
}

/** The payload files the app shows inside a verified packet. */
const DOCUMENTS = ['data/NOTE.md', 'data/report.html'] as const;

const isIoError = (error: unknown) => /^E[A-Z]+$/u.test(String((error as { code?: unknown })?.code ?? ''));

/**
 * Verifies the evidence packet (zip) at `path` without extracting it: nothing is written anywhere, and the
 * cache is only asked whether the signer is trusted. First the zip's metadata is checked (one top folder,
 * safe names, no links or duplicates, limits, headers); only a safe zip has its content read, streaming
 * each entry through SHA-256. Then the bag: bagit.txt, the signature, the tag and payload manifests,
 * Payload-Oxum, bag-info.txt, evidence.json (schema, and agreement with bag-info.txt and the files), the
 * signer's fingerprint, data/custody.json, and trust.
 *
 * A bad packet is never an exception: every problem is a finding naming the file. Throws an AppError only
 * when the file cannot be read (`file-unreadable`) or the signal aborts (`cancelled`).
 */
export async function verifyPacket(path: string, options: VerifyOptions = {}): Promise<VerificationResult> {
  const limits: VerifyLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const { signal, onProgress } = options;
  if (signal?.aborted) cancelled();

  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw unreadable(path, { code: stat.isDirectory() ? 'EISDIR' : 'not a regular file' });
    const findings = new Findings();
    onProgress?.({ phase: 'scanning', bytesDone: 0, bytesTotal: 0, file: null });

    let zipfile: yauzl.ZipFile;
    try {
      // decodeStrings off: names are decoded and judged in scanZip, so one bad name does not hide the others.
      zipfile = await yauzl.openPromise(path, { autoClose: false, decodeStrings: false, validateEntrySizes: false, strictFileNames: true });
    } catch (error) {
      if (isIoError(error)) throw unreadable(path, error);
      findings.error('zip-safety', null, `This is not a zip file, or it is damaged or cut short: ${(error as Error).message}.`);
      return result(findings, null, null, null, null, null);
    }
    let scan: ZipScan;
    try {
      scan = await scanZip(zipfile, handle, limits, findings, signal, cancelled);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (signal?.aborted) cancelled();
      if (isIoError(error)) throw unreadable(path, error);
      throw error;
    } finally {
      zipfile.close();
    }
    if (!scan.safe) return result(findings, scan, null, null, null, null);

    const files = await readEntries(path, scan, findings, {
      keep: (rel) =>
        (TAG_FILES as readonly string[]).includes(rel)
          ? limits.maxTagFileBytes
          : rel === CUSTODY
            ? limits.maxCustodyBytes
            : (DOCUMENTS as readonly string[]).includes(rel)
              ? limits.maxDocumentBytes
              : null,
      signal,
      onAbort: cancelled,
      onProgress,
    });
    if (signal?.aborted) cancelled();
    onProgress?.({ phase: 'checking', bytesDone: 0, bytesTotal: 0, file: null });
    return checkBag(files, scan, findings, limits, options);
  } finally {
    await handle.close();
  }
}

function checkBag(files: BagFiles, scan: ZipScan, findings: Findings, limits: VerifyLimits, options: VerifyOptions): VerificationResult {
  checkLayout(files, findings);
  checkBagit(files, findings);
  const { fingerprint } = checkSignature(files, findings);
  checkTagManifest(files, findings);
  checkPayloadManifest(files, findings);
  const info = checkBagInfo(files, findings);
  checkPayloadOxum(files, info, findings);
  const evidence = checkEvidenceSchema(files, findings);
  if (evidence && info) checkBagInfoAgreement(evidence, info, findings);
  checkFingerprints(fingerprint, evidence, info, findings);
  if (evidence) checkExports(evidence, files, findings);
  const packetId = evidence?.packet_id ?? (info ? values(info, 'Evidence-Packet-Id')[0] : undefined) ?? null;
  checkCustody(files, packetId, findings, limits.maxCustodyBytes);

  let signerName: string | null = null;
  let trusted = false;
  if (fingerprint !== null && !findings.hasErrors()) {
    const name = options.db ? isTrusted(options.db, fingerprint) : null;
    trusted = name !== null || (options.trustedFingerprints ?? []).includes(fingerprint);
    signerName = name;
    if (trusted) {
      findings.info('trust', 'signer.pub.pem', `Signed by ${name === null ? 'a trusted key' : `"${name}"`} (${fingerprint}).`);
    } else {
      findings.warning(
        'trust',
        'signer.pub.pem',
        `The packet is intact, but its signer ${fingerprint} is not one of your trusted signers. Compare this fingerprint with the one the sender published out of band (not one that came with the packet) before relying on who signed it.`,
      );
    }
  }
  return result(findings, scan, files, packetId, fingerprint, trusted ? { name: signerName } : null);
}

function result(findings: Findings, scan: ZipScan | null, files: BagFiles | null, packetId: string | null, fingerprint: string | null, trusted: { name: string | null } | null): VerificationResult {
  const list = findings.list();
  const invalid = list.some((f) => f.severity === 'error');
  return {
    status: invalid ? 'invalid' : trusted ? 'valid-trusted' : 'valid-untrusted',
    packetId,
    fingerprint,
    signerName: !invalid && trusted ? trusted.name : null,
    findings: list,
    files: (scan?.entries ?? [])
      .filter((e) => !e.isDirectory)
      .map((e) => {
        const read = e.rel !== null ? files?.get(e.rel) : undefined;
        return { path: e.path, bytes: read?.bytes ?? e.entry.uncompressedSize, sha256: read?.sha256 ?? null, ok: !findings.fileHasErrors(e.path) };
      }),
    documents: { note: documentText(files, scan, 'data/NOTE.md', findings), report: documentText(files, scan, 'data/report.html', findings) },
  };
}

/** A document's text when it was read whole and no error names it (its bytes are the ones the manifest lists). */
function documentText(files: BagFiles | null, scan: ZipScan | null, rel: (typeof DOCUMENTS)[number], findings: Findings): string | null {
  const read = files?.get(rel);
  const entry = scan?.entries.find((e) => e.rel === rel);
  if (!read?.content || !entry || findings.fileHasErrors(entry.path) || findings.fileHasErrors(rel)) return null;
  return read.content.toString('utf8');
}
