import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/theme.css';
import './ui/app.css';
import { App } from './ui/App';
import { ShareLinkGate } from './ui/share/ShareLinkGate';
import { startOfflineSupport } from './offline/startOfflineSupport';
import { startTheme } from './app/theme';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
startOfflineSupport();
startTheme();
createRoot(root).render(
  <StrictMode>
    <ShareLinkGate>
      <App />
    </ShareLinkGate>
  </StrictMode>,
);
