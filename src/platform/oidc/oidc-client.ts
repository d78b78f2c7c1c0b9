// OpenID Connect sign-in: a small adapter around openid-client v6 (authorization code flow with
// PKCE, state and nonce). The adapter knows nothing about accounts or sessions: it builds the
// redirect to the identity provider and turns the callback into verified claims. Mapping the
// claims to an account is the users module's job.
import * as client from "openid-client";

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Absolute URL of our callback route, registered at the identity provider. */
  redirectUri: string;
  /**
   * Allow plain http to the issuer. Only for a local test/development provider on
   * 127.0.0.1/localhost outside production — see allowInsecureIssuer().
   */
  allowInsecureRequests: boolean;
  /** Scopes to request; `openid email profile` by default. */
  scope?: string;
};

/** What the browser must remember between start and callback (kept in a signed cookie). */
export type OidcFlowState = { state: string; nonce: string; verifier: string };

export type OidcClaims = { issuer: string; subject: string; email: string | null; emailVerified: boolean | null; name: string | null };

export type OidcCompleteOutcome =
  | { kind: "ok"; claims: OidcClaims }
  /** The identity provider answered with an error (e.g. the person cancelled). */
  | { kind: "providerError"; error: string; description: string | null }
  /** The response failed validation (state, nonce, PKCE, signature, issuer …). */
  | { kind: "invalid"; reason: string };

export type OidcAdapter = {
  readonly issuer: string;
  /** Build the authorization URL and the flow state to remember. */
  begin(): Promise<{ url: string; flow: OidcFlowState }>;
  /** Validate the callback (its full URL) against the remembered flow state. */
  complete(callbackUrl: URL, flow: OidcFlowState): Promise<OidcCompleteOutcome>;
};

export class OidcUnavailableError extends Error {}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * Plain-http issuers are accepted only for a provider on this machine and never in production
 * (openid-client refuses http otherwise, rightly).
 */
export function allowInsecureIssuer(issuer: string, nodeEnv: string): boolean {
  if (nodeEnv === "production") return false;
  let u: URL;
  try {
    u = new URL(issuer);
  } catch {
    return false;
  }
  return u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname);
}

export function createOidcAdapter(settings: OidcSettings): OidcAdapter {
  let configuration: Promise<client.Configuration> | null = null;

  function discover(): Promise<client.Configuration> {
    configuration ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        execute: settings.allowInsecureRequests ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        configuration = null; // try again on the next sign-in
        throw new OidcUnavailableError(err instanceof Error ? err.message : String(err));
      });
    return configuration;
  }

  return {
    issuer: settings.issuer,

    async begin() {
      const config = await discover();
      const flow: OidcFlowState = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope ?? "openid email profile",
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: "S256",
        state: flow.state,
        nonce: flow.nonce,
      });
      return { url: url.href, flow };
    },

    async complete(callbackUrl, flow) {
      const error = callbackUrl.searchParams.get("error");
      if (error) return { kind: "providerError", error, description: callbackUrl.searchParams.get("error_description") };
      const config = await discover();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        return { kind: "invalid", reason: err instanceof Error ? err.message : String(err) };
      }
      const idToken = tokens.claims();
      if (!idToken) return { kind: "invalid", reason: "no ID token" };
      let email = typeof idToken.email === "string" ? idToken.email : null;
      let emailVerified = typeof idToken.email_verified === "boolean" ? idToken.email_verified : null;
      let name = typeof idToken.name === "string" ? idToken.name : null;
      if (!email && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
        try {
          const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
          email = typeof info.email === "string" ? info.email : null;
          emailVerified = typeof info.email_verified === "boolean" ? info.email_verified : emailVerified;
          name ??= typeof info.name === "string" ? info.name : null;
        } catch (err) {
          return { kind: "invalid", reason: err instanceof Error ? err.message : String(err) };
        }
      }
      return { kind: "ok", claims: { issuer: idToken.iss, subject: idToken.sub, email, emailVerified, name } };
    },
  };
}
