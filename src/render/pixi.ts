/**
 * The parts of PixiJS the stages use, imported by name so the bundler can leave the rest out.
 * The stage host imports this module dynamically (none of it is in a chapter's first JS) and
 * creates a `WebGLRenderer` itself instead of an `Application`: `Application.init` picks its
 * renderer with `autoDetectRenderer`, whose imports pull the WebGPU and Canvas renderers into the
 * bundle (about 20 KB gzip) although a stage only ever asks for WebGL. `manageImports: false`
 * keeps Pixi from also fetching its browser bundle (accessibility, DOM, events, filters: a stage
 * is drawn, never clicked). The side-effect imports below register exactly what is drawn: see
 * https://pixijs.com/8.x/guides/concepts/environments.
 */
import 'pixi.js/graphics';
import 'pixi.js/text';
import 'pixi.js/particle-container';

export {
  Container,
  Graphics,
  isWebGLSupported,
  Particle,
  ParticleContainer,
  Text,
  Texture,
  WebGLRenderer,
} from 'pixi.js';
