/**
 * The parts of PixiJS the demo draws with. The stage imports this module dynamically: a named
 * re-export lets the bundler drop what the demo never uses, which `import('pixi.js')` (a whole
 * namespace) would keep.
 */
import 'pixi.js/graphics';
import 'pixi.js/text';

export { Container, Graphics, Text, Ticker, WebGLRenderer, isWebGLSupported } from 'pixi.js';
