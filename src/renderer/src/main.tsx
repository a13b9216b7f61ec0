import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { StoresProvider } from './app/StoresContext';
import { createAppStores, startAppStores } from './stores/appStores';
import { createApiClient } from './transport/apiClient';
import { browserEnvironment, pickTransport } from './transport/pickTransport';

// Stores and subscriptions live outside React so StrictMode's double effects cannot open a second feed.
const client = createApiClient(pickTransport(browserEnvironment()));
const stores = createAppStores(client);
startAppStores(stores, client);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);
