import type { LiveQueryState } from '../ui/use-live-query.ts';
import { keyFingerprint } from './key-fingerprint.ts';
import type { RecordOverview } from './record-overview.ts';

const timeText = (ts: number) =>
  new Date(ts).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** The record at a glance: its size, its signatures and the quick check of the chain. */
export function RecordSummary({ overview }: { overview: LiveQueryState<RecordOverview> }) {
  if (overview.status === 'loading') return <p class="muted">Checking the record…</p>;
  if (overview.status === 'error') {
    return (
      <p class="error" role="alert">
        The record could not be read: {overview.message}
      </p>
    );
  }
  const { entries, batches, lastBatchTs, devicePublicKey, chain } = overview.value;
  return (
    <dl class="record" aria-label="Record">
      <div>
        <dt>Log entries</dt>
        <dd id="log-entries">{entries}</dd>
      </div>
      <div>
        <dt>Signed batches</dt>
        <dd id="log-batches">{batches}</dd>
      </div>
      <div>
        <dt>Last batch</dt>
        <dd id="last-batch">{lastBatchTs === undefined ? 'None yet' : timeText(lastBatchTs)}</dd>
      </div>
      <div>
        <dt>Device key</dt>
        <dd id="device-key">
          {devicePublicKey === undefined ? (
            'Not made yet'
          ) : (
            <code title={devicePublicKey}>{keyFingerprint(devicePublicKey)}</code>
          )}
        </dd>
      </div>
      <div>
        <dt>Chain</dt>
        <dd id="chain-status" class={chain.ok ? 'ok' : 'error'}>
          {chain.ok
            ? entries === 0
              ? 'Empty'
              : 'Verified'
            : `Broken at entry ${chain.seq}: ${chain.reason}`}
        </dd>
      </div>
    </dl>
  );
}
