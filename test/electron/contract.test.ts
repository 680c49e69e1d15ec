import { describe, expect, it } from 'vitest';
import { API_CHANNELS, CHANNELS } from '../../electron/ipc/channels';
import { contract } from '../../electron/ipc/contract';

describe('IPC contract', () => {
  it('has one entry per channel, each channel named domain:verb', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(new Set(Object.values(API_CHANNELS)).size).toBe(Object.keys(API_CHANNELS).length);
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z]+$/);
  });

  it('refuses unknown keys in every request (nothing slips through to a handler)', () => {
    const valid: Record<(typeof CHANNELS)[number], object> = {
      'app:info': {},
      'file:open': { filters: [], multiple: false },
      'file:save': { suggestedName: 'a', bytes: new Uint8Array(), filters: [] },
      'checklists:list': {},
      'print:pdf': { suggestedName: 'a' },
      'file:reveal': { path: '/a' },
    };
    for (const channel of CHANNELS) {
      expect(contract[channel].request.safeParse(valid[channel]).success, channel).toBe(true);
      expect(contract[channel].request.safeParse({ ...valid[channel], injected: 1 }).success, channel).toBe(false);
    }
  });

  it('accepts the requests the preload sends', () => {
    const bytes = new Uint8Array([1]);
    const filters = [{ name: '台账', extensions: ['xbledger', '*'] }];
    expect(contract['app:info'].request.parse({})).toEqual({});
    expect(contract['file:open'].request.parse({ filters, multiple: true })).toEqual({ filters, multiple: true });
    expect(contract['file:save'].request.parse({ suggestedName: 'a', bytes, filters })).toEqual({ suggestedName: 'a', bytes, filters });
    expect(contract['print:pdf'].request.parse({ suggestedName: '报告' })).toEqual({ suggestedName: '报告' });
    expect(contract['file:reveal'].request.parse({ path: '/tmp/a.pdf' })).toEqual({ path: '/tmp/a.pdf' });
  });

  it('rejects empty names, dotted or wildcard-injected extensions and oversized paths', () => {
    expect(contract['file:save'].request.safeParse({ suggestedName: '', bytes: new Uint8Array(), filters: [] }).success).toBe(false);
    expect(contract['file:open'].request.safeParse({ filters: [{ name: 'x', extensions: ['.pdf'] }], multiple: false }).success).toBe(false);
    expect(contract['file:open'].request.safeParse({ filters: [{ name: 'x', extensions: ['p*f'] }], multiple: false }).success).toBe(false);
    expect(contract['file:reveal'].request.safeParse({ path: 'x'.repeat(5000) }).success).toBe(false);
  });
});
