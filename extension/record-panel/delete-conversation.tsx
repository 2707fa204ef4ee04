import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ConversationFootprint } from './conversation-list.ts';

interface Feedback {
  kind: 'ok' | 'error' | 'busy';
  text: string;
}

const dateText = (time: number) =>
  new Date(time).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const replies = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'reply' : 'replies'}`;
const sameConversation = (a: ConversationFootprint, b: ConversationFootprint | null) =>
  b !== null && a.site === b.site && a.conversationId === b.conversationId;

function period({ first, last }: ConversationFootprint): string {
  const from = dateText(first);
  const to = dateText(last);
  return from === to ? from : `${from} – ${to}`;
}

/**
 * Deleting a conversation's data: what was recorded about its replies goes, and the log keeps a visible
 * gap (the entries stay, without their contents, and a deletion entry names them), so the record still
 * verifies and shows that something was deleted — never what.
 */
export function DeleteConversation({
  conversations,
  redact,
}: {
  /** undefined while the footprint is being read. */
  conversations: readonly ConversationFootprint[] | undefined;
  redact: (conversation: ConversationFootprint) => Promise<{ records: number; redacted: number }>;
}) {
  const confirming = useSignal<ConversationFootprint | null>(null);
  const feedback = useSignal<Feedback | null>(null);
  const busy = feedback.value?.kind === 'busy';

  async function confirm(conversation: ConversationFootprint) {
    feedback.value = { kind: 'busy', text: 'Deleting…' };
    try {
      const { redacted } = await redact(conversation);
      confirming.value = null;
      const gap =
        redacted === 0
          ? 'The record held nothing of it.'
          : `${redacted.toLocaleString('en')} ${redacted === 1 ? 'entry' : 'entries'} of the record now stand as a visible gap, named by a deletion entry; the record still verifies.`;
      feedback.value = {
        kind: 'ok',
        text: `Deleted what was recorded about ${replies(conversation.replies)} on ${conversation.site}. ${gap}`,
      };
    } catch (error) {
      feedback.value = {
        kind: 'error',
        text: `Nothing was deleted: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  return (
    <div class="record-part delete-conversation">
      <h3 id="delete-heading">Delete a conversation’s data</h3>
      <p class="muted" id="delete-explain">
        Removes what was recorded about a conversation’s replies from this device. The record keeps a visible
        gap: the entries stay in the chain without their contents, and a deletion entry says how many were
        removed, so the record still verifies and anyone checking it sees that something was deleted, but not
        what.
      </p>
      {conversations === undefined ? (
        <p class="muted">Reading the conversations…</p>
      ) : conversations.length === 0 ? (
        <p class="muted">No conversation has recorded data.</p>
      ) : (
        <ul class="conversation-list" aria-labelledby="delete-heading">
          {conversations.map((conversation) => {
            const id = `conversation-${conversation.site}-${conversation.conversationId}`.replace(
              /[^\w-]/g,
              '_',
            );
            const open = sameConversation(conversation, confirming.value);
            return (
              <li key={id} class="conversation">
                <div class="conversation-text" id={id}>
                  <span class="conversation-site">{conversation.site}</span>{' '}
                  <code class="conversation-id">{conversation.conversationId}</code>
                  <span class="muted">
                    {' '}
                    · {period(conversation)} · {replies(conversation.replies)}
                  </span>
                </div>
                {open ? (
                  <ConfirmDeletion
                    describedBy={`${id}-confirm`}
                    question={`Delete the data of these ${replies(conversation.replies)}? This cannot be undone.`}
                    busy={busy}
                    onConfirm={() => confirm(conversation)}
                    onCancel={() => {
                      confirming.value = null;
                    }}
                  />
                ) : (
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy}
                    aria-describedby={id}
                    onClick={() => {
                      confirming.value = conversation;
                      feedback.value = null;
                    }}
                  >
                    Delete…
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p
        id="delete-result"
        class={`record-result ${feedback.value?.kind === 'error' ? 'error' : 'muted'}`}
        role={feedback.value?.kind === 'error' ? 'alert' : 'status'}
        aria-live="polite"
      >
        {feedback.value?.text}
      </p>
    </div>
  );
}

/** The question and its two answers. Focus moves to "Delete" when it opens, where the keyboard user's
 * "Delete…" just was. */
function ConfirmDeletion({
  describedBy,
  question,
  busy,
  onConfirm,
  onCancel,
}: {
  describedBy: string;
  question: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <fieldset class="confirm">
      <legend id={describedBy}>{question}</legend>
      <div class="actions">
        <button
          type="button"
          class="danger-action"
          ref={button}
          disabled={busy}
          aria-describedby={describedBy}
          onClick={onConfirm}
        >
          Delete
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
