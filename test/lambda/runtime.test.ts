import * as http from 'http';
import type { AddressInfo } from 'net';
import { GetModelCustomizationJobCommand } from '@aws-sdk/client-bedrock';
import { captureLogs, logLines } from './fixtures';
import { bedrockClient, MAX_ATTEMPTS, resetBedrockClient } from '../../lambda/shared/client';
import { log } from '../../lambda/shared/log';

describe('Bedrock client', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetBedrockClient();
  });

  test('is created once and reused until reset', () => {
    const client = bedrockClient();
    expect(bedrockClient()).toBe(client);
    resetBedrockClient();
    expect(bedrockClient()).not.toBe(client);
  });

  test('uses the SDK standard retry mode with 5 attempts', async () => {
    const config = bedrockClient().config;
    expect(MAX_ATTEMPTS).toBe(5);
    expect(await config.maxAttempts()).toBe(5);
    expect(config.retryMode).toBe('standard');
    expect(await config.retryStrategy()).toMatchObject({ mode: 'standard' });
  });

  test('honours AWS_ENDPOINT_URL_BEDROCK (local emulator)', async () => {
    const paths: string[] = [];
    const server = http.createServer((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jobArn: 'arn:aws:bedrock:us-east-1:123456789012:model-customization-job/x.y/abcdefghijkl', status: 'InProgress' }));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      Object.assign(process.env, {
        AWS_ENDPOINT_URL_BEDROCK: `http://127.0.0.1:${port}`,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
      });
      resetBedrockClient();
      const job = await bedrockClient().send(new GetModelCustomizationJobCommand({ jobIdentifier: 'my-job' }));
      expect(job.status).toBe('InProgress');
      expect(paths).toEqual(['GET /model-customization-jobs/my-job']);
    } finally {
      resetBedrockClient();
      await new Promise(resolve => server.close(resolve));
    }
  });
});

describe('structured log', () => {
  test('writes one JSON object per line with level, message and fields', () => {
    const spy = captureLogs();
    try {
      log.info('Bedrock call', { operation: 'GetModelCustomizationJob', target: 'my-job' });
      log.warn('Bedrock call failed', { error: Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }) });
      const written = spy.mock.calls.map(([chunk]) => String(chunk));
      expect(written.every(line => line.endsWith('\n') && line.indexOf('\n') === line.length - 1)).toBe(true);
      expect(logLines(spy)).toEqual([
        { level: 'info', message: 'Bedrock call', operation: 'GetModelCustomizationJob', target: 'my-job' },
        { level: 'warn', message: 'Bedrock call failed', error: { name: 'ResourceNotFoundException', message: 'gone' } },
      ]);
    } finally {
      spy.mockRestore();
    }
  });
});
