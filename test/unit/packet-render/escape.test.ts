import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdownText, markdownCode, visible } from '../../../electron/core/packet/render';
import { parseHtml } from './sample';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>R&D</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;R&amp;D&lt;/a&gt;');
  });

  it('round-trips through an HTML parser as the same text, in text and in an attribute', () => {
    const text = `<img src=x onerror=alert(1)>"><script>alert(2)</script>' &amp; &lt; é 😀`;
    const doc = parseHtml(`<p title="${escapeHtml(text)}">${escapeHtml(text)}</p>`);
    const p = doc.querySelector('p')!;
    expect(p.textContent).toBe(text);
    expect(p.getAttribute('title')).toBe(text);
    expect(doc.querySelectorAll('img, script')).toHaveLength(0);
  });

  it('stringifies non-strings', () => {
    expect(escapeHtml(12)).toBe('12');
    expect(escapeHtml(null)).toBe('null');
  });
});

describe('visible', () => {
  it('shows control characters as control pictures and keeps tab and LF', () => {
    expect(visible('a\u0000b\u001bc\td\ne\u007f')).toBe('a\u2400b\u241bc\td\ne\u2421');
  });

  it('turns CR and CRLF into LF', () => {
    expect(visible('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('names bidi overrides, C1 controls and lone surrogates instead of obeying them', () => {
    expect(visible('file\u202eVSC.exe')).toBe('file[U+202E]VSC.exe');
    expect(visible('x\u2066y\u0085')).toBe('x[U+2066]y[U+0085]');
    expect(visible('a\ud800b')).toBe('a[U+D800]b');
    expect(visible('😀')).toBe('😀');
  });
});

describe('escapeMarkdownText', () => {
  it('neutralises whatever would open raw HTML', () => {
    expect(escapeMarkdownText('<script>alert(1)</script>')).toBe('&lt;script>alert(1)&lt;/script>');
    expect(escapeMarkdownText('<!-- hidden --> <?php ?> <https://x.example>')).toBe('&lt;!-- hidden --> &lt;?php ?> &lt;https://x.example>');
  });

  it('keeps character references literal, and leaves everything else as typed', () => {
    expect(escapeMarkdownText('&amp; &#60; &#x3c; R&D a < b 3 > 2 *bold* _x_')).toBe('&amp;amp; &amp;#60; &amp;#x3c; R&D a < b 3 > 2 *bold* _x_');
  });
});

describe('markdownCode', () => {
  it('wraps text in a code span long enough for the backticks inside', () => {
    expect(markdownCode('req_1')).toBe('`req_1`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x``')).toBe('``` `x`` ```');
  });

  it('keeps the value on one line and never empty', () => {
    expect(markdownCode('a\nb')).toBe('`a⏎b`');
    expect(markdownCode('')).toBe('` `');
  });
});
