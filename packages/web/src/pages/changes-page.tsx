export function ChangesPage() {
  return <p className="empty">Coming next.</p>;
}
