/**
 * BERT uncased WordPiece tokenisation, identical to the reference (HF tokenizers) ids.
 * transformers.js's BertTokenizer does normalisation + WordPiece exactly; we build it from
 * the verified local tokenizer.json rather than from_pretrained, so it never touches the
 * network or a cache folder. Truncation is done here because transformers.js truncates
 * after adding specials and so drops the final [SEP], which the reference keeps.
 */
import { readFile } from 'node:fs/promises';
import { BertTokenizer } from '@huggingface/transformers';

export interface TokenizerFiles {
  tokenizerJson: string;
  tokenizerConfig: string;
}

export class WordPieceTokenizer {
  private constructor(
    private readonly inner: BertTokenizer,
    readonly maxSeqLength: number,
    private readonly sepId: number,
  ) {}

  static async fromFiles(files: TokenizerFiles, maxSeqLength: number): Promise<WordPieceTokenizer> {
    const [json, config] = await Promise.all([
      readFile(files.tokenizerJson, 'utf8').then((s) => JSON.parse(s) as unknown),
      readFile(files.tokenizerConfig, 'utf8').then((s) => JSON.parse(s) as unknown),
    ]);
    const inner = new BertTokenizer(json, config);
    const sep = inner.encode('', { add_special_tokens: true }).at(-1);
    if (sep === undefined) throw new Error('tokenizer adds no special tokens; expected [CLS] ... [SEP]');
    return new WordPieceTokenizer(inner, maxSeqLength, sep);
  }

  /** Token ids with [CLS]/[SEP], at most maxSeqLength (content cut, final [SEP] kept). */
  encode(text: string): number[] {
    const ids = this.inner.encode(text, { add_special_tokens: true });
    if (ids.length <= this.maxSeqLength) return ids;
    const cut = ids.slice(0, this.maxSeqLength - 1);
    cut.push(this.sepId);
    return cut;
  }
}
