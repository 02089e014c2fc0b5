import { Type, type Static } from '@sinclair/typebox';

const Line = (max: number) => Type.String({ maxLength: max });

/**
 * What the reviewer's note says, as structured fields (the docs' step 5): why the evidence was exported,
 * what it supports, the IDs to cross-reference, known limitations (pre-filled from validation, editable),
 * where reviewers should look for deeper context, and free text. data/NOTE.md is written from this.
 */
export const NoteFields = Type.Object(
  {
    why: Type.String({ minLength: 1, maxLength: 5000 }),
    /** Incident, review or escalation references this evidence supports (e.g. `INC-2041`). */
    supports: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 }),
    request_ids: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }),
    escalation_ids: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }),
    limitations: Type.Array(Line(1000), { maxItems: 100 }),
    /** Where the receiving reviewer should go for deeper context. */
    deeper_context: Type.Union([Type.Literal('events'), Type.Literal('escalations'), Type.Literal('both'), Type.Null()]),
    free_text: Line(20_000),
    reviewer: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), email: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type NoteFields = Static<typeof NoteFields>;
