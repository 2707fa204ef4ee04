import { browser } from 'wxt/browser';
import AnalysisWorker from '../../../wasm-core/worker/analysis-worker.ts?worker';
import { assistantStateOf, recordDrift } from '../../behaviour/drift-store.ts';
import { readSetting } from '../../settings/settings-store.ts';
import { cogfwDatabase } from '../../store/database.ts';
import { deleteExpiredExcerpts } from '../../store/excerpt-retention.ts';
import { createAnalysisClient } from './analysis-client.ts';
import { isOffscreenAnalyzeRequest, type OffscreenAnalyzeReply } from './protocol.ts';
import { createTurnPipeline } from './turn-pipeline.ts';

const db = cogfwDatabase();
const analysis = createAnalysisClient(() => new AnalysisWorker());
const processTurn = createTurnPipeline({
  db,
  analyze: (input) => analysis.analyze(input),
  keepExcerpts: () => readSetting('keepExcerpts'),
  protectionLevel: () => readSetting('protectionLevel'),
  personalPacks: async () => {
    const pack = await readSetting('personalConstitution');
    return pack.rules.length > 0 ? [pack] : [];
  },
  assistantState: (assistant) => assistantStateOf(db, assistant),
  recordDrift: (record, now) => recordDrift(db, record, now),
});

browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  // The content script's own message reaches this page too; only the background's request is ours.
  if (!isOffscreenAnalyzeRequest(message)) return false;
  processTurn(message.turn).then(sendResponse, (error: unknown) =>
    sendResponse({ ok: false, error: String(error) } satisfies OffscreenAnalyzeReply),
  );
  return true;
});

// This document stays open while the browser runs; expired excerpts go now and once a day.
const DAY_MS = 86_400_000;
const cleanUp = () => {
  deleteExpiredExcerpts(db).catch((error: unknown) => console.warn('excerpt cleanup failed', error));
};
cleanUp();
setInterval(cleanUp, DAY_MS);
