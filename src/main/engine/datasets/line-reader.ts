import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface NumberedLine {
  /** 1-based, as an editor shows it, so rejections can be found in the file. */
  lineNumber: number;
  text: string;
}

/** Streams a text file line by line so that importers never hold a whole raw file in memory. */
export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber += 1;
    // A BOM on the first line would otherwise become part of the first header name.
    const text = lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    yield { lineNumber, text };
  }
}
