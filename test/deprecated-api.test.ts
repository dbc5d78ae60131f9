/*
 * The tests run with deprecated aws-cdk-lib API failing (test/support/jsii-deprecated-fail.ts),
 * against the floor and, through scripts/newest-aws-cdk-lib.sh, the newest aws-cdk-lib.
 */
import { SecretValue } from 'aws-cdk-lib';

test('a call of deprecated aws-cdk-lib API throws', () => {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated in every aws-cdk-lib 2 from the floor on
  expect(() => SecretValue.plainText('secret')).toThrow(/SecretValue#plainText is deprecated/);
});
