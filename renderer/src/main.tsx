import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The shared stylesheet first, so each step's own stylesheet (imported by its screen) can refine it.
import './components/common.css';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
