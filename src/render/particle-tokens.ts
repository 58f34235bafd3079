import type { Particle, ParticleContainer } from 'pixi.js';
import type { Point } from './geometry';
import type { ParticlePixi } from './stage';

/** A square drawn at `particle`, heading for (tx, ty). */
export interface Token {
  readonly particle: Particle;
  tx: number;
  ty: number;
  /** The size and tint last given, so an unchanged token costs no colour parsing or upload. */
  size: number;
  tint: number;
  /** The picture that last put this token (see `begin`). */
  picture: number;
}

/**
 * Squares keyed by id (goroutines, Ms) in one ParticleContainer. Each picture calls `put` for every
 * id it shows, between `begin` and `end`; `end` drops the ids it did not see. A new square starts
 * at its target; a known one keeps its position so the stage can tween it there.
 */
export function particleTokens(pixi: ParticlePixi, container: ParticleContainer, alpha = 1) {
  const tokens = new Map<number, Token>();
  let picture = 0;
  /** Ids came or went: the container's list of particles must be rebuilt. */
  let changed = false;
  /** A static property (size; tint where colour is not dynamic) changed: upload again. */
  let restyled = false;
  return {
    tokens,
    begin() {
      picture += 1;
      changed = false;
      restyled = false;
    },
    put(id: number, point: Point, size: number, tint: number) {
      let t = tokens.get(id);
      if (!t) {
        const particle = new pixi.Particle({
          texture: pixi.Texture.WHITE,
          x: point.x,
          y: point.y,
          anchorX: 0.5,
          anchorY: 0.5,
          alpha,
        });
        t = { particle, tx: point.x, ty: point.y, size: -1, tint: -1, picture };
        tokens.set(id, t);
        changed = true;
      }
      t.picture = picture;
      t.tx = point.x;
      t.ty = point.y;
      if (t.size !== size) {
        t.particle.scaleX = size;
        t.particle.scaleY = size;
        t.size = size;
        restyled = true;
      }
      // The tint setter parses its argument as a colour: skip it when nothing changed.
      if (t.tint !== tint) {
        t.particle.tint = tint;
        t.tint = tint;
        restyled = true;
      }
    },
    end() {
      for (const [id, t] of tokens) {
        if (t.picture !== picture) {
          tokens.delete(id);
          changed = true;
        }
      }
      if (changed) container.particleChildren = [...tokens.values()].map((t) => t.particle);
      // Static properties reach the GPU only with update() (it re-uploads every particle).
      if (changed || restyled) container.update();
    },
    clear() {
      if (tokens.size === 0) return;
      tokens.clear();
      container.particleChildren = [];
      container.update();
    },
  };
}
