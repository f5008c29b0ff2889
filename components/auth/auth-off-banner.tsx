/** Shown on every page with AUTH_MODE=none, so nobody mistakes an open instance for a protected one. */
export function AuthOffBanner() {
  return (
    <div className="banner danger" role="alert" data-testid="auth-off-banner">
      Sign-in is off (AUTH_MODE=none): anyone who reaches this port is an admin.
    </div>
  );
}
