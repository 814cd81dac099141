import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { SERVICE_NAMES } from '@app/contracts';
import { codeSpans, readmeSection, readRepoFile, root, tableRows } from './readme-tables';

// The README's route tables against the controllers: every route a controller declares is a row under its service
// (routes of libs/ under "Every service", since each service mounts the event store, messaging and platform modules;
// a lib module only some services import, such as PhotoEvidenceModule, under each of those), with the roles its @Roles() names, or "public" for @Public(); and every row is a route the code still declares.

const HTTP_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
const EVERY_SERVICE = 'Every service';

interface Route {
  service: string;
  method: string;
  path: string;
  roles: string;
}

const key = (r: Route) => `${r.service}: ${r.method} ${r.path} — ${r.roles}`;

function controllerFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return controllerFiles(path);
    return name.endsWith('.controller.ts') ? [path] : [];
  });
}

/** A decorator's name and its string-literal arguments. */
function decorators(node: ts.Node): { name: string; args: string[] }[] {
  return (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).flatMap((decorator) => {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return [];
    const name = call.expression.text;
    // @CommandRoute(roles, status, path) is a POST to path by those roles (libs/platform's command-route.decorator).
    if (name === 'CommandRoute') {
      const [roles, , path] = call.arguments;
      return [
        { name, args: stringsOf(roles) },
        { name: 'Post', args: stringsOf(path) },
      ];
    }
    return [{ name, args: call.arguments.flatMap(stringsOf) }];
  });
}

/** An argument's string literals: a role list may come as an array literal (@CommandRoute(['inspector', 'official'])). */
function stringsOf(argument: ts.Expression | undefined): string[] {
  if (!argument) return [];
  const items = ts.isArrayLiteralExpression(argument) ? [...argument.elements] : [argument];
  return items.filter(ts.isStringLiteralLike).map((a) => a.text);
}

function rolesOf(own: { name: string; args: string[] }[]): string | undefined {
  if (own.some((d) => d.name === 'Public')) return 'public';
  // @CommandRoute(roles, status, path) states a command route's roles.
  const roles = own.find((d) => d.name === 'Roles' || d.name === 'CommandRoute');
  return roles ? [...roles.args].sort().join(', ') : undefined;
}

/** The source of each service's root module (apps/<service>/src/<service>.module.ts): what it imports. */
const serviceModules = SERVICE_NAMES.map((name) => ({
  name,
  text: readRepoFile(`apps/${name}/src/${name}.module.ts`),
}));

/**
 * The services a lib's controller is mounted in: those whose module imports one of the lib's *.module.ts classes by
 * name, when that is some but not all of them; otherwise "Every service" (the platform's routes, mounted by the root
 * module every service shares).
 */
function servicesMounting(file: string): string[] {
  const lib = file.split('/').slice(0, 2).join('/');
  const modules = moduleFiles(lib).flatMap((f) =>
    [...readRepoFile(f).matchAll(/export class (\w+Module)\b/g)].map((m) => m[1]),
  );
  const mounting = serviceModules
    .filter((s) => modules.some((m) => new RegExp(`\\b${m}\\b`).test(s.text)))
    .map((s) => s.name);
  return mounting.length === 0 || mounting.length === SERVICE_NAMES.length ? [EVERY_SERVICE] : mounting;
}

function moduleFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return moduleFiles(path);
    return name.endsWith('.module.ts') ? [path] : [];
  });
}

/** The routes a controller file declares, paths in the README's `{param}` form. */
function routesOf(file: string): Route[] {
  return (file.startsWith('apps/') ? [file.split('/')[1]] : servicesMounting(file)).flatMap((service) =>
    routesIn(file, service),
  );
}

function routesIn(file: string, service: string): Route[] {
  const source = ts.createSourceFile(file, readRepoFile(file), ts.ScriptTarget.Latest, true);
  const routes: Route[] = [];
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    const classDecorators = decorators(statement);
    const controller = classDecorators.find((d) => d.name === 'Controller');
    if (!controller) continue;
    for (const member of statement.members) {
      const own = decorators(member);
      const http = own.find((d) => HTTP_METHODS.has(d.name));
      if (!http) continue;
      const path = [controller.args[0] ?? '', http.args[0] ?? '']
        .map((p) => p.replace(/^\/+|\/+$/g, ''))
        .filter(Boolean)
        .join('/');
      routes.push({
        service,
        method: http.name.toUpperCase(),
        // An optional extension group, `services{.:format}`, reads as the OpenAPI documents write it: `services.{format}`.
        path: `/${path}`.replace(/\{\.:([A-Za-z]+)\}/g, '.{$1}').replace(/:([A-Za-z][A-Za-z0-9]*)/g, '{$1}'),
        // Deny by default: a route with neither decorator is open to nobody (the guard refuses it).
        roles: rolesOf(own) ?? rolesOf(classDecorators) ?? 'nobody',
      });
    }
  }
  return routes;
}

/** A row's service is its table's heading: "Every service", or the service's name in backticks. */
function readmeRoutes(): Route[] {
  return tableRows(readmeSection(readRepoFile('README.md'), 'Routes')).map((row) => {
    const service = row.heading === EVERY_SERVICE ? EVERY_SERVICE : (codeSpans(row.heading)[0] ?? row.heading);
    const [method, path, roles] = row.cells.map((cell) => cell.replace(/`/g, '').trim());
    return { service, method, path: path.replace(/\?.*$/, ''), roles: roles.split(/,\s*/).sort().join(', ') };
  });
}

describe('README Routes', () => {
  const code = ['apps', 'libs'].flatMap(controllerFiles).flatMap(routesOf);
  const readme = readmeRoutes();

  it('reads the routes from the controllers (the parse works)', () => {
    expect(new Set(code.map((r) => r.service))).toEqual(new Set([EVERY_SERVICE, ...SERVICE_NAMES]));
    expect(code.map(key)).toEqual(
      expect.arrayContaining([
        'Every service: GET /health/ready — public',
        'road-cases: POST /cases/{id}/report-repair — contractor',
        'monitoring: GET /open311/v2/requests/{id}.{format} — public',
        'budgets: GET /programmes/{id}/history — auditor, moderator, official',
      ]),
    );
  });

  it('lists every route under its service with its roles', () => {
    const listed = new Set(readme.map(key));
    expect(code.filter((r) => !listed.has(key(r))).map(key)).toEqual([]);
  });

  it('lists no route the code does not declare', () => {
    const declared = new Set(code.map(key));
    expect(readme.filter((r) => !declared.has(key(r))).map(key)).toEqual([]);
  });

  it('says what each route does', () => {
    const rows = tableRows(readmeSection(readRepoFile('README.md'), 'Routes'));
    expect(rows.filter((row) => (row.cells[3] ?? '').trim() === '').map((row) => row.line)).toEqual([]);
  });
});
