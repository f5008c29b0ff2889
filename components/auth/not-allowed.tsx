/** What a page shows instead of a form the signed-in user may not submit (the server would answer 403). */
export function NotAllowed({ children }: { children: React.ReactNode }) {
  return (
    <div className="banner warning" role="alert" data-testid="not-allowed">
      {children}
    </div>
  );
}
