export function AuditPage() {
  return <p className="empty">Coming next.</p>;
}
