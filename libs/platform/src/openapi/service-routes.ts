import type { INestApplication } from '@nestjs/common';
import { HEADERS_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../auth/roles.decorator';
import type { Role } from '../auth/roles';
import { TEXT_ANSWER_KEY } from './text-answer.decorator';

/** One route handler of the app, as the document needs it: its operation id, who may call it, its DTO classes. */
export interface ServiceRoute {
  operationId: string;
  method: string;
  /** Nest's path, ':id' style. */
  path: string;
  /** undefined: public. An empty list: the route declares no roles, so the guard refuses everyone. */
  roles: Role[] | undefined;
  /** Classes of its @Body() and @Query() parameters. */
  inputTypes: unknown[];
  /** Request headers it reads by name (@Headers('if-match'), or a decorator that says so: documentsRequestHeader). */
  requestHeaders: string[];
  /** Response headers it always sets (@Header(name, value)). */
  responseHeaders: { name: string; value: string }[];
  /** The text media type a handler answers some requests in (@TextAnswer), beside JSON. */
  textAnswer?: string;
}

// Nest's RouteParamtypes: BODY 3, QUERY 4, HEADERS 6.
const DTO_PARAMETERS = new Set([3, 4]);
const HEADERS_PARAMETER = 6;

const REQUEST_HEADERS_KEY = 'openapi:request-headers';

/**
 * An enhancer for a parameter decorator that reads a request header itself (createParamDecorator's second argument,
 * as event-store's @Caller() does): the document lists the header as it lists one @Headers(name) reads.
 */
export function documentsRequestHeader(name: string) {
  return (target: object, key: string | symbol | undefined): void => {
    if (key === undefined) return;
    const names = (Reflect.getMetadata(REQUEST_HEADERS_KEY, target.constructor, key) ?? []) as string[];
    Reflect.defineMetadata(REQUEST_HEADERS_KEY, [...names, name], target.constructor, key);
  };
}

/** Every HTTP route handler the app's controllers declare, read from the same metadata the router and the guard read. */
export function serviceRoutes(app: INestApplication): ServiceRoute[] {
  const scanner = new MetadataScanner();
  const routes: ServiceRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const methodKey of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[methodKey] as object;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number].toLowerCase();
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodKey) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype, methodKey) ??
          []) as unknown[];
        const inputTypes = Object.entries(args)
          .filter(([key]) => DTO_PARAMETERS.has(Number(key.split(':')[0])))
          .map(([, arg]) => paramTypes[arg.index]);
        const requestHeaders = [
          ...Object.entries(args)
            .filter(([key, arg]) => Number(key.split(':')[0]) === HEADERS_PARAMETER && typeof arg.data === 'string')
            .map(([, arg]) => arg.data as string),
          ...((Reflect.getMetadata(REQUEST_HEADERS_KEY, controller, methodKey) ?? []) as string[]),
        ];
        const responseHeaders = (Reflect.getMetadata(HEADERS_METADATA, handler) ?? []) as {
          name: string;
          value: string;
        }[];
        const isPublic = Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller);
        const roles = (Reflect.getMetadata(ROLES_KEY, handler) ??
          Reflect.getMetadata(ROLES_KEY, controller) ??
          []) as Role[];
        for (const path of [sub].flat()) {
          routes.push({
            operationId: `${controller.name}_${methodKey}`,
            method,
            path: `/${[base, path]
              .map((p) => p.replace(/^\/+|\/+$/g, ''))
              .filter(Boolean)
              .join('/')}`,
            roles: isPublic ? undefined : roles,
            inputTypes,
            requestHeaders,
            responseHeaders,
            textAnswer: Reflect.getMetadata(TEXT_ANSWER_KEY, handler) as string | undefined,
          });
        }
      }
    }
  }
  return routes;
}
