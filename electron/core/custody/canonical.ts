/**
 * Canonical JSON per RFC 8785 (JSON Canonicalization Scheme, JCS), for the values custody entries use.
 *
 * The subset: `null`, `true`/`false`, finite numbers, strings, arrays and plain objects (prototype
 * `Object.prototype` or `null`), nested at most {@link MAX_DEPTH} deep. Within it the output is exactly
 * JCS:
 * - no whitespace;
 * - object members sorted by their names as arrays of UTF-16 code units (RFC 8785 §3.2.3), which is how
 *   JavaScript's `<` compares strings;
 * - numbers as ECMAScript's Number-to-String prints them (RFC 8785 §3.2.2.3): `-0` → `0`, `1e21` →
 *   `1e+21`, `1e-7` → `1e-7`, `0.000001` → `0.000001`;
 * - strings as `JSON.stringify` escapes them (RFC 8785 §3.2.2.2): `\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
 *   `\t`, other controls below U+0020 as `\u00xx` in lowercase hex, everything else (non-ASCII, U+007F,
 *   U+2028) as is.
 *
 * Refused, with a {@link CanonicalJsonError} naming where: `undefined` (also as a member value or an
 * array element, where `JSON.stringify` would silently drop or rewrite it), NaN and ±Infinity,
 * functions, symbols, bigints, strings with lone surrogates (not I-JSON, RFC 7493), objects of any other
 * class (Date, Map, Buffer…: `toJSON` is not consulted), symbol-keyed members, sparse arrays, cycles,
 * and nesting deeper than {@link MAX_DEPTH}.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, '$', 0, out, new Set());
  return out.join('');
}

/** Nesting limit (objects and arrays), so hostile input cannot exhaust the stack. */
export const MAX_DEPTH = 64;

/** A value outside the canonical subset; `path` says where (`$.subject.name`, `$[2]`). */
export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function member(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function writeString(value: string, path: string, out: string[]): void {
  if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(path, 'a string with a lone surrogate is not valid I-JSON');
  out.push(JSON.stringify(value));
}

function write(value: unknown, path: string, depth: number, out: string[], seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
      writeString(value, path, out);
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
      // ECMAScript's Number::toString, with -0 printed as 0: exactly what RFC 8785 prescribes.
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'object':
      break;
    default:
      // undefined, function, symbol, bigint
      throw new CanonicalJsonError(path, `${typeof value} has no JSON form`);
  }
  if (value === null) {
    out.push('null');
    return;
  }
  if (depth >= MAX_DEPTH) throw new CanonicalJsonError(path, `nested more than ${MAX_DEPTH} deep`);
  if (seen.has(value)) throw new CanonicalJsonError(path, 'a cycle');
  seen.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      if (!(i in value)) throw new CanonicalJsonError(`${path}[${i}]`, 'a hole in a sparse array');
      write(value[i], `${path}[${i}]`, depth + 1, out, seen);
    }
    out.push(']');
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new CanonicalJsonError(path, `an object of class ${(value as object).constructor?.name ?? 'unknown'} is not plain JSON data`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) throw new CanonicalJsonError(path, 'a symbol-keyed member has no JSON form');
    // UTF-16 code unit order: JavaScript's string comparison.
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      const at = member(path, key);
      writeString(key, at, out);
      out.push(':');
      write((value as Record<string, unknown>)[key], at, depth + 1, out, seen);
    });
    out.push('}');
  }
  seen.delete(value);
}
