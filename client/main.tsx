import '@fontsource-variable/inter/wght.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/landing.css';
import './styles/booth.css';
import './styles/forms.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { loadFontsFor } from './i18n/fonts';
import { setupI18n } from './i18n/i18n';
import { useUiStore } from './state/ui';

const language = useUiStore.getState().language;
document.documentElement.lang = language;
loadFontsFor(language);
setupI18n(language);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
