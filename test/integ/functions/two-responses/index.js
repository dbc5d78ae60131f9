// A custom resource that answers its Create twice: SUCCESS with the physical id "first-answer", then FAILED with
// "second-answer" (ledger L-51: which of several uploads to the ResponseURL counts is not stated,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html). Other requests are answered
// once, SUCCESS. Each answer is a PUT with an empty Content-Type, as the response URL's signature requires.
'use strict';
const https = require('https');

function put(event, answer) {
  const body = JSON.stringify({
    ...answer, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
  });
  const url = new URL(event.ResponseURL);
  return new Promise((resolve, reject) => {
    const request = https.request({
      hostname: url.hostname, path: url.pathname + url.search, method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.end(body);
  });
}

exports.handler = async (event) => {
  if (event.RequestType !== 'Create') {
    await put(event, { Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId });
    return;
  }
  await put(event, { Status: 'SUCCESS', PhysicalResourceId: 'first-answer', Data: { Answer: 'first' } });
  await put(event, { Status: 'FAILED', PhysicalResourceId: 'second-answer', Reason: 'The second answer of the same request' });
};
