// A real OpenID Connect provider (the `oidc-provider` package) for the e2e tests, on a loopback port.
// Interactions finish at once: the account set by POST /test/next-account signs in and consents.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const client = JSON.parse(process.env.OIDC_CLIENT);
const accounts = new Map();
let nextAccount = null;

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{ ...client, token_endpoint_auth_method: 'client_secret_post' }],
  cookies: { keys: ['e2e-cookie-signing-key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  findAccount: (_ctx, id) =>
    accounts.has(id) ? { accountId: id, claims: () => ({ sub: id, ...accounts.get(id) }) } : undefined,
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

provider.use(async (ctx, next) => {
  if (ctx.path === '/test/next-account' && ctx.method === 'POST') {
    const { id, claims } = await readJson(ctx.req);
    accounts.set(id, claims);
    nextAccount = id;
    ctx.status = 204;
    return;
  }
  if (/^\/interaction\/[^/]+$/.test(ctx.path) && ctx.method === 'GET') {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    ctx.respond = false;
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: nextAccount } }, {
        mergeWithLastSubmission: false,
      });
      return;
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope('openid email profile');
    await provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId: await grant.save() } }, {
      mergeWithLastSubmission: true,
    });
    return;
  }
  await next();
});

provider.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
