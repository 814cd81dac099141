// What each route answers, read from the TypeScript return types of its handler (the type checker, once, at
// generate time): @nestjs/swagger sees only classes at run time, and the handlers return object literals.
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

export type JsonSchema = Record<string, unknown>;
/** operationId (`<Controller>_<method>`) to the JSON Schema (2020-12) of its answer; absent: the route answers no body. */
export type RouteResponseSchemas = Record<string, JsonSchema>;
/** operationId to the response headers its handler sets by name (`res.setHeader('ETag', …)`); absent: none. */
export type RouteResponseHeaders = Record<string, string[]>;
export interface RouteAnswers {
  schemas: RouteResponseSchemas;
  headers: RouteResponseHeaders;
}

/** What makes a controller's method a route handler: Nest's verbs, and @CommandRoute, which applies @Post. */
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'CommandRoute']);
const MAX_DEPTH = 16;
/** The options of a streamed file (Nest's StreamableFile) that become response headers when set. */
const FILE_OPTION_HEADERS: Record<string, string> = { disposition: 'Content-Disposition', length: 'Content-Length' };
/** How far down the handler's calls a setHeader is looked for (commandAnswer sets the ETag two calls down). */
const MAX_CALL_DEPTH = 4;

export function routeAnswers(tsconfigPath = 'tsconfig.json'): RouteAnswers {
  const configFile = resolve(tsconfigPath);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${tsconfigPath}`);
  const root = dirname(configFile);
  const controllers = parsed.fileNames.filter(
    (f) => /^(apps|libs)\//.test(relative(root, f)) && f.endsWith('.controller.ts'),
  );
  const program = ts.createProgram(controllers, parsed.options);
  const checker = program.getTypeChecker();
  const schemas: RouteResponseSchemas = {};
  const headers: RouteResponseHeaders = {};
  const headerFinder = new HeaderFinder(checker);
  for (const file of controllers) {
    const source = program.getSourceFile(file)!;
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name || !decoratorNames(statement).has('Controller'))
        continue;
      for (const member of statement.members) {
        if (!ts.isMethodDeclaration(member) || ![...decoratorNames(member)].some((n) => ROUTE_DECORATORS.has(n)))
          continue;
        const signature = checker.getSignatureFromDeclaration(member)!;
        const answer = checker.getAwaitedType(checker.getReturnTypeOfSignature(signature))!;
        const schema = new SchemaWriter(checker).write(answer);
        const operationId = `${statement.name.text}_${member.name.getText(source)}`;
        if (schema) schemas[operationId] = schema;
        const set = member.body ? headerFinder.find(member.body) : new Set<string>();
        if (set.size > 0) headers[operationId] = [...set].sort();
      }
    }
  }
  return { schemas: sortedByKey(schemas), headers: sortedByKey(headers) };
}

const sortedByKey = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The header names a handler passes to `setHeader` as literals, in its own body or in the project's functions it
 * calls (commandAnswer sets the ETag for every command), so the document says what the code does.
 */
class HeaderFinder {
  private readonly found = new Map<ts.Node, Set<string>>();
  constructor(private readonly checker: ts.TypeChecker) {}

  find(body: ts.Node, depth = 0): Set<string> {
    const names = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const [first] = node.arguments;
        const callee = node.expression;
        if (
          ts.isPropertyAccessExpression(callee) &&
          callee.name.text === 'setHeader' &&
          first &&
          ts.isStringLiteralLike(first)
        )
          names.add(first.text);
        else if (this.answersFile(node)) for (const name of fileOptionHeaders(node)) names.add(name);
        else if (depth < MAX_CALL_DEPTH)
          for (const called of this.calledBodies(callee))
            for (const name of this.bodyHeaders(called, depth + 1)) names.add(name);
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    return names;
  }

  /** A call that makes a streamed file (StreamableFile or a subclass, maybe behind a Promise): its options set headers. */
  private answersFile(call: ts.CallExpression): boolean {
    let type: ts.Type | undefined = this.checker.getAwaitedType(this.checker.getTypeAtLocation(call));
    for (let depth = 0; type && depth < 8; depth++) {
      if (type.getSymbol()?.getName() === 'StreamableFile') return true;
      const target: ts.Type = (type as ts.TypeReference).target ?? type;
      if (!(target.flags & ts.TypeFlags.Object) || !((target as ts.ObjectType).objectFlags & ts.ObjectFlags.Class))
        return false;
      type = this.checker.getBaseTypes(target as ts.InterfaceType)[0];
    }
    return false;
  }

  private bodyHeaders(body: ts.Node, depth: number): Set<string> {
    const known = this.found.get(body);
    if (known) return known;
    this.found.set(body, new Set()); // a recursive call finds nothing more
    const names = this.find(body, depth);
    this.found.set(body, names);
    return names;
  }

  /** The bodies of the functions or methods a call may run, when they are the project's own source. */
  private calledBodies(callee: ts.Expression): ts.Node[] {
    const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    let symbol = this.checker.getSymbolAtLocation(at);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return (symbol?.declarations ?? [])
      .filter((d) => !d.getSourceFile().isDeclarationFile)
      .map((d) => (ts.isVariableDeclaration(d) ? d.initializer : d))
      .filter((d): d is ts.FunctionLikeDeclaration => d !== undefined && ts.isFunctionLike(d))
      .flatMap((d) => (d.body ? [d.body] : []));
  }
}

/** The headers a streamed file's options object literal names (`{ disposition: … }`). */
function fileOptionHeaders(call: ts.CallExpression): string[] {
  return call.arguments
    .filter(ts.isObjectLiteralExpression)
    .flatMap((options) => options.properties.map((p) => FILE_OPTION_HEADERS[p.name?.getText() ?? '']))
    .filter((name): name is string => name !== undefined);
}

function decoratorNames(node: ts.HasDecorators): Set<string> {
  return new Set(
    (ts.getDecorators(node) ?? []).map((d) =>
      ts.isCallExpression(d.expression) ? d.expression.expression.getText() : d.expression.getText(),
    ),
  );
}

/** A TypeScript type as the JSON its value serializes to (Date as an RFC 3339 string, undefined members left out). */
class SchemaWriter {
  private readonly active = new Set<ts.Type>();
  constructor(private readonly checker: ts.TypeChecker) {}

  /** undefined for void/undefined: no body. */
  write(type: ts.Type, depth = 0): JsonSchema | undefined {
    const f = type.flags;
    if (f & (ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Never)) return undefined;
    if (depth > MAX_DEPTH || f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.Null) return { type: 'null' };
    if (type.isStringLiteral()) return { type: 'string', const: type.value };
    if (type.isNumberLiteral()) return { type: 'number', const: type.value };
    if (f & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', const: this.checker.typeToString(type) === 'true' };
    if (f & ts.TypeFlags.StringLike) return { type: 'string' };
    if (f & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (f & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (f & ts.TypeFlags.BigIntLike) return { type: 'string', pattern: '^-?\\d+$' };
    if (type.isUnion()) return this.union(type, depth);
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
      const [item] = this.checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: (item && this.write(item, depth + 1)) ?? {} };
    }
    const name = type.getSymbol()?.getName();
    if (name === 'Date') return { type: 'string', format: 'date-time' };
    if (name === 'Buffer' || name === 'Uint8Array') return { type: 'string' };
    // A streamed answer (libs/platform's StreamedBody<T>) is, on the wire, what its type argument says.
    if (name === 'StreamedBody') {
      const [body] = this.checker.getTypeArguments(type as ts.TypeReference);
      return body ? this.write(body, depth + 1) : { type: 'string' };
    }
    return this.object(type, depth);
  }

  private union(type: ts.UnionType, depth: number): JsonSchema {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const literals = members.filter((t) => t.isStringLiteral());
    const booleans = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const nullable = members.some((t) => t.flags & ts.TypeFlags.Null);
    const rest = members.filter(
      (t) => !t.isStringLiteral() && !(t.flags & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.Null)),
    );
    const parts: JsonSchema[] = [];
    if (literals.length > 0)
      parts.push({ type: 'string', enum: literals.map((t) => (t as ts.StringLiteralType).value) });
    if (booleans.length === 2) parts.push({ type: 'boolean' });
    else if (booleans.length === 1) parts.push(this.write(booleans[0], depth)!);
    for (const member of rest) {
      const schema = this.write(member, depth + 1);
      if (schema && !parts.some((p) => JSON.stringify(p) === JSON.stringify(schema))) parts.push(schema);
    }
    if (parts.some((p) => Object.keys(p).length === 0)) return {};
    if (parts.length === 1 && typeof parts[0].type === 'string' && !parts[0].const) {
      return nullable
        ? {
            ...parts[0],
            type: [parts[0].type, 'null'],
            ...(parts[0].enum ? { enum: [...(parts[0].enum as unknown[]), null] } : {}),
          }
        : parts[0];
    }
    const all = nullable ? [...parts, { type: 'null' }] : parts;
    return all.length === 1 ? all[0] : { anyOf: all };
  }

  private object(type: ts.Type, depth: number): JsonSchema {
    if (this.active.has(type)) return {};
    this.active.add(type);
    try {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const property of this.checker.getPropertiesOfType(type)) {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        const propertyType = declaration
          ? this.checker.getTypeOfSymbolAtLocation(property, declaration)
          : this.checker.getTypeOfSymbol(property);
        if (propertyType.getCallSignatures().length > 0) continue;
        const schema = this.write(propertyType, depth + 1);
        if (!schema) continue;
        properties[property.getName()] = schema;
        const optional =
          property.flags & ts.SymbolFlags.Optional ||
          (propertyType.isUnion() && propertyType.types.some((t) => t.flags & ts.TypeFlags.Undefined));
        if (!optional) required.push(property.getName());
      }
      const index = this.checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
      const additional = index ? (this.write(index.type, depth + 1) ?? {}) : undefined;
      return {
        type: 'object',
        ...(Object.keys(properties).length > 0 && { properties }),
        ...(required.length > 0 && { required }),
        ...(additional !== undefined && { additionalProperties: additional }),
      };
    } finally {
      this.active.delete(type);
    }
  }
}
