/*
 * Jest setup of every test: a call of deprecated aws-cdk-lib API throws
 * rather than warns, so a construct, the example app or a test that makes one
 * fails. jsii libraries read JSII_DEPRECATED (quiet, warn or fail) at each
 * such call; aws-cdk-lib's default is warn.
 */
process.env.JSII_DEPRECATED = 'fail';
