// The onEvent handler of a custom resource that copies a model's files from the web (Hugging Face's resolve URLs,
// which redirect to its CDN) into S3, where a model import job reads them. Each file streams from the download to
// PutObject (its Content-Length known), so a file larger than the function's memory passes. A Delete leaves the
// files to the bucket's own deletion. WEIGHTS_BASE_URL, when set, takes the place of BaseUrl (a local copy of the
// files). The AWS SDK for JavaScript v3 comes with Lambda's Node.js runtime; fetch with Node.js.
'use strict';
const { Readable } = require('stream');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});

exports.handler = async (event) => {
  const { BaseUrl, Files, Bucket, Prefix } = event.ResourceProperties;
  if (event.RequestType !== 'Delete') {
    const base = process.env.WEIGHTS_BASE_URL || BaseUrl;
    for (const file of Files) {
      const response = await fetch(`${base}/${file}`);
      if (!response.ok) throw new Error(`GET ${file}: HTTP ${response.status}`);
      await s3.send(new PutObjectCommand({
        Bucket,
        Key: `${Prefix}${file}`,
        Body: Readable.fromWeb(response.body),
        ContentLength: Number(response.headers.get('content-length')),
      }));
    }
  }
  return { PhysicalResourceId: `s3://${Bucket}/${Prefix}` };
};
