import { describe, expect, it } from 'vitest';
import {
  afterPlayFrame,
  clipEndNs,
  describeClip,
  playStartNs,
  type Clip,
} from '../../src/widgets/shell/clip';

const H = 10e9;
const once: Clip = { fromNs: 2e9, toNs: 5e9, loop: false };
const looping: Clip = { ...once, loop: true };
const toEnd: Clip = { fromNs: 2e9, toNs: null, loop: true };

describe('clip playback', () => {
  it('stops play at the clip end, never past the horizon', () => {
    expect(clipEndNs(null, H)).toBe(H);
    expect(clipEndNs(once, H)).toBe(5e9);
    expect(clipEndNs(toEnd, H)).toBe(H);
    expect(clipEndNs({ ...once, toNs: 20e9 }, H)).toBe(H);
  });

  it('Play seeks to the start only when the run stands outside the clip', () => {
    expect(playStartNs(null, 7e9, H)).toBeNull();
    expect(playStartNs(once, 1e9, H)).toBe(2e9);
    expect(playStartNs(once, 3e9, H)).toBeNull();
    expect(playStartNs(once, 5e9, H)).toBe(2e9);
    expect(playStartNs(toEnd, H, H)).toBe(2e9);
  });

  it('at the end a clip loops back or pauses; without one play pauses at the horizon', () => {
    expect(afterPlayFrame(once, 4e9, false, H)).toBe('play');
    expect(afterPlayFrame(once, 5e9, false, H)).toBe('pause');
    expect(afterPlayFrame(looping, 5e9, false, H)).toBe('rewind');
    expect(afterPlayFrame(looping, 4e9, true, H)).toBe('rewind');
    expect(afterPlayFrame(null, 9e9, false, H)).toBe('play');
    expect(afterPlayFrame(null, H, false, H)).toBe('pause');
    expect(afterPlayFrame(null, 3e9, true, H)).toBe('pause');
  });

  it('says the clip in words, the same in the panel and the status line', () => {
    expect(describeClip(null)).toBe('No clip: Play runs the whole simulation.');
    expect(describeClip(once)).toBe('Clip from 2s to 5s, once.');
    expect(describeClip(toEnd)).toBe('Clip from 2s to the end, looping.');
  });
});
