-- When each exam's candidate data was last imported (docs/design.md: Privacy, Retention): the default retention
-- counts from the later of this and the review window's end. A column beside the exam's document (`doc` holds the
-- exam as imported). Exams that hold candidate data already (groups or sittings) count as imported now, at this
-- migration — the upgrade — so that the first start of the new build purges nothing that the new rule would keep;
-- exams without candidate data get their time with their first import of it.
ALTER TABLE content_exams ADD COLUMN data_imported_at timestamptz;
UPDATE content_exams e SET data_imported_at = now()
WHERE EXISTS (SELECT 1 FROM content_groups g WHERE g.doc->>'examId' = e.id)
   OR EXISTS (SELECT 1 FROM content_sittings s WHERE s.summary->>'examId' = e.id);
