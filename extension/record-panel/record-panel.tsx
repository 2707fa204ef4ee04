import type { CogfwDatabase } from '../store/database.ts';
import { useLiveQuery } from '../ui/use-live-query.ts';
import { readConversations } from './conversation-list.ts';
import { DeleteConversation } from './delete-conversation.tsx';
import { ExportRecord } from './export-record.tsx';
import { ImportRecord } from './import-record.tsx';
import type { RecordActions } from './record-actions.ts';
import { readRecordOverview } from './record-overview.ts';
import { RecordSummary } from './record-summary.tsx';
import { VerifyRecord } from './verify-record.tsx';

/**
 * "Your record" on the options page (SPEC §7): the tamper-evident log at a glance, its full verification,
 * export, import onto a fresh profile, and deleting a conversation's data. Reads follow the database live
 * (the offscreen document writes while the page is open); writes and long jobs go through `actions`.
 */
export function RecordPanel({ db, actions }: { db: CogfwDatabase; actions: RecordActions }) {
  const overview = useLiveQuery(() => readRecordOverview(db), [db]);
  const conversations = useLiveQuery(() => readConversations(db), [db]);

  return (
    <section class="card record-panel" aria-labelledby="record-heading">
      <h2 id="record-heading">Your record</h2>
      <p class="muted">
        Every analysis and settings change is an entry in a hash-chained log on this device, sealed in batches
        signed with this device’s key: changing, removing or reordering anything breaks the chain.
      </p>
      <RecordSummary overview={overview} />

      <VerifyRecord
        run={async (onProgress) =>
          actions.verify(await actions.exportLog({ now: actions.now() }), { onProgress })
        }
      />
      <ExportRecord exportLog={actions.exportLog} download={actions.download} now={actions.now} />
      <ImportRecord
        fresh={overview.status === 'ready' ? overview.value.fresh : undefined}
        verify={actions.verify}
        importLog={actions.importLog}
        now={actions.now}
      />
      <DeleteConversation
        conversations={conversations.status === 'ready' ? conversations.value : undefined}
        redact={({ site, conversationId }) => actions.redactConversation(site, conversationId, actions.now())}
      />
    </section>
  );
}
