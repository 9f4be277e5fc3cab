-- Grows a seeded database tenfold with SQL alone (npm run seed at 1,000,000 consults takes
-- hours on a shared 2-core machine): nine copies of every patient, consult, amendment, search
-- entry and filter tag, each copy n seconds later than its original, under new UUIDs (the
-- first byte replaced by n). Every copy keeps its original's distributions; signed copies
-- keep the original's hash, so opening one reports a hash mismatch (same work as a match).
-- Run in one transaction on a closed database seeded by `npm run seed` (docs/benchmarks.md says how).
CREATE TEMP TABLE copies (n INTEGER PRIMARY KEY);
INSERT INTO copies (n) VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9);
CREATE TEMP TABLE originals AS SELECT max(rowid) AS last FROM consults;
CREATE TEMP TABLE hex AS SELECT '0123456789abcdef' AS digits;

INSERT INTO patients (id, full_name, date_of_birth, phone, email, fitzpatrick, created_at, updated_at)
  SELECT substr(h.digits, (instr(h.digits, substr(id, 1, 1)) - 1 + n) % 16 + 1, 1) || substr(id, 2), full_name, date_of_birth, phone, email, fitzpatrick, created_at, updated_at
  FROM patients, copies, hex h;

INSERT INTO consults (rowid, id, patient_id, status, practitioner, consulted_at, areas, no_areas_note, screening, plan,
    notes, guide_shown, flag_count, created_at, updated_at, signed_at, signed_by, content_hash, signature,
    signing_key_id, do_not_treat_count, override_reason)
  SELECT c.rowid + n * o.last, substr(h.digits, (instr(h.digits, substr(id, 1, 1)) - 1 + n) % 16 + 1, 1) || substr(id, 2), substr(h.digits, (instr(h.digits, substr(patient_id, 1, 1)) - 1 + n) % 16 + 1, 1) || substr(patient_id, 2), status,
    practitioner, strftime('%Y-%m-%dT%H:%M:%fZ', consulted_at, '+' || n || ' seconds'), areas, no_areas_note, screening,
    plan, notes, guide_shown, flag_count, created_at, updated_at, signed_at, signed_by, content_hash, signature,
    signing_key_id, do_not_treat_count, override_reason
  FROM consults c, copies, originals o, hex h WHERE c.rowid <= o.last;

INSERT INTO amendments (id, consult_id, author, text, created_at)
  SELECT substr(h.digits, (instr(h.digits, substr(id, 1, 1)) - 1 + n) % 16 + 1, 1) || substr(id, 2), substr(h.digits, (instr(h.digits, substr(consult_id, 1, 1)) - 1 + n) % 16 + 1, 1) || substr(consult_id, 2), author, text, created_at
  FROM amendments, copies, hex h;

INSERT INTO consult_tags (kind, value, consulted_at, status, flag_count, consult_rowid, concerns)
  SELECT kind, value, strftime('%Y-%m-%dT%H:%M:%fZ', consulted_at, '+' || n || ' seconds'), status, flag_count,
    consult_rowid + n * o.last, concerns
  FROM consult_tags, copies, originals o WHERE consult_rowid <= o.last;

INSERT INTO consult_consent_state (consult_rowid, missing)
  SELECT consult_rowid + n * o.last, missing
  FROM consult_consent_state, copies, originals o WHERE consult_rowid <= o.last;

INSERT INTO consult_search_keys (consult_rowid, search_rowid)
  SELECT consult_rowid + n * o.last, search_rowid + n * 1000 * 1024
  FROM consult_search_keys, copies, originals o WHERE consult_rowid <= o.last;

INSERT INTO consult_search (rowid, patient_name, concerns, notes, amendments, consult_rowid, consulted_at, status, flag_count)
  SELECT s.rowid + n * 1000 * 1024, patient_name, concerns, notes, amendments, consult_rowid + n * o.last,
    strftime('%Y-%m-%dT%H:%M:%fZ', consulted_at, '+' || n || ' seconds'), status, flag_count
  FROM consult_search s, copies, originals o WHERE consult_rowid <= o.last
  ORDER BY s.rowid + n * 1000 * 1024;
