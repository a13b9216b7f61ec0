import { createReadStream, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { detectEncoding, firstInvalidUtf8, invalidUtf8Reason, replacementCharReason, type DetectedEncoding, type ImportEncoding } from './text-decoding';

export interface LineFault {
  field: '(encoding)' | '(line)';
  reason: string;
}

/** One physical line of an import file (without its '\n'; a '\r' before it is kept for the parsers). */
export interface SourceLine {
  /** 1-based. */
  line: number;
  text: string;
  /** Why the line cannot be read (bad encoding, far too long); its text is then not to be trusted. */
  fault?: LineFault;
}

/**
 * Where an import's lines come from, read lazily so a file of any size is held a line at a time.
 * `position` / `total` measure progress (bytes for files, characters for text sent by the console).
 */
export interface LineSource {
  readonly total: number;
  position(): number;
  lines(): AsyncGenerator<SourceLine>;
}

/** No physical line may be longer: a longer one is rejected unread, and memory stays bounded. */
export const MAX_LINE_LENGTH = 1 << 20;
const READ_CHUNK = 1 << 20;

function tooLong(line: number): LineFault {
  return { field: '(line)', reason: `line ${line} is longer than ${MAX_LINE_LENGTH} bytes` };
}

/** Text already decoded (the console reads files itself): U+FFFD marks where its decoding failed. */
export function textLineSource(text: string): LineSource {
  let at = 0;
  return {
    total: text.length,
    position: () => at,
    async *lines() {
      let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      for (let line = 1; start < text.length; line++) {
        let end = text.indexOf('\n', start);
        if (end === -1) end = text.length;
        at = end;
        if (end - start > MAX_LINE_LENGTH) yield { line, text: '', fault: tooLong(line) };
        else {
          const lineText = text.slice(start, end);
          const bad = lineText.indexOf('\uFFFD');
          yield bad === -1 ? { line, text: lineText } : { line, text: lineText, fault: { field: '(encoding)', reason: replacementCharReason(bad + 1, line) } };
        }
        start = end + 1;
      }
      at = text.length;
    },
  };
}

/** A file read from disk in 1 MiB chunks: UTF-8 (checked line by line), Latin-1 on request, UTF-16 by its BOM. */
export function fileLineSource(path: string, requested: ImportEncoding): LineSource {
  let at = 0;
  return {
    total: statSync(path).size,
    position: () => at,
    async *lines() {
      let encoding: DetectedEncoding | undefined;
      let utf16: TextDecoder | undefined;
      const bytes = new ByteLines();
      const chars = new CharLines();
      for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
        at += chunk.length;
        let body = chunk;
        if (encoding === undefined) {
          const detected = detectEncoding(chunk, requested);
          encoding = detected.encoding;
          body = chunk.subarray(detected.bomLength);
          bytes.skip(detected.bomLength);
          if (encoding === 'utf-16le' || encoding === 'utf-16be') utf16 = new TextDecoder(encoding);
        }
        if (utf16) yield* chars.push(utf16.decode(body, { stream: true }));
        else yield* bytes.push(body, encoding === 'latin1' ? 'latin1' : 'utf-8');
      }
      if (utf16) yield* chars.push(utf16.decode(), true);
      else yield* bytes.end(encoding === 'latin1' ? 'latin1' : 'utf-8');
    },
  };
}

/** Splits bytes at '\n' and decodes each line, so a bad byte is reported with its line and file offset. */
class ByteLines {
  private parts: Buffer[] = [];
  private length = 0;
  private overflow = false;
  private line = 0;
  /** File offset of the current line's first byte. */
  private lineStart = 0;

  skip(n: number): void {
    this.lineStart += n;
  }

  *push(chunk: Buffer, encoding: 'utf-8' | 'latin1'): Generator<SourceLine> {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      this.append(chunk.subarray(from, nl === -1 ? chunk.length : nl));
      if (nl === -1) return;
      yield this.emit(encoding, 1);
      from = nl + 1;
    }
  }

  *end(encoding: 'utf-8' | 'latin1'): Generator<SourceLine> {
    if (this.length > 0 || this.overflow) yield this.emit(encoding, 0);
  }

  private append(piece: Buffer): void {
    this.length += piece.length;
    if (this.overflow) return;
    if (this.length > MAX_LINE_LENGTH) {
      this.overflow = true;
      this.parts = [];
    } else if (piece.length > 0) this.parts.push(piece);
  }

  private emit(encoding: 'utf-8' | 'latin1', newline: number): SourceLine {
    const line = ++this.line;
    const start = this.lineStart;
    this.lineStart += this.length + newline;
    const overflow = this.overflow;
    const raw = Buffer.concat(this.parts);
    this.parts = [];
    this.length = 0;
    this.overflow = false;
    if (overflow) return { line, text: '', fault: tooLong(line) };
    if (encoding === 'latin1') return { line, text: raw.toString('latin1') };
    if (isUtf8(raw)) return { line, text: raw.toString('utf8') };
    return { line, text: raw.toString('utf8'), fault: { field: '(encoding)', reason: invalidUtf8Reason(start + firstInvalidUtf8(raw), line) } };
  }
}

/** Splits decoded UTF-16 text at '\n', carrying a partial line between chunks. */
class CharLines {
  private carry = '';
  private overflow = false;
  private line = 0;

  *push(text: string, last = false): Generator<SourceLine> {
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl === -1) {
        this.append(text.slice(from));
        if (last && (this.carry !== '' || this.overflow)) yield this.emit();
        return;
      }
      this.append(text.slice(from, nl));
      yield this.emit();
      from = nl + 1;
    }
  }

  private append(piece: string): void {
    if (this.overflow) return;
    if (this.carry.length + piece.length > MAX_LINE_LENGTH) {
      this.overflow = true;
      this.carry = '';
    } else this.carry += piece;
  }

  private emit(): SourceLine {
    const line = ++this.line;
    const text = this.carry;
    const overflow = this.overflow;
    this.carry = '';
    this.overflow = false;
    if (overflow) return { line, text: '', fault: tooLong(line) };
    const bad = text.indexOf('\uFFFD');
    return bad === -1 ? { line, text } : { line, text, fault: { field: '(encoding)', reason: `character ${bad + 1} of line ${line} is not valid UTF-16` } };
  }
}
