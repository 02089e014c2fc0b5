// The part of archiver 8's API the packet writer uses (the package ships no types).
declare module 'archiver' {
  import type { Transform } from 'node:stream';

  export interface ZipArchiveOptions {
    /** Passed to zlib; level 0 stores. */
    zlib?: { level?: number };
    /** Store every entry uncompressed. */
    store?: boolean;
    /** Write ZIP64 records even when nothing needs them (they are written automatically past 4 GiB or 65,535 entries). */
    forceZip64?: boolean;
    /** Write DOS times from local time fields instead of UTC ones. */
    forceLocalTime?: boolean;
    comment?: string;
    highWaterMark?: number;
  }

  export interface ZipEntryData {
    name: string;
    date?: Date;
    mode?: number;
    type?: 'file' | 'directory';
    store?: boolean;
  }

  export class ZipArchive extends Transform {
    constructor(options?: ZipArchiveOptions);
    append(source: Buffer | NodeJS.ReadableStream, data: ZipEntryData): this;
    /** Resolves when the archive's last byte has been produced, not when a destination has it. */
    finalize(): Promise<void>;
    abort(): this;
    /** Bytes produced so far. */
    pointer(): number;
  }
}
