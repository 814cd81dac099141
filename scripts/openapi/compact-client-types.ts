import ts from 'typescript';

const f = ts.factory;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const LOCATIONS = ['query', 'header', 'path', 'cookie'];
/** The names the shared module declares for the forms below, beside openapi-typescript's own. */
export const PATH_ITEM = 'PathItem';
export const ERROR_ANSWERS = 'errorAnswers';
export const JSON_ANSWER = 'JsonAnswer';
export const JSON_BODY = 'JsonBody';
export const OPERATION = 'Operation';
export const PARAMETERS = 'OperationParameters';
export const NO_PARAMETERS = 'NoParameters';
export const OPERATION_WITH_BODY = 'OperationWithBody';

const nameOf = (member: ts.TypeElement | undefined) =>
  member?.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) || ts.isNumericLiteral(member.name))
    ? member.name.text
    : undefined;
const text = (node: ts.Node | undefined) =>
  node && ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;

/** `components["responses"]["BadRequest"]`: the name of the shared error response a member answers with. */
function errorResponseName(type: ts.TypeNode | undefined): string | undefined {
  if (!type || !ts.isIndexedAccessTypeNode(type) || !ts.isIndexedAccessTypeNode(type.objectType)) return undefined;
  const group = type.objectType;
  const root = group.objectType;
  return ts.isTypeReferenceNode(root) && ts.isIdentifier(root.typeName) && root.typeName.text === 'components'
    ? text(group.indexType) === 'responses'
      ? text(type.indexType)
      : undefined
    : undefined;
}

/** `{ query?: never; header?: never; path?: never; cookie?: never }`: a path item's parameters when it has none. */
const takesNone = (type: ts.TypeNode | undefined) =>
  type !== undefined &&
  ts.isTypeLiteralNode(type) &&
  type.members.every(
    (m) => ts.isPropertySignature(m) && m.questionToken && m.type?.kind === ts.SyntaxKind.NeverKeyword,
  );

/** Status to shared error response (`#/components/responses/BadRequest`), as the documents' routes answer them. */
export function errorAnswerNames(documents: object[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const text of documents.map((d) => JSON.stringify(d)))
    for (const [, status, name] of text.matchAll(/"(\d{3})":\{"\$ref":"#\/components\/responses\/([^"]+)"\}/g))
      names.set(status, name);
  return new Map([...names].sort(([a], [b]) => Number(a) - Number(b)));
}

/**
 * The forms every module's routes are written in, declared once at the head of the shared module: each is what
 * openapi-typescript writes in full at every route, less the parts that vary.
 */
export const sharedForms = (errors: Map<string, string>) => `
/** A path item as openapi-typescript writes it: no path-level parameters, the methods given, \`?: never\` the others. */
export type ${PATH_ITEM}<Methods> = { parameters: ${NO_PARAMETERS} } & { [M in Exclude<${METHODS.map((m) => `"${m}"`).join(' | ')}, keyof Methods>]?: never } & Methods;
/** An operation's parameters: those given, \`?: never\` the other locations. */
export type ${PARAMETERS}<Given> = Given & { [L in Exclude<${LOCATIONS.map((l) => `"${l}"`).join(' | ')}, keyof Given>]?: never };
/** No parameters in any location. */
export type ${NO_PARAMETERS} = { ${LOCATIONS.map((l) => `${l}?: never`).join('; ')} };
/** An operation without a request body. */
export type ${OPERATION}<Parameters, Responses> = { parameters: Parameters; requestBody?: never; responses: Responses };
/** An operation with a request body it requires. */
export type ${OPERATION_WITH_BODY}<Parameters, Body, Responses> = { parameters: Parameters; requestBody: Body; responses: Responses };
/** A JSON request body. */
export type ${JSON_BODY}<Body> = { content: { "application/json": Body } };
/** A JSON answer: its body, and the headers it names (others may come too). */
export type ${JSON_ANSWER}<Body, Headers = unknown> = { headers: Headers & { [name: string]: unknown }; content: { "application/json": Body } };
/** The error answers every route shares (components.responses), by status. */
export interface ${ERROR_ANSWERS} {
${[...errors].map(([status, name]) => `    ${status}: components["responses"]["${name}"];`).join('\n')}
}
`;

/**
 * A module's `paths` and `operations` in those forms: `"/fines": PathItem<{ get: …; post: … }>`, and an operation's
 * shared errors as `Pick<errorAnswers, 400 | 401> & { 200: … }`. The same types, structurally, to every caller.
 */
export function compactRoutes(nodes: ts.Node[], errors: Map<string, string>, qualifier?: string): ts.Node[] {
  const namedType = (name: string) =>
    qualifier ? f.createQualifiedName(f.createIdentifier(qualifier), name) : f.createIdentifier(name);
  const pathItem = (member: ts.TypeElement): ts.TypeElement => {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeLiteralNode(member.type)) return member;
    const parameters = member.type.members.find((m) => nameOf(m) === 'parameters');
    if (!parameters || !ts.isPropertySignature(parameters) || !takesNone(parameters.type)) return member;
    const methods = member.type.members.filter((m) => {
      const name = nameOf(m) ?? '';
      return (
        METHODS.includes(name) &&
        !(ts.isPropertySignature(m) && m.questionToken && m.type?.kind === ts.SyntaxKind.NeverKeyword)
      );
    });
    return f.updatePropertySignature(
      member,
      member.modifiers,
      member.name,
      member.questionToken,
      f.createTypeReferenceNode(namedType(PATH_ITEM), [f.createTypeLiteralNode(methods)]),
    );
  };
  const responses = (member: ts.TypeElement): ts.TypeElement => {
    if (
      !ts.isPropertySignature(member) ||
      nameOf(member) !== 'responses' ||
      !member.type ||
      !ts.isTypeLiteralNode(member.type)
    )
      return member;
    const shared = member.type.members.filter((m) => {
      const status = nameOf(m);
      const name = ts.isPropertySignature(m) ? errorResponseName(m.type) : undefined;
      return status !== undefined && name !== undefined && errors.get(status) === name;
    });
    if (shared.length === 0 && !member.type.members.some((m) => jsonAnswer(m) !== m)) return member;
    const pick = f.createTypeReferenceNode('Pick', [
      f.createTypeReferenceNode(namedType(ERROR_ANSWERS)),
      f.createUnionTypeNode(shared.map((m) => f.createLiteralTypeNode(f.createNumericLiteral(nameOf(m)!)))),
    ]);
    const own = member.type.members.filter((m) => !shared.includes(m)).map(jsonAnswer);
    const type =
      shared.length === 0
        ? f.createTypeLiteralNode(own)
        : own.length > 0
          ? f.createIntersectionTypeNode([pick, f.createTypeLiteralNode(own)])
          : pick;
    return f.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, type);
  };
  /** `200: { headers: { ETag?: string; [name: string]: unknown }; content: { "application/json": B } }`, as JsonAnswer<B, { ETag?: string }>. */
  const jsonAnswer = (member: ts.TypeElement): ts.TypeElement => {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeLiteralNode(member.type)) return member;
    const [headers, content, ...more] = member.type.members;
    if (more.length > 0 || nameOf(headers) !== 'headers' || nameOf(content) !== 'content') return member;
    const named =
      ts.isPropertySignature(headers) && headers.type && ts.isTypeLiteralNode(headers.type)
        ? headers.type.members
        : undefined;
    const media =
      ts.isPropertySignature(content) && content.type && ts.isTypeLiteralNode(content.type)
        ? content.type.members
        : undefined;
    const [json] = media ?? [];
    const open = named?.at(-1);
    if (
      !named ||
      !open ||
      !ts.isIndexSignatureDeclaration(open) ||
      media?.length !== 1 ||
      nameOf(json) !== 'application/json'
    )
      return member;
    if (!ts.isPropertySignature(json) || !json.type) return member;
    const headerTypes = named.slice(0, -1);
    return f.updatePropertySignature(
      member,
      member.modifiers,
      member.name,
      member.questionToken,
      f.createTypeReferenceNode(namedType(JSON_ANSWER), [
        json.type,
        ...(headerTypes.length > 0 ? [f.createTypeLiteralNode(headerTypes)] : []),
      ]),
    );
  };
  /** `requestBody: { content: { "application/json": B } }`, as JsonBody<B>. */
  const jsonBody = (member: ts.TypeElement): ts.TypeElement => {
    if (!ts.isPropertySignature(member) || nameOf(member) !== 'requestBody' || !member.type) return member;
    const [content, ...more] = ts.isTypeLiteralNode(member.type) ? member.type.members : [];
    const media =
      content && ts.isPropertySignature(content) && content.type && ts.isTypeLiteralNode(content.type)
        ? content.type.members
        : [];
    const [json] = media;
    if (more.length > 0 || nameOf(content) !== 'content' || media.length !== 1 || nameOf(json) !== 'application/json')
      return member;
    if (!ts.isPropertySignature(json) || !json.type || json.questionToken) return member;
    return f.updatePropertySignature(
      member,
      member.modifiers,
      member.name,
      member.questionToken,
      f.createTypeReferenceNode(namedType(JSON_BODY), [json.type]),
    );
  };
  /** `{ parameters: P; requestBody?: never; responses: R }` as Operation<P, R>; with a required body B, OperationWithBody<P, B, R>. */
  /** `{ query?: Q; header?: never; path?: never; cookie?: never }`, as OperationParameters<{ query?: Q }>. */
  const operationParameters = (type: ts.TypeNode): ts.TypeNode => {
    if (!ts.isTypeLiteralNode(type) || !type.members.every((m) => LOCATIONS.includes(nameOf(m) ?? ''))) return type;
    const given = type.members.filter((m) => !takesNone(f.createTypeLiteralNode([m])));
    return given.length > 0
      ? f.createTypeReferenceNode(namedType(PARAMETERS), [f.createTypeLiteralNode(given)])
      : f.createTypeReferenceNode(namedType(NO_PARAMETERS));
  };
  const operationForm = (members: ts.TypeElement[]): ts.TypeNode => {
    const [parameters, requestBody, answers, ...more] = members;
    const literal = f.createTypeLiteralNode(members);
    if (
      more.length > 0 ||
      nameOf(parameters) !== 'parameters' ||
      nameOf(requestBody) !== 'requestBody' ||
      nameOf(answers) !== 'responses'
    )
      return literal;
    const typeOf = (m: ts.TypeElement) => (ts.isPropertySignature(m) ? m.type : undefined);
    const [given, b, r] = [typeOf(parameters), typeOf(requestBody), typeOf(answers)];
    const p = given && operationParameters(given);
    if (
      !p ||
      !b ||
      !r ||
      (answers as ts.PropertySignature).questionToken ||
      (parameters as ts.PropertySignature).questionToken
    )
      return literal;
    const optional = (requestBody as ts.PropertySignature).questionToken !== undefined;
    if (optional && b.kind === ts.SyntaxKind.NeverKeyword)
      return f.createTypeReferenceNode(namedType(OPERATION), [p, r]);
    return optional ? literal : f.createTypeReferenceNode(namedType(OPERATION_WITH_BODY), [p, b, r]);
  };
  const operation = (member: ts.TypeElement): ts.TypeElement =>
    ts.isPropertySignature(member) && member.type && ts.isTypeLiteralNode(member.type)
      ? f.updatePropertySignature(
          member,
          member.modifiers,
          member.name,
          member.questionToken,
          operationForm(member.type.members.map(responses).map(jsonBody)),
        )
      : member;
  return nodes.map((node) => {
    if (!ts.isInterfaceDeclaration(node)) return node;
    const map = node.name.text === 'paths' ? pathItem : node.name.text === 'operations' ? operation : undefined;
    return map
      ? f.updateInterfaceDeclaration(
          node,
          node.modifiers,
          node.name,
          node.typeParameters,
          node.heritageClauses,
          node.members.map(map),
        )
      : node;
  });
}
