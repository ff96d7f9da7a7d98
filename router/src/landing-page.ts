/**
 * What a browser sees at the router's URL: a self-contained page (no script, nothing loaded from
 * elsewhere) pointing to the GraphQL IDE that ships with the dashboard, and to the API's basics.
 * Apollo's own landing page would load Apollo Sandbox from a CDN.
 */
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function landingPage(ideUrl?: string): string {
  const ide = ideUrl
    ? `<p><a href="${escape(ideUrl)}">Open the GraphQL IDE</a> (GraphiQL, in the dashboard, signed in as you).</p>`
    : '<p>The GraphQL IDE ships with the dashboard, at <code>/graphiql</code>.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tessera GraphQL API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:0 .25rem}</style>
</head><body>
<h1>Tessera GraphQL API</h1>
${ide}
<p>Send queries as <code>POST</code> with <code>content-type: application/json</code> and
<code>Authorization: Bearer &lt;token&gt;</code> (from <code>login</code> or <code>signUp</code>).
Subscriptions use graphql-ws (<code>graphql-transport-ws</code>) on this same URL.</p>
</body></html>
`;
}
