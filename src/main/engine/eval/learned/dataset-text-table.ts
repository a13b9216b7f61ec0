import { resolveDatasetPath } from '../../datasets/dataset-location';
import { loadManifest } from '../../inference/model-manifest';
import { textEncoderDir } from '../../inference/model-paths';
import { SentenceEncoder } from '../../inference/sentence-encoder';
import type { TextTable } from '../../training/model/item-vectors';
import { datasetItemTexts } from '../../datasets/item-texts';
import { loadOrComputeTextVectors, type TextEmbedder } from '../../training/text-vectors/text-vector-cache';

/**
 * Frozen text vectors for a research dataset's dense items, from the cache or (first time) from
 * the int8 sentence encoder. The encoder is only loaded when the cache misses.
 */
export async function datasetTextTable(dataset: string, itemIds: readonly string[], log: (line: string) => void = () => {}): Promise<{ table: TextTable; cached: boolean; seconds: number }> {
  const texts = datasetItemTexts(resolveDatasetPath(dataset), itemIds);
  const manifest = await loadManifest(textEncoderDir());
  const modelVersion = `${manifest.modelVersion}:int8`;
  const load = async (): Promise<TextEmbedder> => {
    const encoder = await SentenceEncoder.load({ variant: 'int8', log: { info: () => {}, warn: log } });
    return encoder;
  };
  return loadOrComputeTextVectors(dataset, texts, load, modelVersion, undefined, (done, total) => {
    if (done % 2560 === 0 || done === total) log(`text vectors ${done}/${total}`);
  });
}
