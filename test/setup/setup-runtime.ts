// globalSetup runs outside jest's module registry, so moduleNameMapper does not apply there:
// resolve the @app/* aliases of tsconfig.base.json here instead, and load what decorators need.
import 'reflect-metadata';
import { register } from 'tsconfig-paths';
import { join } from 'node:path';
import base from '../../tsconfig.base.json';

register({ baseUrl: join(__dirname, '..', '..'), paths: base.compilerOptions.paths });
