/*
 * A Lambda function that is its own custom resource and answers more than
 * once, as a handler that answers early and then again would: on Create and
 * Update it PUTs each answer of ResourceProperties.Answers (JSON:
 * [{"Status", "Reason", "Value"}]) to the response URL, in order; on Delete it
 * answers SUCCESS once.
 */
'use strict';

const https = require('https');

exports.answerEach = async (event) => {
  const answers = event.RequestType === 'Delete' ? [{ Status: 'SUCCESS' }] : JSON.parse(event.ResourceProperties.Answers);
  for (const answer of answers) {
    await put(event.ResponseURL, {
      Status: answer.Status,
      Reason: answer.Reason || 'answered',
      PhysicalResourceId: event.PhysicalResourceId || `${event.LogicalResourceId}-answered`,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      Data: { Value: answer.Value },
    });
  }
};

/** A PUT of the body, with no Content-Type, as cfn-response sends it. */
function put(url, response) {
  const body = JSON.stringify(response);
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (answer) => {
      answer.resume();
      resolve(answer.statusCode);
    });
    request.on('error', reject);
    request.end(body);
  });
}
