// Records the events it receives in S3 for an assertion to read back: how each names its job (its resources and
// detail.jobArn) at <PREFIX><detail.jobName>/<detail.jobStatus>.json, or, when KEY is set, any event at KEY (for an
// app that expects none, whatever its shape). Only that, so that an assertion's answer, which quotes what it read,
// stays within CloudFormation's 4,096 bytes. The AWS SDK for JavaScript v3 comes with Lambda's Node.js runtime.
'use strict';
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});

exports.handler = async (event) => {
  const key = process.env.KEY || `${process.env.PREFIX}${event.detail.jobName}/${event.detail.jobStatus}.json`;
  const body = { 'detail-type': event['detail-type'], resources: event.resources, jobArn: event.detail?.jobArn };
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: key, Body: JSON.stringify(body), ContentType: 'application/json' }));
};
