import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.dataDir.endsWith('.chartkeeper')).toBe(true);
    expect(c.publicUrl).toBe('http://127.0.0.1:8080');
    expect(c.SESSION_IDLE_MINUTES).toBe(15);
    expect(c.DB_POOL_MAX).toBe(10);
  });

  it('bounds the connection pool size', () => {
    expect(loadConfig({ DB_POOL_MAX: '32' }).DB_POOL_MAX).toBe(32);
    expect(() => loadConfig({ DB_POOL_MAX: '0' })).toThrow(/DB_POOL_MAX/);
    expect(() => loadConfig({ DB_POOL_MAX: 'many' })).toThrow(/DB_POOL_MAX/);
  });

  it('names every invalid variable in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(8080);
  });
});
