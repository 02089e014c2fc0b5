import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/domain';
import type { KeyStatus } from '../../../../shared/bridge/types';
import type { BridgeError } from '../../../../shared/result';
import { CopyableCode } from '../../components/CopyButton';
import { TextField } from '../../components/Field';
import { usePacket } from '../../stores/packet';

function KeyError({ error }: { error: BridgeError | null }) {
  if (!error) return null;
  return (
    <div role="alert" className="packet-error">
      <p>
        <strong>{error.message}</strong>
      </p>
      <p>{error.hint}</p>
    </div>
  );
}

/** Why the key cannot be used, and a button to check again. */
function KeyProblem({ error, onRetry }: { error: BridgeError; onRetry: () => void }) {
  return (
    <>
      <KeyError error={error} />
      <button type="button" onClick={onRetry}>
        Check again
      </button>
    </>
  );
}

/** A form about the key: its title, its fields and one submit button (`submit`: its words, then while busy). */
function KeyForm(props: { id: string; title: string; busy: boolean; submit: [string, string]; onSubmit: (event: FormEvent) => Promise<void>; children: ReactNode }) {
  const { id, title, busy, submit, onSubmit, children } = props;
  return (
    <form className="key-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? submit[1] : submit[0]}
        </button>
      </div>
    </form>
  );
}

/** A new signing key: under the OS keyring when it can protect one (the default then), or a passphrase typed twice. */
function CreateKeyForm({ status, busy }: { status: KeyStatus; busy: boolean }) {
  const createKey = usePacket((s) => s.createKey);
  const os = status.osProtection;
  const [mode, setMode] = useState<'os' | 'passphrase'>(os.available ? 'os' : 'passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [tried, setTried] = useState(false);
  const id = useId();
  const usePassphrase = mode === 'passphrase';
  const tooShort = passphrase.length < MIN_PASSPHRASE_LENGTH ? `At least ${MIN_PASSPHRASE_LENGTH} characters.` : undefined;
  const mismatch = confirmation !== passphrase ? 'The two passphrases differ.' : undefined;
  const shownTooShort = tried && usePassphrase ? tooShort : undefined;
  const shownMismatch = tried && usePassphrase && !tooShort ? mismatch : undefined;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (usePassphrase && (tooShort || mismatch)) {
      document.getElementById(tooShort ? `${id}-passphrase` : `${id}-confirm`)?.focus();
      return;
    }
    if (await createKey(usePassphrase ? passphrase : null)) {
      setPassphrase('');
      setConfirmation('');
    }
  };

  return (
    <KeyForm id={id} title="Create the signing key" busy={busy} submit={['Create the signing key', 'Creating the key…']} onSubmit={onSubmit}>
      <p className="hint">There is no signing key on this computer yet. Packets are signed with it, so whoever receives one can check it came from you, unchanged.</p>
      {os.available ? (
        <fieldset className="nested-fieldset key-protection">
          <legend>How to protect the key</legend>
          <div className="radio-row">
            <label>
              <input type="radio" name="key-protection" value="os" checked={mode === 'os'} onChange={() => setMode('os')} /> This computer's keyring ({os.backend})
            </label>
            <label>
              <input type="radio" name="key-protection" value="passphrase" checked={mode === 'passphrase'} onChange={() => setMode('passphrase')} /> A passphrase
            </label>
          </div>
        </fieldset>
      ) : (
        <p className="hint">
          This computer's keyring cannot protect the key{os.refusedBecause ? ` (${os.refusedBecause})` : ''}, so a passphrase you choose protects it.
        </p>
      )}
      {usePassphrase ? (
        <div className="field-row">
          <TextField
            id={`${id}-passphrase`}
            label="Passphrase"
            error={shownTooShort}
            describedBy={[`${id}-passphrase-hint`]}
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <TextField
            id={`${id}-confirm`}
            label="The same passphrase again"
            error={shownMismatch}
            type="password"
            autoComplete="new-password"
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
          />
        </div>
      ) : null}
      {usePassphrase ? (
        <p id={`${id}-passphrase-hint`} className="hint">
          At least {MIN_PASSPHRASE_LENGTH} characters. You type it once each time the app starts, before signing; it cannot be recovered.
        </p>
      ) : null}
    </KeyForm>
  );
}

/** The passphrase-protected key, opened for this run of the app. */
function UnlockKeyForm({ busy }: { busy: boolean }) {
  const unlockKey = usePacket((s) => s.unlockKey);
  const [passphrase, setPassphrase] = useState('');
  const [tried, setTried] = useState(false);
  const id = useId();
  const empty = tried && passphrase === '' ? 'Enter the passphrase.' : undefined;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (passphrase === '') return;
    if (await unlockKey(passphrase)) setPassphrase('');
  };
  return (
    <KeyForm id={id} title="Unlock the signing key" busy={busy} submit={['Unlock', 'Unlocking…']} onSubmit={onSubmit}>
      <p className="hint">The key is protected by a passphrase; it stays open until the app quits.</p>
      <div className="field-row">
        <TextField
          id={`${id}-passphrase`}
          label="Passphrase"
          error={empty}
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </div>
    </KeyForm>
  );
}

/** The signing key: create it, unlock it, or (ready) its fingerprint to hand to whoever verifies. */
export function KeySection() {
  const view = usePacket((s) => s.key);
  const load = usePacket((s) => s.load);
  return (
    <section className="panel" aria-labelledby="key-heading">
      <h2 id="key-heading">Signing key</h2>
      <div aria-live="polite">{body()}</div>
    </section>
  );

  function body() {
    if (view.status === 'loading') return <p className="muted">Checking the signing key…</p>;
    if (view.status === 'error') return <KeyProblem error={view.error} onRetry={() => void load()} />;
    const { key, busy, error } = view;
    switch (key.state) {
      case 'none':
        return (
          <>
            <CreateKeyForm status={key} busy={busy} />
            <KeyError error={error} />
          </>
        );
      case 'locked':
        if (key.protection === 'passphrase')
          return (
            <>
              <UnlockKeyForm busy={busy} />
              <KeyError error={error} />
            </>
          );
        return (
          <KeyProblem
            error={key.problem ?? error ?? { code: 'key-locked', message: 'The signing key cannot be opened right now.', hint: 'Check that you are signed in to this computer, then check again.' }}
            onRetry={() => void load()}
          />
        );
      case 'ready':
        return (
          <div className="key-ready">
            <p>
              <span aria-hidden="true">✓</span> The signing key is ready, protected by {key.protection === 'os' ? "this computer's keyring" : 'your passphrase'}.
            </p>
            {key.fingerprint ? (
              <p>
                Signer fingerprint: <CopyableCode text={key.fingerprint} label="Copy fingerprint" className="fingerprint" testId="key-fingerprint" />
              </p>
            ) : null}
            <p className="hint">Send this fingerprint to whoever will verify your packets, by a channel other than the packet itself.</p>
          </div>
        );
    }
  }
}
