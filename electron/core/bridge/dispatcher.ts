import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { bridgeMethods, isMethodName, methodNames, type MethodName } from '../../../shared/bridge/contract';
import { fail, ok, type Result } from '../../../shared/result';
import { AppError } from '../errors';
import type { BridgeServices, CallContext } from './services';

/** Runs one bridge call: checks the method and its payload, then the service, and returns a Result. */
export type Dispatch = (method: unknown, payload: unknown, ctx: CallContext) => Promise<Result<unknown>>;

/** Where the dispatcher reports bugs (exceptions that are not AppErrors). */
export type BugReporter = (method: string, error: unknown) => void;

function describe(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'the request does not match its schema';
  const where = first.instancePath === '' ? 'the request' : `"${first.instancePath.slice(1).replaceAll('/', '.')}"`;
  if (first.keyword === 'additionalProperties') {
    return `${where} has an unexpected field "${String(first.params.additionalProperty)}"`;
  }
  return `${where} ${first.message ?? 'is invalid'}`;
}

/**
 * Builds the one place every payload is validated before core sees it, shared by the IPC adapter and
 * the test host. Schemas are compiled once, at start-up.
 */
export function createDispatcher(services: BridgeServices, reportBug: BugReporter = () => {}): Dispatch {
  const ajv = new Ajv({ allErrors: false, strict: true, coerceTypes: false, useDefaults: false });
  const validators = new Map<MethodName, ValidateFunction>();
  for (const name of methodNames) validators.set(name, ajv.compile(bridgeMethods[name].request));

  return async (method, payload, ctx) => {
    if (!isMethodName(method)) {
      return fail('unknown-method', `There is no bridge method "${String(method).slice(0, 100)}".`, 'Update the app: the window and the main process disagree.');
    }
    const validate = validators.get(method)!;
    if (!validate(payload)) {
      return fail('invalid-request', `The ${method} request was refused: ${describe(validate.errors)}.`, 'Check the values you entered and try again.', {
        method,
        path: validate.errors?.[0]?.instancePath ?? '',
      });
    }
    try {
      const service = services[method] as (request: unknown, ctx: CallContext) => Promise<unknown>;
      return ok(await service(payload, ctx));
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toBridgeError() };
      reportBug(method, error);
      return fail('internal', `Something went wrong in ${method}. This is a bug, not something you did.`, 'Try again; if it keeps happening, send the log file to support.');
    }
  };
}
