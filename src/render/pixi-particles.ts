/**
 * Pixi's particles, apart from ./pixi because only the gmp stage draws them: every other widget
 * ships about 4 KB gzip less JS without them (the container, its buffer, pipe and shaders). The
 * stage host loads this module before it makes the renderer when a stage asks for particles
 * (./load-stage.ts): the side-effect import registers the particle pipe, and a WebGLRenderer
 * takes the pipes registered when it is made. Imported by path for the reason ./pixi gives.
 */
import 'pixi.js/particle-container';
// Without it the bundler puts the Pixi modules both files use in a third chunk, which costs about
// 1.5 KB gzip more than one chunk (each file is compressed on its own).
import './pixi';

export { Particle } from '../../node_modules/pixi.js/lib/scene/particle-container/shared/Particle';
export { ParticleContainer } from '../../node_modules/pixi.js/lib/scene/particle-container/shared/ParticleContainer';
