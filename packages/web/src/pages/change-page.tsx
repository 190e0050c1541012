export function ChangePage() {
  return <p className="empty">Coming next.</p>;
}
