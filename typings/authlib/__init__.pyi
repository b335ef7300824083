# Local stubs: only the parts of Authlib the OpenID Connect sign-in uses (app/auth/oidc*.py).
