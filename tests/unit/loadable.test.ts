import { describe, expect, it } from 'vitest';
import { loadable } from '../../client/app/loadable';

describe('a chunk loaded on demand', () => {
  it('downloads once however often it is asked for, and has the module at hand afterwards', async () => {
    let downloads = 0;
    const chunk = loadable(async () => {
      downloads++;
      return { answer: 42 };
    });
    expect(chunk.current()).toBeUndefined();
    const [a, b] = await Promise.all([chunk.load(), chunk.load()]);
    expect(a).toBe(b);
    expect(await chunk.load()).toBe(a);
    expect(chunk.current()).toBe(a);
    expect(downloads).toBe(1);
  });

  it('asks again after a failed download instead of keeping the failure', async () => {
    let downloads = 0;
    const chunk = loadable(async () => {
      downloads++;
      if (downloads === 1) throw new Error('Failed to fetch dynamically imported module');
      return { answer: 42 };
    });
    await expect(chunk.load()).rejects.toThrow('Failed to fetch');
    expect(chunk.current()).toBeUndefined();
    expect(await chunk.load()).toEqual({ answer: 42 });
    expect(downloads).toBe(2);
  });
});
