import { Field, TextField } from '../../components/Field';
import { useNote, type DeeperContext, type NoteField } from '../../stores/note';
import { ListField } from '../scope/ListField';

const PASTE_HINT = 'Paste a list: commas, spaces and new lines all separate entries.';

/** Why the evidence was exported, and the incident, review or escalation references it supports. */
export function PurposeFields() {
  const why = useNote((s) => s.draft.why);
  const supportsText = useNote((s) => s.draft.supportsText);
  const supports = useNote((s) => s.lists.supports);
  const problems = useNote((s) => s.problems);
  const setField = useNote((s) => s.setField);
  const checkField = useNote((s) => s.checkField);
  return (
    <fieldset className="scope-fieldset">
      <legend>Why and what it supports</legend>
      <Field
        id="note-why"
        label={
          <>
            Why the evidence was exported <span className="required">(required)</span>
          </>
        }
        error={problems.why}
        hint="From the scope; the first thing the receiving reviewer reads."
      >
        {(control) => <textarea {...control} rows={3} value={why} required aria-required="true" onChange={(e) => setField('why', e.target.value)} onBlur={() => checkField('why')} />}
      </Field>
      <ListField
        id="note-supports"
        label="Incident, review or escalation references it supports"
        noun={['reference', 'references']}
        value={supportsText}
        list={supports}
        error={problems.supports}
        hint={`${PASTE_HINT} From the scope; for example INC-4521.`}
        onChange={(v) => setField('supportsText', v)}
      />
    </fieldset>
  );
}

/** The request and escalation IDs the note lists for cross-referencing. */
export function IdFields() {
  const draft = useNote((s) => s.draft);
  const lists = useNote((s) => s.lists);
  const problems = useNote((s) => s.problems);
  const setField = useNote((s) => s.setField);
  const hint = `${PASTE_HINT} From the scope; the note always lists the scope's IDs too, so add others here.`;
  return (
    <fieldset className="scope-fieldset">
      <legend>IDs to cross-reference</legend>
      <ListField id="note-request-ids" label="Request IDs" noun={['request ID', 'request IDs']} value={draft.requestIdsText} list={lists.requestIds} error={problems.requestIds} hint={hint} onChange={(v) => setField('requestIdsText', v)} />
      <ListField
        id="note-escalation-ids"
        label="Escalation IDs"
        noun={['escalation ID', 'escalation IDs']}
        value={draft.escalationIdsText}
        list={lists.escalationIds}
        error={problems.escalationIds}
        hint={`${hint} Escalation IDs start with esc_.`}
        onChange={(v) => setField('escalationIdsText', v)}
      />
    </fieldset>
  );
}

const CONTEXT_CHOICES: { value: DeeperContext; label: string }[] = [
  { value: 'events', label: 'The Events page' },
  { value: 'escalations', label: 'The Escalations page' },
  { value: 'both', label: 'Both' },
  { value: null, label: 'Not specified' },
];

/** Which Keeptrusts page the receiving reviewer should open for deeper context. */
export function ContextFields() {
  const deeper = useNote((s) => s.draft.deeperContext);
  const setField = useNote((s) => s.setField);
  return (
    <fieldset className="scope-fieldset" aria-describedby="note-context-hint">
      <legend>Where to look for deeper context</legend>
      <div className="radio-row">
        {CONTEXT_CHOICES.map((choice) => (
          <label key={choice.value ?? 'none'}>
            <input type="radio" name="note-deeper-context" value={choice.value ?? 'none'} checked={deeper === choice.value} onChange={() => setField('deeperContext', choice.value)} /> {choice.label}
          </label>
        ))}
      </div>
      <p id="note-context-hint" className="hint">
        Suggested from the scope's export types. Events has every gateway decision; Escalations the human-review items.
      </p>
    </fieldset>
  );
}

/** The reviewer's own notes, and who they are (remembered on this computer). */
export function ReviewerFields() {
  const draft = useNote((s) => s.draft);
  const problems = useNote((s) => s.problems);
  const setField = useNote((s) => s.setField);
  const checkField = useNote((s) => s.checkField);
  const blur = (field: NoteField) => () => checkField(field);
  return (
    <fieldset className="scope-fieldset">
      <legend>Your notes and your name</legend>
      <Field id="note-free-text" label="Notes for the receiving reviewer (optional)" error={problems.freeText}>
        {(control) => <textarea {...control} rows={4} value={draft.freeText} onChange={(e) => setField('freeText', e.target.value)} onBlur={blur('freeText')} />}
      </Field>
      <div className="field-row">
        <TextField
          id="note-reviewer-name"
          label={
            <>
              Your name <span className="required">(required)</span>
            </>
          }
          error={problems.reviewerName}
          describedBy={['note-reviewer-hint']}
          type="text"
          autoComplete="name"
          value={draft.reviewerName}
          required
          aria-required="true"
          onChange={(e) => setField('reviewerName', e.target.value)}
          onBlur={blur('reviewerName')}
        />
        <TextField
          id="note-reviewer-email"
          label="Your email (optional)"
          error={problems.reviewerEmail}
          describedBy={['note-reviewer-hint']}
          type="email"
          autoComplete="email"
          value={draft.reviewerEmail}
          onChange={(e) => setField('reviewerEmail', e.target.value)}
          onBlur={blur('reviewerEmail')}
        />
      </div>
      <p id="note-reviewer-hint" className="hint">
        Remembered on this computer for the next packet.
      </p>
    </fieldset>
  );
}
