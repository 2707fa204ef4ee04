import { useSignal } from '@preact/signals';
import type { AssistantOverview } from '../../behaviour/assistant-overview.ts';

export interface AssistantsViewProps {
  assistants: readonly AssistantOverview[];
  /** The user's "I've seen this" for an assistant on hold or degraded. */
  onAcknowledge: (assistant: string) => Promise<unknown>;
}

/**
 * Each assistant's drift state with what it means and what drifted, how much it works to keep the user
 * chatting, and the patterns its replies are consistent with. Patterns describe replies, never who is
 * behind them.
 */
export function AssistantsView({ assistants, onAcknowledge }: AssistantsViewProps) {
  return (
    <section class="card" aria-labelledby="assistants-heading">
      <h2 id="assistants-heading">How each assistant behaves</h2>
      {assistants.length === 0 ? (
        <p class="muted">No assistant has replied yet. Each one is followed on its own once it does.</p>
      ) : (
        <ul class="plain assistants" aria-label="Assistants">
          {assistants.map((overview) => (
            <AssistantItem key={overview.assistant} overview={overview} onAcknowledge={onAcknowledge} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AssistantItem({
  overview,
  onAcknowledge,
}: {
  overview: AssistantOverview;
  onAcknowledge: AssistantsViewProps['onAcknowledge'];
}) {
  const pending = useSignal(false);
  const failure = useSignal<string | null>(null);
  const headingId = `assistant-${overview.assistant.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const acknowledge = async () => {
    pending.value = true;
    failure.value = null;
    try {
      await onAcknowledge(overview.assistant);
    } catch (error) {
      failure.value = error instanceof Error ? error.message : String(error);
    } finally {
      pending.value = false;
    }
  };

  return (
    <li
      class="assistant"
      data-assistant={overview.assistant}
      data-state={overview.state}
      aria-labelledby={headingId}
    >
      <div class="assistant-line">
        <h3 id={headingId}>{overview.name}</h3>
        <span class={`drift-state ${overview.state.toLowerCase()}`}>{overview.state}</span>
      </div>
      <p class="drift-description">{overview.description}</p>

      {overview.drifted.length > 0 && (
        <ul class="drifted" aria-label={`What drifted for ${overview.name}`}>
          {overview.drifted.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}

      {overview.canAcknowledge && (
        <p class="acknowledge">
          <button type="button" onClick={acknowledge} disabled={pending.value}>
            I've seen this
          </button>
          <span class="muted">
            {' '}
            Moves {overview.name} to recovery; the next check decides if it is back to normal.
          </span>
        </p>
      )}
      {failure.value !== null && (
        <p class="error" role="alert">
          Could not record that: {failure.value}
        </p>
      )}

      <p class={`engagement ${overview.engagement.level}`}>{overview.engagement.sentence}</p>

      {overview.profiles.length > 0 && (
        <ul class="profiles" aria-label={`Patterns in replies from ${overview.name}`}>
          {overview.profiles.map((profile) => (
            <li key={profile.profile} data-profile={profile.profile}>
              {profile.sentence}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
