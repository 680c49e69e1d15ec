// Start-up: language → host → database (with a clear error screen when it cannot open) → bundled
// checklists → the app.
import { createRoot } from 'react-dom/client';
import { Boot } from './app/Boot';
import { detectHost } from './host';
// antd's static styles first (theme.ts: zeroRuntime), so the app's own rules come after them, as before.
import 'antd/dist/antd.css';
import './styles.css';

const container = document.getElementById('root');
if (container) createRoot(container).render(<Boot host={detectHost()} />);
