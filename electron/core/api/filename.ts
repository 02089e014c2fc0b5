/** The (unsanitized) filename a Content-Disposition names, `filename*` (RFC 5987) first; null when none. */
export function parseContentDisposition(value: string | null): string | null {
  if (value === null) return null;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(value);
  if (extended && /^(utf-8|)$/i.test(extended[1]!.trim())) {
    try {
      return decodeURIComponent(extended[2]!.trim());
    } catch {
      // A malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(value);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
  const bare = /(?:^|;)\s*filename\s*=\s*([^;\s]+)/i.exec(value);
  return bare ? bare[1]! : null;
}

const MAX_LENGTH = 200;

/** Makes a server-supplied name safe as one file name on any OS; null when nothing usable is left. */
export function sanitizeFilename(name: string | null): string | null {
  if (name === null) return null;
  const last = name.split(/[/\\]/).pop() ?? '';
  const cleaned = last
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .slice(0, MAX_LENGTH)
    .replace(/[.\s]+$/, '');
  if (cleaned === '' || /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(cleaned)) return null;
  return cleaned;
}

/** The name to keep for a download: the header's, else the job's, else one built from the job id. */
export function chooseFilename(disposition: string | null, artifactName: string | null, jobId: string, format: string | null): string {
  const fallbackExt = format === 'csv' || format === 'json' ? `.${format}` : '';
  return (
    sanitizeFilename(parseContentDisposition(disposition)) ??
    sanitizeFilename(artifactName) ??
    sanitizeFilename(`keeptrusts-export-${jobId.replace(/[^A-Za-z0-9_-]/g, '_')}${fallbackExt}`) ??
    'keeptrusts-export'
  );
}
