import { useSignal } from '@preact/signals';
import { liveQuery } from 'dexie';
import { useEffect } from 'preact/hooks';

export type LiveQueryState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string };

/**
 * The current result of a Dexie query, re-run whenever a write touches what it read — including writes
 * made by the offscreen document while this page is open.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): LiveQueryState<T> {
  const state = useSignal<LiveQueryState<T>>({ status: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => {
        state.value = { status: 'ready', value };
      },
      error: (error: unknown) => {
        state.value = { status: 'error', message: error instanceof Error ? error.message : String(error) };
      },
    });
    return () => subscription.unsubscribe();
  }, deps);
  return state.value;
}
