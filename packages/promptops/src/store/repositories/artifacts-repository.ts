import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type ArtifactRow, artifacts, artifactVersions, type NewArtifactRow } from '../schema/index.ts';

export interface ArtifactFilter {
  kind?: string;
  /** Folder prefix: `support/` lists everything under support. */
  prefix?: string;
  tag?: string;
  owner?: string;
  risk?: string;
  status?: string;
  /** Case-insensitive text search over name, description and the latest content. */
  text?: string;
  limit?: number;
  offset?: number;
}

function selectArtifact(executor: Executor, kind: string, name: string) {
  return executor
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.kind, kind), eq(artifacts.name, name)));
}

export async function findArtifact(
  executor: Executor,
  kind: string,
  name: string,
): Promise<ArtifactRow | undefined> {
  return (await selectArtifact(executor, kind, name))[0];
}

/** Reads the row and locks it until the transaction ends: the parent check and the insert are atomic. */
export async function lockArtifact(
  executor: Executor,
  kind: string,
  name: string,
): Promise<ArtifactRow | undefined> {
  return (await selectArtifact(executor, kind, name).for('update'))[0];
}

export async function insertArtifact(executor: Executor, row: NewArtifactRow): Promise<ArtifactRow> {
  const rows = await executor.insert(artifacts).values(row).returning();
  return rows[0]!;
}

export type ArtifactChanges = Partial<
  Pick<
    ArtifactRow,
    | 'description'
    | 'owner'
    | 'risk'
    | 'task'
    | 'classification'
    | 'tags'
    | 'status'
    | 'headVersion'
    | 'updatedAt'
    | 'retiredAt'
  >
>;

export async function updateArtifact(
  executor: Executor,
  id: number,
  changes: ArtifactChanges,
): Promise<ArtifactRow> {
  const rows = await executor.update(artifacts).set(changes).where(eq(artifacts.id, id)).returning();
  return rows[0]!;
}

export async function listArtifacts(executor: Executor, filter: ArtifactFilter = {}): Promise<ArtifactRow[]> {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(artifacts.kind, filter.kind));
  if (filter.prefix) conditions.push(sql`starts_with(${artifacts.name}, ${filter.prefix})`);
  if (filter.tag) conditions.push(sql`${filter.tag} = any(${artifacts.tags})`);
  if (filter.owner) conditions.push(eq(artifacts.owner, filter.owner));
  if (filter.risk) conditions.push(eq(artifacts.risk, filter.risk));
  if (filter.status) conditions.push(eq(artifacts.status, filter.status));
  if (filter.text) {
    const pattern = `%${escapeLike(filter.text)}%`;
    // Only the values an author wrote, never key names or JSON escapes: `role` must not match every prompt.
    const inHeadContent = sql`exists (select 1 from ${artifactVersions} v,
      jsonb_path_query(v.content, 'strict $.**') as value
      where v.artifact_id = ${artifacts.id} and v.version = ${artifacts.headVersion}
      and jsonb_typeof(value) not in ('object', 'array') and value #>> '{}' ilike ${pattern})`;
    conditions.push(
      or(ilike(artifacts.name, pattern), ilike(artifacts.description, pattern), inHeadContent)!,
    );
  }
  return (
    executor
      .select()
      .from(artifacts)
      .where(and(...conditions))
      // Byte order, so PGlite and a Postgres with an en_US collation list names the same way.
      .orderBy(sql`${artifacts.kind} collate "C"`, sql`${artifacts.name} collate "C"`)
      .limit(filter.limit ?? 1000)
      .offset(filter.offset ?? 0)
  );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export async function findArtifactById(executor: Executor, id: number): Promise<ArtifactRow | undefined> {
  const rows = await executor.select().from(artifacts).where(eq(artifacts.id, id));
  return rows[0];
}
