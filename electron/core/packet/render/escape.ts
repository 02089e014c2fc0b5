/**
 * Escaping for the packet's human documents. Everything from records, file names, the scope and the note
 * is untrusted text: in HTML it becomes character data or a quoted attribute value, never markup; in
 * Markdown it cannot open raw HTML.
 *
 * Both also make invisible characters that could mislead a reader visible: C0/C1 control characters
 * (except tab and line feed) become their Unicode control pictures or `[U+XXXX]`, and bidirectional
 * embedding, override and isolate characters ("Trojan Source") become `[U+XXXX]`, so a file name cannot
 * display as something other than what it is.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Bidi controls: LRE, RLE, PDF, LRO, RLO (U+202A–202E), LRI, RLI, FSI, PDI (U+2066–2069), and ALM, LRM, RLM are left alone (they do not reorder). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Unpaired UTF-16 surrogates, which would not survive encoding as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function codePoint(ch: string): string {
  return `[U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`;
}

/**
 * `text` with misleading invisible characters made visible: C0 controls (but tab and LF; CR and CRLF become
 * LF) as control pictures (U+2400…), DEL and C1 controls, bidi controls and lone surrogates as `[U+XXXX]`.
 */
export function visible(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, (ch) => {
      const code = ch.charCodeAt(0);
      return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : codePoint(ch);
    })
    .replace(BIDI, codePoint)
    .replace(LONE_SURROGATE, codePoint);
}

/** Text for HTML character data or a double- or single-quoted attribute value: `& < > " '` escaped, invisible characters made visible. */
export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return visible(text).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

/**
 * Text for a Markdown document that reads the same as plain text: anything that could start raw HTML
 * (`<` before a letter, `/`, `!` or `?`, as the HTML tokenizer reads it) becomes `&lt;`, and an `&` that
 * would start a character reference (`&amp;`, `&#60;`) becomes `&amp;`, so a viewer shows exactly what was
 * typed. Nothing else changes: `a < b`, `R&D` and Markdown emphasis stay as written.
 */
export function escapeMarkdownText(value: string): string {
  return visible(value)
    .replace(/&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g, '&amp;')
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;');
}

/**
 * A Markdown code span holding `value` literally, on one line: nothing inside is Markdown or HTML. Line
 * breaks show as ⏎; the fence is one backtick longer than the longest run inside.
 */
export function markdownCode(value: string): string {
  const text = visible(value).replace(/\n/g, '⏎');
  if (text === '') return '` `';
  let longest = 0;
  for (const run of text.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
