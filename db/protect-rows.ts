/**
 * The database's own guard for records that must never be rewritten or erased: SQL for
 * BEFORE INSERT, UPDATE and DELETE triggers on `table`.
 *
 * UPDATE and DELETE triggers alone are not enough: `INSERT OR REPLACE`, `REPLACE` and an
 * UPSERT reach an existing row through an INSERT, and REPLACE deletes the old row without
 * firing DELETE triggers. So the INSERT trigger looks for an existing protected row with
 * the same key and refuses before any conflict handling starts.
 *
 * `protectedWhen` is a condition on the existing row (named `existing` in the INSERT
 * trigger and `OLD` in the others, so write it with the placeholder `$row`); leave it out
 * to protect every row.
 */
export function protectedRowTriggers(
  table: string,
  options: { readonly key?: string; readonly protectedWhen?: string; readonly noun: string }
): string {
  const key = options.key ?? 'id'
  const when = (row: string) => (options.protectedWhen ? options.protectedWhen.replaceAll('$row', row) : '1')
  return `
    CREATE TRIGGER ${table}_refuse_overwrite BEFORE INSERT ON ${table}
      WHEN EXISTS (SELECT 1 FROM ${table} AS existing WHERE existing.${key} = NEW.${key} AND ${when('existing')})
      BEGIN SELECT RAISE(ABORT, '${options.noun} cannot be replaced'); END;
    CREATE TRIGGER ${table}_refuse_update BEFORE UPDATE ON ${table}
      WHEN ${when('OLD')}
      BEGIN SELECT RAISE(ABORT, '${options.noun} cannot be changed'); END;
    CREATE TRIGGER ${table}_refuse_delete BEFORE DELETE ON ${table}
      WHEN ${when('OLD')}
      BEGIN SELECT RAISE(ABORT, '${options.noun} cannot be deleted'); END;
  `
}
