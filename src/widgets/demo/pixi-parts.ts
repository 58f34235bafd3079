/**
 * The parts of PixiJS the demo draws with. The stage imports this module dynamically: a named
 * re-export lets the bundler drop what the demo never uses, which `import('pixi.js')` (a whole
 * namespace) would keep.
 */
export { Application, Graphics, Text, isWebGLSupported } from 'pixi.js';
