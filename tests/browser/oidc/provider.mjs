// A certified OpenID provider (node-oidc-provider) for the browser tests, on 127.0.0.1.
//
//   node provider.mjs PORT REDIRECT_URI CLIENT_ID CLIENT_SECRET
//
// One confidential client whose only redirect URI is the app's callback; PKCE (S256) is
// required. The development interactions sign in any login name: a name containing "@" is the
// account's e-mail, verified, unless it starts with "unverified." (then the rest is the e-mail
// and email_verified is false). The process prints "ready" once it listens.
import Provider from "oidc-provider";

const [port, redirectUri, clientId, clientSecret] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

function claimsOf(login) {
  const unverified = login.startsWith("unverified.");
  const email = unverified ? login.slice("unverified.".length) : login;
  return { sub: login, email, email_verified: !unverified };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ["sub"], email: ["email", "email_verified"] },
  conformIdTokenClaims: false, // the scope's claims in the ID token too, not only in userinfo
  cookies: { keys: ["browser-test-provider-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return { accountId: id, claims: async () => claimsOf(id) };
  },
});
provider.proxy = false;

const server = provider.listen(Number(port), "127.0.0.1", () => console.log("ready"));
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
