/**
 * Production sign-in: the identity provider the page signs in through (OpenID Connect, authorization code with
 * PKCE). All of it is public: the console is a public client and holds no client secret, so GET /console/config
 * gives it to the page as it is. The server reads it (CONSOLE_OIDC_*) and the page uses it, by this one shape.
 */
export interface OidcSettings {
  /** The provider's issuer identifier, exactly as its tokens' `iss`; discovery at <issuer>/.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  /** Space-separated, always with `openid`. */
  scopes: string;
  /** The resource indicator (RFC 8707) the access token is asked for, when the provider picks the audience by it. */
  resource: string | null;
  /** Shown on the button: "Sign in with <name>". */
  name: string;
}
