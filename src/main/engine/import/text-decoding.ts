import { FieldError } from './field-error';

/** What an import file's bytes are read as. UTF-16 is recognised by its byte-order mark whatever is asked. */
export const IMPORT_ENCODINGS = ['utf-8', 'latin1'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

/** The encoding of a file from its first bytes, and how many of them are a byte-order mark to skip. */
export function detectEncoding(head: Uint8Array, requested: ImportEncoding): { encoding: DetectedEncoding; bomLength: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (looksLikeUtf16WithoutBom(head)) {
    throw new FieldError('(encoding)', 'the file looks like UTF-16 without a byte-order mark: save it as UTF-8 (or as UTF-16 with a BOM)');
  }
  return { encoding: requested, bomLength: 0 };
}

/** Text in UTF-16 has a zero byte in every other position for Latin letters; UTF-8 and Latin-1 text has none. */
function looksLikeUtf16WithoutBom(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096);
  if (n < 4) return false;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (head[i] === 0) zeros++;
  return zeros / n > 0.2;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const extra = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (extra < 0 || i + extra >= bytes.length) return i;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    const next = bytes[i + 1] as number;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    if ((c === 0xe0 && next < 0xa0) || (c === 0xed && next > 0x9f) || (c === 0xf0 && next < 0x90) || (c === 0xf4 && next > 0x8f)) return i;
    i += extra + 1;
  }
  return -1;
}

export function invalidUtf8Reason(byteOffset: number, line: number): string {
  return `not valid UTF-8 at byte ${byteOffset} of the file (line ${line}): save the file as UTF-8, or import it with --encoding latin1 if it is Latin-1`;
}

/** Text the console read from a file that was not UTF-8 carries U+FFFD where the bad bytes were. */
export function replacementCharReason(column: number, line: number): string {
  return `character ${column} of line ${line} is U+FFFD, the mark of bytes that were not valid UTF-8 when the file was read: save the file as UTF-8, or import it with the command line's --encoding latin1`;
}
