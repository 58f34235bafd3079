import { describe, expect, test } from 'vitest';
import { goVersionParam } from '../../src/scenarios/go/go-version';
import { stdLinesNote, stdRelease } from '../../src/scenarios/go/std-release';

describe('the release whose standard-library lines a dump prints', () => {
  test('every Go version on the switch has one; 1.20, with no toolchain here, takes 1.19.8', () => {
    const releases = goVersionParam.options.map((v) => stdRelease(Number(v.split('.')[1])));
    expect(releases).toEqual([
      'go1.19.8',
      'go1.19.8',
      'go1.21.13',
      'go1.22.12',
      'go1.23.5',
      'go1.24.4',
      'go1.25.12',
      'go1.26.10',
      'go1.27.3',
    ]);
  });

  test('the dump panel says which, and when it could not be checked', () => {
    expect(stdLinesNote(25)).toContain("at go1.25.12's lines, as a real dump");
    expect(stdLinesNote(20)).toContain("at go1.19.8's lines: there was no Go 1.20 toolchain");
  });
});
