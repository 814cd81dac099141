import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '@app/domain-kernel';

/** Deeper than this a body is refused: no route takes more than a few levels, and deep values crash recursive code. */
export const MAX_JSON_DEPTH = 32;

// NUL ends strings in C and is refused by Postgres text; a lone surrogate is not UTF-8, so Postgres refuses it too.
// eslint-disable-next-line no-control-regex -- matching a control character is the point
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A field path as long as a message should carry (a hostile depth makes it as long as the body). */
function shortened(path: string): string {
  return path.length > 80 ? `${path.slice(0, 80)}…` : path;
}

function problemOf(text: string): string | undefined {
  if (NUL.test(text)) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which is not text';
  return undefined;
}

/**
 * Runs before validation on every body, query and path parameter: refuses, with a 400 naming the field, a string
 * (value or key) holding NUL or a lone surrogate, and a value nested deeper than MAX_JSON_DEPTH. Walks iteratively,
 * so a hostile depth cannot overflow the stack here either.
 */
@Injectable()
export class RequestTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    // Fields are named as validation names them: a path parameter by its name, a body or query field by its path.
    const root = metadata.data ?? '';
    const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
    while (stack.length > 0) {
      const { value: current, path, depth } = stack.pop()!;
      const field = shortened(path || metadata.type);
      if (typeof current === 'string') {
        const problem = problemOf(current);
        if (problem) throw new ValidationFailedError(field, `${field} ${problem}`);
        continue;
      }
      if (current === null || typeof current !== 'object') continue;
      if (depth >= MAX_JSON_DEPTH)
        throw new ValidationFailedError(field, `${field} is nested deeper than ${MAX_JSON_DEPTH} levels`);
      for (const [key, child] of Object.entries(current)) {
        const problem = problemOf(key);
        if (problem) throw new ValidationFailedError(field, `a field name in ${field} ${problem}`);
        const childPath = Array.isArray(current) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
        stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
    return value;
  }
}
