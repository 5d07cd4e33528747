// An OpenID Provider for the tests: `oidc-provider` (OpenID Certified) with one client and two
// accounts, started by the `oidc_provider` fixtures of the root conftest.py.
//
// It listens on a free loopback port and prints {"issuer": ...} as its first line of output; it
// needs no network. Configured by the fixture through the environment:
//   OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET  the one registered client
//   OIDC_TEST_REDIRECT_URIS                       its redirect URIs, comma-separated
//   OIDC_TEST_JWKS                                a file with the private signing keys (JWKS), so
//                                                 tests can craft tokens with the provider's own key
//
// As the NL GOV Assurance profile asks: authorization code flow only (no implicit), PKCE (S256)
// required for every client, and the level of assurance of each login in the ID token's `acr`.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

export const LOA = {
  low: 'http://eidas.europa.eu/LoA/low',
  substantial: 'http://eidas.europa.eu/LoA/substantial',
  high: 'http://eidas.europa.eu/LoA/high',
};

// The test accounts: login name -> password, the level this login reaches, and the claims. The
// subject is opaque and stable (never the login name or the e-mail address).
const ACCOUNTS = {
  'a.jansen': {
    password: 'sterk-wachtwoord-met-token',
    sub: '5c1f0d2e-8a43-4b7e-9f0a-2d6b1e7c9a01',
    acr: LOA.substantial,
    amr: ['pwd', 'otp'],
    claims: {
      name: 'Anna Jansen',
      given_name: 'Anna',
      family_name: 'Jansen',
      preferred_username: 'a.jansen',
      email: 'a.jansen@almelo.example',
      email_verified: true,
      organisatie: 'GM0141',
    },
  },
  'b.devries': {
    password: 'alleen-een-wachtwoord',
    sub: '9b7e3a10-44c2-4f19-8d5e-6a0c2b8f1e02',
    acr: LOA.low,
    amr: ['pwd'],
    claims: {
      name: 'Bram de Vries',
      given_name: 'Bram',
      family_name: 'de Vries',
      preferred_username: 'b.devries',
      email: 'b.devries@almelo.example',
      email_verified: true,
      organisatie: 'GM0141',
    },
  },
};
const BY_SUBJECT = Object.fromEntries(Object.values(ACCOUNTS).map((a) => [a.sub, a]));

const SCOPES = 'openid profile email organisatie';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

function configuration() {
  const jwks = JSON.parse(readFileSync(env('OIDC_TEST_JWKS'), 'utf8'));
  return {
    clients: [{
      client_id: env('OIDC_TEST_CLIENT_ID'),
      client_secret: env('OIDC_TEST_CLIENT_SECRET'),
      redirect_uris: env('OIDC_TEST_REDIRECT_URIS').split(','),
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    }],
    jwks,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    acrValues: Object.values(LOA),
    scopes: SCOPES.split(' '),
    claims: {
      acr: null,
      auth_time: null,
      sid: null,
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      email: ['email', 'email_verified'],
      organisatie: ['organisatie'],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // the platform is a first-party client: the grant is given without a consent page
    async loadExistingGrant(ctx) {
      const { client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
    async findAccount(ctx, sub) {
      const account = BY_SUBJECT[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
    },
  };
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, error = '') {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main>
<h1>Test identity provider</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
  <label for="login">Login name</label> <input id="login" name="login" autocomplete="username" required>
  <label for="password">Password</label> <input id="password" name="password" type="password" required>
  <button type="submit">Sign in</button>
</form>
</main></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function html(res, status, body) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

// The login interaction: the account's password; the level of assurance is the account's own
// (a real provider would ask for a second factor before it asserts "substantial").
async function interaction(provider, req, res) {
  const { uid, prompt } = await provider.interactionDetails(req, res);
  if (prompt.name !== 'login') return html(res, 501, `prompt ${escape(prompt.name)} not implemented`);
  if (req.method === 'GET') return html(res, 200, loginPage(uid));
  const form = await readForm(req);
  const account = ACCOUNTS[form.get('login')];
  if (!account || account.password !== form.get('password')) {
    return html(res, 200, loginPage(uid, 'Unknown login name or wrong password.'));
  }
  return provider.interactionFinished(req, res, {
    login: { accountId: account.sub, acr: account.acr, amr: account.amr, remember: false },
  }, { mergeWithLastSubmission: false });
}

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration());
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (req.url.startsWith('/interaction/')) {
      interaction(provider, req, res).catch((err) => html(res, 400, escape(err.message)));
    } else {
      handle(req, res);
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
