import { useEffect } from 'react';
import { EXPORT_TYPES } from '../../../../shared/domain';
import { Field, TextField } from '../../components/Field';
import { describedBy, FieldError } from '../../components/FieldError';
import { TYPE_LABELS } from '../../lib/labels';
import { useScope } from '../../stores/scope';
import { ListField } from './ListField';
import { SavedScopes } from './SavedScopes';
import { SourceFields } from './SourceFields';
import { WindowFields } from './WindowFields';

function TypeFields() {
  const types = useScope((s) => s.draft.types);
  const problem = useScope((s) => s.problems.types);
  const toggleType = useScope((s) => s.toggleType);
  return (
    <fieldset className="scope-fieldset" aria-describedby={describedBy(problem && 'scope-types-error')} aria-invalid={problem ? true : undefined}>
      <legend>Export types</legend>
      <div className="radio-row">
        {EXPORT_TYPES.map((t) => (
          <label key={t}>
            <input type="checkbox" name="scope-types" value={t} checked={types.includes(t)} onChange={(e) => toggleType(t, e.target.checked)} /> {TYPE_LABELS[t]}
          </label>
        ))}
      </div>
      <FieldError id="scope-types-error" message={problem} />
    </fieldset>
  );
}

function ReferenceFields() {
  const draft = useScope((s) => s.draft);
  const lists = useScope((s) => s.lists);
  const problems = useScope((s) => s.problems);
  const setField = useScope((s) => s.setField);
  const hint = 'Paste a list: commas, spaces and new lines all separate entries.';
  return (
    <fieldset className="scope-fieldset">
      <legend>IDs and references to cross-reference</legend>
      <ListField id="scope-request-ids" label="Request IDs" noun={['request ID', 'request IDs']} value={draft.requestIdsText} list={lists.requestIds} error={problems.requestIds} hint={hint} onChange={(v) => setField('requestIdsText', v)} />
      <ListField id="scope-escalation-ids" label="Escalation IDs" noun={['escalation ID', 'escalation IDs']} value={draft.escalationIdsText} list={lists.escalationIds} error={problems.escalationIds} hint={`${hint} Escalation IDs start with esc_.`} onChange={(v) => setField('escalationIdsText', v)} />
      <ListField id="scope-references" label="Incident or review references" noun={['reference', 'references']} value={draft.referencesText} list={lists.references} error={problems.references} hint={`${hint} For example INC-4521 or a ticket number.`} onChange={(v) => setField('referencesText', v)} />
    </fieldset>
  );
}

function PurposeFields() {
  const why = useScope((s) => s.draft.why);
  const tagsText = useScope((s) => s.draft.controlTagsText);
  const tags = useScope((s) => s.lists.controlTags);
  const problems = useScope((s) => s.problems);
  const setField = useScope((s) => s.setField);
  const tagProblem = problems.controlTags ?? tags.problems[0]?.message;
  return (
    <fieldset className="scope-fieldset">
      <legend>Why</legend>
      <Field
        id="scope-why"
        label={
          <>
            Why the evidence is being exported <span className="required">(required)</span>
          </>
        }
        error={problems.why}
        hint="The review, audit or incident this supports, in a sentence or two. It goes into the packet's note."
      >
        {(control) => <textarea {...control} rows={3} value={why} required aria-required="true" onChange={(e) => setField('why', e.target.value)} />}
      </Field>
      <TextField
        id="scope-control-tags"
        label="Control tags (optional)"
        error={tagProblem}
        hint="Comma separated, framework then control: SOC2:CC7.2, ISO27001:A.8.15, EU-AI-Act:Art.12."
        value={tagsText}
        onChange={(e) => setField('controlTagsText', e.target.value)}
      />
    </fieldset>
  );
}

/** Step 1: write down the review scope before anything is exported, and save it to reload later. */
export function ScopeScreen() {
  const listSaved = useScope((s) => s.listSaved);
  useEffect(() => {
    void listSaved();
  }, [listSaved]);
  return (
    <div className="scope-screen">
      <WindowFields />
      <SourceFields />
      <TypeFields />
      <ReferenceFields />
      <PurposeFields />
      <SavedScopes />
    </div>
  );
}
