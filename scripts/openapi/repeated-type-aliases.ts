import ts from 'typescript';

/** One generated module's declarations; the shared one's aliases are the others' `<namespace>.<alias>`. */
export interface TypeModule {
  nodes: ts.Node[];
  /** May an alias declared in the shared module stand for this type (it names nothing of its own module's)? */
  shareable?: (text: string) => boolean;
}

/** Shorter repeats are left inline: an alias is worth its name only for a block a reader would otherwise read twice. */
const MIN_LINES = 4;
const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
const scratch = ts.createSourceFile('types.ts', '', ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
const print = (node: ts.Node) => printer.printNode(ts.EmitHint.Unspecified, node, scratch);

interface Occurrence {
  node: ts.TypeNode;
  module: number;
  ancestors: ts.Node[];
  where: string[];
  /** The alias this block is the whole body of. */
  alias?: string;
}

/**
 * openapi-typescript writes every schema, parameter list and header set where it is used, so an answer two routes
 * share (a list's item and the read of one, the same command answer, the same query) stands in full at each. This
 * names each such block once, as a type alias beside the others (in the shared module when several modules use it),
 * and refers to it by name: the types are the same, structurally, to every caller.
 */
export function aliasRepeatedTypes(modules: TypeModule[], shared: number, namespace: string): ts.Node[][] {
  const nodes = modules.map((m) => [...m.nodes]);
  const local = modules.map(() => new Set<string>());
  const taken = new Set(
    nodes.flat().flatMap((n) => (ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) ? [n.name.text] : [])),
  );
  for (;;) {
    const byText = new Map<string, Occurrence[]>();
    nodes.forEach((declarations, module) =>
      declarations.forEach((declaration) => collect(declaration, module, byText)),
    );
    const replacements = new Map<ts.Node, { module: number; name: string }>();
    const covered = new Set<ts.Node>();
    const added: { module: number; name: string; type: ts.TypeNode }[] = [];
    const repeated = [...byText.entries()]
      .filter(([text, found]) => found.length > 1 && text.split('\n').length >= MIN_LINES)
      .sort(([a], [b]) => b.length - a.length || (a < b ? -1 : 1));
    for (const [text, found] of repeated) {
      const open = found.filter((o) => !o.ancestors.some((a) => covered.has(a)) && !covered.has(o.node));
      const inModules = new Set(open.map((o) => o.module));
      const toShared =
        open.length > 1 &&
        (inModules.size > 1 || inModules.has(shared)) &&
        open.every(
          (o) =>
            o.module === shared || ((modules[o.module].shareable?.(text) ?? false) && !namesAny(text, local[o.module])),
        );
      const groups = toShared
        ? [{ module: shared, found: open }]
        : [...inModules].map((module) => ({ module, found: open.filter((o) => o.module === module) }));
      for (const group of groups) {
        if (group.found.length < 2) continue;
        // A block that is already an alias's whole body is that alias: the others refer to it, not to a new one.
        const existing = group.found.find((o) => o.alias !== undefined && o.module === group.module);
        const name = existing?.alias ?? unique(aliasName(group.found[0].where), taken);
        if (!existing) added.push({ module: group.module, name, type: group.found[0].node });
        if (!existing && group.module !== shared) local[group.module].add(name);
        for (const o of group.found) {
          if (o !== existing) replacements.set(o.node, { module: group.module, name });
          covered.add(o.node);
        }
      }
    }
    if (replacements.size === 0) return nodes;
    nodes.forEach((declarations, module) => {
      nodes[module] = declarations.map((d) => replace(d, replacements, module, shared, namespace));
    });
    for (const { module, name, type } of added)
      nodes[module].push(
        ts.factory.createTypeAliasDeclaration(
          [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)],
          name,
          undefined,
          replace(type, replacements, module, shared, namespace, type, module === shared),
        ),
      );
  }
}

/** Candidate blocks: object types and the unions, intersections and arrays made of them. */
function collect(declaration: ts.Node, module: number, byText: Map<string, Occurrence[]>): void {
  const ancestors: ts.Node[] = [];
  const where: string[] = [];
  const top =
    ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) ? declaration.name.text : '';
  const visit = (node: ts.Node): void => {
    const parent = ancestors.at(-1);
    const name = ts.isPropertySignature(node) ? memberName(node) : parent && argumentRole(parent, node);
    if (name !== undefined) where.push(name);
    if (ancestors.length > 0 && isBlock(node)) {
      // A shared alias reads `shared.X` elsewhere and `X` in the shared module: the same block either way.
      const text = print(node).replace(QUALIFIED, '');
      const found = byText.get(text) ?? [];
      const alias = ts.isTypeAliasDeclaration(declaration) && declaration.type === node ? top : undefined;
      found.push({ node: node as ts.TypeNode, module, ancestors: [...ancestors], where: [top, ...where], alias });
      byText.set(text, found);
    }
    ancestors.push(node);
    ts.forEachChild(node, visit);
    ancestors.pop();
    if (name !== undefined) where.pop();
  };
  visit(declaration);
}

/** What a type argument of the generated forms (compact-client-types.ts) stands for, to name an alias after. */
const ARGUMENT_ROLES: Record<string, string[]> = {
  Operation: ['parameters', 'responses'],
  OperationWithBody: ['parameters', 'requestBody', 'responses'],
  JsonAnswer: ['json', 'headers'],
  JsonBody: ['json'],
  OperationParameters: [''],
  PathItem: [''],
};

function argumentRole(parent: ts.Node, node: ts.Node): string | undefined {
  if (!ts.isTypeReferenceNode(parent) || !parent.typeArguments) return undefined;
  const form = ts.isQualifiedName(parent.typeName) ? parent.typeName.right.text : parent.typeName.text;
  const index = parent.typeArguments.indexOf(node as ts.TypeNode);
  return index < 0 ? undefined : (ARGUMENT_ROLES[form]?.[index] ?? `${form}${index}`);
}

const QUALIFIED = /\bshared\.(?=\w)/g;

const isBlock = (node: ts.Node): boolean =>
  ts.isTypeLiteralNode(node) ||
  ((ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) && node.types.some(ts.isTypeLiteralNode)) ||
  (ts.isArrayTypeNode(node) && ts.isTypeLiteralNode(node.elementType)) ||
  (ts.isTypeReferenceNode(node) && (node.typeArguments?.some(isBlock) ?? false));

const memberName = (member: ts.PropertySignature) =>
  ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) || ts.isNumericLiteral(member.name)
    ? member.name.text
    : undefined;

/** Named after where it first stands: `ContractsController_one_200_json` is that route's answer body. */
function aliasName(where: string[]): string {
  const parts = where
    .filter((part) => !['operations', 'components', 'paths', 'content', ''].includes(part))
    .map((part) => (part === 'application/json' ? 'json' : part.replace(/\W+/g, '_').replace(/^_|_$/g, '')));
  // A whole operation's alias would read as the operation's own name: say what it is.
  if (where[0] === 'operations' && where.length === 2) parts.push('operation');
  const name = parts.filter(Boolean).join('_');
  return /^[A-Za-z]/.test(name) ? name : `T_${name}`;
}

const namesAny = (text: string, names: Set<string>) =>
  [...text.matchAll(/[A-Za-z_$][\w$]*/g)].some(([word]) => names.has(word));

function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
  taken.add(candidate);
  return candidate;
}

function replace<T extends ts.Node>(
  root: T,
  replacements: Map<ts.Node, { module: number; name: string }>,
  module: number,
  shared: number,
  namespace: string,
  keep?: ts.Node,
  unqualify = false,
): T {
  const reference = ({ module: owner, name }: { module: number; name: string }) =>
    ts.factory.createTypeReferenceNode(
      owner === shared && module !== shared
        ? ts.factory.createQualifiedName(ts.factory.createIdentifier(namespace), name)
        : name,
    );
  const transformer: ts.TransformerFactory<T> = (context) => (top) => {
    const visit = (node: ts.Node): ts.Node => {
      if (unqualify && ts.isQualifiedName(node) && ts.isIdentifier(node.left) && node.left.text === namespace)
        return ts.factory.createIdentifier(node.right.text);
      const alias = node !== keep ? replacements.get(node) : undefined;
      return alias ? reference(alias) : ts.visitEachChild(node, visit, context);
    };
    return visit(top) as T;
  };
  return ts.transform(root, [transformer]).transformed[0];
}
