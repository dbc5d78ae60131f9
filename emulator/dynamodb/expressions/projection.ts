/*
 * Projection expressions: the attributes, top-level or nested, to return
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html).
 */
import { ExpressionParser, Placeholders } from './parser';
import { Path } from './paths';

export function parseProjection(source: string, placeholders: Placeholders): Path[] {
  const parser = new ExpressionParser('ProjectionExpression', source, placeholders);
  const paths = [parser.path()];
  while (parser.accept(',')) paths.push(parser.path());
  parser.expectEnd();
  return paths;
}
