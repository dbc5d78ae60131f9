/*
 * The handler bundle's credentials, in place of the SDK's Node.js default
 * chain (@aws-sdk/credential-provider-node: scripts/bundle-handlers.ts
 * aliases it to this file). Lambda gives a function its execution role's
 * credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN ("Defined runtime environment variables",
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
 * so the chain's SSO, INI, process, web identity and instance metadata
 * providers, and the STS and SSO clients they bring, would never run: about
 * 95 KB of the bundle, parsed at every cold start.
 */

/** The chain's export, as every client's runtime config imports it: credentials from the environment only. */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
