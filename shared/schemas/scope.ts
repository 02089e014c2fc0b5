import { Type, type Static } from '@sinclair/typebox';
import { EXPORT_TYPES, TIME_WINDOWS, UTC_INSTANT_PATTERN, type TimeWindow } from '../domain';

const Instant = Type.String({ pattern: UTC_INSTANT_PATTERN });
const Id = Type.String({ minLength: 1, maxLength: 200, pattern: '^\\S+$' });
const strict = { additionalProperties: false } as const;

/**
 * What a review covers, as the reviewer wrote it down before exporting anything (the docs' step 1).
 * The window is kept both as entered (`24h`, or from/to) and resolved to absolute UTC instants, which
 * is what every check compares against.
 */
export const ReviewScope = Type.Object(
  {
    window: Type.Object(
      {
        /** As entered: a relative window, or absent for an absolute one. */
        relative: Type.Optional(Type.Union(Object.keys(TIME_WINDOWS).map((w) => Type.Literal(w as TimeWindow)))),
        from: Instant,
        to: Instant,
      },
      strict,
    ),
    environment: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    config_version: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    types: Type.Array(Type.Union(EXPORT_TYPES.map((t) => Type.Literal(t))), { uniqueItems: true, maxItems: EXPORT_TYPES.length }),
    request_ids: Type.Array(Id, { uniqueItems: true, maxItems: 1000 }),
    escalation_ids: Type.Array(Id, { uniqueItems: true, maxItems: 1000 }),
    references: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
    why: Type.Optional(Type.String({ maxLength: 5000 })),
    /** Optional control tags the evidence supports, e.g. `SOC2:CC7.2`, `ISO27001:A.8.15`, `EU-AI-Act:Art.12`. */
    control_tags: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*:[A-Za-z0-9][A-Za-z0-9 ._()-]*$', maxLength: 100 }), { maxItems: 50, uniqueItems: true })),
  },
  strict,
);
export type ReviewScope = Static<typeof ReviewScope>;
