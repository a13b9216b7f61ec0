/**
 * The one door from the renderer into the shared contract. Renderer code imports contract types from here,
 * so a future path alias only has to change this file.
 */
export * from '../../../shared/contract';
