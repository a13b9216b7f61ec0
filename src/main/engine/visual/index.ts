/**
 * The visual channel: image-encoder models and imported image vectors (docs/VISUAL_CHANNEL.md).
 * Plain Node, never imports electron.
 */
export { ImageModelShapeError, UnknownVisualModelError, VisualImportError } from './errors';
export { embedImages, ImageEncoder, registerImageEncoder, type ImageEncoderOptions, type PreprocessedImage, type RegisterImageEncoderOptions } from './image-encoder';
export { inspectImageModel, type ImageSize, type InspectedImageModel } from './image-model-inspection';
export { createOrtImageSession, type ImageSession, type ImageSessionFactory } from './image-session';
export { l2Normalised, visualSimilarity } from './vector-math';
export { VisualVectorImporter, type VisualFileImport, type VisualTextImport } from './vector-import';
export { visualModelVersion, VisualModelRegistry } from './visual-model-registry';
export { VisualService } from './visual-service';
export { VisualVectors } from './visual-vectors';
