import { describe, expect, it } from 'vitest';
import { REPORT_CSP, renderReport } from '../../../electron/core/packet/render';
import { CHECK_TITLES } from '../../../electron/core/validate/checks/result';
import { FILE_CHECK_IDS, SET_CHECK_IDS } from '../../../shared/schemas/validation';
import { EVENTS_NONZERO, FINGERPRINT, HOSTILE, hostile, parseHtml, sampleInput, words, type MiniDocument, type MiniElement } from './sample';

const all = (root: MiniElement | MiniDocument, selector: string) => Array.from(root.querySelectorAll(selector));
const text = words;

/** Everything a self-contained, script-free document must not have, checked on the source text. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(img|iframe|object|embed|link|base|form|video|audio|source)\b/i);
  // No event handler attribute in any tag (input text never reaches a tag: its `<` is escaped).
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  // No external resource: src/href only to fragments, url() only to fragments, no @import, no web fonts.
  for (const m of html.matchAll(/<[a-z][^>]*\s(?:src|href|xlink:href|action|srcset)\s*=\s*["']?([^"'\s>]*)/gi)) expect(m[1]!.startsWith('#'), m[0]).toBe(true);
  for (const m of html.matchAll(/url\(\s*["']?([^)"']*)/gi)) expect(m[1]!.startsWith('#'), m[0]).toBe(true);
  expect(html).not.toMatch(/@import|@font-face/i);
  expect(html).not.toMatch(/<[a-z][^>]*(https?:|\/\/)/i);
}

/** The same checks on the parsed document. */
function expectInertDom(doc: MiniDocument): void {
  expect(all(doc, 'script, img, iframe, object, embed, link, base, form')).toHaveLength(0);
  for (const el of all(doc, '*')) {
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.startsWith('on'), `${el.localName} has ${attr.name}`).toBe(false);
      if (['src', 'href', 'xlink:href', 'action'].includes(attr.name)) expect(attr.value.startsWith('#'), `${el.localName} ${attr.name}=${attr.value}`).toBe(true);
    }
  }
  expect(all(doc, 'meta[http-equiv]').map((m) => m.getAttribute('content'))).toEqual([REPORT_CSP]);
}

describe('report.html', () => {
  const html = renderReport(sampleInput());
  const doc = parseHtml(html);

  it('is one HTML5 document with a CSP, inline style only, a title and a language', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(doc.doctype?.name).toBe('html');
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(all(doc, 'style')).toHaveLength(1);
    expect(doc.title).toBe('Evidence packet pkt_01HQ7M9Z: report');
    expectInert(html);
    expectInertDom(doc);
  });

  it('prints: page margins, page breaks before each file, tables and checks kept whole', () => {
    const style = text(doc.querySelector('style'));
    expect(style).toMatch(/@page \{[^}]*margin/);
    expect(style).toMatch(/@media print \{.*section\.file \{ break-before: page;/);
    expect(style).toMatch(/table \{[^}]*break-inside: avoid/);
    expect(style).toMatch(/\.check \{[^}]*break-inside: avoid/);
    expect(all(doc, 'section.file')).toHaveLength(2);
  });

  it('has headings in order, never skipping a level', () => {
    const levels = all(doc, 'h1, h2, h3, h4, h5, h6').map((el) => Number(el.localName.slice(1)));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!, `heading ${i}`).toBeLessThanOrEqual(1);
    expect(all(doc, 'h2').map(text)).toEqual(['Scope', "Reviewer's note", 'Files', 'Checks on the set', 'Cross-reference index', 'Chain of custody', 'How to verify']);
  });

  it('gives every table a caption and column headers with scope', () => {
    const tables = all(doc, 'table');
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      expect(text(table.querySelector('caption')).length).toBeGreaterThan(0);
      const heads = all(table, 'thead th');
      expect(heads.length).toBeGreaterThan(1);
      for (const th of heads) expect(th.getAttribute('scope')).toBe('col');
      for (const th of all(table, 'tbody th')) expect(th.getAttribute('scope')).toBe('row');
    }
  });

  it('shows the packet at a glance: id, created, overall verdict as text, fingerprint', () => {
    const header = doc.querySelector('header')!;
    expect(text(header.querySelector('h1'))).toBe('Evidence packet pkt_01HQ7M9Z');
    expect(text(header)).toContain('Created 2026-03-20T12:30:00Z');
    expect(text(header)).toContain('Overall validation ✗ FAIL');
    expect(text(header)).toContain(FINGERPRINT);
  });

  it('lists every check of every file and of the set, with status as text, evidence, examples and fix', () => {
    for (const id of [...FILE_CHECK_IDS, ...SET_CHECK_IDS]) expect(text(doc.body), id).toContain(CHECK_TITLES[id]);
    const checks = all(doc, '.check');
    expect(checks).toHaveLength(2 * FILE_CHECK_IDS.length + SET_CHECK_IDS.length);
    for (const check of checks) expect(text(check.querySelector('.status'))).toMatch(/^[✓!✗–] (PASS|WARN|FAIL|SKIPPED)$/);
    const safety = checks.find((c) => text(c).includes('Spreadsheet safety'))!;
    expect(text(safety)).toContain('✗ FAIL');
    expect(all(safety, 'table.examples thead th').map(text)).toEqual(['#', 'Record', 'Line', 'Byte', 'Field', 'Value', 'Note']);
    expect(text(safety.querySelector('table.examples tbody tr'))).toBe('1 4 5 512 reason_code =HYPERLINK("http://x") formula');
    expect(text(safety.querySelector('.fix'))).toBe('What to do: Open the CSV with formulas disabled.');
    const format = checks.find((c) => text(c).includes('Format conformance'))!;
    expect(text(format.querySelector('.evidence'))).toContain('header: expected: id, timestamp found: id, timestamp');
  });

  it('shows each file with hashes and provenance, pulled or imported', () => {
    const [pulled, imported] = all(doc, 'section.file').map(text);
    for (const expected of [
      'data/exports/keeptrusts-events-20260319T110230Z.csv',
      'dfb269d124b393a6116867632971885e38662b7e914d23e6e01d55ccf6f45d7b',
      'API base URL https://api.keeptrusts.example',
      'Job ID job_01HQ7M3E',
      'time_window: 1h',
      'filters: environment: production',
      'Declared SHA-256 dfb269d124b393a6116867632971885e38662b7e914d23e6e01d55ccf6f45d7b (matches the file)',
      'Download origin https://downloads.keeptrusts.example/exports/job_01HQ7M3E',
      'Downloaded at 2026-03-19T11:02:40.000Z',
    ]) {
      expect(pulled).toContain(expected);
    }
    for (const expected of ['Imported from a file', 'Original file name keeptrusts-escalations-20260319T110233Z.csv', 'File modified at 2026-03-19T11:02:33.000Z', 'Imported by dana']) expect(imported).toContain(expected);
  });

  it('draws each file’s coverage chart with its bars and gap bands', () => {
    const [events, escalations] = all(doc, 'section.file');
    const chart = events!.querySelector('svg.coverage-chart')!;
    expect(all(chart, 'rect.bar')).toHaveLength(EVENTS_NONZERO);
    expect(all(chart, 'rect.gap')).toHaveLength(1);
    expect(text(chart.querySelector('title'))).toContain('keeptrusts-events-20260319T110230Z.csv');
    expect(text(events!.querySelector('figcaption'))).toContain('2 records before the window and 1 after it');
    expect(all(escalations!.querySelector('svg.coverage-chart')!, 'rect.bar')).toHaveLength(1);
    // Element ids stay unique across charts.
    const ids = all(doc, '[id]').map((el) => el.getAttribute('id'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the verdict and config-version breakdowns', () => {
    const events = all(doc, 'section.file')[0]!;
    const tables = Object.fromEntries(all(events, 'table').map((t) => [text(t.querySelector('caption')), t]));
    expect(all(tables['Verdicts']!, 'tbody tr').map((r) => text(r.querySelector('th')))).toEqual(['allow', 'block', 'redact', 'escalate']);
    const versions = tables['Config versions per environment']!;
    expect(all(versions, 'thead th').map(text)).toEqual(['Environment', 'Config version', 'Records', 'First seen (UTC)', 'Last seen (UTC)', 'Against the scope']);
    // Sorted by environment, then first seen: 0.1.0 ran first.
    expect(all(versions, 'tbody tr').map(text)).toEqual([
      expect.stringMatching(/^production 0\.1\.0 \d+ 2026-03-19T10:00:01\.000Z 2026-03-19T10:49:00\.000Z expected$/),
      'production 0.2.0 3 2026-03-19T10:50:00.000Z 2026-03-19T10:58:00.000Z different (scope: 0.1.0)',
    ]);
  });

  it('has the cross-reference index, custody table and verify commands', () => {
    const xref = doc.querySelector('#xref')!;
    const rows = all(xref, 'tbody tr').map(text);
    expect(rows[0]).toMatch(/^req_5e0b8f3a72c91d4e ✓ FOUND keeptrusts-events-20260319T110230Z\.csv \(events\) record 4, field request_id .*… and 1 more 3$/);
    expect(rows[1]).toBe('req_missing0001 ✗ MISSING nowhere 0');
    expect(rows[2]).toMatch(/^esc_m8xk1a000004 ✓ COMPLETE /);

    const custody = all(doc.querySelector('#custody')!, 'tbody tr').map(text);
    expect(custody).toHaveLength(4);
    expect(custody[0]).toBe(
      '1 2026-03-19T11:02:40.000Z pulled Dana Reviewer, OS user dana job_id: job_01HQ7M3E; export_type: events; format: csv; original_filename: keeptrusts-events-20260319T110230Z.csv; bytes: 818 dfb269d124b3… 010101010101…',
    );
    expect(custody[2]).toContain('validated Dana Reviewer validation_run_id: 7; overall: fail none 030303030303…');

    const verify = text(doc.querySelector('#verify'));
    expect(verify).toContain('unzip evidence-INC-2041-20260320T123000Z.zip && cd evidence-INC-2041-20260320T123000Z/');
    expect(verify).toContain('openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin \\ -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig');
    expect(verify).toContain('sha256sum -c tagmanifest-sha256.txt && sha256sum -c manifest-sha256.txt');
    expect(verify).toContain(FINGERPRINT);
  });

  it('is deterministic', () => {
    expect(renderReport(sampleInput())).toBe(html);
  });

  it('escapes every string from its inputs', () => {
    const input = hostile(sampleInput());
    const evil = renderReport(input);
    expectInert(evil);
    const evilDoc = parseHtml(evil);
    expectInertDom(evilDoc);
    expect(all(evilDoc, 'svg')).toHaveLength(2);
    expect(all(evilDoc, 'style')).toHaveLength(1);
    // Bidi overrides are named, not obeyed.
    expect(evil).not.toContain('\u202e');
    // The hostile text is shown, as text, in each place it was put: count the places.
    const shown = HOSTILE.replace('\u202e', '[U+202E]');
    const body = evilDoc.body.textContent ?? '';
    const places = body.split(shown).length - 1;
    expect(places).toBeGreaterThan(150);
    for (const where of ['h1', 'section.file h3', '#scope', '#note', '#xref tbody', '#custody tbody', '#verify', 'section.file figcaption', 'section.file svg title', '.check .evidence', 'table.examples']) {
      expect(text(evilDoc.querySelector(where)), where).toContain(shown.replace(/\s+/g, ' '));
    }
  });

  it('copes with a file validated but not in the packet, and an export without a report', () => {
    const input = sampleInput();
    input.validation.files[1]!.name = 'other.csv';
    input.validation.files[1]!.sha256 = 'f'.repeat(64);
    const out = parseHtml(renderReport(input));
    const files = all(out, 'section.file').map(text);
    expect(files).toHaveLength(3);
    expect(files[1]).toContain('No validation report for this file.');
    expect(files[2]).toContain('This file was validated but is not in the packet.');
  });
});
