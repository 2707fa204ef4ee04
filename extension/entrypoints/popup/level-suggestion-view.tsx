import { useSignal } from '@preact/signals';
import { type LevelSuggestion, SIGNAL_WORDS } from '../../behaviour/level-suggestion.ts';
import { CarerLockError } from '../../settings/change-setting.ts';
import { PROTECTION_LEVELS, type ProtectionLevel } from '../../settings/protection-levels.ts';

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export interface LevelSuggestionViewProps {
  suggestion: LevelSuggestion;
  onOpenOptions: (event: MouseEvent) => void;
  /**
   * Raises the level to the suggested one; resolves once it is in force (the popup then drops the card) and
   * rejects with CarerLockError while a carer's lock holds the level.
   */
  onRaise: (level: ProtectionLevel) => Promise<unknown>;
}

type Outcome = { kind: 'locked' } | { kind: 'failed'; message: string };

/**
 * A suggestion the user acts on, never a change made for them: recent messages showed vulnerability, and a
 * higher level would carry more of the load. The button only ever raises the level; under a carer's lock
 * the carer's choice stands and the card points to the options, where the passphrase opens it.
 */
export function LevelSuggestionView({ suggestion, onOpenOptions, onRaise }: LevelSuggestionViewProps) {
  const pending = useSignal(false);
  const outcome = useSignal<Outcome | null>(null);
  const level = PROTECTION_LEVELS.find((entry) => entry.id === suggestion.level);
  if (!level) return null;
  const signals = listWords(suggestion.signals.map((signal) => SIGNAL_WORDS[signal]));

  const raise = async () => {
    pending.value = true;
    outcome.value = null;
    try {
      await onRaise(level.id);
    } catch (error) {
      outcome.value =
        error instanceof CarerLockError
          ? { kind: 'locked' }
          : { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    } finally {
      pending.value = false;
    }
  };

  const locked = outcome.value?.kind === 'locked';
  return (
    <section class="card suggestion" aria-labelledby="suggestion-heading">
      <h2 id="suggestion-heading">More protection may help</h2>
      <p>
        Some of your recent messages showed signs of {signals}. The {level.label} level does more of the
        watching for you: {level.description}
      </p>
      {locked ? (
        <p class="locked" role="status">
          The protection level is locked by a carer, so it stays as it is. With the carer's passphrase it can
          be changed in the options.
        </p>
      ) : (
        <p>
          <button type="button" onClick={raise} disabled={pending.value}>
            Switch to {level.label}
          </button>
        </p>
      )}
      {outcome.value?.kind === 'failed' && (
        <p class="error" role="alert">
          Could not change the level: {outcome.value.message}
        </p>
      )}
      <p>
        <a href="/options.html" target="_blank" rel="noopener" onClick={onOpenOptions}>
          Choose the {level.label} level
        </a>
      </p>
    </section>
  );
}
