import '../../ui/theme.css';
import './options.css';
import { render } from 'preact';
import { SHIPPED_CONSTITUTION } from '../../../wasm-core/constitution/shipped-constitution.ts';
import AnalysisWorker from '../../../wasm-core/worker/analysis-worker.ts?worker';
import { createLogVerifyClient } from '../../log-verification/log-verify-client.ts';
import LogVerifyWorker from '../../log-verification/log-verify-worker.ts?worker';
import { storeRecordActions } from '../../record-panel/store-record-actions.ts';
import { cogfwDatabase } from '../../store/database.ts';
import { createAnalysisClient } from '../offscreen/analysis-client.ts';
import { OptionsApp } from './options-app.tsx';

// The preview analyses its example reply in the same worker the offscreen document uses, started from this
// page on the first preview: the text stays on the device and the page stays responsive.
const analysis = createAnalysisClient(() => new AnalysisWorker());
const analyze = (input: Parameters<typeof analysis.analyze>[0]) => analysis.analyze(input);

// "Verify my record" and the check before an import run in a worker of their own: scrypt and hashing a long
// record take seconds.
const verify = createLogVerifyClient(() => new LogVerifyWorker());

const root = document.getElementById('app');
if (root) {
  const db = cogfwDatabase();
  render(
    <OptionsApp
      db={db}
      analyze={analyze}
      shipped={[SHIPPED_CONSTITUTION]}
      record={storeRecordActions(db, verify)}
    />,
    root,
  );
}
