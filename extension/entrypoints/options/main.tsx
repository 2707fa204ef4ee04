import '../../ui/theme.css';
import './options.css';
import { render } from 'preact';
import { cogfwDatabase } from '../../store/database.ts';
import { OptionsApp } from './options-app.tsx';

const root = document.getElementById('app');
if (root) render(<OptionsApp db={cogfwDatabase()} />, root);
