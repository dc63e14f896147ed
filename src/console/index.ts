// The admin console: server-rendered pages beside /healthz and /metrics, off unless CONSOLE_ENABLED=1.
export { createConsole, type AdminConsole } from './console.js';
export type { ConsoleDeps, ConsoleRuntime, ConsoleSetup } from './console-deps.js';
export { ConsoleError } from './errors.js';
export { oauthEndpoints, type OAuthSettings } from './feishu-oauth.js';
export { consoleSecret } from './console-secret.js';
export { html, raw, SafeHtml } from './html.js';
export { LINK_TTL_MS } from './login-links.js';
