interface Folder {
  path: string;
  label: string;
  count: number;
  children: Folder[];
}

/** The folders of a set of slash names: `support/x`, `support/a/y` → support (2) › a (1). */
export function buildFolders(names: readonly string[]): Folder[] {
  const root: Folder = { path: '', label: '', count: 0, children: [] };
  for (const name of names) {
    const parts = name.split('/').slice(0, -1);
    let folder = root;
    for (const [index, part] of parts.entries()) {
      const path = `${parts.slice(0, index + 1).join('/')}/`;
      let child = folder.children.find((candidate) => candidate.path === path);
      if (!child) {
        child = { path, label: part, count: 0, children: [] };
        folder.children.push(child);
        folder.children.sort((left, right) => left.label.localeCompare(right.label));
      }
      child.count += 1;
      folder = child;
    }
  }
  return root.children;
}

/** The folder tree beside the catalog: choosing a folder filters the list to names under it. */
export function FolderTree({
  names,
  selected,
  onSelect,
}: {
  names: readonly string[];
  selected: string;
  onSelect(prefix: string): void;
}) {
  const render = (folders: Folder[]) => (
    <ul>
      {folders.map((folder) => (
        <li key={folder.path}>
          <button
            type="button"
            className={folder.path === selected ? 'tree-item selected' : 'tree-item'}
            aria-current={folder.path === selected ? 'true' : undefined}
            onClick={() => onSelect(folder.path === selected ? '' : folder.path)}
          >
            {folder.label}/ <span className="muted">{folder.count}</span>
          </button>
          {folder.children.length > 0 && render(folder.children)}
        </li>
      ))}
    </ul>
  );
  return (
    <nav className="tree" aria-label="Folders">
      <button
        type="button"
        className={selected === '' ? 'tree-item selected' : 'tree-item'}
        onClick={() => onSelect('')}
      >
        All <span className="muted">{names.length}</span>
      </button>
      {render(buildFolders(names))}
    </nav>
  );
}
