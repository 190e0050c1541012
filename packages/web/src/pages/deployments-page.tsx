export function DeploymentsPage() {
  return <p className="empty">Coming next.</p>;
}
