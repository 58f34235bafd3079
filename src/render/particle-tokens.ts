import type { Particle, ParticleContainer } from 'pixi.js';
import type { Point } from './geometry';
import type { Pixi } from './stage';

/** A square drawn at `particle`, heading for (tx, ty). */
export interface Token {
  readonly particle: Particle;
  tx: number;
  ty: number;
}

/**
 * Squares keyed by id (goroutines, Ms) in one ParticleContainer. Each picture calls `put` for every
 * id it shows, between `begin` and `end`; `end` drops the ids it did not see. A new square starts
 * at its target; a known one keeps its position so the stage can tween it there.
 */
export function particleTokens(pixi: Pixi, container: ParticleContainer, alpha = 1) {
  const tokens = new Map<number, Token>();
  let seen = new Set<number>();
  let changed = false;
  return {
    tokens,
    begin() {
      seen = new Set();
      changed = false;
    },
    put(id: number, point: Point, size: number, tint: number) {
      seen.add(id);
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
        t = { particle, tx: point.x, ty: point.y };
        tokens.set(id, t);
        container.addParticle(particle);
        changed = true;
      }
      t.tx = point.x;
      t.ty = point.y;
      t.particle.scaleX = size;
      t.particle.scaleY = size;
      t.particle.tint = tint;
    },
    end() {
      for (const id of tokens.keys()) {
        if (!seen.has(id)) {
          tokens.delete(id);
          changed = true;
        }
      }
      if (!changed) return;
      container.particleChildren = [...tokens.values()].map((t) => t.particle);
      container.update();
    },
    clear() {
      if (tokens.size === 0) return;
      tokens.clear();
      container.particleChildren = [];
      container.update();
    },
  };
}
