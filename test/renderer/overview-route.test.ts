// The addresses of 机构总览 and of the register opened from it for a unit.
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../renderer/app/router';

describe('overview routes', () => {
  it('names the tab of the overview', () => {
    expect(parseRoute('#/overview')).toEqual({ name: 'overview' });
    expect(parseRoute('#/overview/matrix')).toEqual({ name: 'overview', tab: 'matrix' });
    expect(parseRoute('#/overview/nonsense')).toEqual({ name: 'overview' });
    expect(routeHash({ name: 'overview', tab: 'matrix' })).toBe('#/overview/matrix');
    expect(routeHash({ name: 'overview', tab: 'tree' })).toBe('#/overview');
  });

  it('carries the unit the register should start filtered to, round trip, codes encoded', () => {
    expect(routeHash({ name: 'findings', id: null, unit: 'WD01' })).toBe('#/findings?unit=WD01');
    expect(parseRoute('#/findings?unit=WD01')).toEqual({ name: 'findings', id: null, unit: 'WD01' });
    expect(parseRoute(routeHash({ name: 'findings', id: 'f 1', unit: 'A&B' }))).toEqual({ name: 'findings', id: 'f 1', unit: 'A&B' });
    // Without the query the route is what it always was.
    expect(parseRoute('#/findings/abc')).toEqual({ name: 'findings', id: 'abc' });
    expect(routeHash({ name: 'findings', id: null })).toBe('#/findings');
    expect(parseRoute('#/findings?unit=')).toEqual({ name: 'findings', id: null });
  });
});
