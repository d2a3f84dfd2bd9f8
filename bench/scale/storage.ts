// Bytes per stored event: the events table with its indexes and TOAST, summed over its partitions
// when it is partitioned (pg_partition_tree lists nothing for a plain table, so the table itself is added), divided
// by the rows; and each index on its own (a partitioned index summed over its partitions' indexes).
import type { SqlSession } from "@/lib/db/sql.ts";

export interface StorageResult {
  rows: number;
  totalBytes: number;
  heapBytes: number;
  toastBytes: number;
  indexBytes: number;
  bytesPerEvent: number;
  indexes: { name: string; bytes: number; bytesPerEvent: number }[];
}

export async function eventStorage(sql: SqlSession, table = "Event"): Promise<StorageResult> {
  const relation = `'"${table}"'::regclass`;
  const [sizes] = await sql.query<{ total: string; heap: string; indexes: string; rows: string }>(`
    SELECT coalesce(sum(pg_total_relation_size(relid)), 0)::text AS total,
      coalesce(sum(pg_relation_size(relid)), 0)::text AS heap,
      coalesce(sum(pg_indexes_size(relid)), 0)::text AS indexes,
      (SELECT count(*) FROM "${table}")::text AS rows
    FROM (SELECT relid FROM pg_partition_tree(${relation}) UNION SELECT ${relation}) AS t`);
  const indexes = await sql.query<{ name: string; bytes: string }>(`
    SELECT c.relname AS name, (SELECT coalesce(sum(pg_relation_size(relid)), 0)
      FROM (SELECT relid FROM pg_partition_tree(i.indexrelid) UNION SELECT i.indexrelid) AS t)::text AS bytes
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = ${relation} ORDER BY 2 DESC`);
  const rows = Number(sizes!.rows);
  const total = Number(sizes!.total);
  const heap = Number(sizes!.heap);
  const index = Number(sizes!.indexes);
  const per = (bytes: number) => (rows ? Math.round(bytes / rows) : 0);
  return {
    rows,
    totalBytes: total,
    heapBytes: heap,
    toastBytes: total - heap - index,
    indexBytes: index,
    bytesPerEvent: per(total),
    indexes: indexes
      .map((i) => ({ name: i.name, bytes: Number(i.bytes), bytesPerEvent: per(Number(i.bytes)) }))
      .sort((a, b) => b.bytes - a.bytes),
  };
}
