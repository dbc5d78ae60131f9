/*
 * Integration test of what the library assumes of CloudFormation's stacks
 * (the ledger's engine rows): deleting a stack whose export another stack
 * imports fails, DELETE_FAILED, and deletes nothing. Two stacks: one exports
 * its name, the other imports it; the assertion deletes the first through
 * CloudFormation's API and reads its status. integ-runner then deletes both,
 * the importer first. No Bedrock resource; free (an SNS topic and a wait
 * condition handle, for the minutes the test lasts).
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, CfnOutput, CfnWaitConditionHandle, Fn, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { ASSERTION_WAIT } from './probe';

const EXPORT = 'BedrockExporterInteg-Name';

const app = new App();
const exporter = new Stack(app, 'BedrockExporterInteg');
// A stack holds at least one resource.
new CfnWaitConditionHandle(exporter, 'Handle');
new CfnOutput(exporter, 'Name', { value: exporter.stackName, exportName: EXPORT });
const importer = new Stack(app, 'BedrockImporterInteg');
importer.addDependency(exporter);
new sns.Topic(importer, 'Topic', { displayName: Fn.importValue(EXPORT) });

const integ = new IntegTest(app, 'StackOperations', { testCases: [exporter, importer] });
// ledger: L-50 (a stack whose export is in use is not deleted: DELETE_FAILED, the export named in the reason)
integ.assertions.awsApiCall('CloudFormation', 'DeleteStack', { StackName: exporter.stackName })
  .next(integ.assertions.awsApiCall('CloudFormation', 'DescribeStacks', { StackName: exporter.stackName })
    .expect(ExpectedResult.objectLike({
      Stacks: [{ StackStatus: 'DELETE_FAILED', StackStatusReason: Match.stringLikeRegexp(`Export ${EXPORT} cannot be deleted as it is in use by ${importer.stackName}`) }],
    }))
    .waitForAssertions(ASSERTION_WAIT));

app.synth();
