import { describe, expect, it } from 'vitest';
import { readEmbedQuery } from '../../src/widgets/embed-query';

const defaults = { params: { lanes: '4' }, seed: 1, step: 0 };

describe('embed query string', () => {
  it('overrides the defaults with seed, step and widget params from the URL', () => {
    expect(readEmbedQuery('?seed=7&step=40&lanes=3&mode=fixed', defaults)).toEqual({
      params: { lanes: '3', mode: 'fixed' },
      seed: 7,
      step: 40,
    });
  });

  it('keeps the defaults for a missing or malformed seed and step', () => {
    expect(readEmbedQuery('?seed=-3&step=1e9', defaults)).toEqual(defaults);
    expect(readEmbedQuery('', defaults)).toEqual(defaults);
  });

  it('passes raw widget params through for the widget to validate', () => {
    expect(readEmbedQuery('?lanes=banana', defaults).params).toEqual({ lanes: 'banana' });
  });
});
