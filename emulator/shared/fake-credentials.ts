/* Credentials for clients of the emulators, which accept any SigV4 signature. */
export const FAKE_CREDENTIALS = { accessKeyId: 'AKIAEMULATOR00000000', secretAccessKey: 'emulator-secret-access-key' } as const;
