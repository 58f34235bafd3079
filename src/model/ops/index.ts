/** Registers the built-in ops; import this module once before running programs. */
import './basic.ts';
import './call.ts';
import './waitgroup.ts';
