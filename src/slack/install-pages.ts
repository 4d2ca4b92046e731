import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What an admin sees at the end of an install. A failed callback is almost always a stale or reused link
 * (the OAuth state is single-use), so it is a 400 with a way forward, not a 500.
 */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

export function installFailure(error: { code?: string; message?: string }, _options: unknown, _req: IncomingMessage, res: ServerResponse): void {
  const reason = error.code ?? error.message ?? 'unknown error';
  page(
    res,
    400,
    'Installation did not complete',
    `<p>Slack could not finish installing Integration Architect (${escapeHtml(reason)}). Install links work once and expire; ` +
      `<a href="/slack/install">start the installation again</a>.</p>`,
  );
}

export function installSuccess(_installation: unknown, _options: unknown, _req: IncomingMessage, res: ServerResponse): void {
  page(
    res,
    200,
    'Integration Architect is installed',
    '<p>Invite it to a channel with <code>/invite @Integration Architect</code>, then type ' +
      '<code>/integration-design sync Stripe payments into Salesforce</code>.</p>',
  );
}
