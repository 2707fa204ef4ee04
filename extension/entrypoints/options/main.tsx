import '../../ui/theme.css';
import './options.css';
import { render } from 'preact';
import { SHIPPED_CONSTITUTION } from '../../../wasm-core/constitution/shipped-constitution.ts';
import AnalysisWorker from '../../../wasm-core/worker/analysis-worker.ts?worker';
import { cogfwDatabase } from '../../store/database.ts';
import { createAnalysisClient } from '../offscreen/analysis-client.ts';
import { OptionsApp } from './options-app.tsx';

// The preview analyses its example reply in the same worker the offscreen document uses, started from this
// page on the first preview: the text stays on the device and the page stays responsive.
const analysis = createAnalysisClient(() => new AnalysisWorker());
const analyze = (input: Parameters<typeof analysis.analyze>[0]) => analysis.analyze(input);

const root = document.getElementById('app');
if (root) {
  render(<OptionsApp db={cogfwDatabase()} analyze={analyze} shipped={[SHIPPED_CONSTITUTION]} />, root);
}
