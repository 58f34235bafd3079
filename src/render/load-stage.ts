import type { AnyStageFactory, Palette, Pixi, StageApp, StageRenderer } from './stage';

/** A stage factory with the Pixi parts it draws with loaded. */
export interface LoadedStage {
  readonly pixi: Pixi;
  readonly draw: (app: StageApp, palette: Palette) => StageRenderer;
}

/**
 * Loads ./pixi, and ./pixi-particles as well for a stage that draws particles, before the host
 * makes the renderer: importing ./pixi-particles registers the particle pipe, which a
 * WebGLRenderer made earlier would not have.
 */
export async function loadStage(factory: AnyStageFactory): Promise<LoadedStage> {
  if (typeof factory === 'function') {
    const pixi = await import('./pixi');
    return { pixi, draw: (app, palette) => factory(pixi, app, palette) };
  }
  const [pixi, particles] = await Promise.all([import('./pixi'), import('./pixi-particles')]);
  return {
    pixi,
    draw: (app, palette) => factory.withParticles({ ...pixi, ...particles }, app, palette),
  };
}
