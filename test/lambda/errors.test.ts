import {
  AccessDeniedException, ConflictException, ResourceNotFoundException, ServiceQuotaExceededException,
  ThrottlingException, TooManyTagsException, ValidationException,
} from '@aws-sdk/client-bedrock';
import { describeError, isConflict, isNotFound, isThrottling, isValidation } from '../../lambda/shared/errors';

const $metadata = {};

describe('error classification', () => {
  test('recognises the SDK exceptions by name', () => {
    expect(isNotFound(new ResourceNotFoundException({ message: 'gone', $metadata }))).toBe(true);
    expect(isConflict(new ConflictException({ message: 'exists', $metadata }))).toBe(true);
    expect(isThrottling(new ThrottlingException({ message: 'slow down', $metadata }))).toBe(true);
    expect(isValidation(new ValidationException({ message: 'bad', $metadata }))).toBe(true);
    // A plain error with the same name (e.g. from another copy of the SDK) counts too.
    expect(isNotFound(Object.assign(new Error('x'), { name: 'ResourceNotFoundException' }))).toBe(true);
  });

  test('does not confuse kinds, nor choke on non-errors', () => {
    const conflict = new ConflictException({ message: 'exists', $metadata });
    expect(isNotFound(conflict)).toBe(false);
    expect(isValidation(conflict)).toBe(false);
    expect(isThrottling(conflict)).toBe(false);
    expect(isConflict(undefined)).toBe(false);
    expect(isNotFound('ResourceNotFoundException')).toBe(false);
  });
});

describe('describeError', () => {
  const context = "Creating model customization job 'j'";

  test('AccessDenied points at the handler role', () => {
    const message = describeError(new AccessDeniedException({ message: 'not authorized to perform bedrock:CreateModelCustomizationJob', $metadata }), context);
    expect(message).toBe("Creating model customization job 'j' failed: the handler role lacks permission for this Bedrock call, "
      + 'or the service role cannot be passed (AccessDeniedException: not authorized to perform bedrock:CreateModelCustomizationJob)');
  });

  test('ServiceQuotaExceeded asks for a quota increase', () => {
    expect(describeError(new ServiceQuotaExceededException({ message: 'limit 2', $metadata }), context)).toMatch(/request a quota increase.*limit 2/);
  });

  test('TooManyTags says so', () => {
    expect(describeError(new TooManyTagsException({ message: 'max 200', $metadata }), context)).toMatch(/too many tags.*max 200/);
  });

  test("Validation keeps Bedrock's message", () => {
    expect(describeError(new ValidationException({ message: 'epochCount must be between 1 and 5', $metadata }), context))
      .toBe("Creating model customization job 'j' failed: Bedrock rejected the request: epochCount must be between 1 and 5");
  });

  test('Throttling says the SDK already retried', () => {
    expect(describeError(new ThrottlingException({ message: 'Rate exceeded', $metadata }), context)).toMatch(/throttling.*after the SDK's retries.*Rate exceeded/);
  });

  test('others keep the name and message, on one line', () => {
    const error = Object.assign(new Error('boom\n  at line 2'), { name: 'InternalServerException' });
    expect(describeError(error, context)).toBe("Creating model customization job 'j' failed: InternalServerException: boom at line 2");
    expect(describeError('text', context)).toBe("Creating model customization job 'j' failed: Error: text");
  });
});
