import * as path from 'path';
import { aws_lambda as lambda } from 'aws-cdk-lib';

/** The one pre-built bundle of every handler, shipped in the npm package. */
export const HANDLER_CODE_DIR = path.join(__dirname, '..', '..', 'assets', 'handlers');

/** The runtime of the library's own handlers. */
export const HANDLER_RUNTIME = lambda.Runtime.NODEJS_22_X;
