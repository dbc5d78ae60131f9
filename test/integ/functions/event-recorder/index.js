// Records how each event it receives names the job (its resources and detail.jobArn) in S3, at
// <PREFIX><detail.jobName>/<detail.jobStatus>.json, for an assertion to read back: only that, so that an assertion's
// answer, which quotes what it read, stays within CloudFormation's 4,096 bytes. The AWS SDK for JavaScript v3 comes
// with Lambda's Node.js runtime.
'use strict';
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});

exports.handler = async (event) => {
  const key = `${process.env.PREFIX}${event.detail.jobName}/${event.detail.jobStatus}.json`;
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: key, Body: JSON.stringify({ resources: event.resources, jobArn: event.detail.jobArn }), ContentType: 'application/json' }));
};
