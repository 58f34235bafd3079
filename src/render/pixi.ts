/**
 * The parts of PixiJS the stages use, imported by name so the bundler can leave the rest out.
 * The stage host imports this module dynamically (none of it is in a chapter's first JS) and
 * starts Applications with `manageImports: false`, so Pixi does not also fetch its browser bundle
 * (accessibility, DOM, events, filters: a stage is drawn, never clicked). The side-effect imports
 * below register exactly what is drawn: see https://pixijs.com/8.x/guides/concepts/environments.
 */
import 'pixi.js/app';
import 'pixi.js/graphics';
import 'pixi.js/text';
import 'pixi.js/particle-container';

export {
  Application,
  Container,
  Graphics,
  isWebGLSupported,
  Particle,
  ParticleContainer,
  Text,
  Texture,
} from 'pixi.js';
