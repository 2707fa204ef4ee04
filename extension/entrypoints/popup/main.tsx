import '../../ui/theme.css';
import './popup.css';
import { render } from 'preact';
import { cogfwDatabase } from '../../store/database.ts';
import { PopupApp } from './popup-app.tsx';

const root = document.getElementById('app');
if (root) render(<PopupApp db={cogfwDatabase()} />, root);
