import type { Particle, ParticleContainer } from 'pixi.js';
import type { ParticlePixi } from './stage';

/** Axis-aligned filled rectangles a picture lays out afresh each time it is drawn. */
export interface ParticleRects {
  /** Starts a picture: the rectangles put since the last `begin` are forgotten. */
  begin(): void;
  /** A rectangle with its top-left corner at (x, y); empty ones are skipped. */
  rect(x: number, y: number, w: number, h: number, color: number, alpha?: number): void;
  /** Ends the picture: rectangles not put again are dropped from the container. */
  end(): void;
}

interface Slot {
  readonly particle: Particle;
  color: number;
  alpha: number;
}

/**
 * Filled rectangles as scaled, tinted particles of `Texture.WHITE` in one ParticleContainer. Where
 * WebGL runs in software (headless browsers, GPU blocklists), a Graphics fill goes through Pixi's
 * batch shader, which picks its texture from up to 16 samplers for every pixel, while the particle
 * shader samples one: large fills (lanes, bars) cost several times less as particles. The
 * particles are pooled, so laying out the same rectangles again allocates nothing.
 */
export function particleRects(pixi: ParticlePixi, container: ParticleContainer): ParticleRects {
  const pool: Slot[] = [];
  let used = 0;
  return {
    begin() {
      used = 0;
    },
    rect(x, y, w, h, color, alpha = 1) {
      if (w <= 0 || h <= 0) return;
      let slot = pool[used];
      if (!slot) {
        const particle = new pixi.Particle({ texture: pixi.Texture.WHITE });
        slot = { particle, color: -1, alpha: -1 };
        pool.push(slot);
      }
      used += 1;
      const p = slot.particle;
      p.x = x;
      p.y = y;
      p.scaleX = w;
      p.scaleY = h;
      // The tint setter parses its argument as a colour: skip it when nothing changed.
      if (slot.color !== color) {
        p.tint = color;
        slot.color = color;
      }
      if (slot.alpha !== alpha) {
        p.alpha = alpha;
        slot.alpha = alpha;
      }
    },
    end() {
      if (container.particleChildren.length !== used) {
        container.particleChildren = pool.slice(0, used).map((s) => s.particle);
      }
      // Static properties (all of them in a backdrop) reach the GPU only after update().
      container.update();
    },
  };
}
