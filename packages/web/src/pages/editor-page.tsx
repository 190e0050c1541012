export function EditorPage() {
  return <p className="empty">Coming next.</p>;
}
