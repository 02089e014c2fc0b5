import type { Static, TSchema } from '@sinclair/typebox';

/**
 * One bridge method: the JSON schema its request must satisfy (checked in the main process before any
 * service runs) and, as a type only, what it answers.
 */
export interface MethodSpec<Req extends TSchema, Res> {
  readonly request: Req;
  readonly summary: string;
  /** Phantom: carries the response type; never set at run time. */
  readonly response?: Res;
}

/** Declares a method: `method<Answer>()(requestSchema, 'what it is for')`. */
export function method<Res>() {
  return <Req extends TSchema>(request: Req, summary: string): MethodSpec<Req, Res> => ({ request, summary });
}

/** One event the main process pushes to the window. */
export interface EventSpec<Payload extends TSchema> {
  readonly payload: Payload;
  readonly summary: string;
}

/** Declares an event. */
export function event<Payload extends TSchema>(payload: Payload, summary: string): EventSpec<Payload> {
  return { payload, summary };
}

export type RequestOfSpec<S> = S extends MethodSpec<infer Req, unknown> ? Static<Req> : never;
export type ResponseOfSpec<S> = S extends MethodSpec<TSchema, infer Res> ? Res : never;
export type PayloadOfSpec<S> = S extends EventSpec<infer P> ? Static<P> : never;
