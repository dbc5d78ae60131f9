/*
 * The handler bundle's bearer-token providers, in place of
 * @aws-sdk/token-providers (scripts/bundle-handlers.ts aliases it to this
 * file). The Bedrock client offers bearer-token auth beside SigV4 and reaches
 * for a token (AWS_BEARER_TOKEN_BEDROCK, else an SSO token, through an SSO
 * OIDC client) only when that scheme is chosen; the handlers sign with their
 * execution role's credentials (lambda-credentials.ts), so neither is used,
 * and the SSO OIDC client stays out of every cold start.
 */
import type { TokenIdentityProvider } from '@smithy/types';

const unused: TokenIdentityProvider = async () => {
  throw new Error('The handlers sign Bedrock requests with their role\'s credentials (SigV4), not with a bearer token');
};

/** @aws-sdk/token-providers' exports, as the Bedrock client's runtime config imports them. */
export const fromEnvSigningName = (_init?: unknown): TokenIdentityProvider => unused;
export const nodeProvider = (_init?: unknown): TokenIdentityProvider => unused;
