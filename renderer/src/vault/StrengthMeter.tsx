import { estimatePassphraseStrength } from '../../../shared/vault/passphrase-strength';

/** A live hint, not a gate: the vault itself only enforces the minimum length. */
export function StrengthMeter({ passphrase, id }: { passphrase: string; id: string }) {
  const strength = estimatePassphraseStrength(passphrase);
  return (
    <div className="strength" id={id} aria-live="polite">
      <div className="strength-bar" aria-hidden="true">
        {[0, 1, 2, 3].map((step) => (
          <span key={step} className={passphrase && strength.score > step ? `strength-step on s${strength.score}` : 'strength-step'} />
        ))}
      </div>
      <p className="strength-label">
        {passphrase ? (
          <>
            Strength: <strong>{strength.label}</strong> (about {strength.bits} bits)
          </>
        ) : (
          'Choose a passphrase of several unrelated words.'
        )}
      </p>
      {passphrase && strength.suggestions.length > 0 && (
        <ul className="strength-tips">
          {strength.suggestions.map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
